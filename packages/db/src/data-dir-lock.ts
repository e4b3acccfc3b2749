import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** The file in an embedded data folder that names the process holding it. */
export const DATA_DIR_LOCK_FILE = 'guarantor.lock';

/** Another live process has the embedded data folder open. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holderPid: number) {
    super(
      `the embedded database in ${dataDir} is in use by process ${holderPid} on this machine; ` +
        'PGlite allows one process per data folder, and a second would corrupt it. ' +
        'Stop that process first (or run the command through it), or use a PostgreSQL server (DATABASE_URL) for several processes',
    );
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

/** A held lock; release() removes the file if it is still ours. */
export interface DataDirLock {
  release(): void;
}

/** Locks this process holds: a second open of one folder in one process is refused too. */
const heldHere = new Set<string>();

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock on an embedded data folder, or throws DataDirLockedError naming the live
 * holder. PGlite runs PostgreSQL inside this process and keeps no lock of its own (its
 * postmaster.pid names a fixed fake pid), so two processes on one folder would both write its
 * files. A lock left by a process that died (kill -9, a crash, a power cut) is stale and taken
 * over; so is one naming this very process (a container restarted with the same pid).
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = resolve(dataDir, DATA_DIR_LOCK_FILE);
  if (heldHere.has(path)) throw new DataDirLockedError(dataDir, process.pid);
  const host = hostname();
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // removed meanwhile: try again
      }
      const [pidText, holderHost] = text.split('\n');
      const pid = Number(pidText);
      if (!(Number.isInteger(pid) && pid > 0) && Date.now() - mtimeMs(path) < 10_000)
        // Created but not yet written: a process is taking it right now.
        throw new Error(`the embedded database in ${dataDir} is being opened by another process; try again`);
      // A lock from another host (a shared volume) cannot be checked from here: honour it.
      const stale =
        Number.isInteger(pid) && pid > 0 && holderHost === host && (pid === process.pid || !alive(pid));
      if (!stale && Number.isInteger(pid) && pid > 0) throw new DataDirLockedError(dataDir, pid);
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first; the next attempt sees its lock
      }
      continue;
    }
    writeSync(fd, `${process.pid}\n${host}\n${new Date().toISOString()}\n`);
    closeSync(fd);
    heldHere.add(path);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        heldHere.delete(path);
        try {
          if (readFileSync(path, 'utf8').split('\n')[0] === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      },
    };
  }
  throw new Error(`could not take the lock ${path}: it keeps changing; is another process starting?`);
}
