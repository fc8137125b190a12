import type { LanguageVocabulary } from '../types.js';

/** French: Ligue 1 and francophone coverage ("M€" and "ME" both mean millions of euros). */
export const fr: LanguageVocabulary = {
  language: 'fr',
  stopwords: [
    'le', 'la', 'les', 'des', 'du', 'de', 'et', 'est', 'une', 'pour', 'dans', 'qui', 'sur', 'au', 'aux', 'avec',
    'pas', 'plus', 'son', 'sa', 'ses', 'ce', 'cette', 'sont', 'mais', 'ou', 'il', 'elle', 'été', 'millions',
    "d'euros", 'joueur',
  ],
  decimalSeparator: ',',
  multipliers: { millions: 1e6, million: 1e6, milliards: 1e9, milliard: 1e9 },
  currencies: {
    euro: 'EUR', euros: 'EUR', livre: 'GBP', livres: 'GBP', 'livres sterling': 'GBP', dollar: 'USD', dollars: 'USD',
    'francs suisses': 'CHF',
  },
  defaultCurrency: 'EUR',
  currencyLinkers: ['de', 'd', "'"],
  numberWords: {
    un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
    douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40,
    cinquante: 50, soixante: 60,
    // Hyphens are dropped when the words are read, so "quatre-vingt" arrives as one word.
    quatrevingt: 80, quatrevingts: 80, demi: 0.5,
  },
  hundredWords: ['cent', 'cents'],
  numberJoiners: ['et'],
  kinds: {
    asking: [
      'réclame', 'réclament', 'demande', 'demandent', 'exige', 'exigent', 'veut', 'veulent', 'prix', 'fixé', 'coûte',
      'coûtera', 'coûterait', 'estime son joueur', 'ne descendra pas sous', 'exigence', 'exigences',
    ],
    offer: [
      'offre', 'offres', 'offert', 'offrir', 'propose', 'proposition', 'proposer', 'prêt à payer', 'prête à payer',
      'disposé à', 'formulé', 'formule', 'transmis', 'refusé', 'refuse', 'rejeté', 'amélioré', 'payer', 'dépenser',
    ],
    agreed: [
      'accord', 'accord trouvé', 'officiel', 'officialisé', 'signé', 'signe', 'payé', 'paie', 'versé', 'vendu',
      'vente', 'acheté', 'transfert', 'bouclé', 'conclu', 'arrivé', 'recrue', 'transféré', 'indemnité', 'débourse',
      'déboursé', 'recruté', 'engagé', 'rejoint', 'quitte', 'quitté', "s'engage", 'accepté', 'acceptée',
      "accepté l'offre", "accepte l'offre", 'offre acceptée',
    ],
    release_clause: ['clause libératoire', 'clause de départ', 'clause'],
    loan: ['prêt', 'prêté', 'prêt payant'],
    valuation: ['valorisé', 'valorisée', 'valeur', 'valeur marchande', 'estimé', 'évalué', 'vaut', 'coté', 'transfermarkt'],
  },
  loanOptions: ["option d'achat", "obligation d'achat", 'achat obligatoire', "option d'achat obligatoire"],
  notFee: [
    'salaire', 'salaires', 'émoluments', 'gagne', 'gagnera', 'touche', 'touchera', 'par an', 'par saison', 'par mois',
    'par semaine', 'annuels', 'net', 'nets', 'brut', 'bruts', 'commission', 'commissions', 'agent', 'agents',
    'intermédiaire', 'intermédiaires', "chiffre d'affaires", 'revenus', 'recettes', 'bénéfice', 'déficit', 'dette',
    'stade', 'droits tv', 'droits télé', 'droits télévisés', 'amende', 'sanction', 'budget', 'enveloppe',
    'masse salariale', 'pourcentage', 'intéressement', 'plus-value', 'revente', 'future revente', 'sponsor',
    'prime à la signature', 'prolongation',
  ],
  approx: [
    'environ', 'au moins', 'près de', 'autour de', 'quelque', 'à peu près', 'plus de', 'pas loin de', "jusqu'à",
    'aux alentours de', "de l'ordre de", '~', 'presque', 'quasiment',
  ],
  rangeStarts: ['entre'],
  rangeConnectors: ['et', 'à', '-', '/'],
  rangeConnectorsNeedingStart: ['et'],
  rangeArticles: ['les', 'le'],
  addonWords: ['bonus', 'primes', 'variables', 'bonus de performance', 'part variable'],
  addonLinkers: ['de', 'd', "'", 'en'],
  addonConnectors: ['plus', '+', 'et', 'avec'],
  totalMarkers: ['avec', 'compris', 'inclus'],
  includedWords: ['inclus', 'compris', 'y compris'],
  forPlayer: ['pour'],
  pricePrepositions: ['pour', 'à', 'de'],
  fromPrepositions: ['de', 'du', 'depuis'],
  coordinators: ['et'],
  opponentMarkers: ['contre', 'battu'],
  playerReferences: [
    'joueur', 'défenseur', 'milieu', 'attaquant', 'buteur', 'ailier', 'gardien', 'latéral', 'international',
    'il', 'lui', 'son', 'sa', 'pépite', 'crack', 'transfert', 'indemnité', 'montant',
  ],
  nationalities: [
    'néerlandais', 'français', 'belge', 'brésilien', 'argentin', 'portugais', 'espagnol', 'allemand', 'anglais',
    'nigérian', 'serbe', 'danois', 'croate', 'norvégien', 'uruguayen', 'ukrainien', 'géorgien', 'sud-coréen',
    'turc', 'suédois', 'polonais', 'marocain', 'sénégalais', 'ghanéen', 'camerounais', 'colombien', 'équatorien',
    'mexicain', 'américain', 'japonais', 'suisse', 'autrichien', 'écossais', 'italien', 'grec', 'tchèque', 'ivoirien',
  ],
  adjectiveBeforeNoun: false,
  definiteArticles: ['le', 'du', 'au', 'l'],
  indefiniteArticles: ['un', 'une', 'autre', 'nouveau'],
  nounMarkers: [],
  clubNicknames: {
    parisiens: 'Paris Saint-Germain', marseillais: 'Marseille', lyonnais: 'Lyon', gones: 'Lyon', dogues: 'Lille',
    monégasques: 'Monaco', merengue: 'Real Madrid', merengues: 'Real Madrid', blancos: 'Real Madrid',
    gunners: 'Arsenal', 'red devils': 'Manchester United', citizens: 'Manchester City', rossoneri: 'Milan',
    blaugrana: 'Barcelona',
  },
};
