import 'reflect-metadata';
import path from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '@fantamercato/core';
import { generateMigration, migrate } from './database-commands.js';
import { addFeedCommand, listFeedsCommand, pollOnceCommand } from './feeds-commands.js';
import { extractCommand, ingestCommand, linkCommand } from './news-commands.js';
import { importPlayersCommand, mergePlayersCommand } from './players-commands.js';
import { grantAdminCommand, revokeAdminCommand } from './users-commands.js';

const program = new Command()
  .name('fantamercato')
  .description('Fantamercato command line: database, players, news and admins (npm run cli -- <command>)')
  .showHelpAfterError();

program.command('db:migrate').description('apply pending migrations').action(migrate);

program
  .command('db:migration:generate')
  .argument('<Name>', 'PascalCase name of the change, e.g. AddAuctions')
  .description('write a migration from the difference between the entities and the migrated schema')
  .action((name: string) => generateMigration(name, path.resolve('migrations')));

program
  .command('news:extract')
  .argument('<file>', 'an article (text or HTML), or - for standard input')
  .option('-l, --language <code>', 'skip language detection (it, en, es, de, fr, pt)')
  .option(
    '--explain',
    'print each report with its evidence (how the person was matched, the figure paired, the kind decided) instead of JSON',
  )
  .description('print the fee reports found in an article as JSON (needs no database)')
  .action(extractCommand);

program
  .command('news:ingest')
  .argument('<paths...>', 'article files, or folders of .txt/.html/.md files')
  .option('-l, --language <code>', 'skip language detection')
  .description('store articles and their reports, and update the prices of the players they name')
  .action(ingestCommand);

program
  .command('feeds:add')
  .argument('<url>', 'an RSS 2.0 or Atom feed (http or https)')
  .option('-l, --language <code>', "its articles' language (default: detected per article)")
  .option('-i, --interval <minutes>', 'minutes between polls, 1 to 1440 (default 30)')
  .description("follow a news feed: the API's processes poll it and store its new articles as POST /news does")
  .action(addFeedCommand);

program
  .command('feeds:list')
  .description('every feed followed, with its last poll, its error if any, and its counts')
  .action(listFeedsCommand);

program
  .command('feeds:poll-once')
  .argument('[ids...]', 'feed ids (default: every feed)')
  .description('poll feeds once now, due or not, with a progress line per feed (exit code 1 if one failed)')
  .action(pollOnceCommand);

program
  .command('players:import')
  .argument(
    '<csv>',
    "players in the registry format (ref,name,position,… see libs/players/data/README.md) or a Transfermarkt players.csv (dcaribou/transfermarkt-datasets, or the 2022 snapshot's tm_player_id,… layout)",
  )
  .description(
    'load or update players: each row matches by ref, else Transfermarkt id, else name + birth date; clubs go through the alias table; unreadable rows are reported by line',
  )
  .action(importPlayersCommand);

program
  .command('players:merge')
  .argument('<keep>', 'the player who stays (uuid or ref, e.g. tm:8198)')
  .argument('<drop>', 'the same person listed again (uuid or ref, e.g. fc:2610): deleted once everything of his is moved to <keep>')
  .description(
    'join two registry players who are one person, in one transaction: reports, price history, ids, aliases and league references move to <keep>, who is repriced; refused if a league would hold him twice',
  )
  .action(mergePlayersCommand);

program
  .command('players:link')
  .argument('<reportId>', 'a stored report (GET /news/reports?linked=false lists those the registry could not link)')
  .argument('<playerId>', 'the registry player it prices')
  .description('link a stored report to a registry player and reprice him')
  .action(linkCommand);

program
  .command('users:grant-admin')
  .argument('<email>', 'the email of an existing account (any letter case)')
  .description('make the account an admin: it may store articles (POST /news), which moves prices')
  .action(grantAdminCommand);

program
  .command('users:revoke-admin')
  .argument('<email>', 'the email of an existing account (any letter case)')
  .description('make the admin an ordinary user again, at once (ADMIN_EMAILS promotes it again at the next start if it is listed)')
  .action(revokeAdminCommand);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? 'Configuration error: ' : 'error: '}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
