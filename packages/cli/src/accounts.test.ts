import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@guarantor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

const guarantor = cli({ USER: 'ops' });

describe('guarantor user list|disable|enable and token list|revoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-cli-accounts-'));
  // A migrated folder, as `guarantor migrate` leaves one (the commands would migrate it first).
  beforeAll(() => copyDataDirTemplate(dir));
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
  });
});
