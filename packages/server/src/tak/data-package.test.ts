import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZoneCollection } from '@guarantor/core/zones';
import { DEMO_ZONES_FILE, type ZoneRecord } from '@guarantor/db';
import { DataPackage } from '@tak-ps/node-cot';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import {
  buildTakPackage,
  feedPreferences,
  logisticsFeatures,
  MAX_SHAPE_POINTS,
  zoneShapes,
} from './data-package.ts';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const SPOT = sharedData('cot/spot_marker_atak_2020.xml', 'the spot marker compared with a real ATAK capture');

async function demoZones(): Promise<ZoneRecord[]> {
  const read = readZoneCollection(JSON.parse(await readFile(DEMO_ZONES_FILE, 'utf8')));
  return read.accepted.map((z) => ({
    ...z,
    version: 1,
    releasability: z.releasability ?? 'PUBLIC',
    label: { rel_kind: 'PUBLIC', rel_nations: [] },
    updatedAt: new Date(NOW),
  })) as unknown as ZoneRecord[];
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false });

describe('TAK data package', () => {
  let dir: string;
  let zones: ZoneRecord[];
  let parsed: DataPackage;
  let bytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tak-package-'));
    zones = await demoZones();
    bytes = await buildTakPackage({
      uid: 'guarantor-test',
      name: 'Guarantor zones (test)',
      zones,
      incidents: [
        {
          uid: 'guarantor-incident-inc-1',
          xml:
            '<event version="2.0" uid="guarantor-incident-inc-1" type="b-m-p-s-m" how="m-f" time="2026-12-07T08:00:00Z" start="2026-12-07T07:00:00Z" stale="2026-12-07T10:00:00Z">' +
            '<point lat="48.2" lon="37.5" hae="9999999.0" ce="50" le="9999999.0"/><detail><remarks>test</remarks></detail></event>',
        },
      ],
      feed: { host: 'guarantor.example', port: 8090, description: 'Guarantor: Donetsk South (FRA)' },
      nowMs: NOW,
    });
    await writeFile(join(dir, 'package.zip'), bytes);
    // The library's own reader, strict: the manifest must be there and valid.
    parsed = await DataPackage.parse(join(dir, 'package.zip'), { strict: true, cleanup: false });
  });
  afterAll(async () => {
    await parsed?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('is a zip whose manifest lists every item, as ATAK writes one', async () => {
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const manifest = xml.parse(parsed.manifest());
    const config = manifest.MissionPackageManifest.Configuration.Parameter as {
      name: string;
      value: string;
    }[];
    expect(manifest.MissionPackageManifest.version).toBe('2');
    expect(config).toEqual(
      expect.arrayContaining([
        { name: 'uid', value: 'guarantor-test' },
        { name: 'name', value: 'Guarantor zones (test)' },
        { name: 'onReceiveImport', value: 'true' },
      ]),
    );
    const entries = (manifest.MissionPackageManifest.Contents.Content as { zipEntry: string }[]).map(
      (c) => c.zipEntry,
    );
    const shapes = zones.flatMap(zoneShapes);
    expect(entries).toEqual(
      expect.arrayContaining([
        ...shapes.map((s) => `${s.uid}/${s.uid}.cot`),
        'guarantor-incident-inc-1/guarantor-incident-inc-1.cot',
        'guarantor-test-kml/zones.kml',
        'guarantor-test-feed/guarantor-feed.pref',
      ]),
    );
    expect(entries).toHaveLength(shapes.length + 3);
  });

  it('holds each zone as a closed, archived u-d-f shape with its name, style and remarks', async () => {
    const cots = await parsed.cots();
    const sector = cots.find((c) => c.uid() === 'guarantor-zone-sector-donetsk-south');
    expect(sector).toBeDefined();
    const event = sector!.raw.event;
    expect(event._attributes.type).toBe('u-d-f');
    expect(sector!.callsign()).toBe('Donetsk South (illustrative)');
    expect(event.detail?.archive).toBeDefined();
    const links = event.detail?.link as { _attributes: { point: string } }[];
    expect(links.length).toBeGreaterThan(3);
    // Closed: the outline ends where it starts (lat,lon as TAK writes it).
    expect(links.at(-1)!._attributes.point).toBe(links[0]!._attributes.point);
    expect(links[0]!._attributes.point).toMatch(/^4\d\.\d+,3\d\.\d+$/);
    expect(String(event.detail?.remarks?._text)).toContain('Guarantor monitoring sector: Donetsk South');
    expect(String(event.detail?.remarks?._text)).toContain('Illustrative');
    const loc = cots.find((c) => c.uid() === 'guarantor-zone-loc-illustrative');
    expect(loc!.raw.event._attributes.type).toBe('u-d-f');
    expect(loc!.raw.event.detail?.fillColor).toBeUndefined(); // a line, not an area
    // The incident rides along as the feed sends it.
    expect(cots.find((c) => c.uid() === 'guarantor-incident-inc-1')?.raw.event._attributes.type).toBe(
      'b-m-p-s-m',
    );
  });

  it('carries every zone unsimplified as KML, and the sector feed as a connection', async () => {
    const kml = String(await parsed.getFileBuffer('guarantor-test-kml/zones.kml'));
    expect(kml).toContain('<kml');
    expect(kml.match(/<Placemark[ >]/g)).toHaveLength(zones.length);
    expect(kml).toContain('Withdrawal zone: tanks, mortars');
    const pref = String(await parsed.getFileBuffer('guarantor-test-feed/guarantor-feed.pref'));
    expect(pref).toContain(
      '<entry key="connectString0" class="class java.lang.String">guarantor.example:8090:tcp</entry>',
    );
  });

  it('splits a multipolygon into parts, draws holes as outlines and simplifies long outlines', () => {
    const ring = (n: number, r: number, cx = 36, cy = 48) =>
      Array.from({ length: n + 1 }, (_, i) => {
        const a = ((i % n) / n) * 2 * Math.PI;
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
    const zone = {
      id: 'test-zone',
      kind: 'buffer_zone',
      name: 'Test buffer',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[ring(5000, 1), ring(8, 0.2)], [ring(6, 0.3, 30, 46)]],
      },
    } as unknown as ZoneRecord;
    const shapes = zoneShapes(zone);
    expect(shapes.map((s) => [s.uid, s.name, s.geometry.type])).toEqual([
      ['guarantor-zone-test-zone-1', 'Test buffer (part 1 of 2)', 'Polygon'],
      ['guarantor-zone-test-zone-2', 'Test buffer (part 1 of 2), hole 1', 'LineString'],
      ['guarantor-zone-test-zone-3', 'Test buffer (part 2 of 2)', 'Polygon'],
    ]);
    expect(shapes[0]!.simplifiedFrom).toBe(5001);
    const outer = shapes[0]!.geometry.coordinates as number[][][];
    expect(outer[0]!.length).toBeLessThanOrEqual(MAX_SHAPE_POINTS);
    expect(outer[0]!.length).toBeGreaterThan(50);
  });

  it.skipIf(SPOT.skip)(
    'writes a checkpoint as the spot marker a real ATAK capture shows, and a corridor as a line',
    async () => {
      const { CoTParser } = await import('@tak-ps/node-cot');
      const features = logisticsFeatures(
        {
          segments: [],
          checkpoints: [
            {
              id: 'cp-1',
              geometry: { type: 'Point', coordinates: [37.2, 48.3] },
              properties: {
                name: 'Bridge',
                status: 'open',
                nations: ['FRA'],
                shifts: [{ startMin: 360, endMin: 1080, nation: 'FRA' }],
                releasability: 'COALITION',
              },
            },
          ],
          corridors: [
            {
              id: 'cor-1',
              geometry: {
                type: 'MultiLineString',
                coordinates: [
                  [
                    [36, 48],
                    [36.5, 48.2],
                  ],
                  [
                    [36.5, 48.2],
                    [37, 48.4],
                  ],
                ],
              },
              properties: {
                name: 'Medical',
                purpose: 'medical evacuation',
                windows: [],
                releasability: 'COALITION',
              },
            },
          ],
        },
        NOW,
      );
      const marker = (await CoTParser.from_geojson(features.find((f) => f.id === 'guarantor-cp-1')!)).raw
        .event;
      // ../shared/data/cot/spot_marker_atak_2020.xml: type b-m-p-s-m, <color argb>, <archive/>, and
      // <usericon iconsetpath="COT_MAPPING_SPOTMAP/b-m-p-s-m/<argb>"/>, the colour as a signed 32-bit ARGB.
      const real = xml.parse(readFileSync(SPOT.path, 'utf8')).event;
      expect(marker._attributes.type).toBe(real.type);
      const argb = Number((marker.detail!.color as { _attributes: { argb: number } })._attributes.argb);
      expect(Number.isInteger(argb) && argb < 0).toBe(true);
      expect(real.detail.usericon.iconsetpath).toMatch(/^COT_MAPPING_SPOTMAP\/b-m-p-s-m\/-?\d+$/);
      expect(
        (marker.detail!.usericon as { _attributes: { iconsetpath: string } })._attributes.iconsetpath,
      ).toBe(`COT_MAPPING_SPOTMAP/b-m-p-s-m/${argb}`);
      expect(marker.detail?.archive).toBeDefined();
      expect(String(marker.detail?.remarks?._text)).toContain('shifts 06:00–18:00 FRA');
      // A corridor of two parts: two lines, named by part.
      const parts = features.filter((f) => String(f.id).startsWith('guarantor-cor-1'));
      expect(parts.map((f) => f.properties.callsign)).toEqual([
        'Medical (part 1 of 2)',
        'Medical (part 2 of 2)',
      ]);
      expect(parts.every((f) => f.geometry.type === 'LineString' && f.properties.type === 'u-d-f')).toBe(
        true,
      );
    },
  );

  it('escapes what it writes into the connection preferences', () => {
    const pref = feedPreferences({ host: 'h"<x>', port: 1, description: 'A & B <script>' });
    expect(pref).not.toContain('<script>');
    expect(pref).toContain('A &#38; B &#60;script&#62;');
    expect(xml.parse(pref).preferences.preference.entry).toHaveLength(4);
  });
});
