import { describe, expect, it } from '@jest/globals';
import { extractFeeReports } from './extract.js';
import { createPlayerIndex } from './players.js';
import { TEST_PLAYERS } from './test-players.js';
import type { Language } from './types.js';

// The unit registry plus the namesakes that real reports trip on: a goalkeeper called like a
// stadium, a player whose surname is a first name, one called like a club's word.
const index = createPlayerIndex([
  ...TEST_PLAYERS,
  { id: 'trafford', name: 'James Trafford', aliases: ['Trafford'], club: 'Burnley', position: 'GK' },
  { id: 'villa', name: 'David Villa', aliases: ['Villa'], club: 'Valencia', position: 'FWD' },
  { id: 'pedro-a', name: 'Pedro Alves', club: 'Porto', aliases: [], position: 'DEF' },
  { id: 'pedro-b', name: 'Pedro Neto', club: 'Wolves', aliases: [], position: 'FWD' },
  { id: 'pedro-c', name: 'Pedro Gonçalves', club: 'Sporting CP', aliases: [], position: 'MID' },
  { id: 'm-pedro', name: 'Marco Pedro', club: 'Empoli', aliases: [], position: 'MID' },
  { id: 'mendes', name: 'Nuno Mendes', aliases: ['Mendes'], club: 'Paris Saint-Germain', position: 'DEF' },
  { id: 'yeray', name: 'Yeray Álvarez', aliases: ['Álvarez'], club: 'Athletic Bilbao', position: 'DEF' },
  { id: 'kulusevski', name: 'Dejan Kulusevski', aliases: ['Kulusevski'], club: 'Juventus', position: 'MID', nationality: 'Sweden' },
  { id: 'bentancur', name: 'Rodrigo Bentancur', aliases: ['Bentancur'], club: 'Juventus', position: 'MID', nationality: 'Uruguay' },
]);
const extract = (text: string, language?: Language) => extractFeeReports(text, index, language ? { language } : {});
const who = (text: string, language?: Language) => extract(text, language).reports.map((r) => [r.player.name, r.linked, r.eur.min]);

describe('people first: who may be priced', () => {
  it('reports a priced person the registry lacks as unlinked, with the name the article gives in full', () => {
    const { reports } = extract('Palmeiras confirmed the sale of Vitor Roque to Barcelona for €30m. Roque will join in January.');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ player: { name: 'Vitor Roque' }, linked: false, kind: 'agreed', eur: { min: 30_000_000 } });
    expect(reports[0]!.player).not.toHaveProperty('id');
  });

  it('joins a later surname to the person named in full, even where the registry has a namesake', () => {
    const text = 'Ajax have sold Aldo Kalulu to Lyon.\n\nLyon paid €12m for Kalulu, the club said.';
    expect(who(text)).toEqual([['Aldo Kalulu', true, 12_000_000]]);
    const stranger = 'Brest have signed Mahdi Camara.\n\nBrest paid €3m for Camara.';
    expect(who(stranger)).toEqual([['Mahdi Camara', false, 3_000_000]]);
  });

  it('reads an unknown first name before a registry surname as someone else, whom the surname alone then names', () => {
    const text = 'Álvarez joins West Ham\n\nEdson Álvarez has completed a £35.5m move from Ajax to West Ham.';
    expect(who(text)).toEqual([['Edson Álvarez', false, 41_535_000]]);
  });

  it('does not take companies, funds or clubs it does not know for people', () => {
    expect(who('Elliott Management sold the club to RedBird Capital Partners for €1.2bn.')).toEqual([]);
    expect(who('Givanildo Vieira leaves Zenit\n\nShanghai SIPG paid €55.8m for Givanildo Vieira.')).toEqual([
      ['Givanildo Vieira', false, 55_800_000],
    ]);
  });

  it("gives a lone surname shared by two people named in full to the one named first, and prices the headline's subject", () => {
    const text =
      'Beukema è del Napoli: al Bologna 31 milioni\n\nSam Beukema lascia il Bologna. Decisivo il padre e procuratore Menno Beukema.';
    expect(who(text, 'it')).toEqual([['Sam Beukema', false, 31_000_000]]);
  });

  it('does not price a person whose verb follows his name: he closed the deal, he did not move', () => {
    expect(who('Walter Sabatini ha chiuso con il Manchester City per 11 milioni.', 'it')).toEqual([]);
  });

  it('prices a person whose verb of moving follows his name, and the people listed with one who moves', () => {
    expect(who('Edson Moura joined Arsenal for £38.5m on Monday.')).toEqual([['Edson Moura', false, 45_045_000]]);
    const listed = 'Il club ha pagato per Mario Verdi, Luca Neri e Paolo Gialli 10, 12 e 14 milioni.';
    expect(who(listed, 'it').map(([name]) => name)).toEqual(['Mario Verdi', 'Luca Neri', 'Paolo Gialli']);
  });

  it('reads "O\'Riley" as one name, and the surname alone as him', () => {
    const text = "O'Riley to Brighton\n\nMatt O'Riley leaves Celtic. Brighton paid £25m for O'Riley.";
    expect(who(text)).toEqual([["Matt O'Riley", false, 29_250_000]]);
  });

  it('gives "the Swede" to the one Swedish player named, where the last sentence named two', () => {
    const text =
      "La Juventus cede Kulusevski e Bentancur al Tottenham. Lo svedese parte in prestito per 10 milioni. L'uruguaiano costa 19 milioni.";
    expect(who(text, 'it')).toEqual([
      ['Dejan Kulusevski', true, 10_000_000],
      ['Rodrigo Bentancur', true, 19_000_000],
    ]);
  });

  it('reads the nationality the text gives a person the registry lacks', () => {
    const text =
      'Il Barcellona prende il brasiliano Vitor Roque e il tedesco Jonas Weber dal Palmeiras.\n\nIl brasiliano costa 30 milioni.';
    expect(who(text, 'it')).toEqual([['Vitor Roque', false, 30_000_000]]);
  });

  it('offers registry players of the same surname as candidates for an unlinked name', () => {
    const [report] = extract('Benfica sold Rui Mendes to Monaco for €20m.').reports;
    expect(report).toMatchObject({ player: { name: 'Rui Mendes' }, linked: false });
    expect(report!.candidates).toEqual([{ id: 'mendes', name: 'Nuno Mendes', club: 'Paris Saint-Germain' }]);
  });

  it('never takes a stadium, a club word or a first name on its own for a player', () => {
    expect(who('Rice was unveiled at Old Trafford after Manchester United paid £60m for him.')).toEqual([
      ['Declan Rice', true, 70_200_000],
    ]);
    expect(who('Trafford hosted the signing: the club paid £60m.')).toEqual([]);
    expect(who('Aston Villa paid £30m for the striker from Villa Park rivals.')).toEqual([]);
    expect(who('Pedro said the club paid €20m for a defender.')).toEqual([]);
  });

  it('does not price agents, presidents, coaches, directors or the journalist who is the source', () => {
    expect(who('Agent Jorge Mendes wants €50m from any club.')).toEqual([]);
    expect(who('Il presidente Aurelio De Laurentiis chiede 120 milioni.', 'it')).toEqual([]);
    expect(who('Arsenal boss Mikel Arteta wants £50m spent before August.')).toEqual([]);
    expect(who('According to Fabrizio Romano, Barcelona will pay €60m.')).toEqual([]);
    expect(who('Der Sportvorstand Max Eberl bietet 40 Millionen Euro.', 'de')).toEqual([]);
    // A source after the name speaks of the sentence, not of the player.
    expect(who('Liverpool have rejected a €150m offer for Rafael Leão, according to reports.')).toEqual([
      ['Rafael Leão', true, 150_000_000],
    ]);
  });

  it('keeps a named player beside a role word that is his position', () => {
    expect(who('The striker Endrick Felipe joins Real Madrid for €35m.')).toEqual([['Endrick Felipe', false, 35_000_000]]);
  });
});

describe('evidence', () => {
  it('says how the person was found, how the figure was paired, and which words decided the kind', () => {
    const [report] = extract('Real Madrid want Kalulu: Milan could ask €25m for Pierre Kalulu.').reports;
    expect(report!.evidence).toMatchObject({
      link: 'full-name',
      pairing: 'for-player',
      kindCue: 'ask',
      kindDefaulted: false,
      mention: 'Pierre Kalulu',
    });
    expect(report!.evidence.score).toBeGreaterThan(0.5);
  });

  it('marks an unlinked person and a defaulted kind', () => {
    const [report] = extract('The striker Vitor Roque moved to Barcelona for €30m.').reports;
    expect(report!.evidence).toMatchObject({ link: 'unlinked', pairing: 'nearest-before', kindDefaulted: true, mention: 'Vitor Roque' });
  });
});
