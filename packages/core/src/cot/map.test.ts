import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { CotStreamFramer } from './framer.ts';
import { type CotIntake, cotToIntake, RANGE_BEARING_SPREAD_DEG, UNKNOWN_CE_RADIUS_M } from './map.ts';
import { parseCotEvent } from './xml.ts';

// Real device captures live beside the repository: <repo>/../shared/data/cot.
const COT = sharedData('cot', 'CoT fixture tests');
const COT_DIR = `${COT.path}/`;

const context = { nation: 'FRA', senderId: 'tcp-client-7' };

function intakeOf(file: string): CotIntake {
  return cotToIntake(parseCotEvent(readFileSync(COT_DIR + file, 'utf8')), context);
}

/** What every capture must become; a new capture without an entry fails the first test. */
const EXPECTED: Readonly<Record<string, (intake: CotIntake) => void>> = {
  'chat_receipt_delivered.xml': ignoredAs('chat'),
  'delete_item.xml': ignoredAs('delete'),
  'emergency_cancel.xml': ignoredAs('emergency_cancel'),
  'file_transfer_request.xml': ignoredAs('file_transfer'),
  'geochat_atak_direct.xml': ignoredAs('chat'),
  'geochat_atak_to_wintak_marti.xml': ignoredAs('chat'),
  'geofence_circle.xml': ignoredAs('drawing'),
  'route_driving.xml': ignoredAs('drawing'),
  'shape_rectangle.xml': ignoredAs('drawing'),
  'emergency_911_alert.xml': (intake) => {
    const o = observationOf(intake);
    expect(o.category).toBe('other');
    expect(o.source).toEqual({ kind: 'cot', id: 'ANDROID-351811095448994', nation: 'FRA' });
    expect(o.remarks).toBe('corvo-Alert — 911 Alert — CALL 911 NOW');
    expect(o.location).toEqual({
      kind: 'point',
      position: [-66.11718428195833, 43.84456191618114],
      radiusM: 1000,
    });
  },
  'emergency_wearos_manual_alert.xml': (intake) => {
    const o = observationOf(intake);
    expect(o.category).toBe('burst_and_shots');
    expect(o.location).toMatchObject({ kind: 'point', radiusM: 17.75 });
    expect(o.remarks).toBe('SP-Dev Manual Alert: Gunshot — Manual Alert: Gunshot');
  },
  'marker_hostile_ground_2525.xml': (intake) => {
    const o = observationOf(intake);
    expect(o).toMatchObject({
      uid: 'abc9a11f-0dcf-489f-94fa-629e078bec42',
      category: 'troop_movement',
      count: 1,
      source: { kind: 'cot', id: 'aa0b0312-b5cd-4c2c-bbbc-9c4c70216261', nation: 'FRA' },
      time: { startMs: Date.UTC(2020, 1, 8, 18, 11, 34), endMs: Date.UTC(2020, 1, 8, 18, 11, 34) },
      reportedAtMs: Date.UTC(2020, 1, 8, 18, 11, 34),
      location: { kind: 'point', position: [-66.1405296, 44.2202054], radiusM: UNKNOWN_CE_RADIUS_M },
    });
    expect(o.remarks).toBe('Command & Control Team — placed by Eliopoli HQ');
  },
  'marker_itak_unknown.xml': (intake) => {
    // iTAK writes ce="0.0" for "no estimate", not for a perfect fix.
    expect(observationOf(intake)).toMatchObject({ category: 'troop_movement', location: { radiusM: 1000 } });
  },
  'marker_unknown_fixedwing.xml': (intake) => expect(observationOf(intake).category).toBe('uav_overflight'),
  'marker_unknown_ground_iconset.xml': (intake) =>
    expect(observationOf(intake).category).toBe('troop_movement'),
  'medevac_9line.xml': (intake) => {
    const o = observationOf(intake);
    expect(o).toMatchObject({ category: 'civilian_harm', count: 1 });
    expect(o.remarks).toContain('MEDEVAC MED.4.115054: 2 patient(s), 1 civilian(s); terst');
  },
  'point_designated_cyrillic.xml': (intake) => {
    const o = observationOf(intake);
    expect(o).toMatchObject({ category: 'other', source: { id: 'ANDROID-ffc4d95f0ee3f9' } });
    expect(o.remarks).toBe('as1 — placed by Мел');
    // ce="9.999999e+06" is the unknown marker written in another notation.
    expect(o.location).toMatchObject({ radiusM: UNKNOWN_CE_RADIUS_M });
  },
  'range_bearing_line.xml': (intake) => {
    const o = observationOf(intake);
    expect(o.source.id).toBe('tcp-client-7');
    expect(o.remarks).toBe('R&B 1');
    expect(o.location).toEqual({
      kind: 'bearing',
      observer: [-77.05494586670942, 38.82080657998482],
      bearingDeg: 45.59655671674022,
      spreadDeg: RANGE_BEARING_SPREAD_DEG,
      minDistanceM: 886.144457943895 * 0.8,
      maxDistanceM: 886.144457943895 * 1.2,
    });
  },
  'spot_marker_atak_2020.xml': (intake) => {
    const o = observationOf(intake);
    expect(o).toMatchObject({ category: 'other', source: { id: 'ANDROID-351811095448994' } });
    expect(o.remarks).toBe('Y 1 — placed by C0rv0');
  },
  'pli_atak_4.0_xiaomi_kyiv.xml': (intake) =>
    expect(trackOf(intake)).toMatchObject({
      uid: 'ANDROID-aabbcc5577',
      callsign: 'cs',
      team: 'Dark Green',
      role: 'Team Member',
      position: [30.123, 50.123],
      radiusM: 9.9,
      courseDeg: 225.41936519723822,
      speedMps: 0,
    }),
  'pli_atak_4.2_point_after_detail.xml': (intake) =>
    expect(trackOf(intake)).toMatchObject({ callsign: 'SPAC3SLOTH', position: [-76.675505, 39.664392] }),
  'pli_atak_4.8_presence.xml': (intake) =>
    // No GPS fix: ATAK sends 0, 0 with unknown ce.
    expect(trackOf(intake)).toMatchObject({ callsign: 'corvo', position: undefined, radiusM: undefined }),
  'pli_atak_samsung-sm-t560nu.xml': (intake) => expect(trackOf(intake)).toMatchObject({ team: 'Yellow' }),
  'pli_wintak_lenovo.xml': (intake) =>
    expect(trackOf(intake)).toMatchObject({ callsign: 'Eliopoli HQ', role: 'HQ' }),
  'uas_phantom3_sensor.xml': (intake) =>
    expect(trackOf(intake)).toMatchObject({ type: 'a-f-A-M-H-Q', callsign: 'UAS-NOVA' }),
};

describe.skipIf(COT.skip)('CoT captures map to observations, team tracks or reasons', () => {
  it('has an expectation for every capture', () => {
    const files = readdirSync(COT_DIR).filter((file) => file.endsWith('.xml'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, check] of Object.entries(EXPECTED)) {
    it(file, () => check(intakeOf(file)));
  }

  it('the two-events-in-one-chunk capture frames into two cancels', () => {
    const framer = new CotStreamFramer();
    const bytes = readFileSync(`${COT_DIR}malformed/emergency_cancel_two_events_stream.xml`);
    const frames = [...framer.push(bytes), ...framer.end()];
    expect(frames.map((f) => f.kind)).toEqual(['event', 'event']);
    for (const frame of frames) {
      if (frame.kind !== 'event') continue;
      expect(cotToIntake(parseCotEvent(frame.xml), context)).toMatchObject({
        kind: 'ignored',
        reason: 'emergency_cancel',
      });
    }
  });
});

const valid =
  '<event version="2.0" uid="u-2" type="a-h-G" how="h-e" time="2026-11-26T10:00:00Z" start="2026-11-26T10:00:00Z" stale="2026-11-26T11:00:00Z"><point lat="48.5" lon="37.9" ce="10" hae="0" le="0"/></event>';

describe('mapping rules beyond the captures', () => {
  const event = (type: string, detail = '', point = 'lat="48.5" lon="37.9" ce="25"'): CotIntake =>
    cotToIntake(
      parseCotEvent(
        `<event version="2.0" uid="u-1" type="${type}" how="h-e" time="2026-11-26T10:00:00Z" start="2026-11-26T09:58:00Z" stale="2026-11-26T11:00:00Z"><point ${point} hae="0" le="9999999"/><detail><link uid="dev-1" relation="p-p" type="a-f-G-U-C"/>${detail}</detail></event>`,
      ),
      context,
    );

  it.each([
    ['a-h-G-E-W-H', '', 'heavy_weapon_sighting'],
    ['a-h-G-E-V-A-T', '', 'heavy_weapon_sighting'],
    ['a-s-G-U-C-F', '', 'heavy_weapon_sighting'],
    ['a-h-G-U-C', '', 'troop_movement'],
    ['a-h-G-U-C-I', '<remarks>shelling</remarks>', 'troop_movement'],
    ['a-u-A-M-F-Q', '', 'uav_overflight'],
    ['a-h-G', '<remarks>2 tanks</remarks>', 'heavy_weapon_sighting'],
    ['b-m-p-s-m', '<remarks>air burst over the village</remarks>', 'explosion_airburst'],
    ['b-m-p-s-m', '<remarks>Обстріл з мінометів</remarks>', 'explosion_impact'],
    ['b-m-p-s-m', '<remarks>Взрыв</remarks>', 'explosion_undetermined'],
    ['b-m-p-s-m', '<remarks>white flare, illumination</remarks>', 'illumination_flare'],
    ['b-m-p-s-m', '<remarks>muzzle flash seen</remarks>', 'muzzle_flash'],
    ['b-m-p-s-m', '<remarks>checkpoint: patrol denied passage</remarks>', 'fom_restriction'],
    ['b-m-p-s-m', '<remarks>БпЛА над позицією</remarks>', 'uav_overflight'],
    ['b-m-p-s-m', '<remarks>school damaged</remarks>', 'infrastructure_damage'],
    ['b-a-o-opn', '', 'burst_and_shots'],
  ])('%s %s → %s', (type, detail, category) => {
    expect(observationOf(event(type, detail)).category).toBe(category);
  });

  it('reads a count from the remarks', () => {
    expect(observationOf(event('b-m-p-s-m', '<remarks>48 explosions, outgoing</remarks>'))).toMatchObject({
      category: 'explosion_outgoing',
      count: 48,
    });
  });

  it('ignores friendly and neutral markers, waypoints and our own incidents', () => {
    expect(event('a-f-G-U-C')).toMatchObject({ kind: 'ignored', reason: 'friendly_marker' });
    expect(event('a-n-G')).toMatchObject({ kind: 'ignored', reason: 'neutral_marker' });
    expect(event('b-m-p-w')).toMatchObject({ kind: 'ignored', reason: 'route_point' });
    expect(event('b-m-p-s-m', '<__guarantor incident="9"/>')).toMatchObject({
      kind: 'ignored',
      reason: 'own_incident',
    });
    expect(event('y-z')).toMatchObject({ kind: 'ignored', reason: 'unsupported_type' });
  });

  it('uses start as the time and time as the report version', () => {
    expect(observationOf(event('a-h-G'))).toMatchObject({
      time: { startMs: Date.UTC(2026, 10, 26, 9, 58), endMs: Date.UTC(2026, 10, 26, 9, 58) },
      reportedAtMs: Date.UTC(2026, 10, 26, 10, 0),
    });
  });

  it('rejects what the monitoring validator refuses', () => {
    expect(cotToIntake(parseCotEvent(valid), { nation: 'France' })).toMatchObject({
      kind: 'rejected',
      code: 'observation.invalid_type',
    });
  });

  it('rejects a marker at 0, 0 and a range-and-bearing line without a range', () => {
    expect(event('a-h-G', '', 'lat="0" lon="0" ce="9999999"')).toMatchObject({
      kind: 'rejected',
      code: 'cot.bad_point',
    });
    expect(event('u-rb-a', '<bearing value="10"/>')).toMatchObject({
      kind: 'rejected',
      code: 'cot.missing_field',
    });
  });
});

function ignoredAs(reason: string) {
  return (intake: CotIntake) => expect(intake).toMatchObject({ kind: 'ignored', reason });
}

function observationOf(intake: CotIntake) {
  if (intake.kind !== 'observation')
    throw new Error(`expected an observation, got ${JSON.stringify(intake)}`);
  return intake.observation;
}

function trackOf(intake: CotIntake) {
  if (intake.kind !== 'team_track') throw new Error(`expected a team track, got ${JSON.stringify(intake)}`);
  return intake.track;
}
