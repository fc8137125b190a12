import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_API_NODE_ARGS) by self time:
 * the busiest functions and the share of each package. Usage:
 *   node dist/apps/bench/src/profile-summary.js <file.cpuprofile> [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native/idle)';
  if (url.startsWith('node:')) return url.split('/')[0]!;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  if (url.includes('/dist/')) return 'fantamercato';
  return url;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [top]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()].filter(([id]) =>
  ['(idle)', '(program)', '(garbage collector)'].includes(byId.get(id)!.callFrame.functionName),
);
const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${lineNumber + 1}` : ''}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  const pkg = ['(idle)', '(program)', '(garbage collector)'].includes(functionName) ? functionName : packageOf(url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(
  `${(total / 1e6).toFixed(1)} s sampled; ${idle.map(([id, us]) => `${byId.get(id)!.callFrame.functionName} ${pct(us).trim()}`).join(', ')}`,
);
console.log('\nby package (self time):');
for (const [pkg, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(us)}  ${pkg}`);
console.log('\nby function (self time):');
for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 40))) console.log(`${pct(us)}  ${fn}`);
