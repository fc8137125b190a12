import { fold } from '../text.js';

/**
 * The nationality nouns of the six languages, by the country the registry names ("the Swede",
 * "lo svedese", "el sueco", "der Schwede", "le Suédois", "o sueco" → Sweden). "The Swede" in a
 * sentence naming nobody is the one Swedish player the article has named.
 */
const BY_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  Netherlands: ['dutchman', 'dutch', 'olandese', 'holandés', 'neerlandés', 'niederländer', 'néerlandais', 'holandês', 'neerlandês'],
  France: ['frenchman', 'francese', 'francés', 'franzose', 'français', 'francês'],
  England: ['englishman', 'inglese', 'inglés', 'engländer', 'anglais', 'inglês'],
  Spain: ['spaniard', 'spagnolo', 'español', 'spanier', 'espagnol', 'espanhol'],
  Denmark: ['dane', 'danish', 'danese', 'danés', 'däne', 'danois', 'dinamarquês'],
  Sweden: ['swede', 'swedish', 'svedese', 'sueco', 'schwede', 'suédois'],
  Wales: ['welshman', 'gallese', 'galés', 'waliser', 'gallois', 'galês'],
  Scotland: ['scotsman', 'scot', 'scozzese', 'escocés', 'schotte', 'écossais', 'escocês'],
  Ireland: ['irishman', 'irlandese', 'irlandés', 'ire', 'irlandais', 'irlandês'],
  Brazil: ['brazilian', 'brasiliano', 'brasileño', 'brasilianer', 'brésilien', 'brasileiro'],
  Argentina: ['argentine', 'argentinian', 'argentino', 'argentinier', 'argentin'],
  Portugal: ['portuguese', 'portoghese', 'portugués', 'portugiese', 'portugais', 'português'],
  Belgium: ['belgian', 'belga', 'belgier', 'belge'],
  Nigeria: ['nigerian', 'nigeriano', 'nigerianer', 'nigérian'],
  Norway: ['norwegian', 'norvegese', 'noruego', 'norweger', 'norvégien', 'norueguês'],
  Croatia: ['croatian', 'croat', 'croato', 'croata', 'kroate', 'croate'],
  Serbia: ['serbian', 'serb', 'serbo', 'serbio', 'serbe', 'sérvio'],
  Uruguay: ['uruguayan', 'uruguaiano', 'uruguayo', 'uruguayer', 'uruguayen', 'uruguaio'],
  Germany: ['german', 'tedesco', 'alemán', 'deutsche', 'allemand', 'alemão'],
  Italy: ['italian', 'italiano', 'italiener', 'italien'],
  Ukraine: ['ukrainian', 'ucraino', 'ucraniano', 'ukrainer', 'ukrainien'],
  Georgia: ['georgian', 'georgiano', 'georgier', 'géorgien'],
  Colombia: ['colombian', 'colombiano', 'kolumbianer', 'colombien'],
  Ghana: ['ghanaian', 'ghanese', 'ghanés', 'ghanaer', 'ghanéen', 'ganês'],
  Senegal: ['senegalese', 'senegalés', 'sénégalais', 'senegalês'],
  Morocco: ['moroccan', 'marocchino', 'marroquí', 'marokkaner', 'marocain', 'marroquino'],
  Egypt: ['egyptian', 'egiziano', 'egipcio', 'ägypter', 'égyptien', 'egípcio'],
  Turkey: ['turk', 'turkish', 'turco', 'türke', 'turc'],
  Poland: ['pole', 'polish', 'polacco', 'polaco', 'polonais'],
  Cameroon: ['cameroonian', 'camerunense', 'camerunés', 'kameruner', 'camerounais', 'camaronês'],
  Ecuador: ['ecuadorian', 'ecuadoriano', 'ecuatoriano', 'ecuadorianer', 'équatorien', 'equatoriano'],
  Mexico: ['mexican', 'messicano', 'mexicano', 'mexikaner', 'mexicain'],
  'United States': ['american', 'americano', 'statunitense', 'estadounidense', 'amerikaner', 'us-amerikaner', 'américain'],
  Japan: ['japanese', 'giapponese', 'japonés', 'japaner', 'japonais', 'japonês'],
  Switzerland: ['swiss', 'svizzero', 'suizo', 'schweizer', 'suisse', 'suíço'],
  Austria: ['austrian', 'austriaco', 'österreicher', 'autrichien', 'austríaco'],
  Greece: ['greek', 'greco', 'griego', 'grieche', 'grec', 'grego'],
  'Czech Republic': ['czech', 'ceco', 'checo', 'tscheche', 'tchèque'],
  'Korea, South': ['south korean', 'coreano', 'südkoreaner', 'sud-coréen', 'sul-coreano'],
  "Cote d'Ivoire": ['ivorian', 'ivoriano', 'marfileño', 'ivorer', 'ivoirien', 'marfinense'],
  Slovakia: ['slovak', 'slovacco', 'eslovaco', 'slowake', 'slovaque'],
};

const countryOf = new Map<string, string>();
for (const [country, nouns] of Object.entries(BY_COUNTRY)) for (const noun of nouns) countryOf.set(fold(noun), fold(country));

/** The registry's country (folded) for a nationality noun (folded), if the table has it. */
export function countryOfNationality(noun: string): string | undefined {
  return countryOf.get(noun);
}
