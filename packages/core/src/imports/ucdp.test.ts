import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { collectImport } from './input.ts';
import { readUcdpObservations, UCDP_COLUMNS } from './ucdp.ts';

const UCDP = sharedData('events/ucdp_ged_ukraine_2014-2022.csv', 'UCDP import test');
const CSV = UCDP.path;

const options = { reportedAtMs: 0 };
const ROW = {
  id: '147997',
  type_of_violence: '1',
  dyad_name: 'Government of Ukraine - Maidan',
  source_office: 'Agence France Presse;Reuters',
  source_date: '2014-01-22;2014-01-23',
  where_prec: '1',
  where_description: 'Kiev city, "Hrushevskoho" street',
  latitude: '50.45',
  longitude: '30.5233',
  date_start: '2014-01-22',
  date_end: '2014-01-22',
  best: '2',
};
const csvOf = (...rows: Record<string, string>[]) =>
  [
    UCDP_COLUMNS.join(','),
    ...rows.map((r) => UCDP_COLUMNS.map((c) => `"${r[c]!.replaceAll('"', '""')}"`).join(',')),
  ].join('\n');

describe('readUcdpObservations', () => {
  it('gives one observation per source article of each event', async () => {
    const report = await collectImport(readUcdpObservations(csvOf(ROW), options));
    expect(report.rejected).toEqual([]);
    expect(report.accepted.map((o) => [o.uid, o.source.id, o.count])).toEqual([
      ['ucdp-147997-0', 'Agence France Presse', 2],
      ['ucdp-147997-1', 'Reuters', 2],
    ]);
  });

  it('rejects a bad row by its UCDP column and reads on', async () => {
    const report = await collectImport(
      readUcdpObservations(
        csvOf({ ...ROW, latitude: '95' }, { ...ROW, id: '2', where_prec: '9' }, { ...ROW, id: '3' }),
        options,
      ),
    );
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'latitude'],
      [3, 'where_prec'],
    ]);
    expect(report.accepted.map((o) => o.uid)).toEqual(['ucdp-3-0', 'ucdp-3-1']);
  });

  it('refuses a file that is not UCDP GED', async () => {
    const report = await collectImport(readUcdpObservations('uid,lng,lat\n1,2,3\n', options));
    expect(report.rejected).toMatchObject([
      { row: 1, field: 'id', reason: expect.stringContaining('not a UCDP GED file') },
    ]);
  });

  it.skipIf(UCDP.skip)('streams the real GED Ukraine file', async () => {
    const report = await collectImport(
      readUcdpObservations(createReadStream(CSV, { highWaterMark: 4096 }), options),
    );
    expect(report.rejected).toEqual([]);
    // 3,077 events with 1 to dozens of articles each.
    expect(report.accepted.length).toBeGreaterThan(3077);
    expect(new Set(report.accepted.map((o) => o.uid.split('-')[1])).size).toBe(3077);
  });
});
