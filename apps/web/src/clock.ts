/**
 * The server's clock as seen from this phone. Each message carrying `serverTime` gives one
 * sample of (server − local) that is early by the message's travel time, so the largest recent
 * sample is the best estimate. Countdowns use serverNow(), never the phone's clock alone.
 */
const samples: number[] = [];
const KEEP = 12;

export function noteServerTime(iso: string | undefined): void {
  if (!iso) return;
  const server = Date.parse(iso);
  if (Number.isNaN(server)) return;
  samples.push(server - Date.now());
  if (samples.length > KEEP) samples.shift();
}

export function clockOffset(): number {
  return samples.length ? Math.max(...samples) : 0;
}

export function serverNow(): number {
  return Date.now() + clockOffset();
}
