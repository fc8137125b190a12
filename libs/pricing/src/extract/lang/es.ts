import type { LanguageVocabulary } from '../types.js';

/** Spanish: Spanish and Latin-American sports press. */
export const es: LanguageVocabulary = {
  language: 'es',
  stopwords: [
    'el', 'los', 'las', 'del', 'que', 'por', 'con', 'una', 'es', 'para', 'su', 'al', 'como', 'pero', 'más', 'ha',
    'han', 'ser', 'este', 'esta', 'entre', 'sobre', 'según', 'también', 'muy', 'ya', 'hasta', 'cuando', 'y', 'se',
    'de', 'la', 'en', 'lo', 'un', 'pagó', 'cláusula',
    'millones', 'fichaje', 'club', 'equipo',
  ],
  decimalSeparator: ',',
  // "mil millones" is a thousand million: chained multipliers multiply.
  multipliers: { millones: 1e6, millón: 1e6, mil: 1e3 },
  currencies: {
    euro: 'EUR', euros: 'EUR', libra: 'GBP', libras: 'GBP', 'libras esterlinas': 'GBP', dólar: 'USD',
    dólares: 'USD', 'francos suizos': 'CHF',
  },
  defaultCurrency: 'EUR',
  currencyLinkers: ['de'],
  numberWords: {
    un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
    once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciséis: 16, diecisiete: 17, dieciocho: 18,
    diecinueve: 19, veinte: 20, veinti: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70,
    ochenta: 80, noventa: 90, cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400,
    quinientos: 500, medio: 0.5,
  },
  hundredWords: [],
  numberJoiners: ['y'],
  kinds: {
    asking: [
      'pide', 'piden', 'pedir', 'pedía', 'exige', 'exigen', 'exigir', 'quiere', 'quieren', 'precio', 'reclama',
      'cuesta', 'costará', 'costaría', 'tasación', 'valora', 'no bajará de', 'tasa', 'pretende',
    ],
    offer: [
      'oferta', 'ofertas', 'ofrece', 'ofrecen', 'ofrecer', 'ofrecido', 'ofreció', 'propuesta', 'puja', 'pujar',
      'dispuesto a pagar', 'dispuesto a', 'presentado', 'presentó', 'rechazado', 'rechazó', 'rechaza', 'mejorada',
      'pagar', 'ofertó',
    ],
    agreed: [
      'acuerdo', 'acordado', 'cerrado', 'cerrada', 'fichaje cerrado', 'fichaje', 'fichó', 'ficha por', 'oficial',
      'oficialmente', 'pagó', 'pagado', 'pagará', 'vendido', 'vendió', 'venta', 'traspaso', 'traspasado', 'comprado',
      'compró', 'adquirido', 'firmado', 'firmó', 'incorporación', 'llegó', 'desembolso', 'desembolsó', 'operación',
      'abonó', 'costó', 'gastó', 'acepta la oferta', 'aceptó la oferta', 'oferta aceptada', 'aceptado',
      'aceptó la propuesta',
    ],
    release_clause: [
      'cláusula de rescisión', 'cláusula', 'cláusula de salida', 'cláusula de liberación', 'rescisión',
    ],
    loan: ['cesión', 'cedido', 'préstamo', 'prestado', 'cedida'],
    valuation: ['valorado', 'valorada', 'valor', 'valor de mercado', 'tasado', 'vale', 'cotizado', 'transfermarkt'],
  },
  loanOptions: ['opción de compra', 'obligación de compra', 'compra obligatoria'],
  notFee: [
    // "ficha" is a player's salary in Spanish football writing.
    'salario', 'sueldo', 'ficha', 'cobra', 'cobrará', 'cobrar', 'por temporada', 'al año', 'anuales', 'netos',
    'brutos', 'a la semana', 'por semana', 'comisión', 'comisiones', 'agente', 'agentes', 'representante',
    'intermediarios', 'ingresos', 'facturación', 'beneficio', 'beneficios', 'pérdidas', 'deuda', 'estadio',
    'derechos de televisión', 'derechos televisivos', 'derechos de tv', 'multa', 'sanción', 'presupuesto',
    'límite salarial', 'porcentaje', 'plusvalía', 'reventa', 'futura venta', 'patrocinio', 'premio',
    'prima de fichaje', 'prima por firmar', 'renovación',
  ],
  approx: [
    'cerca de', 'unos', 'unas', 'al menos', 'como mínimo', 'alrededor de', 'en torno a', 'aproximadamente', 'casi',
    'más de', 'hasta',
    'rondan', 'ronda', 'rondará', 'sobre los', '~', 'en el entorno de',
  ],
  rangeStarts: ['entre', 'de'],
  rangeConnectors: ['y', 'a', '-', '/'],
  rangeConnectorsNeedingStart: ['y'],
  rangeArticles: ['los', 'las', 'el', 'la'],
  addonWords: ['variables', 'bonus', 'incentivos', 'objetivos', 'bonificaciones', 'extras'],
  addonLinkers: ['en', 'de', 'por'],
  addonConnectors: ['más', '+', 'y', 'con'],
  totalMarkers: ['con', 'incluidos', 'incluyendo'],
  includedWords: ['incluidos', 'incluidas', 'incluyendo', 'incluido'],
  forPlayer: ['por'],
  pricePrepositions: ['por', 'en', 'de', 'a'],
  fromPrepositions: ['del', 'de', 'desde'],
  coordinators: ['y', 'e'],
  opponentMarkers: ['contra', 'ante', 'venció'],
  playerReferences: [
    'jugador', 'futbolista', 'defensa', 'central', 'centrocampista', 'mediocampista', 'delantero', 'atacante',
    'extremo', 'lateral', 'portero', 'su', 'internacional', 'chico', 'joven', 'traspaso', 'operación',
  ],
  nationalities: [
    'holandés', 'neerlandés', 'francés', 'belga', 'brasileño', 'argentino', 'portugués', 'alemán', 'inglés',
    'nigeriano', 'serbio', 'danés', 'croata', 'noruego', 'uruguayo', 'ucraniano', 'georgiano', 'coreano',
    'turco', 'sueco', 'polaco', 'marroquí', 'senegalés', 'ghanés', 'camerunés', 'colombiano', 'ecuatoriano', 'mexicano',
    'estadounidense', 'japonés', 'suizo', 'austriaco', 'escocés', 'galés', 'griego', 'checo', 'italiano',
  ],
  adjectiveBeforeNoun: false,
  definiteArticles: ['el', 'del', 'al'],
  indefiniteArticles: ['un', 'una', 'otro', 'otra', 'nuevo'],
  personRoles: ['agente', 'representante', 'intermediario', 'presidente', 'propietario', 'dueño', 'entrenador', 'técnico', 'míster', 'seleccionador', 'director deportivo', 'director', 'secretario técnico', 'consejero delegado', 'periodista', 'según', 'padre', 'hermano', 'abogado', 'alcalde', 'ministro', 'árbitro', 'jeque'],
  placePrepositions: ['en', 'hacia'],
  nounMarkers: [],
  clubNicknames: {
    blancos: 'Real Madrid', merengues: 'Real Madrid', 'los blancos': 'Real Madrid', blaugrana: 'Barcelona',
    azulgrana: 'Barcelona', culés: 'Barcelona', colchoneros: 'Atlético Madrid', rojiblancos: 'Atlético Madrid',
    atleti: 'Atlético Madrid', 'red devils': 'Manchester United', gunners: 'Arsenal', citizens: 'Manchester City',
    rossoneri: 'Milan', 'txuri-urdin': 'Real Sociedad', béticos: 'Real Betis', sevillistas: 'Sevilla',
  },
};
