const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** €25,000,000 — the full amount, for balances and the current bid. */
export function eur(amount: number): string {
  return euros.format(amount);
}

/** €25M, €25.5M, €750K — for buttons and tight rows. */
export function eurShort(amount: number): string {
  if (Math.abs(amount) >= 1_000_000) return `€${trim(amount / 1_000_000)}M`;
  if (Math.abs(amount) >= 1_000) return `€${trim(amount / 1_000)}K`;
  return eur(amount);
}

function trim(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, '');
}

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/**
 * A report's date in the reader's own locale ("16 May 2022", "May 16, 2022", "16/05/2022" …),
 * read as the calendar day it was stored for (UTC), so no time zone moves it to the day before.
 */
export function reportDate(iso: string, locale?: string): string {
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export const POSITIONS = ['GK', 'DEF', 'MID', 'FWD'] as const;
export const POSITION_NAMES: Record<string, string> = { GK: 'goalkeeper', DEF: 'defender', MID: 'midfielder', FWD: 'forward' };

/** A fee report's kind in words. */
export const KIND_WORDS: Readonly<Record<string, string>> = {
  asking: 'asking price',
  offer: 'offer',
  agreed: 'agreed fee',
  release_clause: 'release clause',
  loan: 'loan fee',
  valuation: 'valuation',
};
