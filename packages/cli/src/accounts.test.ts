import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@guarantor/db';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const MAIN = resolve(import.meta.dirname, 'main.ts');

async function guarantor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', USER: 'ops' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('guarantor user list|disable|enable and token list|revoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-cli-accounts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('disables users and revokes tokens without SQL, audited as the operating-system user', async () => {
    const db = ['--data-dir', dir];
    const added = await guarantor(
      'user',
      'add',
      'sensor-7',
      '--nation',
      'USA',
      '--roles',
      'monitor',
      '--token',
      'camera-7',
      ...db,
    );
    expect(added.code, added.stderr).toBe(0);

    const users = await guarantor('user', 'list', ...db);
    expect(users.stdout).toMatch(/^sensor-7\tUSA\tmonitor\tactive/m);

    const tokens = await guarantor('token', 'list', ...db);
    const line = tokens.stdout.split('\n').find((l) => l.includes('camera-7'));
    expect(line).toMatch(/\tsensor-7 \(USA\)\tissued .*\tactive$/);
    const id = line!.split('\t')[0]!;

    const revoked = await guarantor('token', 'revoke', id, ...db);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('API token "camera-7" of sensor-7 revoked');
    expect((await guarantor('token', 'list', ...db)).stdout).toMatch(/camera-7.*\trevoked /);

    const disabled = await guarantor('user', 'disable', 'sensor-7', ...db);
    expect(disabled.stdout).toContain('user sensor-7 disabled');
    expect((await guarantor('user', 'list', ...db)).stdout).toMatch(/^sensor-7\t.*\tdisabled since /m);

    const missing = await guarantor('user', 'disable', 'nobody', ...db);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no user named nobody');
    expect((await guarantor('token', 'revoke', 'not-an-id', ...db)).stderr).toContain('no API token with id');

    const database = await openDatabase({ dataDir: dir });
    try {
      const entries = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('action', 'in', ['token.revoke', 'user.disable'])
        .orderBy('seq')
        .execute();
      expect(entries).toEqual([
        { actor: 'cli:ops', action: 'token.revoke' },
        { actor: 'cli:ops', action: 'user.disable' },
      ]);
    } finally {
      await database.close();
    }
  }, 300_000);
});
