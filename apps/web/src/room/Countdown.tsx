import { useTick } from './useTick.js';
import { serverNow } from '../clock.js';
import { countdown } from '../format.js';

/** Time left by the server's clock (see clock.ts), redrawn four times a second. */
export function Countdown({ endsAt, closed, paused = false }: { endsAt: string; closed: boolean; paused?: boolean }) {
  useTick(250, !closed && !paused);
  const left = Date.parse(endsAt) - serverNow();
  const text = closed ? 'closed' : paused ? 'paused' : left <= 0 ? 'closing…' : countdown(left);
  return (
    <div
      class={`countdown num ${!closed && left < 10_000 ? 'urgent' : ''}`}
      data-testid="countdown"
      data-ms={closed ? 0 : Math.max(0, Math.round(left))}
    >
      <span class="label">Time left</span>
      <span class="value" role="timer" aria-live="off">
        {text}
      </span>
    </div>
  );
}
