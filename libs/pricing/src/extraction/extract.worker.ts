// A worker thread of the extraction pool (piscina). It runs from dist/ (built by swc), also
// when the API itself runs from the TypeScript sources under Jest.
import type { MessagePort } from 'node:worker_threads';
import {
  createPlayerIndex,
  extractFeeReports,
  LANGUAGES,
  type ExtractResult,
  type KnownPlayer,
  type Language,
  type PlayerIndex,
} from '../extract/index.js';
import type { RegistrySnapshot } from '../player-directory.js';

export interface ExtractTask {
  readonly text: string;
  readonly language?: Language;
  readonly registry: RegistrySnapshot;
  /** Told when the extraction itself starts: the time budget does not count the index build. */
  readonly started: MessagePort;
}

/**
 * Vocabularies and club tables compile on first use, and fresh code runs slowly at first: a new
 * worker reads one sentence in every language before its first budgeted task, so the budget
 * measures the text, not the worker's youth.
 */
const WARM_UP = 'Il Milan chiede 25 milioni di euro per Kalulu. Chelsea want £30m for Rice, says the club.';
let warm = false;

// Two versions: tasks issued just before and just after a registry change may interleave.
const indexes = new Map<string, PlayerIndex>();

function indexFor(registry: RegistrySnapshot): PlayerIndex {
  let index = indexes.get(registry.signature);
  if (!index) {
    const players = JSON.parse(Buffer.from(registry.players).toString('utf8')) as KnownPlayer[];
    index = createPlayerIndex(players);
    if (indexes.size >= 2) indexes.delete(indexes.keys().next().value!);
    indexes.set(registry.signature, index);
  }
  if (!warm) {
    for (const language of LANGUAGES) extractFeeReports(WARM_UP, index, { language });
    warm = true;
  }
  return index;
}

export default function extract(task: ExtractTask): ExtractResult {
  const index = indexFor(task.registry);
  task.started.postMessage('started');
  task.started.close();
  return extractFeeReports(task.text, index, { language: task.language });
}
