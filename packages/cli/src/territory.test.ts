import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../test/support/cli.ts';
import { copyDataDirTemplate } from '../../../test/support/templates.ts';

const box = (x: number, y: number, d: number) => [
  [x, y, 110],
  [x + d, y, 112],
  [x + d, y + d, 115],
  [x, y + d, 111],
  [x, y, 110],
];

describe('guarantor territory import and list (embedded database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guarantor-territory-'));
  const dataDir = join(dir, 'db');
  const run = cli();
  beforeAll(async () => {
    await copyDataDirTemplate(dataDir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a mixed file as a version, saying each step and each skipped or repaired feature; refuses a file without an area', async () => {
    const file = join(dir, 'front-2025.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [box(37, 47.5, 0.5)] },
          },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [37, 48] } },
        ],
      }),
    );
    const stored = await run('territory', 'import', file, '--as-of', '2025-01-02', '--data-dir', dataDir);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stderr).toContain('reading');
    expect(stored.stderr).toContain('checking each area with PostGIS');
    expect(stored.stderr).toContain('skipped: feature 1, geometry.type: a Point is not an area');
    expect(stored.stderr).toContain('repaired: feature 0, geometry.coordinates: 3-D coordinates');
    expect(stored.stdout).toMatch(/stored ca-\d+, occupied on 2025-01-02, front-2025 version 1: [\d,]+ km²/);
    expect(stored.stdout).toContain('of the official 603,628 km²');
    expect(stored.stdout).toContain('1 of 2 features taken, 1 skipped, 1 repaired');

    const lines = join(dir, 'lines.geojson');
    writeFileSync(
      lines,
      JSON.stringify({
        type: 'LineString',
        coordinates: [
          [37, 48],
          [38, 49],
        ],
      }),
    );
    const refused = await run('territory', 'import', lines, '--as-of', '2025-01-03', '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('refused, nothing stored: no area in the file');

    const listed = await run('territory', 'list', '--data-dir', dataDir);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
    expect(listed.stdout).toMatch(/2025-01-02 {2}occupied {2}front-2025 v1/);
    expect(listed.stdout).toContain('(official)');
    expect(listed.stdout).toContain('(boundaries)');
  });
});
