/**
 * Texts shaped to find super-linear work in the extractor: each one repeats what a stage loops or
 * backtracks over (terminators, digits, tags, names, figures). Shared by the growth test and the
 * benchmark, so the figures printed are of the inputs the test guards.
 */
export interface HostileShape {
  readonly name: string;
  /** A text of about `chars` characters. */
  readonly make: (chars: number) => string;
}

function repeat(unit: string, chars: number): string {
  return unit.repeat(Math.max(1, Math.ceil(chars / unit.length))).slice(0, chars);
}

/** Deterministic capitalised first and last names, so no run of them is a known player or club. */
function names(chars: number): string {
  const syllables = ['Ka', 'Lo', 'Mi', 'Ren', 'Tos', 'Va', 'Dri', 'Bel', 'Gu', 'Zan', 'Fer', 'Pol'];
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const word = syllables[i % 12]! + syllables[(i * 7 + 3) % 12]!.toLowerCase() + syllables[(i * 5 + 1) % 12]!.toLowerCase();
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ').slice(0, chars);
}

/** Sentences as long as the analysis reads (about 5,000 characters), each packed with `unit`. */
function longSentences(unit: string, chars: number): string {
  const sentence = `${repeat(unit, 4800).trimEnd()}. `;
  return repeat(sentence, chars);
}

function nestedDivs(chars: number): string {
  const depth = Math.floor(chars / 11);
  return `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`;
}

/** A real sentence first, so language detection passes and every later stage runs. */
const LEAD = 'Il Milan chiede 25 milioni di euro per Kalulu, dice il club. ';

const shapes: readonly HostileShape[] = [
  { name: '"e! " repeated', make: (n) => repeat('e! ', n) },
  { name: '"!" repeated', make: (n) => repeat('!', n) },
  { name: '"." repeated', make: (n) => repeat('.', n) },
  { name: '"Mio. " repeated', make: (n) => repeat('Mio. ', n) },
  { name: 'one digit run "1111…"', make: (n) => repeat('1', n) },
  { name: '"1.000.000.000…"', make: (n) => `1${repeat('.000', n - 1)}` },
  { name: '"25 " repeated', make: (n) => repeat('25 ', n) },
  { name: '"25 milioni " repeated', make: (n) => repeat('25 milioni ', n) },
  { name: '"€25m for Kane. " repeated', make: (n) => repeat('Tottenham want €25m for Kane. ', n) },
  { name: '"Kalulu 25 milioni e " repeated', make: (n) => repeat('Kalulu chiede 25 milioni e ', n) },
  { name: 'long sentences of names and figures', make: (n) => longSentences('Kane €25m, Rice £30m e Kalulu 20 milioni, ', n) },
  {
    name: 'long sentences of cues and figures',
    make: (n) => longSentences('chiede offerta prestito clausola stipendio circa 25 milioni ', n),
  },
  { name: 'long sentences of strangers and figures', make: (n) => longSentences('Mario Rossi €5m per Luca Bianchi, ', n) },
  { name: 'long sentences of bare numbers', make: (n) => longSentences('€25m più 5 e 6 tra 7 e 8 di bonus ', n) },
  { name: 'long sentences of conversions', make: (n) => longSentences('€85m (£73m) circa $90m ', n) },
  { name: 'currency signs "€"', make: (n) => repeat('€', n) },
  { name: 'currency signs "€ £ $ "', make: (n) => repeat('€ £ $ ', n) },
  { name: 'one word "aaaa…"', make: (n) => repeat('a', n) },
  { name: 'one word "aaaa…" then "! e"', make: (n) => `${repeat('a', n - 4)}! e.` },
  { name: '"milioni " repeated', make: (n) => repeat('milioni ', n) },
  { name: 'capitalised names', make: names },
  { name: '"Kalulu " repeated', make: (n) => repeat('Kalulu ', n) },
  { name: '"Milan Real Madrid " repeated', make: (n) => repeat('Milan Real Madrid ', n) },
  { name: 'number words "trenta "', make: (n) => repeat('trenta ', n) },
  { name: 'newlines', make: (n) => repeat('\n', n) },
  { name: 'short lines "a\\n"', make: (n) => repeat('a\n', n) },
  { name: 'one long wrapped paragraph', make: (n) => repeat('il milan chiede venticinque milioni di euro per lui e\n', n) },
  { name: 'many paragraphs "Kalulu 25 milioni.\\n\\n"', make: (n) => repeat('Il Milan chiede 25 milioni per lui.\n\n', n) },
  { name: 'nested <div>', make: nestedDivs },
  { name: 'unclosed <div>', make: (n) => repeat('<div>', n) },
  { name: 'empty paragraphs "<p>"', make: (n) => repeat('<p>', n) },
  { name: 'line breaks "<br>"', make: (n) => `<p>${repeat('<br>', n - 3)}` },
  { name: 'wide table row', make: (n) => `<table><tr>${repeat('<td>x</td>', n - 11)}` },
  {
    name: 'huge cell spans',
    make: (n) => `<table><tr><td rowspan="65534" colspan="1000">x</td></tr></table>${repeat('<p>Kalulu', n - 64)}`,
  },
  { name: 'nested blockquotes', make: (n) => repeat('<blockquote>Kane ', n) },
  { name: 'nested lists', make: (n) => repeat('<ul><li>Kane €25m ', n) },
  { name: 'unclosed "<p "', make: (n) => `<p>${repeat('<p ', n - 3)}` },
  { name: '"<" repeated', make: (n) => `<p>${repeat('<', n - 3)}` },
  { name: 'attribute run', make: (n) => `<p>x</p><a href="${repeat('a', n - 20)}` },
];

export const HOSTILE_SHAPES: readonly HostileShape[] = shapes.map((shape) => ({
  name: shape.name,
  make: (chars) => {
    const body = shape.make(chars - LEAD.length);
    return body.startsWith('<') ? body.replace(/^(<[a-z]+>)/, `$1${LEAD}`) : LEAD + body;
  },
}));
