/**
 * An amount typed the way people say it → whole euros, or null when it is not a positive amount.
 * "27", "27.5", "27,5", "27,5 mln", "27M", "€27.5m", "500K", "27 milioni", "27.500.000", "27500000".
 * A bare number below 10,000 is millions (nobody bids €27); a larger one is euros as typed. With one
 * separator and no grouping ("27.5", "27,5") it is the decimal point; repeated or mixed separators
 * group thousands ("27.500.000", "1,250,000.50").
 */
export function parseMoney(text: string): number | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/€|\beur(os?)?\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^([0-9][0-9.,' ]*?)\s*(m|mln|mio|mil|million[is]?|milioni|millones|millions|k|mila|thousand)?$/.exec(t);
  if (!match) return null;
  const value = numberOf(match[1]!.replace(/[' ]/g, ''));
  if (value === null || value <= 0) return null;
  const unit = match[2];
  const factor = unit === undefined ? (value < 10_000 ? 1_000_000 : 1) : /^(k|mila|thousand)$/.test(unit) ? 1_000 : 1_000_000;
  const euros = Math.round(value * factor);
  return Number.isSafeInteger(euros) && euros > 0 ? euros : null;
}

function numberOf(digits: string): number | null {
  const dots = (digits.match(/\./g) ?? []).length;
  const commas = (digits.match(/,/g) ?? []).length;
  let normal: string;
  if (dots > 0 && commas > 0) {
    // The later separator is the decimal point: "1.250.000,50" or "1,250,000.50".
    const decimal = digits.lastIndexOf('.') > digits.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    normal = digits.split(group).join('').replace(decimal, '.');
    if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  } else if (dots + commas > 1) {
    // Repeated separators group thousands, in groups of three.
    const sep = dots > 1 ? '.' : ',';
    if (!new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`).test(digits)) return null;
    normal = digits.split(sep).join('');
  } else {
    normal = digits.replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  }
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}
