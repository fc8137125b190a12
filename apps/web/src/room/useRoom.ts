import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { LeagueDetail } from '@fantamercato/contract';
import type { Auction, BidOffer, Draft } from '@fantamercato/contract';
import { api, ApiError, tapKey } from '../api.js';
import { noteServerTime } from '../clock.js';
import { explain } from '../errors.js';
import { getSession } from '../session.js';
import { type BidAck, LeagueLive } from './live.js';
import { initialRoom, roomReducer } from './state.js';

/** How many past events the feed starts with (replayed by league.join itself). */
const FEED_BACKLOG = 30;

/**
 * Everything the auction room shows: the league (managers, budgets, rosters), its auctions and
 * the live feed. The HTTP reads give the starting picture; the socket's events keep it current.
 * Other managers' budgets are re-read (debounced) after bids and closes, since only one's own
 * budget is pushed.
 */
export function useRoom(leagueId: string) {
  const [state, dispatch] = useReducer(roomReducer, { ...initialRoom, me: getSession()?.user.id ?? null });
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  const live = useRef<LeagueLive | null>(null);
  // Bumped to load the league again: after a stranger joins it from this very page.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const session = getSession();
    if (!session) return;
    setError(null);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        api<LeagueDetail>('GET', `/leagues/${leagueId}`).then(
          (league) => !stopped && dispatch({ type: 'league', league }),
          () => undefined,
        );
      }, 250);
    };
    (async () => {
      const league = await api<LeagueDetail>('GET', `/leagues/${leagueId}`);
      const { items } = await api<{ items: Auction[] }>('GET', `/leagues/${leagueId}/auctions?status=open`);
      // A turns league's draft, as it is now (404: none yet); its events keep it current from here.
      const draft =
        league.market.mode === 'turns'
          ? await api<Draft>('GET', `/leagues/${leagueId}/draft`).catch((e: unknown) => {
              if (e instanceof ApiError && e.code === 'DRAFT_NOT_FOUND') return null;
              throw e;
            })
          : null;
      if (stopped) return;
      for (const auction of items) noteServerTime(auction.serverTime);
      if (draft) noteServerTime(draft.serverTime);
      dispatch({ type: 'league', league });
      dispatch({ type: 'draft', draft });
      dispatch({ type: 'auctions', auctions: items });
      live.current = new LeagueLive(leagueId, Math.max(0, league.lastSeq - FEED_BACKLOG), {
        event: (event) => {
          dispatch({ type: 'event', event });
          // Removed by the commissioner: the league is no longer his to see.
          if (event.type === 'member.removed' && event.data.userId === session.user.id) {
            setError({ code: 'LEAGUE_NOT_FOUND', text: 'The commissioner removed you from this league.' });
            live.current?.close();
            return;
          }
          if (event.type !== 'auction.opened') refresh();
        },
        outbid: (message) => dispatch({ type: 'outbid', message }),
        budget: (message) => dispatch({ type: 'budget', userId: session.user.id, budget: message.budget, available: message.available }),
        presence: (userIds) => dispatch({ type: 'presence', userIds }),
        connection: (connection) => dispatch({ type: 'connection', connection }),
      });
    })().catch((e: unknown) => {
      if (stopped) return;
      setError(e instanceof ApiError ? { code: e.code, text: explain(e.body) } : { code: 'UNKNOWN', text: 'Could not load this league.' });
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      live.current?.close();
      live.current = null;
    };
  }, [leagueId, attempt]);

  async function bid(auctionId: string, offer: BidOffer): Promise<BidAck> {
    if (!live.current) return { ok: false, error: { code: 'OFFLINE', message: 'Still connecting — try again in a moment.' } };
    // One key per tap: a retry of this tap (a timeout, say) could never place a second bid.
    const ack = await live.current.placeBid(auctionId, offer, tapKey());
    if (ack.ok) dispatch({ type: 'auction', auction: ack.auction });
    return ack;
  }

  async function open(playerId: string): Promise<string> {
    try {
      const auction = await api<Auction>('POST', `/leagues/${leagueId}/auctions`, { playerId });
      noteServerTime(auction.serverTime);
      dispatch({ type: 'auction', auction });
      dispatch({ type: 'select', id: auction.id });
      return '';
    } catch (e) {
      return e instanceof ApiError ? explain(e.body) : 'Could not open the auction.';
    }
  }

  return { state, dispatch, error, bid, open, reload: () => setAttempt((n) => n + 1) };
}
