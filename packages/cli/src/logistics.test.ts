import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

const line = (name: string, coordinates: number[][]) => ({
  type: 'Feature',
  properties: { name },
  geometry: { type: 'LineString', coordinates },
});

describe('guarantor logistics (embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-logistics-'));
  const dataDir = join(dir, 'db');
  const run = cli();
  beforeAll(async () => {
    await copyDataDirTemplate(dataDir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a layer (crossings split), tells the risk in words, plans between named places, and names the option at fault', async () => {
    const file = join(dir, 'roads.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          // Vinnytsia to Zhytomyr, crossed by R-32 without a shared end.
          line('M-21', [
            [28.47, 49.23],
            [28.55, 49.7],
            [28.66, 50.25],
          ]),
          line('R-32', [
            [28.2, 49.6],
            [28.9, 49.8],
          ]),
          line('Madrid', [
            [-3.7, 40.4],
            [-3.5, 40.5],
          ]),
        ],
      }),
    );
    const bad = await run('logistics', 'import-network', file, '--tolerance', 'wide', '--data-dir', dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--tolerance: "wide" is not a number from 0 to 5000');

    const stored = await run(
      'logistics',
      'import-network',
      file,
      '--name',
      'Vinnytsia roads',
      '--data-dir',
      dataDir,
    );
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toMatch(
      /network net-\d+ "Vinnytsia roads" stored: 4 segments between 5 nodes; crossings split: 1; ends snapped: 0; features skipped: 1; connected pieces: 1/,
    );
    expect(stored.stderr).toContain(
      'skipped: feature 2, geometry.coordinates: the line does not come within 3°',
    );

    const risk = await run('logistics', 'risk', 'vinnytsia roads', '--nation', 'FRA', '--data-dir', dataDir);
    expect(risk.code, risk.stderr).toBe(0);
    expect(risk.stdout).toMatch(
      /route risk on "Vinnytsia roads" \(net-\d+\) .* within 10 km in the last 30 days/,
    );
    expect(risk.stdout).toContain('no segment has a risk above 0');

    const plan = await run(
      'logistics',
      'plan',
      'Vinnytsia roads',
      '--from',
      'vinnytsia',
      '--to',
      'Zhytomyr',
      '--depart',
      '2026-12-08T06:00Z',
      '--data-dir',
      dataDir,
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(
      /route Vinnytsia → Zhytomyr: 114\.2 km via Vinnytsia → 49\.700° N 28\.550° E → Zhytomyr; arrives 2026-12-08 08:51 UTC/,
    );

    const nowhere = await run(
      'logistics',
      'plan',
      'Vinnytsia roads',
      '--from',
      'Lviv',
      '--to',
      'Zhytomyr',
      '--data-dir',
      dataDir,
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('--from: no place "Lviv" on net-');
    expect(nowhere.stderr).toContain('named places: Vinnytsia, Zhytomyr');

    const french = await cli({ GUARANTOR_LANG: 'fr' })('logistics', 'risk', 'net-999', '--data-dir', dataDir);
    expect(french.code).toBe(1);
    expect(french.stderr).toContain('<network> : aucun réseau d’itinéraires « net-999 »');
  });
});
