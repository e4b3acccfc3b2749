import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { copyServedTemplate } from '../../../test/support/templates.ts';

const guarantor = cli();
const ukrainian = cli({ GUARANTOR_LANG: 'uk' });

describe('guarantor sustainment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-sustainment-'));
  const db = join(dir, 'db');
  // The demo scenario as the first `guarantor serve` leaves it (one folder made per run, copied).
  beforeAll(() => copyServedTemplate(db));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans, lists, shows the cliffs in words and exports a workbook', async () => {
    const plan = await guarantor(
      'sustainment',
      'plan',
      '--nation',
      'FRA',
      '--method',
      'greedy',
      '--start',
      '2027-01',
      '--months',
      '36',
      '--title',
      'Three years',
      '--data-dir',
      db,
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain('planning 36 months from January 2027 (greedy');
    expect(plan.stdout).toMatch(
      /^SPLAN-FRA-1 stored: rolling-horizon plan \(month by month, no look-ahead\); coverage [\d.]+% \(no plan can exceed [\d.]+%\); mandate cliffs: \d+; short spans: \d+; embedded database in /,
    );
    const optimal = await guarantor(
      'sustainment',
      'plan',
      '--nation',
      'FRA',
      '--months',
      '6',
      '--start',
      '2027-01',
      '--time-limit',
      '2',
      '--data-dir',
      db,
    );
    expect(optimal.code, optimal.stderr).toBe(0);
    expect(optimal.stdout).toMatch(/^SPLAN-FRA-2 stored: /);

    const list = await guarantor('sustainment', 'list', '--data-dir', db);
    expect(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split(' ')[0]),
    ).toEqual(['SPLAN-FRA-2', 'SPLAN-FRA-1']);
    expect(list.stdout).toContain('Three years  36 months from January 2027  coverage');

    const show = await guarantor('sustainment', 'show', 'SPLAN-FRA-1', '--nation', 'GBR', '--data-dir', db);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^SPLAN-FRA-1 “Three years”: rolling-horizon plan/);
    expect(show.stdout).toMatch(/Mandate cliffs: \d+/);
    // The U.S. mandate ends in 2027 with no renewal expected: its cliff in January 2028, in words.
    expect(show.stdout).toMatch(/January 2028, United States, mandate ends: In January 2028 /);
    expect(show.stdout).toMatch(/Short spans: \d+/);
    const uk = await ukrainian('sustainment', 'show', 'SPLAN-FRA-1', '--data-dir', db);
    expect(uk.stdout).toMatch(/Обриви мандатів: \d+/);
    expect(uk.stdout).toMatch(/січень 2028 р., [^,]+, мандат завершується/);
    // The cliff's own sentence in Ukrainian too (ADR 0052), said again from the stored plan.
    expect(uk.stdout).toMatch(
      /мандат завершується: Січень 2028 р\.: закінчується національний мандат держави Сполучені Штати/,
    );

    const file = join(dir, 'plan.xlsx');
    const out = await guarantor('sustainment', 'export', 'SPLAN-FRA-1', '--xlsx', file, '--data-dir', db);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain(`${file} written: SPLAN-FRA-1 as a workbook`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Timeline',
      'Cliffs',
      'Nations over time',
      'Shortfalls',
      'Coverage',
    ]);
  });

  it('refuses bad input naming the option, with a non-zero exit', async () => {
    const refused: [string[], string][] = [
      [
        ['plan', '--nation', 'FRA', '--months', '0'],
        '--months 0: give a whole number of months from 1 to 60',
      ],
      [
        ['plan', '--nation', 'FRA', '--months', '-6'],
        '--months -6: give a whole number of months from 1 to 60',
      ],
      [['plan', '--nation', 'FRA', '--months', '2.5'], '--months 2.5: give a whole number'],
      [['plan', '--nation', 'FRA', '--time-limit', '0'], '--time-limit 0: give seconds from 0.1 to 60'],
      [['plan', '--nation', 'FRA', '--start', '2027-13'], '--start 2027-13: give a month as YYYY-MM'],
      [['plan', '--nation', 'FRA', '--method', 'fast'], '--method fast: optimal or greedy'],
      [['plan', '--months', '12'], '--nation: give the nation the plan is computed for'],
      [['show', 'SPLAN-FRA-99'], '<id> SPLAN-FRA-99: no such sustainment plan'],
      [['export', 'SPLAN-FRA-1'], '--xlsx: give the workbook file to write'],
    ];
    // Two at a time: most are refused before the database opens, so each process mostly starts.
    for (let i = 0; i < refused.length; i += 2) {
      await Promise.all(
        refused.slice(i, i + 2).map(async ([args, message]) => {
          const run = await guarantor('sustainment', ...args, '--data-dir', db);
          expect(run.code, args.join(' ')).toBe(1);
          expect(run.stderr).toContain(`guarantor: ${message}`);
        }),
      );
    }
    const fr = await cli({ GUARANTOR_LANG: 'fr' })('sustainment', 'plan', '--nation', 'FRA', '--months', '0');
    expect(fr.stderr).toContain('--months 0 : indiquez un nombre entier de mois de 1 à 60');
    // Nothing was stored by the refusals.
    const list = await guarantor('sustainment', 'list', '--data-dir', db);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
  });
});
