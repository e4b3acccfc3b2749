/**
 * Where a benchmark's CPU time went, from /proc (Linux; elsewhere every figure is undefined):
 * the server's main thread (its event loop), the whole bench process (with its worker threads),
 * and every PostgreSQL process on the machine (the server's backends, COPY's, the
 * checkpointer and WAL writer). Seconds of CPU, user and system together.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  readonly mainThread: number;
  readonly process: number;
  readonly postgres: number;
}

/** utime + stime of a /proc stat line, in seconds (the name in parentheses may hold spaces). */
function statSeconds(path: string, children = false): { name: string; seconds: number } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  // After the name: state is field 3 of stat(5), utime 14, stime 15, and the reaped children's
  // cutime 16 and cstime 17 (a PostgreSQL backend that has exited counts in the postmaster's).
  const ticks = (children ? [11, 12, 13, 14] : [11, 12]).reduce((sum, i) => sum + Number(fields[i]), 0);
  const seconds = ticks / TICKS_PER_SECOND;
  return { name: text.slice(open + 1, close), seconds };
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  const main = statSeconds(`/proc/self/task/${process.pid}/stat`);
  const whole = statSeconds('/proc/self/stat');
  if (!main || !whole) return undefined;
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statSeconds(`/proc/${entry}/stat`, true);
    if (stat?.name === 'postgres') postgres += stat.seconds;
  }
  return { mainThread: main.seconds, process: whole.seconds, postgres };
}

/** "main thread 1.2 s, bench process 2.0 s, PostgreSQL 1.8 s of CPU" between two snapshots. */
export function cpuBetween(from: CpuSnapshot | undefined, to: CpuSnapshot | undefined): string {
  if (!from || !to) return 'CPU time unknown (no /proc)';
  const s = (x: number) => `${x.toFixed(1)} s`;
  return `CPU: server's main thread ${s(to.mainThread - from.mainThread)}, bench process ${s(to.process - from.process)}, PostgreSQL ${s(to.postgres - from.postgres)}`;
}
