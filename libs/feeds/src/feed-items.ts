import { createHash } from 'node:crypto';
import { Readability } from '@mozilla/readability';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseHTML } from 'linkedom';
import { htmlToText, LANGUAGES, type Language } from '@fantamercato/pricing';

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

const KEY_CHARS = 1000;

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
    return (url.protocol === 'http:' || url.protocol === 'https:') && raw.length <= 2048 ? url.toString() : null;
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
    const key =
      item.id?.trim().slice(0, KEY_CHARS) ||
      url ||
      `sha256:${createHash('sha256')
        .update(`${title ?? ''}\n${text}`)
        .digest('hex')}`;
    return { key, url, title, publishedAt: item.published ?? item.updated ?? null, text };
  });
  return { title: feed.title, language: languageOf(feed.language), items };
}

/** Whether an item's own text is only a summary of the page it links. */
export function isSummary(item: FeedItem): boolean {
  return item.url !== null && item.text.length < SUMMARY_CHARS;
}

/**
 * The main text of an article page, by Mozilla's Readability (the reader view of Firefox) on a
 * light DOM, then reduced to plain text with the paragraphs kept; null when the page holds no article.
 */
export function pageArticle(html: string, url: string): { title: string | null; text: string; language: Language | null } | null {
  const { document } = parseHTML(html);
  const base = document.createElement('base');
  base.setAttribute('href', url);
  document.head?.appendChild(base);
  const article = new Readability(document, { charThreshold: 200 }).parse();
  const text = plain(article?.content ?? null);
  if (!article || !text) return null;
  return { title: article.title?.trim().slice(0, 500) || null, text, language: languageOf(article.lang) };
}
