// How `players:import` matches a file's rows to the players the registry holds. Pure: the
// repository loads the players, this decides, the upsert writes.
import { normalizeName, type RegistryProblem, type RegistryRow } from './registry-file.js';

/** What the import needs to know of a stored player. */
export interface KnownPlayer {
  id: string;
  ref: string;
  name: string;
  aliases: string[];
  tmId: number | null;
  birthDate: string | null;
  /** A fantasy game (Fantacalcio, FPL) lists him: its role is his position, not Transfermarkt's. */
  fantasy: boolean;
  position: string;
  mergedRefs: string[];
}

export type MatchedBy = 'ref' | 'tmId' | 'nameBirth';

export interface ImportPlan {
  /** Rows to upsert by `ref`: a matched row carries its player's ref. */
  rows: RegistryRow[];
  matched: Record<MatchedBy, number>;
  added: number;
  /** Rows left out: ambiguous matches, or a second row for one player. */
  problems: RegistryProblem[];
}

/** Aliases: the row's, then the ones the player had that the row lacks (distinct after case-folding, never `|`). */
export function mergeAliases(first: readonly string[], then: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...first, ...then].filter((alias) => {
    const key = alias.normalize('NFC').toLowerCase();
    if (!alias.trim() || alias.includes('|') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const nameBirthKey = (name: string, birthDate: string) => `${normalizeName(name)}|${birthDate}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/**
 * Matches each row to a stored player: by `ref` (the registry's key, and a ref merged into a player),
 * else by Transfermarkt id, else by normalised name (or alias) and birth date — never a player whose
 * Transfermarkt id is set and differs from the row's (another person); an unmatched row is a new player. A match found more than once (two players share the tm id, or the name and birth
 * date) is not guessed: the row is reported and skipped, and `players:merge` joins the two first.
 *
 * A matched row updates its player: his ref stays; his name stays when it folds to the row's (the
 * registry's written "Simon Kjær" is not turned back into Transfermarkt's "Simon Kjaer"), else the
 * row's name replaces it and the old one stays an alias. From a Transfermarkt file
 * (`fromTransfermarkt`) a player a fantasy game lists also keeps that game's position. A registry
 * file's row matched by its own ref is written as it is, as `players:import` always did.
 */
export function planImport(
  rows: readonly RegistryRow[],
  lines: readonly number[],
  known: readonly KnownPlayer[],
  { fromTransfermarkt }: { fromTransfermarkt: boolean },
): ImportPlan {
  const byRef = new Map<string, KnownPlayer>();
  const byMergedRef = new Map<string, KnownPlayer[]>();
  const byTmId = new Map<number, KnownPlayer[]>();
  const byNameBirth = new Map<string, KnownPlayer[]>();
  for (const p of known) {
    byRef.set(p.ref, p);
    for (const ref of p.mergedRefs) push(byMergedRef, ref, p);
    if (p.tmId !== null) push(byTmId, p.tmId, p);
    if (p.birthDate) for (const name of [p.name, ...p.aliases]) push(byNameBirth, nameBirthKey(name, p.birthDate), p);
  }
  const plan: ImportPlan = { rows: [], matched: { ref: 0, tmId: 0, nameBirth: 0 }, added: 0, problems: [] };
  const claimed = new Map<string, number>(); // player id (or a new ref) → the line that took it
  rows.forEach((row, i) => {
    const line = lines[i] ?? 0;
    const refs = (list: KnownPlayer[]) => list.map((p) => p.ref).join(', ');
    let player: KnownPlayer | undefined = byRef.get(row.ref);
    let by: MatchedBy = 'ref';
    if (!player && byMergedRef.get(row.ref)?.length === 1) player = byMergedRef.get(row.ref)![0];
    if (!player && row.tmId !== null) {
      const found = byTmId.get(row.tmId) ?? [];
      if (found.length > 1) {
        plan.problems.push({
          line,
          message: `Transfermarkt id ${row.tmId} is on ${found.length} players (${refs(found)}): merge them first`,
        });
        return;
      }
      [player] = found;
      by = 'tmId';
    }
    if (!player && row.birthDate) {
      // Two Transfermarkt ids are two people (as players:merge says): such a namesake is not this row's player.
      const found = (byNameBirth.get(nameBirthKey(row.name, row.birthDate)) ?? []).filter(
        (p) => row.tmId === null || p.tmId === null || p.tmId === row.tmId,
      );
      if (found.length > 1) {
        plan.problems.push({
          line,
          message: `"${row.name}" born ${row.birthDate} is ${found.length} players (${refs(found)}): merge them first`,
        });
        return;
      }
      [player] = found;
      by = 'nameBirth';
    }
    const key = player?.id ?? `new:${row.ref}`;
    if (claimed.has(key)) {
      plan.problems.push({ line, message: `the same player as line ${claimed.get(key)} (${player?.ref ?? row.ref}): row skipped` });
      return;
    }
    claimed.set(key, line);
    if (!player) {
      plan.added++;
      plan.rows.push(row);
      return;
    }
    plan.matched[by]++;
    if (by === 'ref' && player.ref === row.ref && !fromTransfermarkt) {
      plan.rows.push(row);
      return;
    }
    const sameName = normalizeName(player.name) === normalizeName(row.name);
    plan.rows.push({
      ...row,
      ref: player.ref,
      name: sameName ? player.name : row.name,
      aliases: mergeAliases([...(sameName ? [player.name] : [row.name]), ...row.aliases], [player.name, ...player.aliases, row.name]),
      position: fromTransfermarkt && player.fantasy ? (player.position as RegistryRow['position']) : row.position,
    });
  });
  return plan;
}
