import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { sharedData } from '../../../test/support/shared-data.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

const POPULATION = sharedData(
  'territory/population_adm1.csv',
  'UNFPA population per first-level unit (TEST ONLY)',
);
const line = (lng: number) => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'LineString',
    coordinates: [
      [lng, 53, 0],
      [lng, 44, 0],
    ],
  },
});

describe('guarantor land-options import, list and compare (embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-land-options-'));
  const dataDir = join(dir, 'db');
  const run = cli();
  beforeAll(async () => {
    await copyDataDirTemplate(dataDir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an option (heights dropped, said), loads the population table and compares into CSV and XLSX', async () => {
    const east = join(dir, 'along-35.geojson');
    writeFileSync(east, JSON.stringify(line(35)));
    const stored = await run(
      'land-options',
      'import',
      east,
      '--side',
      'left',
      '--nation',
      'FRA',
      '--name',
      'Along 35° East',
      '--data-dir',
      dataDir,
    );
    expect(stored.code, stored.stderr + stored.stdout).toBe(0);
    expect(stored.stdout).toMatch(/stored lo-\d+, along-35@FRA version 1 \(line\), NATIONAL FRA/);
    expect(stored.stderr).toContain(
      'repaired: feature 0, geometry.coordinates: 3-D coordinates: the height of 2 positions dropped',
    );
    if (!POPULATION.skip) {
      const loaded = await run(
        'territory',
        'population',
        'import',
        POPULATION.path,
        '--source',
        'UNFPA COD-PS',
        '--data-dir',
        dataDir,
      );
      expect(loaded.code, loaded.stderr).toBe(0);
      expect(loaded.stdout).toContain('loaded 27 units, 43,320,154 people');
    }
    const csv = join(dir, 'compare.csv');
    const xlsx = join(dir, 'compare.xlsx');
    const compared = await run(
      'land-options',
      'compare',
      '--buffer-km',
      '10',
      '--csv',
      csv,
      '--xlsx',
      xlsx,
      '--data-dir',
      dataDir,
    );
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toContain('Along 35° East');
    expect(compared.stdout).toMatch(/line of contact [\d.]+ km: \d+ monitors \(\d+–\d+\), \d+ patrol bases/);
    expect(compared.stdout).toContain('10 km buffer each side');
    if (!POPULATION.skip)
      expect(compared.stdout).toMatch(/population \(UNFPA COD-PS \(\d{4}\), area-weighted in split units\)/);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeffOption,Version,Kind,')).toBe(true);
    expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('Land options')!.rowCount).toBe(2);
    expect(String(book.getWorksheet('Method')!.getRow(2).getCell(1).value)).toContain('geodesic');
  });
});
