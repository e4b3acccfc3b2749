import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemoMonitoring } from '@guarantor/core/demo';
import { validateObservation } from '@guarantor/core/monitoring';
import { DEFAULT_VIOLATION_RULES, readZoneCollection } from '@guarantor/core/zones';
import { DATA_DIR, readDemoScenario } from '@guarantor/db';
import { describe, expect, it } from 'vitest';
import { CaveatShape, ObservationShape, ViolationRuleShape, ZoneCollectionShape } from './documented.ts';

/**
 * The document's shapes of loosely taken bodies must say what the domain accepts: what the
 * domain takes, the shape takes too (a client built from the document is not refused), and what
 * the shape refuses the domain refuses.
 */
describe('what the OpenAPI document says of loosely taken bodies', () => {
  const demoZones = JSON.parse(readFileSync(resolve(DATA_DIR, 'zones/demo-zones.geojson'), 'utf8'));

  it('observations: every demo observation fits the shape; one the shape refuses, the domain refuses', () => {
    const demo = generateDemoMonitoring('2026-11-20', readZoneCollection(demoZones).accepted);
    expect(demo.observations.length).toBeGreaterThan(100);
    for (const { observation } of demo.observations) {
      expect(() => validateObservation(observation)).not.toThrow();
      expect(ObservationShape.safeParse(observation).success, observation.uid).toBe(true);
    }
    const bad = { ...demo.observations[0]!.observation, count: 0 };
    expect(ObservationShape.safeParse(bad).success).toBe(false);
    expect(() => validateObservation(bad)).toThrow();
  });

  it('caveats, zone files and violation rules: what the demo and the defaults hold fits', () => {
    for (const offer of readDemoScenario().offers)
      for (const caveat of offer.caveats ?? [])
        expect(CaveatShape.safeParse(caveat).success, JSON.stringify(caveat)).toBe(true);
    expect(ZoneCollectionShape.safeParse(demoZones).success).toBe(true);
    for (const rule of DEFAULT_VIOLATION_RULES)
      expect(ViolationRuleShape.safeParse(rule).success, rule.id).toBe(true);
  });
});
