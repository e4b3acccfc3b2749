import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../monitoring/types.ts';
import { cotToIntake } from './map.ts';
import { COT_TYPE_BY_CATEGORY, type CotIncidentInput, incidentToCot } from './out.ts';
import { parseCotEvent } from './xml.ts';

const nowMs = Date.UTC(2026, 10, 26, 12, 0);
const incident: CotIncidentInput = {
  id: '42',
  category: 'explosion_impact',
  count: 48,
  state: 'verified',
  position: [37.8, 48.6],
  radiusM: 350,
  time: { startMs: Date.UTC(2026, 10, 26, 10, 0), endMs: Date.UTC(2026, 10, 26, 10, 20) },
  remarks: 'Обстріл <near> "school" & clinic\u0007',
};

describe('incidentToCot', () => {
  it('parses back with a stable uid, the type of its category, ce, times and escaped remarks', () => {
    const event = parseCotEvent(incidentToCot(incident, { nowMs }));
    expect(event).toMatchObject({
      uid: 'guarantor-incident-42',
      type: 'b-m-p-s-m',
      how: 'm-f',
      timeMs: nowMs,
      startMs: incident.time.startMs,
      staleMs: nowMs + 24 * 60 * 60 * 1000,
      point: { position: [37.8, 48.6], ceM: 350, haeM: undefined, leM: undefined },
    });
    const detail = Object.fromEntries(event.detail!.children.map((c) => [c.name, c]));
    expect(detail['contact']?.attributes['callsign']).toBe('explosion impact x48');
    expect(detail['remarks']?.text).toBe(
      'Guarantor incident 42: explosion impact, count 48, state verified, 2026-11-26T10:00:00.000Z to 2026-11-26T10:20:00.000Z. Обстріл <near> "school" & clinic',
    );
    expect(detail['__guarantor']?.attributes).toEqual({
      incident: '42',
      category: 'explosion_impact',
      count: '48',
      state: 'verified',
    });
  });

  it('keeps the uid across updates and is not taken back in as an observation', () => {
    const later = incidentToCot({ ...incident, state: 'attributed' }, { nowMs: nowMs + 60_000 });
    expect(parseCotEvent(later).uid).toBe('guarantor-incident-42');
    expect(cotToIntake(parseCotEvent(later), { nation: 'FRA' })).toMatchObject({
      kind: 'ignored',
      reason: 'own_incident',
    });
  });

  it.each(CATEGORIES)('%s maps back to itself through the intake table', (category) => {
    const xml = incidentToCot({ ...incident, category, count: 1, remarks: undefined }, { nowMs });
    const event = parseCotEvent(xml.replace(/<__guarantor[^>]*\/>/, ''));
    expect(event.type).toBe(COT_TYPE_BY_CATEGORY[category]);
    expect(cotToIntake(event, { nation: 'FRA' })).toMatchObject({
      kind: 'observation',
      observation: { category },
    });
  });
});
