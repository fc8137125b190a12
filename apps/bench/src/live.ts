import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Api } from './api.js';

const here = path.dirname(new URL(import.meta.url).pathname);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Connects `count` Socket.IO clients, `width` at a time; returns those that connected. */
export async function connectMany(url: string, tokens: string[], count: number, width = 200): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = await Promise.allSettled(
      Array.from(
        { length: Math.min(width, count - start) },
        (_, i) =>
          new Promise<Socket>((resolve, reject) => {
            const socket = io(url, {
              auth: { token: tokens[(start + i) % tokens.length] },
              transports: ['websocket'],
              reconnection: false,
              forceNew: true,
            });
            const timer = setTimeout(() => (socket.close(), reject(new Error('connect timeout'))), 20_000);
            socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
            socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), reject(error)));
          }),
      ),
    );
    for (const result of batch) if (result.status === 'fulfilled') sockets.push(result.value);
  }
  return sockets;
}

/**
 * Fires `rounds` times, one at a time, and measures how long after each firing every watcher has
 * the `event` whose `match` is true. Returns all samples, sorted, in ms.
 */
export async function fanOutLatency(
  watchers: Socket[],
  event: string,
  rounds: number,
  fire: (round: number) => Promise<void>,
  match: (payload: any, round: number) => boolean,
): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let remaining = watchers.length;
    let fired = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`round ${round}: ${remaining} watchers did not receive ${event} in 30 s`)), 30_000);
      for (const socket of watchers) {
        const listener = (payload: unknown) => {
          if (!match(payload, round)) return;
          socket.off(event, listener);
          samples.push(performance.now() - fired);
          if (--remaining === 0) (clearTimeout(timer), resolve());
        };
        socket.on(event, listener);
      }
    });
    fired = performance.now();
    try {
      await fire(round);
    } catch (error) {
      clearTimeout(timer);
      done.catch(() => undefined);
      throw error;
    }
    await done;
  }
  return samples.sort((a, b) => a - b);
}

/** A bare Socket.IO server (same version as ours) that broadcasts what it is told to, in its own process. */
export async function startBareServer(): Promise<{
  url: string;
  emit: (payload: unknown) => Promise<void>;
  process: ChildProcess;
  stop: () => void;
}> {
  const child = fork(path.join(here, 'bare-socketio-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: any) => resolve(m.port)));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    process: child,
    emit: async (payload) => {
      await fetch(`${url}/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    },
    stop: () => child.kill('SIGTERM'),
  };
}

/** Resident set size of a process, in MiB, from /proc. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Joins every socket to the league (acked), a few hundred at a time. */
export async function joinAll(sockets: Socket[], leagueId: string): Promise<void> {
  for (let start = 0; start < sockets.length; start += 250) {
    await Promise.all(sockets.slice(start, start + 250).map((s) => s.timeout(20_000).emitWithAck('league.join', { leagueId })));
  }
}

export type { Api };
