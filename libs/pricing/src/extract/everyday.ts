import { VOCABULARIES } from './lang/index.js';
import { phraseWords } from './text.js';
import { LANGUAGES } from './types.js';

// Surnames that are also everyday words: matched alone only when clearly used as a name.
const EVERYDAY_SURNAMES = [
  'costa',
  'silva',
  'santos',
  'alba',
  'rico',
  'mata',
  'torres',
  'ramos',
  'neves',
  'campos',
  'bravo',
  'blanco',
  'moreno',
  'bueno',
  'franco',
  'leal',
  'serra',
  'forte',
  'grande',
  'conti',
  'villa',
  'can',
  'will',
  'young',
  'white',
  'king',
  'long',
  'bell',
  'hall',
  'green',
  'brown',
  'black',
  'rose',
  'ward',
  'day',
  'cash',
  'mount',
  'stones',
  'walker',
  'price',
  'gray',
  'grant',
  'little',
  'best',
  'love',
  'hope',
  'head',
  'bank',
  'kraft',
  'stark',
  'klein',
  'lang',
  'fuchs',
  'wolf',
  'vogel',
  'neuer',
  'junior',
  'real',
  'city',
  'united',
  'club',
  'sport',
];

let everyday: ReadonlySet<string> | undefined;
/** Every word the vocabularies use, plus common words that are also surnames. */
export function everydayWords(): ReadonlySet<string> {
  if (everyday) return everyday;
  const set = new Set<string>(EVERYDAY_SURNAMES);
  for (const language of LANGUAGES) {
    const v = VOCABULARIES[language];
    const lists = [
      v.stopwords,
      v.approx,
      v.notFee,
      v.playerReferences,
      v.addonWords,
      v.loanOptions,
      Object.keys(v.multipliers),
      Object.keys(v.currencies),
      Object.keys(v.numberWords),
      ...Object.values(v.kinds),
    ];
    for (const list of lists) for (const phrase of list) for (const w of phraseWords(phrase)) set.add(w);
  }
  everyday = set;
  return set;
}
