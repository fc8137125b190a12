// Loads the extractor's evaluation corpus and a player list, for the eval and the benchmark.
// Lives beside the data, not in src/extract/, so the extractor itself stays free of I/O.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { fold, LANGUAGES, type FeeKind, type KnownPlayer, type Language } from '../src/extract/index.js';

export interface ExpectedReport {
  player: string;
  kind: FeeKind;
  eurMin: number;
  eurMax: number;
  approx?: boolean;
  from?: string;
  to?: string[];
}

/**
 * `dev` texts may be read and tuned on; `test` texts (corpus/test/) were written and labelled blind,
 * by someone who had not read the extractor, and are frozen: only ever measured.
 */
export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export interface CorpusItem {
  id: string;
  split: Split;
  language: Language;
  text: string;
  expected: ExpectedReport[];
}

export interface PlayerSource {
  players: KnownPlayer[];
  /** Where the list came from, for the printed summary. */
  description: string;
}

/** The folder holding package.json: the code runs from dist/, the data stays in the sources. */
export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'libs'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
}

export function loadCorpus(root = findRepoRoot(), splits: readonly Split[] = SPLITS): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const split of splits) {
    for (const language of LANGUAGES) {
      const file = join(root, 'libs/pricing/corpus', ...(split === 'test' ? ['test'] : []), `${language}.json`);
      if (split === 'test' && !existsSync(file)) continue;
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Omit<CorpusItem, 'language' | 'split'>[];
      for (const item of raw) items.push({ id: item.id, text: item.text, expected: item.expected, split, language });
    }
  }
  return items;
}

/** A comparable form of a name: folded, letters and digits only. */
export function nameKey(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

interface RegistryRow {
  ref: string;
  name: string;
  short_name?: string;
  aliases?: string;
  club?: string;
  position?: string;
  nationality?: string;
}

/**
 * The registry CSV when another part of the project has written it, topped up with the corpus'
 * own players that it lacks (recent signings); otherwise the corpus' own list alone.
 */
export function loadPlayers(root = findRepoRoot(), useRegistry = true): PlayerSource {
  const own = JSON.parse(readFileSync(join(root, 'libs/pricing/corpus/players.json'), 'utf8')) as KnownPlayer[];
  const csv = join(root, 'libs/players/data/registry.csv');
  if (!useRegistry || !existsSync(csv)) return { players: own, description: `corpus list (${own.length} players)` };
  const rows = parse(readFileSync(csv), { columns: true, skip_empty_lines: true, relax_column_count: true }) as RegistryRow[];
  const registry: KnownPlayer[] = rows
    .filter((r) => r.name)
    .map((r) => ({
      id: r.ref,
      name: r.name,
      aliases: [...(r.aliases ?? '').split('|'), r.short_name ?? ''].map((a) => a.trim()).filter(Boolean),
      club: r.club || null,
      position: r.position || null,
      nationality: r.nationality || null,
    }));
  const known = new Set<string>();
  for (const p of registry) for (const n of [p.name, ...p.aliases]) known.add(nameKey(n));
  const missing = own.filter((p) => !known.has(nameKey(p.name)));
  return {
    players: [...registry, ...missing],
    description: `registry.csv (${registry.length} players) + ${missing.length} corpus players it lacks`,
  };
}

/**
 * Does a found report name the expected player? The same name; an alias of the expected name
 * ("Kjaer" for Simon Kjær); or the same person written fuller or shorter: every word of the
 * shorter name (two words at least) in the longer ("Alejandro Garnacho" / "Alejandro Garnacho
 * Ferreyra"), or a one-word name that is the longer's surname or first name (the registry's
 * mononym "Arthur" / "Arthur Melo"). Shared by the eval and the scorer's training.
 */
export function samePlayerMatcher(players: readonly KnownPlayer[]): (found: { player: { name: string } }, expected: ExpectedReport) => boolean {
  const aliases = new Map<string, Set<string>>();
  for (const p of players) {
    for (const n of [p.name, ...p.aliases]) {
      const set = aliases.get(nameKey(n)) ?? new Set<string>();
      set.add(nameKey(p.name));
      aliases.set(nameKey(n), set);
    }
  }
  const words = (name: string) => fold(name).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
  const sameWords = (a: string, b: string) => {
    const [short, long] = [words(a), words(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
    if (short.length === 0) return false;
    return short.length >= 2 ? short.every((w) => long.includes(w)) : short[0] === long.at(-1) || short[0] === long[0];
  };
  return (found, expected) =>
    nameKey(found.player.name) === nameKey(expected.player) ||
    (aliases.get(nameKey(expected.player))?.has(nameKey(found.player.name)) ?? false) ||
    sameWords(found.player.name, expected.player);
}
