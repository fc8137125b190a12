import { useEffect, useState } from 'preact/hooks';

/** Redraws the component every `ms` while `active` (countdowns read the server's clock on each draw). */
export function useTick(ms: number, active = true): void {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => tick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}
