import { createHash } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { htmlToText, LANGUAGES, type Language } from '@fantamercato/pricing';
import type { PageArticle } from './page.worker.js';

/** One entry of a feed, as the poller stores it. */
export interface FeedItem {
  /** Its identity in the feed: the guid (RSS) or id (Atom), else its link, else a hash of its text. */
  key: string;
  url: string | null;
  title: string | null;
  publishedAt: Date | null;
  /** The item's own text (content, else summary), as plain text. */
  text: string;
}

export interface ParsedFeed {
  title: string | null;
  language: Language | null;
  items: FeedItem[];
}

/** Below this many characters an item carries a summary, not the article: its linked page is read. */
export const SUMMARY_CHARS = 600;

/** An item key longer than this (in UTF-8 bytes) is stored as its hash: index entries are bounded. */
const KEY_BYTES = 500;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A key that fits an index entry: short keys as they are, long ones as their hash. */
function boundedKey(key: string): string {
  return Buffer.byteLength(key, 'utf8') <= KEY_BYTES ? key : `sha256:${sha256(key)}`;
}

/** A feed's language tag (`it-IT`, `en-gb`) as one the extractor reads, else null. */
export function languageOf(tag: string | null | undefined): Language | null {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return base && (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : null;
}

function plain(html: string | null): string {
  if (!html) return '';
  return htmlToText(html).replace(/\r\n?/g, '\n').trim();
}

function httpUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    const normal = url.toString();
    return (url.protocol === 'http:' || url.protocol === 'https:') && normal.length <= 2048 ? normal : null;
  } catch {
    return null;
  }
}

/**
 * Reads an RSS 2.0 or Atom document (leniently, as real feeds need) into items. Throws when the text
 * holds no feed at all (the parser's INVALID_FEED).
 */
export function readFeed(xml: string): ParsedFeed {
  const feed = parseFeed(xml);
  const items = feed.items.map((item): FeedItem => {
    const text = plain(item.content) || plain(item.description);
    const url = httpUrl(item.url);
    const title = item.title ? plain(item.title).slice(0, 500) || null : null;
    const key = boundedKey(item.id?.trim() || url || `sha256:${sha256(`${title ?? ''}\n${text}`)}`);
    return { key, url, title, publishedAt: item.published ?? item.updated ?? null, text };
  });
  // A feed that lists one item twice: the first stands.
  const seen = new Set<string>();
  return { title: feed.title, language: languageOf(feed.language), items: items.filter((i) => !seen.has(i.key) && seen.add(i.key)) };
}

/** Whether an item's own text is only a summary of the page it links. */
export function isSummary(item: FeedItem): boolean {
  return item.url !== null && item.text.length < SUMMARY_CHARS;
}

/** The article a page reader found, as plain text with its paragraphs kept. */
export function pageText(page: PageArticle | null): { title: string | null; text: string; language: Language | null } | null {
  const text = plain(page?.html ?? null);
  if (!page || !text) return null;
  return { title: page.title?.slice(0, 500) || null, text, language: languageOf(page.lang) };
}
