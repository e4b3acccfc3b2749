/**
 * The embedded database survives its process being killed mid-write (issue 12, fault tests):
 * `guarantor serve` on a PGlite folder takes observations and audited writes, is killed with
 * SIGKILL while requests are in flight, and starts again on the same folder. Nothing it
 * acknowledged is lost, no batch is half-stored, and the audit chain verifies. While it runs,
 * a second process on the same folder refuses with a message naming the holder.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, exited, serve, until } from '../../../test/support/cli.ts';
import { copyServedTemplate, type FirstStart } from '../../../test/support/templates.ts';

const ENV = { LOG_LEVEL: 'warn' };
const BATCH = 10;

/** Runs `guarantor …` to completion. */
const guarantor = cli(ENV);

async function signIn(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    });
}

function observation(uid: string, n: number) {
  const t = Date.parse('2026-11-26T06:00:00Z') + (n % 100) * 60_000;
  return {
    uid,
    source: { kind: 'patrol', id: 'patrol-crash', nation: 'USA' },
    time: { startMs: t, endMs: t + 60_000 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: [36 + (n % 30) * 0.05, 47.5], radiusM: 300 },
    reportedAtMs: t + 120_000,
  };
}

describe('the embedded database under kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-crash-'));
  const dataDir = join(dir, 'db');
  const children: ChildProcess[] = [];
  let firstStart: FirstStart;
  // The folder as the first `guarantor serve` on an empty one left it (demo scenario, first
  // admin), made once per run by a real serve process and copied here.
  beforeAll(async () => {
    firstStart = await copyServedTemplate(dataDir);
  });
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, half of none, and a verifiable audit chain; a second process refuses', async () => {
    // The first start printed the admin's password, once.
    const password = /password: (\S+)\n/.exec(firstStart.output)?.[1];
    expect(password, firstStart.output).toBeDefined();
    let server = await serve(dataDir, ENV);
    children.push(server.child);
    let admin = await signIn(server.url, 'admin', password!);
    const created = await admin('/api/users', {
      username: 'crash-sensor',
      displayName: 'crash sensor',
      password: 'correct horse battery staple',
      nation: 'USA',
      roles: ['monitor'],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const issued = await admin('/api/tokens', { username: 'crash-sensor', name: 'device' });
    const { token } = (await issued.json()) as { token: string };

    // A second process on the same folder refuses, naming the holder, and harms nothing.
    const second = await guarantor('audit', 'verify', '--data-dir', dataDir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${server.child.pid}`);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    /** Every batch sent (uids), and those acknowledged; tokens issued and acknowledged. */
    const sent: string[][] = [];
    const acknowledged = new Set<string>();
    const tokensAcknowledged: string[] = [];
    let nextBatch = 0;
    let nextToken = 0;

    const load = (url: string, post: typeof admin) => {
      let running = true;
      const observers = Array.from({ length: 3 }, async () => {
        while (running) {
          const b = nextBatch++;
          const uids = Array.from({ length: BATCH }, (_, i) => `crash-${b}-${i}`);
          sent.push(uids);
          const res = await fetch(`${url}/api/observations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ observations: uids.map((uid, i) => observation(uid, b * BATCH + i)) }),
          }).catch(() => undefined);
          if (res?.status === 200) {
            const body = (await res.json().catch(() => ({ results: [] }))) as {
              results: { uid?: string; status: string }[];
            };
            for (const r of body.results) if (r.status === 'stored' && r.uid) acknowledged.add(r.uid);
          }
        }
      });
      const auditor = (async () => {
        while (running) {
          const name = `crash-token-${nextToken++}`;
          const res = await post('/api/tokens', { username: 'crash-sensor', name }).catch(() => undefined);
          if (res?.status === 201) tokensAcknowledged.push(name);
        }
      })();
      return {
        stop: async () => {
          running = false;
          await Promise.all([...observers, auditor]);
        },
      };
    };

    for (let cycle = 0; cycle < 2; cycle++) {
      const before = acknowledged.size;
      const tokensBefore = tokensAcknowledged.length;
      const loading = load(server.url, admin);
      // However long that takes on a busy machine (the test's timeout bounds it).
      await until(
        () => acknowledged.size >= before + 20 * BATCH && tokensAcknowledged.length >= tokensBefore + 3,
      );
      // Killed while requests are in flight.
      server.child.kill('SIGKILL');
      await exited(server.child);
      await loading.stop();
      expect(acknowledged.size).toBeGreaterThan(before);

      server = await serve(dataDir, ENV);
      children.push(server.child);
      expect(server.output()).not.toContain('demo scenario');
      admin = await signIn(server.url, 'admin', password!);
    }

    // Closed cleanly, so the test may open the folder itself.
    server.child.kill('SIGTERM');
    await exited(server.child);
    const database = await openDatabase({ dataDir });
    try {
      // observation is in Database too, but this check reads only uids.
      const { rows } = await sql<{
        uid: string;
      }>`select uid from observation where uid like 'crash-%'`.execute(database.db);
      // Stored in the sender's nation's uid namespace (crash-1@USA); compare the uids sent.
      const stored = new Set(rows.map((r) => r.uid.replace(/@[A-Z]{3}$/, '')));
      const lost = [...acknowledged].filter((uid) => !stored.has(uid));
      expect(lost).toEqual([]);
      // One request is one transaction: a batch is stored whole or not at all.
      const half = sent.filter((uids) => {
        const n = uids.filter((u) => stored.has(u)).length;
        return n !== 0 && n !== uids.length;
      });
      expect(half).toEqual([]);
      const tokens = await database.db
        .selectFrom('api_token')
        .select('name')
        .where('name', 'like', 'crash-token-%')
        .execute();
      const tokenNames = new Set(tokens.map((t) => t.name));
      expect(tokensAcknowledged.filter((n) => !tokenNames.has(n))).toEqual([]);
    } finally {
      await database.close();
    }
    const verdict = await guarantor('audit', 'verify', '--data-dir', dataDir);
    expect(verdict.stdout + verdict.stderr).toContain('audit chain intact');
    expect(verdict.code).toBe(0);
  }, 900_000);
});
