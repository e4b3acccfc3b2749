import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createIndexedFusionEngine, type LngLat, validateObservation } from '../monitoring/index.ts';
import { addDays } from '../phases/dates.ts';
import {
  evaluateViolations,
  readZoneCollection,
  toSectorDays,
  type Zone,
  type ZoneIncident,
} from '../zones/index.ts';
import { DEFAULT_VIOLATION_RULES } from '../zones/rules.ts';
import {
  DEMO_DAYS,
  DEMO_FLARE_DAYS_AGO,
  DEMO_FLARE_SECTOR,
  DEMO_REMARK,
  DEMO_SOURCE_PREFIX,
  generateDemoMonitoring,
} from './monitoring.ts';

const ZONES: readonly Zone[] = readZoneCollection(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../data/zones/demo-zones.geojson'), 'utf8')),
).accepted;
const TODAY = '2026-03-15';
const demo = generateDemoMonitoring(TODAY, ZONES);

function inZone(id: string, p: LngLat): boolean {
  const zone = ZONES.find((z) => z.id === id)!;
  return booleanPointInPolygon([p[0], p[1]], zone.geometry as unknown as Polygon | MultiPolygon);
}

describe('demo monitoring history', () => {
  it('is the same for the same date, and only shifts with another date', () => {
    expect(generateDemoMonitoring(TODAY, ZONES)).toEqual(demo);
    const later = generateDemoMonitoring(addDays(TODAY, 1), ZONES);
    expect(later.observations.length).toBe(demo.observations.length);
    expect(later.to).toBe(TODAY);
  });

  it('covers the 30 days before today, every record valid and marked illustrative', () => {
    expect(demo.from).toBe(addDays(TODAY, -DEMO_DAYS));
    expect(demo.to).toBe(addDays(TODAY, -1));
    const first = Date.parse(`${demo.from}T00:00:00Z`);
    const end = Date.parse(`${TODAY}T00:00:00Z`);
    for (const { observation: o, releasability } of demo.observations) {
      expect(validateObservation(o)).toEqual(o);
      expect(o.time.startMs).toBeGreaterThanOrEqual(first);
      expect(o.time.endMs).toBeLessThan(end);
      expect(o.uid.startsWith(DEMO_SOURCE_PREFIX) && o.source.id.startsWith(DEMO_SOURCE_PREFIX)).toBe(true);
      expect(o.remarks?.startsWith(DEMO_REMARK)).toBe(true);
      expect(['COALITION', 'REL TO UKR, USA', 'NATIONAL USA']).toContain(releasability);
    }
    const labels = demo.observations.map((o) => o.releasability);
    expect(labels.filter((l) => l === 'NATIONAL USA')).toHaveLength(1);
    expect(labels.filter((l) => l === 'REL TO UKR, USA').length).toBeGreaterThanOrEqual(2);
    expect(labels.filter((l) => l === 'COALITION').length / labels.length).toBeGreaterThan(0.95);
    for (const s of demo.sourceStatus) expect(s.note.startsWith(DEMO_REMARK)).toBe(true);
  });

  it('puts every event, camera, UAV, CoT point and patrol post inside its sector', () => {
    for (const e of demo.events) expect(inZone(e.sector, e.position), e.id).toBe(true);
    for (const { observation: o, sector } of demo.observations) {
      if (o.source.kind === 'party_claim') continue;
      const p = o.location.kind === 'point' ? o.location.position : o.location.observer;
      expect(inZone(sector, p), o.uid).toBe(true);
    }
  });

  it('has several independent sources per event, and each event fuses into exactly one incident', () => {
    const engine = createIndexedFusionEngine();
    engine.addBatch(demo.observations.map((o) => o.observation));
    const incidents = engine.incidents();
    expect(incidents).toHaveLength(demo.events.length);
    for (const e of demo.events)
      expect(engine.incidentOf(e.uids[0]!)?.observationUids).toEqual([...e.uids].sort());
    const corroborated = incidents.filter((i) => i.state === 'corroborated').length;
    expect(corroborated / incidents.length).toBeGreaterThan(0.6);
    const kinds = new Set(demo.observations.map((o) => o.observation.source.kind));
    expect([...kinds].sort()).toEqual(['camera', 'cot', 'party_claim', 'patrol', 'uav']);
    const categories = new Set(demo.events.map((e) => e.category));
    for (const c of [
      'explosion_impact',
      'explosion_airburst',
      'explosion_outgoing',
      'explosion_undetermined',
      'burst_and_shots',
      'muzzle_flash',
      'illumination_flare',
      'heavy_weapon_sighting',
      'uav_overflight',
      'fom_restriction',
    ] as const)
      expect(categories.has(c), c).toBe(true);
    expect(demo.events.filter((e) => e.category === 'fom_restriction')).toHaveLength(2);
  });

  it('flares up in one sector about ten days ago above the gate limit, calm elsewhere since', () => {
    // Every incident as the demo analyst leaves it: verified where the intent says so and old enough.
    const engine = createIndexedFusionEngine();
    engine.addBatch(demo.observations.map((o) => o.observation));
    const cutoff = addDays(TODAY, -3);
    const incidents: ZoneIncident[] = demo.events.map((e) => {
      const incident = engine.incidentOf(e.uids[0]!)!;
      const verified =
        e.analyst.dismiss === undefined &&
        e.analyst.verify &&
        incident.state === 'corroborated' &&
        e.date <= cutoff;
      return {
        id: incident.id,
        category: incident.category,
        position: incident.location.position,
        timeMs: incident.time.startMs,
        verification: e.analyst.dismiss ? 'dismissed' : verified ? 'verified' : incident.state,
        count: incident.count.best,
      };
    });
    const { violations } = evaluateViolations(incidents, ZONES, DEFAULT_VIOLATION_RULES);
    const dates = Array.from({ length: DEMO_DAYS }, (_, i) => addDays(demo.from, i));
    const sectors = ZONES.filter((z) => z.kind === 'sector').map((z) => z.id);
    const days = toSectorDays(violations, sectors, dates);
    const verified = (sector: string, date: string) =>
      days
        .find((d) => d.sector === sector && d.date === date)!
        .incidents.filter((i) => i.verification === 'verified' || i.verification === 'attributed')
        .reduce((n, i) => n + i.count, 0);
    const flareDay = addDays(TODAY, -DEMO_FLARE_DAYS_AGO);
    expect(verified(DEMO_FLARE_SECTOR, flareDay)).toBeGreaterThan(5);
    // The last 14 days: only the flare-up breaks the daily limit of 5.
    for (const sector of sectors) {
      for (let back = 1; back <= 14; back++) {
        const date = addDays(TODAY, -back);
        const n = verified(sector, date);
        if (
          sector === DEMO_FLARE_SECTOR &&
          back >= DEMO_FLARE_DAYS_AGO - 1 &&
          back <= DEMO_FLARE_DAYS_AGO + 1
        )
          continue;
        expect(n, `${sector} ${date}`).toBeLessThanOrEqual(5);
      }
    }
    // Calm is not empty: most sector-days elsewhere have some verified violation or report.
    const calm = days.filter((d) => d.sector !== DEMO_FLARE_SECTOR && d.incidents.length > 0);
    expect(calm.length).toBeGreaterThan(40);
  });

  it('leaves blind spots: sector-days with every source down and no report', () => {
    const down = demo.sourceStatus.filter((s) => s.status === 'down');
    expect(down.length).toBeGreaterThan(0);
    const blind = new Set(down.filter((s) => s.sectors.length === 1).map((s) => `${s.sectors[0]}|${s.day}`));
    for (const key of blind) {
      const [sector, day] = key.split('|');
      const filed = demo.observations.filter(
        (o) => o.sector === sector && new Date(o.observation.time.startMs).toISOString().startsWith(day!),
      );
      if (sector === 'sector-zaporizhzhia') continue; // one camera down, patrols out
      expect(filed, key).toHaveLength(0);
    }
    expect(down.some((s) => s.day === addDays(TODAY, -1))).toBe(true);
  });
});
