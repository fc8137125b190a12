import { createPlayerIndex, type PlayerIndex } from './players.js';
import type { KnownPlayer } from './types.js';

/** A small registry for the unit tests: the seed article's Milan squad plus namesakes. */
export const TEST_PLAYERS: readonly KnownPlayer[] = [
  { id: 'p-kalulu', name: 'Pierre Kalulu', aliases: ['Kalulu'], club: 'Milan', position: 'DEF' },
  { id: 'a-kalulu', name: 'Aldo Kalulu', aliases: ['Kalulu'], club: 'FC Basel', position: 'FWD' },
  { id: 'tonali', name: 'Sandro Tonali', aliases: ['Tonali'], club: 'Milan', position: 'MID' },
  { id: 'florenzi', name: 'Alessandro Florenzi', aliases: ['Florenzi'], club: 'Milan', position: 'DEF' },
  { id: 'kjaer', name: 'Simon Kjær', aliases: ['Kjær'], club: 'Milan', position: 'DEF' },
  { id: 'romagnoli', name: 'Alessio Romagnoli', aliases: ['Romagnoli'], club: 'Milan', position: 'DEF' },
  { id: 'tomori', name: 'Fikayo Tomori', aliases: ['Tomori'], club: 'Milan', position: 'DEF' },
  { id: 'leao', name: 'Rafael Leão', aliases: ['Leão'], club: 'Milan', position: 'FWD' },
  { id: 'odegaard', name: 'Martin Ødegaard', aliases: ['Ødegaard'], club: 'Real Madrid', position: 'MID' },
  { id: 'rice', name: 'Declan Rice', aliases: ['Rice'], club: 'West Ham', position: 'MID' },
  { id: 'kane', name: 'Harry Kane', aliases: ['Kane'], club: 'Tottenham', position: 'FWD' },
  { id: 'bellingham', name: 'Jude Bellingham', aliases: ['Bellingham'], club: 'Borussia Dortmund', position: 'MID' },
  { id: 'r-lukaku', name: 'Romelu Lukaku', aliases: ['Lukaku'], club: 'Chelsea', position: 'FWD' },
  { id: 'j-lukaku', name: 'Jordan Lukaku', aliases: ['Lukaku'], club: 'Lazio', position: 'DEF' },
  { id: 'felix', name: 'João Félix', aliases: ['Félix'], club: 'Atlético Madrid', position: 'FWD' },
  { id: 'musiala', name: 'Jamal Musiala', aliases: ['Musiala'], club: 'Bayern Munich', position: 'MID' },
  { id: 'sommer', name: 'Yann Sommer', aliases: ['Sommer'], club: 'Bayern Munich', position: 'GK' },
  { id: 'mbappe', name: 'Kylian Mbappé', aliases: ['Mbappé'], club: 'Paris Saint-Germain', position: 'FWD' },
  { id: 'enzo', name: 'Enzo Fernández', aliases: ['Enzo'], club: 'Benfica', position: 'MID' },
];

let cached: PlayerIndex | undefined;
export function testIndex(): PlayerIndex {
  cached ??= createPlayerIndex(TEST_PLAYERS);
  return cached;
}
