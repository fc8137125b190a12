import { compile } from 'html-to-text';

// Headings stay in their case (names are matched by capitals); links keep their text only.
const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

const TAG_NAMES = 'html|head|body|p|div|br|span|a|h[1-6]|article|section|li|ul|ol|table|tr|td|b|i|em|strong|script|style|meta|header|footer|main|figure';
// Bounded attribute run: no backtracking blow-up on a stray '<'.
const TAG = new RegExp(`</?(?:${TAG_NAMES})\\b[^<>]{0,500}>`, 'i');

/** True when the text is HTML markup rather than plain prose. */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text);
}

/** Plain text of an HTML page: scripts and styles dropped, blocks on their own lines. */
export function htmlToText(html: string): string {
  try {
    return convert(html);
  } catch {
    // A parser failure must not lose the article: fall back to removing the tags.
    return html.replace(/<[^<>]{0,2000}>/g, ' ');
  }
}
