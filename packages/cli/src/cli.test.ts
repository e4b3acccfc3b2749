import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

/** Runs `guarantor …` as a user would, returning its exit code and output. */
const guarantor = cli();

describe('the guarantor command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-cli-'));
  // A migrated folder, as `guarantor migrate` leaves one: `seed` migrates first, a no-op here.
  beforeAll(() => copyDataDirTemplate(dir));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explains itself', async () => {
    const help = await guarantor('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'user', 'audit'])
      expect(help.stdout).toContain(command);
    expect((await guarantor('user', 'add', '--help')).stdout).toContain('--nation <iso3>');
  });

  it('seeds, adds users, refuses bad input, and verifies the audit chain until it is tampered with', async () => {
    const seed = await guarantor('seed', '--data-dir', dir);
    expect(seed.stderr).toBe('');
    expect(seed.stdout).toMatch(/scenario "Paris coalition": 35 nations, \d+ missions, \d+ offers/);

    const added = await guarantor(
      'user',
      'add',
      'fra.liaison',
      '--nation',
      'fra',
      '--roles',
      'liaison',
      '--data-dir',
      dir,
    );
    expect(added.stdout).toContain('user fra.liaison (FRA; liaison) created');
    expect(added.stdout).toMatch(/password \(shown once\): \S{16,}/);

    const badNation = await guarantor(
      'user',
      'add',
      'x.y',
      '--nation',
      'XXX',
      '--roles',
      'liaison',
      '--data-dir',
      dir,
    );
    expect(badNation.code).not.toBe(0);
    expect(badNation.stderr).toContain('"XXX" is not an ISO 3166-1 alpha-3 code');
    const badRole = await guarantor(
      'user',
      'add',
      'x.y',
      '--nation',
      'FRA',
      '--roles',
      'general',
      '--data-dir',
      dir,
    );
    expect(badRole.stderr).toContain('unknown role(s) general');

    const ok = await guarantor('audit', 'verify', '--data-dir', dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ entries verified/);

    const database = await openDatabase({ dataDir: dir });
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor = 'mallory' where seq = 3`.execute(database.db);
    await database.close();
    const broken = await guarantor('audit', 'verify', '--data-dir', dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('audit chain BROKEN at entry 3: its content no longer matches its hash');
  });
});
