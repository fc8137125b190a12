// A worker thread of the page-reading pool (piscina): Mozilla's Readability on a light DOM is
// synchronous and, on a large page, takes seconds — off the event loop that serves the bids. It runs
// from dist/ (built by swc), also when the API runs from the TypeScript sources under Jest.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface PageTask {
  readonly html: string;
  readonly url: string;
}

/** The article's own part of the page, as HTML, with its title and language; null when the page holds no article. */
export interface PageArticle {
  title: string | null;
  html: string;
  lang: string | null;
}

/** Readability gives up on a page with more elements than this (a page, not an article). */
const MAX_ELEMENTS = 30_000;

export function readPage({ html, url }: PageTask): PageArticle | null {
  const { document } = parseHTML(html);
  const base = document.createElement('base');
  base.setAttribute('href', url);
  document.head?.appendChild(base);
  let article;
  try {
    article = new Readability(document, { charThreshold: 200, maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    return null; // too many elements
  }
  if (!article?.content) return null;
  return { title: article.title?.trim() || null, html: article.content, lang: article.lang ?? null };
}

export default readPage;
