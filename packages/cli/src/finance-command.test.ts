import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { sharedData } from '../../../test/support/shared-data.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

const KIEL = sharedData('kiel/ust_data_explorer.csv', 'the CLI import of the Kiel tracker (TEST ONLY)');
const HEADER = 'country,iso,year,month,total,financial,humanitarian,military,commitments,to_be_allocated';

describe('guarantor finance import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-finance-'));
  const guarantor = cli();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file with problems, naming row and field, and stores nothing (exit 3); a header refusal exits 2', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      `${HEADER}\nFrance,FRA,2023,5,0.3,0.1,0.05,0.15,0.5,0.2\nFrance,FRA,2023,6,x,0.1,0.05,0.15,0.5,0.2\n`,
    );
    const run = await guarantor('finance', 'import', 'kiel', bad, '--data-dir', join(dir, 'db'));
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain("row 3, total: 'x' is not a decimal number");
    expect(run.stdout).toContain('1 problem, so nothing was stored');
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'Date,USD\n2025-05-09,1.1\n');
    expect((await guarantor('finance', 'import', 'kiel', header, '--data-dir', join(dir, 'db'))).code).toBe(
      2,
    );
    expect((await guarantor('finance', 'import', 'gold', header)).code).toBe(1);
  });

  it.skipIf(KIEL.skip)('imports the whole Kiel release into the embedded store', async () => {
    const run = await guarantor(
      'finance',
      'import',
      'kiel',
      KIEL.path,
      '--source',
      'kiel-r29',
      '--nation',
      'FRA',
      '--data-dir',
      join(dir, 'db'),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1079 rows read; 2265 flows of 42 donors stored as kiel-r29@FRA');
  });

  it('imports an IATI activity file with its report, and refuses another version (exit 2) or an over-commitment without a reason (exit 3)', async () => {
    const fixture = new URL('../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url)
      .pathname;
    // A folder of its own, migrated as `guarantor migrate` leaves one (one folder made per run,
    // copied): the first test already has `finance import` migrate a new folder itself.
    const db = join(dir, 'iati-db');
    await copyDataDirTemplate(db);
    const run = await guarantor('finance', 'import', 'iati', fixture, '--label', 'PUBLIC', '--data-dir', db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '2 activities, 6 transactions read; 5 flows of 2 donors stored as ukraine-reconstruction; 1 skipped',
    );
    expect(run.stdout).toContain('transaction type 1 (incoming funds)');
    const old = join(dir, 'old.xml');
    writeFileSync(old, '<iati-activities version="1.05"/>');
    const refused = await guarantor('finance', 'import', 'iati', old, '--data-dir', db);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('IATI version 1.05');
    const over = join(dir, 'over.xml');
    writeFileSync(over, readFileSync(fixture, 'utf8').replace('>4000000.50<', '>11000000.00<'));
    const noReason = await guarantor('finance', 'import', 'iati', over, '--data-dir', db);
    expect(noReason.code).toBe(3);
    expect(noReason.stdout).toContain('--over-commitment-reason');
  });
});
