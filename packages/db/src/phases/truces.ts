/** Local truce windows: short agreed pauses at a named site. */
import { sql } from 'kysely';
import { labelText } from '../access.ts';
import { geoJsonOf, pointGeom } from '../postgis.ts';
import type { Labelled } from '../schema.ts';
import { type Actor, audit, type Db, type Trx } from './common.ts';

/** A local truce window as stored. */
export interface TruceRow {
  readonly id: string;
  readonly site: string;
  readonly location: readonly [number, number];
  readonly radiusM: number;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly purpose: string;
  readonly sector: string | null;
  readonly createdBy: string;
  readonly releasability: string;
}

/** Truce windows, latest start first. */
export async function listTruceWindows(db: Db): Promise<readonly TruceRow[]> {
  const rows = await db
    .selectFrom('truce_window')
    .select([
      'id',
      'site',
      'radius_m',
      'start_at',
      'end_at',
      'purpose',
      'sector',
      'created_by',
      'rel_kind',
      'rel_nations',
      geoJsonOf('location').as('location_json'),
    ])
    .orderBy('start_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    site: r.site,
    location: JSON.parse(r.location_json).coordinates as [number, number],
    radiusM: r.radius_m,
    startAt: r.start_at,
    endAt: r.end_at,
    purpose: r.purpose,
    sector: r.sector,
    createdBy: r.created_by,
    releasability: labelText(r),
  }));
}

/** Records a truce window, audited. */
export async function insertTruceWindow(
  trx: Trx,
  w: Omit<TruceRow, 'releasability' | 'createdBy'>,
  label: Labelled,
  actor: Actor,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('truce_window')
    .values({
      id: w.id,
      site: w.site,
      location: pointGeom(w.location[0], w.location[1]),
      radius_m: w.radiusM,
      start_at: w.startAt,
      end_at: w.endAt,
      purpose: w.purpose,
      sector: w.sector,
      created_by: actor.username,
      created_at: at,
      ...label,
    })
    .execute();
  await audit(trx, actor, 'truce.create', 'truce_window', w.id, null, w, at, label);
}

/** An incident as a truce window's check reads it: where and when. */
export interface TruceIncident {
  readonly id: string;
  readonly category: string;
  readonly lng: number;
  readonly lat: number;
  readonly radius_m: number;
  readonly start_at: Date;
  readonly end_at: Date;
}

/** The incidents (not merged away, not dismissed) whose windows meet [from, to], as the reader may see them. */
export async function incidentsDuring(db: Db, from: Date, to: Date): Promise<readonly TruceIncident[]> {
  return db
    .selectFrom('incident')
    .select(['id', 'category', 'radius_m', 'start_at', 'end_at'])
    .select([sql<number>`ST_X(geom)`.as('lng'), sql<number>`ST_Y(geom)`.as('lat')])
    .where('merged_into', 'is', null)
    .where('state', '<>', 'dismissed')
    .where('end_at', '>=', from)
    .where('start_at', '<=', to)
    .execute();
}
