import type { LinkRule, PairingRule, ReportEvidence } from './types.js';

const LINK_WORDS: Readonly<Record<LinkRule, string>> = {
  'full-name': 'named in full',
  'surname-with-club': 'by surname, with his club in the article',
  surname: 'by surname alone',
  alias: 'by a registry alias',
  unlinked: 'not in the registry (unlinked)',
};

const PAIRING_WORDS: Readonly<Record<PairingRule, string>> = {
  'for-player': '"for <player>" right after the figure',
  'nearest-before': 'the nearest person named before the figure',
  'named-after': 'the person named shortly after the figure',
  subject: 'the subject of the sentence',
  respectively: 'the order of the people named ("respectively")',
  reference: 'a word pointing back at the one player of the paragraph',
  topic: 'the player the article is about',
};

/** A report's evidence in plain words, one line each for the person, the figure and the kind. */
export function explainEvidence(e: ReportEvidence): string[] {
  return [
    `person: "${e.mention}", ${LINK_WORDS[e.link]}`,
    `figure: given by ${PAIRING_WORDS[e.pairing]}`,
    `kind: ${e.kindCue ? `the cue "${e.kindCue}"` : e.kindDefaulted ? 'no cue: inherited or the default' : 'no cue'}`,
  ];
}
