import { useEffect, useState } from 'preact/hooks';
import type { PriceHistory, PricePoint } from '@fantamercato/contract';
import { api } from '../api.js';
import { eur, eurShort, reportDate } from '../format.js';
import { CHART_BOX, chartGeometry } from '../price-chart.js';

type Priced = PricePoint & { priceEur: number };

/** Where a source lives, for a label: "www.si.com" rather than the whole url. */
export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function sourceName(point: PricePoint): string {
  const source = point.report?.source;
  if (!source) return 'its article is no longer stored';
  if (source.origin === 'starter') return source.title ?? (source.url ? host(source.url) : 'starter data shipped with the game');
  return source.title ?? (source.url ? host(source.url) : 'an article stored without a link');
}

/** "€25,000,000 on 4 Dec 2026 — Kalulu, il Real Madrid ci pensa (16 May 2022)": what a dot says to a screen reader and on hover. */
export function pointLabel(point: Priced): string {
  const published = point.report ? reportDate(point.report.publishedAt) : null;
  const when = reportDate(point.at);
  // An old article stored today moved the price today: its own date follows its title.
  return `${eur(point.priceEur)} on ${when} — ${sourceName(point)}${published && published !== when ? ` (${published})` : ''}`;
}

/**
 * The player's price over time as a small step chart (inline SVG: no chart library, no inline
 * styles, so the page's CSP holds): each price a dot that links to the report's source. One price
 * is a dot and a sentence; none, a sentence.
 */
export function PriceChart({ id }: { id: string }) {
  const [history, setHistory] = useState<PriceHistory | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setHistory(null);
    setFailed(false);
    void api<PriceHistory>('GET', `/players/${id}/prices`).then(setHistory, () => setFailed(true));
  }, [id]);
  if (failed) return <p class="muted">Could not load the price history — try again.</p>;
  if (!history) return null;
  const points = history.items.filter((p): p is Priced => p.priceEur !== null);
  if (points.length === 0) {
    return (
      <p class="muted" data-testid="price-chart-empty">
        No price from the reports yet.
      </p>
    );
  }
  const { dots, line, max, min } = chartGeometry(points, Date.now());
  const first = points[0]!;
  const last = points.at(-1)!;
  const box = CHART_BOX;
  const summary =
    points.length === 1
      ? `${eur(last.priceEur)} since ${reportDate(last.at)}, from ${sourceName(last)}.`
      : `${eur(first.priceEur)} on ${reportDate(first.at)} → ${eur(last.priceEur)} now, ${points.length} prices${history.truncated ? ' (the latest)' : ''}.`;
  return (
    <figure class="price-chart" data-testid="price-chart">
      <svg
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="group"
        aria-label={`Price history: ${points.length} ${points.length === 1 ? 'price' : 'prices'}`}
      >
        {max !== min && (
          <>
            <text class="axis" x={box.left - 6} y={box.top + 4} text-anchor="end">
              {eurShort(max)}
            </text>
            <text class="axis" x={box.left - 6} y={box.bottom + 4} text-anchor="end">
              {eurShort(min)}
            </text>
          </>
        )}
        {max === min && (
          <text class="axis" x={box.left - 6} y={dots[0]!.y + 4} text-anchor="end">
            {eurShort(max)}
          </text>
        )}
        <line class="baseline" x1={box.left} y1={box.bottom + 8} x2={box.right} y2={box.bottom + 8} />
        <text class="axis" x={box.left} y={box.height - 4} text-anchor="start">
          {reportDate(first.at)}
        </text>
        {points.length > 1 && (
          <text class="axis" x={box.right} y={box.height - 4} text-anchor="end">
            now
          </text>
        )}
        {line && <path class="step" d={line} />}
        {dots.map(({ x, y, point }, i) => {
          const label = pointLabel(point);
          const url = point.report?.source.url;
          const dot = (
            <>
              <title>{label}</title>
              <circle class="hit" cx={x} cy={y} r={12} />
              <circle class="dot" cx={x} cy={y} r={5} />
            </>
          );
          return url ? (
            <a key={i} href={url} target="_blank" rel="noopener noreferrer nofollow" aria-label={label} data-testid="price-point">
              {dot}
            </a>
          ) : (
            <g key={i} role="img" aria-label={label} data-testid="price-point">
              {dot}
            </g>
          );
        })}
      </svg>
      <figcaption class="muted">{summary}</figcaption>
    </figure>
  );
}
