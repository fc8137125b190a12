import type { ErrorAnswer } from './api.js';
import { eur, POSITION_NAMES } from './format.js';

function seconds(value: unknown): string {
  const n = typeof value === 'number' && value > 0 ? Math.ceil(value) : 1;
  if (n < 90) return n === 1 ? 'a second' : `${n} seconds`;
  if (n < 5400) return `${Math.round(n / 60)} minutes`;
  return `${Math.round(n / 3600)} hours`;
}

/**
 * Every error code of the contract (and the client's own) in plain words for someone bidding from
 * a phone. The switch is exhaustive: a code added to the contract does not compile until it is here.
 */
export function explain(error: ErrorAnswer): string {
  const code = error.code;
  switch (code) {
    case 'BID_TOO_LOW':
      return typeof error.minBid === 'number' ? `Too low: the lowest bid now is ${eur(error.minBid)}.` : 'That bid is too low.';
    case 'INSUFFICIENT_BUDGET':
      return typeof error.available === 'number'
        ? `Not enough budget: the most you can bid now is ${eur(error.available)} (your leading bids and the empty places in your squad count).`
        : 'Not enough budget for that bid.';
    case 'POSITION_FULL':
      return `Your squad has no room for another ${POSITION_NAMES[String(error.position)] ?? 'player in that position'} (auctions you lead count).`;
    case 'ROSTER_FULL':
      return 'Your squad is full (auctions you lead count).';
    case 'ALREADY_LEADING':
      return 'You are already the highest bidder.';
    case 'AUCTION_CLOSED':
      return 'Too late — this auction has closed.';
    case 'AUCTION_NOT_FOUND':
      return 'That auction is not in any of your leagues.';
    case 'AUCTION_PAUSED':
      return 'The draft is paused — bids wait until the commissioner resumes it.';
    case 'MEMBER_LEADS_AUCTIONS':
      return 'That manager leads an auction — remove him once it closes.';
    case 'REMOVED_FROM_LEAGUE':
      return 'The commissioner removed you from this league. Ask him if you want to come back.';
    case 'WINDOW_NOT_FOUND':
      return 'This league has no sealed-bid window yet.';
    case 'WINDOW_ALREADY_OPEN':
      return 'A sealed-bid window is already open in this league.';
    case 'WINDOW_CLOSED':
      return 'This window has closed — its bids are settled.';
    case 'PLAYER_NOT_ON_OFFER':
      return 'That player is not on offer in this window.';
    case 'TRADE_NOT_FOUND':
      return 'That trade is not in this league.';
    case 'NOT_TRADE_PARTY':
      return error.message || 'Only the two managers of a trade can answer it.';
    case 'TRADE_NOT_OPEN':
      return typeof error.status === 'string'
        ? `This trade is already ${error.status === 'proposed' ? 'expired' : error.status}.`
        : 'This trade takes no more answers.';
    case 'TRADE_NOT_IN_REVIEW':
      return 'Only an accepted trade still in its review can be vetoed.';
    case 'TRADE_NO_LONGER_VALID':
      return error.message || 'A player of this trade has changed hands: the trade has failed.';
    case 'TRADE_BREAKS_SQUAD':
    case 'TRADE_UNAFFORDABLE':
      return error.message || 'A squad or a budget cannot take this trade as it stands.';
    case 'TOO_MANY_TRADES':
      return `You already have ${typeof error.limit === 'number' ? error.limit : 'the most'} proposals waiting: withdraw one or wait for an answer.`;
    case 'MAX_BIDS_OFF':
      return 'This league does not use max bids.';
    case 'PLAYER_LEFT_LEAGUE':
      return error.message || "That player has left the league's competitions: his owner can only release him.";
    case 'FEED_NOT_FOUND':
      return 'That feed is not followed (any more).';
    case 'FEED_EXISTS':
      return 'That feed is already followed.';
    case 'FEED_ADDRESS_REFUSED':
      return error.message || 'That feed is on a private or local address, which the server does not reach.';
    case 'NOT_A_TURNS_LEAGUE':
      return 'This league has an open market: anyone opens an auction, and there is no draft to run.';
    case 'DRAFT_NOT_FOUND':
      return 'This league has not had a draft yet.';
    case 'DRAFT_ALREADY_RUNNING':
      return 'A draft is already under way in this league.';
    case 'DRAFT_NOT_RUNNING':
      return 'Players are called during the draft, and none is under way — the commissioner starts it.';
    case 'DRAFT_PAUSED':
      return 'The draft is paused — the commissioner resumes it.';
    case 'DRAFT_NOT_PAUSED':
      return 'The draft is not paused.';
    case 'NOT_YOUR_TURN':
      return error.lotAuctionId
        ? 'A lot is on — the next player is called when it closes.'
        : 'It is another manager’s turn to call a player.';
    case 'RATE_LIMITED':
      return `Too many attempts at once — wait ${seconds(error.retryAfterSeconds)} and try again.`;
    case 'DISPLAY_NAME_TAKEN':
      return `Someone in this league is already called “${String(error.displayName ?? '')}”. Pick another name for this league.`;
    case 'TOO_MANY_LEAGUES':
      return `You have created the most leagues allowed in a day — try again in ${seconds(error.retryAfterSeconds)}.`;
    case 'TOO_MANY_OPEN_AUCTIONS':
      return `You already have ${String(error.limit ?? 'the most')} auctions open in this league — wait for one to close before opening another.`;
    case 'PLAYER_UNAVAILABLE':
      return 'That player is already owned in this league or already on auction.';
    case 'PLAYER_NOT_FOUND':
      return 'That player is not in the registry.';
    case 'LEAGUE_FULL':
      return 'This league is full.';
    case 'LEAGUE_NOT_FOUND':
      return 'You are not in this league, or it no longer exists.';
    case 'INVITE_NOT_FOUND':
      return 'No league has that invite code. Check it with whoever invited you.';
    case 'REPORT_NOT_HELD':
      return 'This report was already decided by another admin.';
    case 'REPORT_NOT_FOUND':
      return 'That report is no longer there.';
    case 'REPORT_ALREADY_LINKED':
      return 'This report already prices another player.';
    case 'ARTICLE_CONFLICT':
      return 'The same article is being stored right now — try again in a moment.';
    case 'TEXT_TOO_COMPLEX':
      return 'This text took too long to read — paste the article alone, without the rest of the page.';
    case 'EXTRACTION_BUSY':
      return 'Many articles are being read right now — try again in a moment.';
    case 'EMAIL_TAKEN':
      return 'An account with this email already exists — sign in instead.';
    case 'INVALID_CREDENTIALS':
      return 'Wrong email or password.';
    case 'FORBIDDEN':
      return 'Only an admin can do that.';
    case 'UNAUTHENTICATED':
    case 'UNAUTHORIZED':
    case 'TOKEN_EXPIRED':
    case 'INVALID_TOKEN':
    case 'INVALID_REFRESH_TOKEN':
    case 'SESSION_EXPIRED':
    case 'SESSION_REVOKED':
    case 'SIGNED_OUT':
      return 'You have been signed out — sign in again to carry on.';
    case 'NOT_COMMISSIONER':
      return 'Only the league’s commissioner can do that.';
    case 'MEMBER_NOT_FOUND':
      return 'That manager is not in this league.';
    case 'PLAYER_NOT_OWNED':
      return 'Nobody in this league owns that player.';
    case 'BUDGET_TOO_LOW':
      return typeof error.least === 'number'
        ? `That would leave the manager less than his leading bids and empty places need: the budget can go down by at most ${eur(-error.least)}.`
        : 'That would leave the manager less than his leading bids and empty places need.';
    case 'VALIDATION_FAILED':
      return error.message || 'Some of what you typed is not valid — check the fields and try again.';
    case 'TIMEOUT':
      return 'No answer from the server — check your connection. Tapping again is safe.';
    case 'NETWORK':
    case 'OFFLINE':
      return error.message || 'No connection to the server. Check your network and try again.';
    case 'PAYLOAD_TOO_LARGE':
      return 'That is too long to send.';
    case 'UNAVAILABLE':
    case 'REQUEST_TIMEOUT':
      return 'The server is busy or unreachable — try again in a moment.';
    case 'MALFORMED_JSON':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'BAD_REQUEST':
    case 'REQUEST_ABORTED':
    case 'NOT_FOUND':
    case 'METHOD_NOT_ALLOWED':
    case 'NOT_ACCEPTABLE':
    case 'CONFLICT':
    case 'UNPROCESSABLE':
    case 'UNKNOWN_EVENT':
    case 'INTERNAL':
      return error.message || 'Something went wrong.';
    default: {
      const unnamed: never = code;
      return String(unnamed);
    }
  }
}
