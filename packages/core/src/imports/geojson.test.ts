import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGeoJsonObservations } from './geojson.ts';
import { collectImport } from './input.ts';

const reportedAtMs = Date.UTC(2026, 10, 27);
const properties = {
  uid: 'g-1',
  source_kind: 'uav',
  source_id: 'drone-2',
  nation: 'GBR',
  start: '2026-11-26T10:00:00Z',
  category: 'heavy_weapon_sighting',
  count: 3,
  radius_m: 50,
  remarks: 'Гаубиці біля школи',
};
const point = (props: object, coordinates: unknown = [37.8, 48.6], extra: object = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: props,
  ...extra,
});
const importGeoJson = (document: unknown) =>
  collectImport(
    readGeoJsonObservations(typeof document === 'string' ? document : JSON.stringify(document), {
      reportedAtMs,
    }),
  );

describe('readGeoJsonObservations', () => {
  it('reads point features, and bearing features whose point is the observer', async () => {
    const bearing = {
      ...properties,
      uid: 'g-2',
      bearing_deg: 350,
      spread_deg: 10,
      min_distance_m: 1000,
      max_distance_m: 3000,
    };
    const report = await importGeoJson({
      type: 'FeatureCollection',
      features: [point(properties), point(bearing)],
    });
    expect(report.rejected).toEqual([]);
    expect(report.accepted[0]).toEqual({
      uid: 'g-1',
      source: { kind: 'uav', id: 'drone-2', nation: 'GBR' },
      time: { startMs: Date.UTC(2026, 10, 26, 10), endMs: Date.UTC(2026, 10, 26, 10) },
      category: 'heavy_weapon_sighting',
      count: 3,
      location: { kind: 'point', position: [37.8, 48.6], radiusM: 50 },
      reportedAtMs,
      remarks: 'Гаубиці біля школи',
    });
    expect(report.accepted[1]?.location).toEqual({
      kind: 'bearing',
      observer: [37.8, 48.6],
      bearingDeg: 350,
      spreadDeg: 10,
      minDistanceM: 1000,
      maxDistanceM: 3000,
    });
  });

  it('takes the feature id as uid and a BOM before the JSON', async () => {
    const { uid: _, ...rest } = properties;
    const report = await importGeoJson(
      `\uFEFF${JSON.stringify({ type: 'FeatureCollection', features: [point(rest, undefined, { id: 17 })] })}`,
    );
    expect(report.accepted.map((o) => o.uid)).toEqual(['17']);
  });

  it('rejects bad features by number and field, keeping the good ones', async () => {
    const report = await importGeoJson({
      type: 'FeatureCollection',
      features: [
        point(properties, [37.8, 95]),
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties },
        point({ ...properties, uid: 'g-3', category: 'shelling' }),
        point({ ...properties, uid: 'g-4', count: 0 }),
        point({ ...properties, uid: 'g-5', start: '2026-11-26' }),
        point({ ...properties, uid: 'g-6', count: { n: 2 } }),
        null,
        point({ ...properties, uid: 'g-7' }),
      ],
    });
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [1, 'lat'],
      [2, 'geometry'],
      [3, 'category'],
      [4, 'count'],
      [5, 'start'],
      [6, 'count'],
      [7, 'geometry'],
    ]);
    expect(report.accepted.map((o) => o.uid)).toEqual(['g-7']);
  });

  it('refuses what is not a FeatureCollection in one rejection', async () => {
    expect((await importGeoJson('{"type": "FeatureCollection", "features": [')).rejected).toMatchObject([
      { row: 0, field: 'file', reason: expect.stringContaining('not JSON') },
    ]);
    expect((await importGeoJson({ type: 'Feature' })).rejected).toMatchObject([{ row: 0, field: 'file' }]);
  });

  it('never throws on arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const report = await importGeoJson({
          type: 'FeatureCollection',
          features: [value, point(properties)],
        });
        expect(report.accepted.at(-1)?.uid).toBe('g-1');
      }),
      { numRuns: 200 },
    );
  });
});
