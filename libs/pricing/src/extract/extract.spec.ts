import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { extractFeeReports } from './extract.js';
import { testIndex } from './test-players.js';

// The seed article (shared/seeds/000_517b585d4bdbe463.txt) is kept in the corpus, so the test
// does not depend on where shared/ is mounted.
const corpus = JSON.parse(readFileSync(new URL('../../corpus/it.json', import.meta.url), 'utf8')) as { id: string; text: string }[];
const seed = corpus.find((item) => item.id === 'it-00-seed-kalulu')?.text;

const extract = (text: string, language?: 'it' | 'en' | 'es' | 'de' | 'fr' | 'pt') =>
  extractFeeReports(text, testIndex(), language ? { language } : {});

describe('the seed article', () => {
  it('is in the corpus', () => {
    expect(seed).toContain('una cifra vicina ai 25 milioni di euro');
  });

  it('yields exactly one report: Pierre Kalulu, asked about €25M by Milan, wanted by Real Madrid', () => {
    const result = extract(seed!);
    expect(result.language).toBe('it');
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    expect(report).toMatchObject({
      player: { id: 'p-kalulu', name: 'Pierre Kalulu' },
      from: 'Milan',
      to: ['Real Madrid'],
      kind: 'asking',
      amount: { min: 25_000_000, max: 25_000_000, currency: 'EUR' },
      eur: { min: 25_000_000, max: 25_000_000 },
      approx: true,
    });
    expect(report!.quote).toContain('25 milioni');
  });

  it('gives no fee to the other Milan players it names', () => {
    const names = extract(seed!).reports.map((r) => r.player.name);
    for (const other of ['Sandro Tonali', 'Alessandro Florenzi', 'Simon Kjær', 'Alessio Romagnoli', 'Fikayo Tomori']) {
      expect(names).not.toContain(other);
    }
  });
});

describe('whose fee it is', () => {
  it('picks the namesake whose club is mentioned: Kalulu at Basel is Aldo', () => {
    const { reports } = extract('Il Basilea ha acquistato Kalulu per 2 milioni di euro.');
    expect(reports.map((r) => r.player.name)).toEqual(['Aldo Kalulu']);
  });

  it('picks the namesake named in full elsewhere in the article', () => {
    const { reports } = extract('Pierre Kalulu è in scadenza. Per Kalulu il club chiede 25 milioni.', 'it');
    expect(reports[0]?.player.name).toBe('Pierre Kalulu');
  });

  it('reads a surname written without its accents: Kjaer is Simon Kjær', () => {
    const { reports } = extract('Il Milan ha acquistato Kjaer dal Siviglia per 3,5 milioni di euro.');
    expect(reports[0]?.player.name).toBe('Simon Kjær');
  });

  it('gives "him" to nobody when the paragraph named two players', () => {
    const text = 'Rice and Kane were on target again. West Ham want £100m for him, according to reports.';
    expect(extract(text).reports).toEqual([]);
  });

  it('gives "him" in another paragraph to nobody when the article is about several players', () => {
    const text = 'Declan Rice and Harry Kane were superb on Sunday.\n\nArsenal are ready to offer £90m for him.';
    expect(extract(text).reports).toEqual([]);
  });

  it('gives "him" to the one player of the last sentence that named anyone, across a paragraph break', () => {
    const text = 'Harry Kane scored twice. Declan Rice was superb on Sunday.\n\nArsenal are ready to offer £90m for him.';
    expect(extract(text).reports.map((r) => [r.player.name, r.kind, r.evidence.pairing])).toEqual([['Declan Rice', 'offer', 'reference']]);
  });

  it('gives a sentence naming nobody to the player the article is about: its headline, or the one it names most', () => {
    const headline = 'Rice to Arsenal\n\nHarry Kane watched from the stands. The Gunners paid £105m.';
    expect(extract(headline, 'en').reports.map((r) => [r.player.name, r.evidence.pairing])).toEqual([['Declan Rice', 'topic']]);
    const most = 'Declan Rice trained with Harry Kane. Rice impressed again. Arsenal paid £105m in the end.';
    expect(extract(most, 'en').reports.map((r) => [r.player.name, r.eur.min])).toEqual([['Declan Rice', 122_850_000]]);
  });

  it('gives "the player" to the only player of the paragraph when he was just named', () => {
    const text = 'Declan Rice was superb on Sunday. West Ham want £100m for the player.';
    expect(extract(text).reports.map((r) => r.player.name)).toEqual(['Declan Rice']);
  });

  it('gives an unnamed "new defender" to nobody', () => {
    expect(extract('Tomori ha segnato. Il club è pronto a spendere 30 milioni per un nuovo difensore.')).toMatchObject({ reports: [] });
  });

  it('attributes each of two fees in one sentence to its own player', () => {
    const { reports } = extract('Chelsea paid £88m for Rice and £100m for Kane in the same week.');
    expect(reports.map((r) => [r.player.name, r.eur.min])).toEqual([
      ['Declan Rice', 102_960_000],
      ['Harry Kane', 117_000_000],
    ]);
  });

  it('gives the figure beside a name the registry lacks to that person, unlinked, not to a known player', () => {
    const text = 'Arsenal added Declan Rice for £105m and Jurrien Timber from Ajax for £38.5m.';
    expect(extract(text).reports.map((r) => [r.player.name, r.linked, r.eur.min])).toEqual([
      ['Declan Rice', true, 122_850_000],
      ['Jurrien Timber', false, 45_045_000],
    ]);
  });

  it("does not read a club's total sales or a figure the fee could rise to as a fee", () => {
    expect(extract("Ajax's summer sales pass €100m as Declan Rice joins Arsenal.", 'en').reports).toEqual([]);
    const { reports } = extract('Arsenal have agreed a fee of €30m, potentially rising to €35m, for Declan Rice.');
    expect(reports.map((r) => r.eur.min)).toEqual([30_000_000]);
  });

  it('gives a list of figures to the people named before it, in order ("respectively", or named together)', () => {
    const said = extract('Tonali and Kalulu arrived from Brescia and Lille, costing €10m and €17m respectively.', 'en').reports;
    expect(said.map((r) => [r.player.name, r.eur.min, r.evidence.pairing])).toEqual([
      ['Sandro Tonali', 10_000_000, 'respectively'],
      ['Pierre Kalulu', 17_000_000, 'respectively'],
    ]);
    // The numbers of a list share the unit written after the last one.
    const shared = extract('Der Klub holte Tonali, Kjær und Tomori – für 10, 5 beziehungsweise 28 Millionen Euro.', 'de').reports;
    expect(shared.map((r) => [r.player.name, r.eur.min])).toEqual([
      ['Sandro Tonali', 10_000_000],
      ['Simon Kjær', 5_000_000],
      ['Fikayo Tomori', 28_000_000],
    ]);
  });

  it('reads a figure above any fee ever paid as a club total, unless it is said to be for the player', () => {
    expect(extract('Declan Rice watched the owners sign the papers. They paid £2.5bn for the whole club.', 'en').reports).toEqual([]);
    // Said to be for him: reported, for the price bounds to hold for an admin.
    expect(extract('Chelsea offered €2,900m for Declan Rice.', 'en').reports.map((r) => r.eur.min)).toEqual([2_900_000_000]);
  });

  it('takes an unwritten currency from the sentence before, not from further back', () => {
    const text = 'Declan Rice earns $5m at the club. He is happy. West Ham paid 30 million for Rice in 2019.';
    expect(extract(text, 'en').reports.map((r) => r.amount.currency)).toEqual(['EUR']);
    const next = 'Rice cost £100m. Arsenal then paid 20 million more for Rice.';
    expect(extract(next, 'en').reports.map((r) => r.amount.currency)).toEqual(['GBP', 'GBP']);
  });

  it('gives one figure for two players joined by "and" to nobody', () => {
    expect(extract('West Ham want £150m for Rice and Kane together.').reports).toEqual([]);
  });

  it('does not take a German noun for a surname: "im Sommer" is not Yann Sommer', () => {
    expect(extract('Der Verein will im Sommer einen Verteidiger für 40 Millionen Euro holen.').reports).toEqual([]);
  });
});

describe('what kind of figure it is', () => {
  const kindOf = (text: string) => extract(text).reports.map((r) => r.kind);

  it.each([
    ['Il Milan chiede 25 milioni per Kalulu.', 'asking'],
    ["Il Real Madrid ha presentato un'offerta da 20 milioni per Kalulu.", 'offer'],
    ['Accordo raggiunto: Kalulu al Real Madrid per 25 milioni.', 'agreed'],
    ['La clausola rescissoria di Kalulu è di 40 milioni di euro.', 'release_clause'],
    ['Kalulu è valutato 30 milioni di euro da Transfermarkt.', 'valuation'],
    ['Arsenal have had a £90m bid for Declan Rice rejected.', 'offer'],
    ['West Ham want £100m for Declan Rice.', 'asking'],
    ['La cláusula de rescisión de Kalulu es de 40 millones de euros.', 'release_clause'],
    // A clause that was paid is what the player cost.
    ['El Real Madrid pagó la cláusula de rescisión de Kalulu: 40 millones de euros.', 'agreed'],
    ['Manchester City activated the €60m release clause of Declan Rice.', 'agreed'],
    ['City signed Declan Rice, paying the €65m release clause in his contract.', 'agreed'],
    // What a seller was asking, told in the past.
    ["L'Inter réclamait au départ près de 80 millions pour Kalulu.", 'asking'],
    ['O Benfica exigia pelo menos 58 milhões por Kalulu.', 'asking'],
    ['Der Marktwert von Jamal Musiala liegt bei 130 Millionen Euro.', 'valuation'],
    ['Le Milan réclame 25 millions d’euros pour Kalulu.', 'asking'],
    ['O Milan aceitou a proposta de 25 milhões de euros por Kalulu.', 'agreed'],
  ])('%s → %s', (text, kind) => {
    expect(kindOf(text)).toEqual([kind]);
  });

  it('reports a loan fee and the option or obligation to buy beside it as two reports: loan and agreed', () => {
    const { reports } = extract('Kalulu va in prestito oneroso a 5 milioni, con obbligo di riscatto fissato a 30 milioni.');
    expect(reports.map((r) => [r.kind, r.eur.min])).toEqual([
      ['loan', 5_000_000],
      ['agreed', 30_000_000],
    ]);
    const both = extract('Kalulu passa al Napoli: prestito da 6 milioni e obbligo di riscatto da 40 milioni.').reports;
    expect(both.map((r) => [r.kind, r.eur.min])).toEqual([
      ['loan', 6_000_000],
      ['agreed', 40_000_000],
    ]);
  });

  it('keeps a loan fee alone as a loan', () => {
    const { reports } = extract('João Félix se marcha cedido al Chelsea; el club inglés abonará unos 11 millones por la cesión.');
    expect(reports.map((r) => [r.kind, r.eur.min, r.approx])).toEqual([['loan', 11_000_000, true]]);
  });

  it('reports no conversion, and reads an unwritten currency from the nearest written one before it', () => {
    const text =
      'Il Milan ha ceduto Tonali per 64 milioni di sterline, circa 74 milioni di euro, mentre Leão ha una clausola da 175 milioni.';
    const { reports } = extract(text);
    expect(reports.map((r) => [r.player.name, r.kind, r.amount.min, r.amount.currency])).toEqual([
      ['Sandro Tonali', 'agreed', 64_000_000, 'GBP'],
      ['Rafael Leão', 'release_clause', 175_000_000, 'EUR'],
    ]);
  });

  it('takes the kind of the previous figure when a figure has no cue of its own', () => {
    const { reports } = extract('Il Milan ha speso 20 milioni per Tonali e 16 milioni per Leão.');
    expect(reports.map((r) => r.kind)).toEqual(['agreed', 'agreed']);
  });
});

describe('figures that are not transfer fees', () => {
  it.each([
    ['wages per season', 'Rafael Leão percepirà 7 milioni netti a stagione fino al 2028.'],
    ['wages per week', 'Declan Rice earns £240,000 a week at Arsenal.'],
    ["agents' commissions", 'Per Tonali gli agenti hanno incassato commissioni per 5 milioni di euro.'],
    ['club revenue', 'Il Milan di Tonali ha chiuso il bilancio con ricavi per 400 milioni di euro.'],
    ['a stadium', 'Il nuovo stadio costerà 1,2 miliardi, ha detto Tonali.'],
    ['TV rights', 'Kane said the Premier League TV rights are worth £10bn.'],
    ['a sell-on share', 'Southampton get a £5m share from a sell-on clause after Kane joined Bayern.'],
    ['a fine', 'UEFA fined Chelsea £8.6m, months after they signed Enzo.'],
    ['a budget', 'Bayern have a transfer budget of €100m this summer, Musiala said.'],
    ['a signing bonus', 'Kylian Mbappé a touché une prime à la signature de 100 millions d’euros.'],
    ["a player's agent", "L'agente di Tonali riceverà il 10% del trasferimento, circa 7 milioni di euro."],
  ])('%s', (_label, text) => {
    expect(extract(text).reports).toEqual([]);
  });
});
