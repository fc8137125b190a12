import { compile, type DomNode, type FormatCallback } from 'html-to-text';
import { Parser } from 'htmlparser2';

/**
 * html-to-text lays a data table out on a grid it transposes, costing the square of the table's
 * longer side, and fills every slot a cell spans: one `<td rowspan=99999 colspan=99999>` would
 * run for hours. Tables within these bounds keep that layout (a row on one line); larger ones,
 * which no article holds, are read as plain blocks.
 */
const MAX_TABLE_SIDE = 500;
const MAX_TABLE_SLOTS = 20_000;
const SECTIONS = new Set(['thead', 'tbody', 'tfoot', 'center']);

/** Rows of a table as the data-table formatter walks them: sections are looked into, nothing else. */
function* rowsOf(table: DomNode): Generator<DomNode> {
  for (const child of table.children ?? []) {
    if (child.type !== 'tag') continue;
    if (child.name === 'tr') yield child;
    else if (child.name && SECTIONS.has(child.name)) yield* rowsOf(child);
  }
}

/** A cell's span as the formatter reads it (`+value || 1`). */
function span(cell: DomNode, attribute: 'rowspan' | 'colspan'): number {
  return +(cell.attribs?.[attribute] ?? '') || 1;
}

/** Whether the grid layout of `table` stays within bounds; stops counting as soon as it does not. */
function layoutFits(table: DomNode): boolean {
  // Columns taken in later rows by cells spanning down into them, counted in O(slots).
  const carried: number[] = [];
  let rows = 0;
  let slots = 0;
  for (const row of rowsOf(table)) {
    if (++rows > MAX_TABLE_SIDE) return false;
    let columns = carried[rows - 1] ?? 0;
    for (const cell of row.children ?? []) {
      if (cell.type !== 'tag' || (cell.name !== 'td' && cell.name !== 'th')) continue;
      const rowspan = span(cell, 'rowspan');
      const colspan = span(cell, 'colspan');
      // Fractional or negative spans make the formatter loop oddly: no grid for them.
      if (!Number.isInteger(rowspan) || !Number.isInteger(colspan) || rowspan < 1 || colspan < 1) return false;
      columns += colspan;
      slots += rowspan * colspan;
      if (columns > MAX_TABLE_SIDE || rows - 1 + rowspan > MAX_TABLE_SIDE || slots > MAX_TABLE_SLOTS) return false;
      for (let r = rows; r < rows - 1 + rowspan; r++) carried[r] = (carried[r] ?? 0) + colspan;
    }
  }
  return true;
}

const boundedTable: FormatCallback = (elem, walk, builder, formatOptions) => {
  const format = layoutFits(elem) ? 'dataTable' : 'block';
  builder.options.formatters[format]!(elem, walk, builder, formatOptions);
};

/**
 * No article nests deeper. Deeper markup is read without its structure: html-to-text walks the
 * tree recursively, and V8 takes super-linear time to build a very deep tree (40,000 unclosed
 * `<div>`: ten times the time for four times the text).
 */
const MAX_DEPTH = 100;
/**
 * Quotes and lists indent every line by their nesting, so deep nesting made the text grow with
 * the square of the input (2,000 nested quotes: 8 MB in 10 s). Deeper than this, they are blocks.
 */
const MAX_INDENTED = 4;
const LISTS = new Set(['ul', 'ol']);

function nesting(elem: DomNode, names: ReadonlySet<string>): number {
  let n = 0;
  for (let e: DomNode | undefined = elem; e; e = e.parent) if (e.type === 'tag' && e.name && names.has(e.name)) n++;
  return n;
}

/** A list too deep to indent: each item a block of its own, so items do not run together. */
const flatList: FormatCallback = (elem, walk, builder, formatOptions) => {
  builder.openBlock({ leadingLineBreaks: formatOptions.leadingLineBreaks ?? 1 });
  for (const child of elem.children ?? []) {
    if (child.type === 'tag' && child.name === 'li') {
      builder.openBlock({ leadingLineBreaks: 1 });
      walk(child.children ?? [], builder);
      builder.closeBlock({ trailingLineBreaks: 1 });
    } else walk([child], builder);
  }
  builder.closeBlock({ trailingLineBreaks: formatOptions.trailingLineBreaks ?? 1 });
};

function indentedUpTo(format: string, names: ReadonlySet<string>, flat: FormatCallback | string): FormatCallback {
  return (elem, walk, builder, formatOptions) => {
    if (nesting(elem, names) <= MAX_INDENTED) return builder.options.formatters[format]!(elem, walk, builder, formatOptions);
    if (typeof flat === 'string') return builder.options.formatters[flat]!(elem, walk, builder, formatOptions);
    return flat(elem, walk, builder, formatOptions);
  };
}

// Headings stay in their case (names are matched by capitals); links keep their text only.
const convert = compile({
  wordwrap: false,
  limits: { maxDepth: MAX_DEPTH },
  formatters: {
    boundedTable,
    boundedBlockquote: indentedUpTo('blockquote', new Set(['blockquote']), 'block'),
    boundedOrderedList: indentedUpTo('orderedList', LISTS, flatList),
    boundedUnorderedList: indentedUpTo('unorderedList', LISTS, flatList),
  },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'boundedTable', options: { uppercaseHeaderCells: false } },
    { selector: 'blockquote', format: 'boundedBlockquote' },
    { selector: 'ol', format: 'boundedOrderedList' },
    { selector: 'ul', format: 'boundedUnorderedList' },
  ],
});

const TAG_NAMES =
  'html|head|body|p|div|br|span|a|h[1-6]|article|section|li|ul|ol|table|tr|td|b|i|em|strong|script|style|meta|header|footer|main|figure';
// Bounded attribute run: no backtracking blow-up on a stray '<'.
const TAG = new RegExp(`</?(?:${TAG_NAMES})\\b[^<>]{0,500}>`, 'i');

/** True when the text is HTML markup rather than plain prose. */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text);
}

const TOO_DEEP = new Error('too deep');

/** One streaming pass (no tree): does the markup nest deeper than `limit`, as the parser reads it? */
function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  const parser = new Parser({
    onopentagname() {
      if (++depth > limit) throw TOO_DEEP;
    },
    onclosetag() {
      depth--;
    },
  });
  try {
    parser.end(html);
    return false;
  } catch (error) {
    if (error === TOO_DEEP) return true;
    throw error;
  }
}

function stripTags(html: string): string {
  return html.replace(/<[^<>]{0,2000}>/g, ' ');
}

/** Plain text of an HTML page: scripts and styles dropped, blocks on their own lines. */
export function htmlToText(html: string): string {
  try {
    return nestsDeeperThan(html, MAX_DEPTH) ? stripTags(html) : convert(html);
  } catch {
    // A parser failure must not lose the article: fall back to removing the tags.
    return stripTags(html);
  }
}
