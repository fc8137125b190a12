import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { DomainError, loadConfig } from '@fantamercato/core';
import { readRegistryFile, STARTER_REGISTRY_PATH } from '@fantamercato/players';
import {
  articleText,
  createPlayerIndex,
  extractFeeReports,
  LANGUAGES,
  NewsService,
  explainEvidence,
  type ExtractResult,
  type Language,
} from '@fantamercato/pricing';
import { CliModule } from './cli.module.js';
import { withDatabase } from './database-commands.js';
import { migrateDatabase } from '@fantamercato/schema';

async function readInput(source: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(source, 'utf8');
}

function languageOption(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!(LANGUAGES as readonly string[]).includes(value)) throw new Error(`--language must be one of ${LANGUAGES.join(', ')}`);
  return value as Language;
}

/** Prints the reports of one article as JSON; reads the shipped registry, needs no database. */
export async function extractCommand(source: string, options: { language?: string; explain?: boolean }): Promise<void> {
  const text = articleText(await readInput(source));
  const { rows } = await readRegistryFile(STARTER_REGISTRY_PATH);
  const index = createPlayerIndex(
    rows.map((r) => ({ name: r.name, aliases: r.aliases, club: r.club, position: r.position, nationality: r.nationality })),
  );
  const result = text
    ? extractFeeReports(text, index, { language: languageOption(options.language) })
    : { language: 'und' as const, reports: [] };
  process.stdout.write(options.explain ? explainReports(result) : `${JSON.stringify(result, null, 2)}\n`);
}

/** `news:extract --explain`: each report with the evidence behind it, for a reviewer. */
export function explainReports(result: ExtractResult): string {
  const euros = (n: number) => `€${n.toLocaleString('en-GB')}`;
  const lines = [`language: ${result.language}; ${result.reports.length} report(s)`];
  result.reports.forEach((r, n) => {
    const amount = r.eur.min === r.eur.max ? euros(r.eur.min) : `${euros(r.eur.min)}–${euros(r.eur.max)}`;
    const clubs = [r.from ?? '?', r.to.join(', ') || '?'].join(' → ');
    lines.push(
      '',
      `${n + 1}. ${r.player.name}: ${r.kind} ${amount}${r.approx ? ' (approx)' : ''}${r.addonsEur ? ` + ${euros(r.addonsEur)} add-ons` : ''}, ${clubs}`,
    );
    for (const line of explainEvidence(r.evidence)) lines.push(`   ${line}`);
    if (r.candidates?.length)
      lines.push(`   candidates: ${r.candidates.map((c) => `${c.name}${c.club ? ` (${c.club})` : ''}`).join('; ')}`);
    lines.push(`   quote: «${r.quote}»`);
  });
  return `${lines.join('\n')}\n`;
}

async function articleFiles(sources: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const source of sources) {
    if ((await stat(source)).isDirectory()) {
      const entries = await readdir(source, { withFileTypes: true, recursive: true });
      files.push(
        ...entries
          .filter((e) => e.isFile() && /\.(txt|html?|md)$/i.test(e.name))
          .map((e) => path.join(e.parentPath, e.name))
          .sort(),
      );
    } else files.push(source);
  }
  return files;
}

/** Stores articles and their reports and reprices players, with a progress bar and a summary. */
export async function ingestCommand(sources: string[], options: { language?: string }): Promise<void> {
  const files = await articleFiles(sources);
  const language = languageOption(options.language);
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), { logger: ['error', 'warn'] });
    const news = app.get(NewsService);
    const summary = { stored: 0, alreadyStored: 0, reports: 0, failed: [] as string[], players: new Set<string>() };
    const bar = new SingleBar(
      { format: 'ingesting [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr },
      Presets.shades_classic,
    );
    bar.start(files.length, 0, { file: '' });
    try {
      for (const file of files) {
        bar.increment(0, { file: path.basename(file) });
        try {
          const outcome = await news.ingest({ text: await readFile(file, 'utf8'), language, title: path.basename(file) });
          if (outcome.created) summary.stored += 1;
          else summary.alreadyStored += 1;
          summary.reports += outcome.created ? outcome.reports.length : 0;
          for (const report of outcome.reports) if (report.player.id) summary.players.add(report.player.name);
        } catch (error) {
          summary.failed.push(`${file}: ${error instanceof DomainError || error instanceof Error ? error.message : String(error)}`);
        }
        bar.increment(1);
      }
    } finally {
      bar.stop();
      await app.close();
    }
    console.log(
      `${files.length} file(s): ${summary.stored} stored, ${summary.alreadyStored} already stored, ${summary.failed.length} failed; ` +
        `${summary.reports} new report(s); players priced: ${[...summary.players].join(', ') || 'none'}`,
    );
    for (const failure of summary.failed) console.log(`  failed ${failure}`);
    if (summary.failed.length > 0) process.exitCode = 1;
  });
}

/** players:link: a report of someone the extractor could not link now prices that registry player. */
export async function linkCommand(reportId: string, playerId: string): Promise<void> {
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), { logger: ['error', 'warn'] });
    try {
      const report = await app.get(NewsService).linkReport(reportId, playerId, null);
      console.log(
        `report ${report.id} (${report.player.name}, ${report.kind}, €${report.eur.min.toLocaleString('en')}) now prices player ${playerId}`,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`${error.code}: ${error.message}`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });
}
