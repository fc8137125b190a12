import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@fantamercato/core';
import { lockLeaguesForMerge, lockWindowsForMerge, MergeConflictError, moveLeagueReferences } from '@fantamercato/market';
import { planImport, PlayersRepository, readPlayersFile, type ImportLayout, type MergePlayer } from '@fantamercato/players';
import { lockReportsForMerge, movePricing } from '@fantamercato/pricing';
import { migrateDatabase } from '@fantamercato/schema';
import { CliModule } from './cli.module.js';
import { withDatabase } from './database-commands.js';

const LAYOUTS: Record<ImportLayout, string> = {
  registry: 'registry layout',
  transfermarkt: 'Transfermarkt players.csv layout',
  'transfermarkt-2022': 'Transfermarkt 2022 snapshot layout',
};

/**
 * Loads or updates players from a CSV: the registry's format (see libs/players/data/README.md) or a
 * Transfermarkt player list, told apart by the header. Each row matches a stored player by ref, else
 * Transfermarkt id, else normalised name + birth date (`planImport`); matched players are updated,
 * the others added, clubs renamed through the alias table, market values never read. Unreadable
 * rows are reported by line and skipped; the rest land in one transaction.
 */
export async function importPlayersCommand(file: string): Promise<void> {
  const started = performance.now();
  const parsed = await readPlayersFile(file);
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), { logger: ['error', 'warn'] });
    try {
      const players = app.get(PlayersRepository);
      const plan = await app.get(DataSource).transaction(async (manager) => {
        const planned = planImport(parsed.rows, parsed.lines, await players.importKnown(manager), {
          fromTransfermarkt: parsed.layout !== 'registry',
        });
        await players.lockByRefs(
          manager,
          planned.rows.map((r) => r.ref),
        );
        const written = await players.upsert(planned.rows, manager);
        return { ...planned, written };
      });
      const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
      for (const problem of problems) console.log(`line ${problem.line}: ${problem.message}`);
      for (const [club, rows] of [...parsed.unknownClubs].sort((a, b) => b[1] - a[1])) {
        console.log(`club "${club}" (${rows} row(s)) is not in the club alias table: kept as written (libs/players/data/club-names.csv)`);
      }
      const { ref, tmId, nameBirth } = plan.matched;
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${parsed.rows.length} player(s) read (${parsed.layout ? LAYOUTS[parsed.layout] : 'unknown layout'}): ` +
          `${plan.written.inserted} added, ${plan.written.updated} updated ` +
          `(matched ${ref} by ref, ${tmId} by Transfermarkt id, ${nameBirth} by name + birth date); ` +
          `${problems.length} unreadable row(s) skipped; ${Math.round(parsed.rows.length / seconds).toLocaleString('en')} rows/s`,
      );
      if (problems.length > 0 && plan.rows.length === 0) process.exitCode = 1;
    } finally {
      await app.close();
    }
  });
}

/** Refused before anything changed: printed as `<CODE>: <message>`, exit code 1. */
class MergeRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * players:merge <keep> <drop>: two registry players who are one person become `keep`, in one
 * transaction: the dropped player's fee reports, price history, ids and aliases, and every league
 * reference (roster entries, auctions, sealed bids and windows, trades) move to `keep`, `drop` is
 * deleted and `keep` repriced. Refused with nothing changed (exit code 1) for an unknown id, the
 * same player twice, ids that disagree, or a league that would hold him twice or break a squad's
 * quotas (MergeConflictError).
 */
export async function mergePlayersCommand(keepArg: string, dropArg: string): Promise<void> {
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), { logger: ['error', 'warn'] });
    try {
      const players = app.get(PlayersRepository);
      const summary = await app.get(DataSource).transaction(async (manager) => {
        const keepId = await players.idOf(manager, keepArg);
        const dropId = await players.idOf(manager, dropArg);
        if (!keepId) throw new MergeRefusal('PLAYER_NOT_FOUND', `No player has id or ref "${keepArg}".`);
        if (!dropId) throw new MergeRefusal('PLAYER_NOT_FOUND', `No player has id or ref "${dropArg}".`);
        if (keepId === dropId) throw new MergeRefusal('SAME_PLAYER', `"${keepArg}" and "${dropArg}" are the same player.`);
        // Lock order (docs/architecture.md §3, players:merge): open sealed windows, fee reports, both players'
        // ownership advisory locks in every league naming either, open auctions, open trades, the player rows last.
        await lockWindowsForMerge(manager, [keepId, dropId]);
        await lockReportsForMerge(manager, [keepId, dropId]);
        const concerned = await lockLeaguesForMerge(manager, [keepId, dropId]);
        const locked = new Map<string, MergePlayer | null>();
        for (const id of [keepId, dropId].sort()) locked.set(id, await players.lockForMerge(manager, id));
        const keep = locked.get(keepId);
        const drop = locked.get(dropId);
        if (!keep || !drop) throw new MergeRefusal('PLAYER_NOT_FOUND', 'The player was deleted meanwhile.');
        for (const [label, a, b] of [
          ['Transfermarkt ids', keep.tmId, drop.tmId],
          ['Fantacalcio ids', keep.fantacalcioId, drop.fantacalcioId],
          ['FPL codes', keep.fplCode, drop.fplCode],
        ] as const) {
          if (a !== null && b !== null && a !== b) {
            throw new MergeRefusal('IDS_DISAGREE', `${keep.ref} and ${drop.ref} have different ${label} (${a}, ${b}): not one person?`);
          }
        }
        const leagues = await moveLeagueReferences(manager, keep.id, drop.id, concerned);
        const pricing = await movePricing(manager, keep.id, drop.id);
        await players.absorb(manager, keep, drop);
        return { keep, drop, leagues, pricing };
      });
      const { keep, drop, leagues, pricing } = summary;
      console.log(
        `merged ${drop.ref} "${drop.name}" into ${keep.ref} "${keep.name}" (${keep.id}): ` +
          `${pricing.reports} report(s), ${pricing.history} price history row(s), ${leagues.rosterEntries} roster entr(y/ies), ` +
          `${leagues.auctions} auction(s), ${leagues.sealedBids} sealed bid(s) (${leagues.sealedBidsDropped} duplicate(s) dropped), ` +
          `${leagues.sealedWindows} sealed window(s), ${leagues.trades} trade(s) moved; ${drop.ref} deleted, ${keep.ref} repriced`,
      );
    } catch (error) {
      if (!(error instanceof MergeRefusal || error instanceof MergeConflictError)) throw error;
      console.error(`${error instanceof MergeRefusal ? error.code : 'MERGE_CONFLICT'}: ${error.message}`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });
}
