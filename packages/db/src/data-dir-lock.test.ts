import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_LOCK_FILE, DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

describe('the embedded data folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder in this process, and frees the folder on release', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that died', () => {
    // A process that has exited: its pid is free (or reused, which the host check cannot tell).
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), `${dead}\n${hostname()}\n2026-01-01T00:00:00Z\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('honours a lock held by another live process', () => {
    // pid 1 is always alive.
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), `1\n${hostname()}\n2026-01-01T00:00:00Z\n`);
    expect(() => lockDataDir(dir)).toThrow('in use by process 1');
    rmSync(join(dir, DATA_DIR_LOCK_FILE));
  });
});
