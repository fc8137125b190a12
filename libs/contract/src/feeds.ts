/** A news feed the product follows (admins only). Counts are since the feed was added. */
export interface Feed {
  id: string;
  url: string;
  /** The language its articles are read in; null: detected per article. */
  language: string | null;
  intervalMinutes: number;
  createdAt: string;
  /** When it is polled next (later than its interval after errors: the backoff). */
  nextPollAt: string;
  /** The last poll, whatever came of it (null: never polled). */
  lastPolledAt: string | null;
  /** The last poll that brought the feed's text (a 304 does not count). */
  lastFetchedAt: string | null;
  /** The HTTP status of the last poll (null: never polled, or no answer). */
  lastStatus: number | null;
  /** Why the last poll failed (null: it did not). */
  lastError: string | null;
  /** Polls that failed in a row: the backoff doubles with each. */
  failures: number;
  polls: number;
  /** Polls answered 304 Not Modified. */
  notModified: number;
  /** Items seen for the first time. */
  itemsSeen: number;
  /** Articles stored from its items (an item whose text was already stored adds none). */
  articlesStored: number;
  /** Fee reports found in those articles. */
  reportsFound: number;
}

export interface FeedList {
  items: Feed[];
}

/** What one poll did. */
export interface FeedPoll {
  feed: Feed;
  /** `fetched`: new text read; `not_modified`: 304; `failed`: see feed.lastError; `busy`: another process holds it. */
  outcome: 'fetched' | 'not_modified' | 'failed' | 'busy';
  newItems: number;
  articlesStored: number;
  reportsFound: number;
}
