/** Monitor teams' last position reports (CoT PLI): not incidents, kept per team uid. */
import type { Releasability } from '@guarantor/core/access';
import type { TeamTrack } from '@guarantor/core/cot';
import type { Kysely, Transaction } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { latOf, lngOf, pointGeom } from '../postgis.ts';
import type { Database } from '../schema.ts';
import { observationKey } from './intake.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores a monitor team's position report in its nation's uid namespace (as observations: no
 * other nation can move or hide it); an older report than the one kept changes nothing.
 */
export async function storeTeamTrack(
  trx: Transaction<Database>,
  track: TeamTrack,
  context: { readonly nation: string; readonly label: Releasability; readonly submittedBy: string | null },
): Promise<'stored' | 'unchanged'> {
  const label = labelColumns(context.label);
  const row = await trx
    .insertInto('team_track')
    .values({
      uid: observationKey(track.uid, context.nation),
      type: track.type,
      callsign: track.callsign ?? null,
      team: track.team ?? null,
      role: track.role ?? null,
      geom: track.position ? pointGeom(track.position[0], track.position[1]) : null,
      radius_m: track.radiusM ?? null,
      course_deg: track.courseDeg ?? null,
      speed_mps: track.speedMps ?? null,
      time_at: new Date(track.timeMs),
      stale_at: new Date(track.staleMs),
      source_nation: context.nation,
      submitted_by: context.submittedBy,
      rel_kind: label.rel_kind,
      rel_nations: label.rel_nations,
    })
    .onConflict((oc) =>
      oc
        .column('uid')
        .doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          callsign: eb.ref('excluded.callsign'),
          team: eb.ref('excluded.team'),
          role: eb.ref('excluded.role'),
          geom: eb.ref('excluded.geom'),
          radius_m: eb.ref('excluded.radius_m'),
          course_deg: eb.ref('excluded.course_deg'),
          speed_mps: eb.ref('excluded.speed_mps'),
          time_at: eb.ref('excluded.time_at'),
          stale_at: eb.ref('excluded.stale_at'),
          source_nation: eb.ref('excluded.source_nation'),
          submitted_by: eb.ref('excluded.submitted_by'),
          received_at: eb.fn<Date>('now', []),
          rel_kind: eb.ref('excluded.rel_kind'),
          rel_nations: eb.ref('excluded.rel_nations'),
        }))
        .where((eb) =>
          eb.and([
            eb('excluded.time_at', '>', eb.ref('team_track.time_at')),
            eb('team_track.source_nation', '=', eb.ref('excluded.source_nation')),
          ]),
        ),
    )
    .returning('uid')
    .executeTakeFirst();
  return row ? 'stored' : 'unchanged';
}

/** A monitor team's last known position. */
export interface TeamTrackRecord {
  readonly uid: string;
  readonly type: string;
  readonly callsign: string | null;
  readonly team: string | null;
  readonly role: string | null;
  readonly position: readonly [number, number] | null;
  readonly radiusM: number | null;
  readonly courseDeg: number | null;
  readonly speedMps: number | null;
  readonly time: Date;
  readonly stale: Date;
  readonly nation: string;
  readonly releasability: string;
}

/** Team tracks reported since `since`, newest first. */
export async function listTeamTracks(db: Db, since: Date): Promise<TeamTrackRecord[]> {
  const rows = await db
    .selectFrom('team_track')
    .select([
      'uid',
      'type',
      'callsign',
      'team',
      'role',
      // A track may have no position: st_x(null) is null.
      lngOf('geom').$castTo<number | null>().as('lng'),
      latOf('geom').$castTo<number | null>().as('lat'),
      'radius_m',
      'course_deg',
      'speed_mps',
      'time_at',
      'stale_at',
      'source_nation',
      'rel_kind',
      'rel_nations',
    ])
    .where('time_at', '>=', since)
    .orderBy('time_at', 'desc')
    .orderBy('uid')
    .execute();
  return rows.map((r) => ({
    uid: r.uid,
    type: r.type,
    callsign: r.callsign,
    team: r.team,
    role: r.role,
    position: r.lng === null || r.lat === null ? null : [r.lng, r.lat],
    radiusM: r.radius_m,
    courseDeg: r.course_deg,
    speedMps: r.speed_mps,
    time: r.time_at,
    stale: r.stale_at,
    nation: r.source_nation,
    releasability: labelText(r),
  }));
}
