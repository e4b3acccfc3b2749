/**
 * Border crossings and their status over time, checkpoints, humanitarian corridors and their
 * windows, and hub inventories (migration 0023). Each write is audited in the caller's
 * transaction; every read runs as the reader, so row-level security decides what exists.
 */

import type { Releasability } from '@guarantor/core/access';
import { reasoned, said } from '@guarantor/core/i18n/reasons';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import type { LngLat, Shift } from '@guarantor/core/logistics';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database, HubProtection, Labelled } from '../schema.ts';
import { rowIdOf } from './networks.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who did it, and when. */
export interface LogisticsActor {
  readonly username: string;
  readonly nation: string | null;
  readonly at: Date;
}

/** A field-level refusal: the field and what to do. */
export interface LogisticsProblem {
  readonly field: string;
  /** In English; `refusal` (not enumerable) says the same as a catalogue key and values. */
  readonly reason: string;
  readonly refusal?: Refusal;
}

const point = ([lng, lat]: LngLat) => `SRID=4326;POINT(${lng} ${lat})`;

// ---------------------------------------------------------------------------------------------
// Border crossings

export type CrossingStatus = 'open' | 'restricted' | 'closed' | 'unknown';

/** A crossing with its status on the day asked and its history, newest first. */
export interface BorderCrossingRecord {
  readonly id: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  readonly neighbour: string | null;
  readonly position: LngLat;
  readonly source: string;
  readonly status: CrossingStatus;
  readonly statusSince: Date | null;
  readonly history: readonly { status: CrossingStatus; validFrom: Date; note: string; recordedBy: string }[];
  readonly releasability: string;
}

/** One crossing of OCHA's file, read. */
export interface CrossingInput {
  readonly id: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  readonly neighbour: string | null;
  readonly position: LngLat;
  readonly status: CrossingStatus;
  readonly validFrom: Date;
  readonly note: string;
}

/** A stable id from a crossing's English name: `yahodyn-dorohusk`. */
export const crossingId = (nameEn: string): string =>
  nameEn
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64) || 'crossing';

/**
 * Reads OCHA's border-crossing layer (Name_ENG, Name_UKR, Country, Type, Status, StatusAsOf):
 * Operational → open, Closed → closed, anything else → unknown. Features without a point or a
 * name are returned as problems naming the feature and field.
 */
export function readOchaCrossings(input: unknown): {
  crossings: CrossingInput[];
  problems: LogisticsProblem[];
} {
  const features = (input as { features?: unknown })?.features;
  if (!Array.isArray(features))
    return {
      crossings: [],
      problems: [reasoned({ field: 'features' }, said('logisticsChecks.notPoints'))],
    };
  const crossings: CrossingInput[] = [];
  const problems: LogisticsProblem[] = [];
  const seen = new Set<string>();
  for (const [i, f] of features.entries()) {
    const p = (f?.properties ?? {}) as Record<string, unknown>;
    const g = f?.geometry as { type?: string; coordinates?: unknown } | undefined;
    const name = typeof p.Name_ENG === 'string' ? p.Name_ENG.trim() : '';
    if (!name) {
      problems.push(
        reasoned({ field: `features[${i}].properties.Name_ENG` }, said('logisticsChecks.crossingName')),
      );
      continue;
    }
    const c = g?.coordinates as number[] | undefined;
    if (g?.type !== 'Point' || !Array.isArray(c) || !(Math.abs(c[0]!) <= 180 && Math.abs(c[1]!) <= 90)) {
      problems.push(reasoned({ field: `features[${i}].geometry` }, said('logisticsChecks.crossingPoint')));
      continue;
    }
    let id = crossingId(name);
    for (let k = 2; seen.has(id); k++) id = `${crossingId(name).slice(0, 60)}-${k}`;
    seen.add(id);
    const status = String(p.Status ?? '').toLowerCase();
    const asOf =
      typeof p.StatusAsOf === 'string' && !Number.isNaN(Date.parse(p.StatusAsOf))
        ? new Date(p.StatusAsOf)
        : new Date(0);
    crossings.push({
      id,
      nameEn: name,
      nameUk: typeof p.Name_UKR === 'string' ? p.Name_UKR : null,
      neighbour: typeof p.Country === 'string' ? p.Country : null,
      position: [c[0]!, c[1]!],
      status: status === 'operational' ? 'open' : status === 'closed' ? 'closed' : 'unknown',
      validFrom: asOf,
      note: [p.Type && `${p.Type} crossing`, p.Status && `OCHA status: ${p.Status}`]
        .filter(Boolean)
        .join('; '),
    });
  }
  return { crossings, problems };
}

/** Stores crossings not yet known (by id) with their first status; known ones are left alone. */
export async function importBorderCrossings(
  trx: Transaction<Database>,
  crossings: readonly CrossingInput[],
  source: string,
  label: Releasability,
  actor: LogisticsActor,
): Promise<{ stored: number; known: number }> {
  const cols = labelColumns(label);
  let stored = 0;
  for (const c of crossings) {
    const inserted = await trx
      .insertInto('border_crossing')
      .values({
        id: c.id,
        name_en: c.nameEn,
        name_uk: c.nameUk,
        neighbour: c.neighbour,
        geom: point(c.position),
        source,
        ...cols,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    stored++;
    await trx
      .insertInto('border_crossing_status')
      .values({
        crossing_id: c.id,
        status: c.status,
        valid_from: c.validFrom,
        note: c.note,
        recorded_by: actor.username,
        recorded_at: actor.at,
        ...cols,
      })
      .execute();
  }
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'border_crossing.import',
    entity: 'border_crossing',
    entityId: source,
    before: null,
    after: { read: crossings.length, stored },
    label: cols,
    at: actor.at,
  });
  return { stored, known: crossings.length - stored };
}

/** The crossings the reader may see, with their status on `at`. */
export async function listBorderCrossings(db: Db, at: Date): Promise<BorderCrossingRecord[]> {
  const rows = await sql<{
    id: string;
    name_en: string;
    name_uk: string | null;
    neighbour: string | null;
    lng: number;
    lat: number;
    source: string;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`select id, name_en, name_uk, neighbour, st_x(geom) as lng, st_y(geom) as lat, source, rel_kind, rel_nations
     from border_crossing order by name_en`.execute(db);
  const history = await db
    .selectFrom('border_crossing_status')
    .select(['crossing_id', 'status', 'valid_from', 'note', 'recorded_by'])
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const byCrossing = new Map<string, typeof history>();
  for (const h of history) byCrossing.set(h.crossing_id, [...(byCrossing.get(h.crossing_id) ?? []), h]);
  return rows.rows.map((r) => {
    const list = byCrossing.get(r.id) ?? [];
    const current = list.find((h) => new Date(h.valid_from).getTime() <= at.getTime());
    return {
      id: r.id,
      nameEn: r.name_en,
      nameUk: r.name_uk,
      neighbour: r.neighbour,
      position: [Number(r.lng), Number(r.lat)],
      source: r.source,
      status: current?.status ?? 'unknown',
      statusSince: current ? new Date(current.valid_from) : null,
      history: list.map((h) => ({
        status: h.status,
        validFrom: new Date(h.valid_from),
        note: h.note,
        recordedBy: h.recorded_by,
      })),
      releasability: labelText(r),
    };
  });
}

/** Records a crossing's status from a time on; false when the crossing is hidden or absent. */
export async function setCrossingStatus(
  trx: Transaction<Database>,
  id: string,
  change: { status: CrossingStatus; validFrom: Date; note: string },
  actor: LogisticsActor,
): Promise<boolean> {
  const crossing = await trx
    .selectFrom('border_crossing')
    .select(['id', 'rel_kind', 'rel_nations'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!crossing) return false;
  const label = { rel_kind: crossing.rel_kind, rel_nations: crossing.rel_nations };
  await trx
    .insertInto('border_crossing_status')
    .values({
      crossing_id: id,
      status: change.status,
      valid_from: change.validFrom,
      note: change.note,
      recorded_by: actor.username,
      recorded_at: actor.at,
      ...label,
    })
    .execute();
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'border_crossing.status',
    entity: 'border_crossing',
    entityId: id,
    before: null,
    after: { status: change.status, validFrom: change.validFrom.toISOString(), note: change.note },
    label,
    at: actor.at,
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Checkpoints

export type CheckpointStatus = 'open' | 'closed' | 'suspended';

/** A checkpoint as stored. */
export interface CheckpointRecord {
  readonly id: string;
  readonly name: string;
  readonly position: LngLat;
  readonly nodeId: string | null;
  readonly nations: readonly string[];
  readonly shifts: readonly Shift[];
  readonly status: CheckpointStatus;
  readonly note: string;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly releasability: string;
}

/** A checkpoint as a user enters it; the node, when given, places it. */
export interface NewCheckpoint {
  readonly name: string;
  readonly position: LngLat | null;
  readonly nodeId: string | null;
  readonly nations: readonly string[];
  readonly shifts: readonly Shift[];
  readonly status: CheckpointStatus;
  readonly note: string;
}

/** Checkpoints the reader may see. */
export async function listCheckpoints(db: Db): Promise<CheckpointRecord[]> {
  const rows = await sql<{
    id: number | string;
    name: string;
    lng: number;
    lat: number;
    node_id: number | string | null;
    nations: string[];
    shifts: unknown;
    status: CheckpointStatus;
    note: string;
    created_by: string;
    updated_at: Date;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`select id, name, st_x(geom) as lng, st_y(geom) as lat, node_id, nations, shifts, status, note, created_by,
            updated_at, rel_kind, rel_nations from checkpoint order by id`.execute(db);
  return rows.rows.map((r) => ({
    id: `cp-${r.id}`,
    name: r.name,
    position: [Number(r.lng), Number(r.lat)],
    nodeId: r.node_id === null ? null : `node-${r.node_id}`,
    nations: r.nations,
    shifts: (typeof r.shifts === 'string' ? JSON.parse(r.shifts) : r.shifts) as Shift[],
    status: r.status,
    note: r.note,
    createdBy: r.created_by,
    updatedAt: new Date(r.updated_at),
    releasability: labelText(r),
  }));
}

/** Records a checkpoint; a problem names the field when its node is not one the reader sees. */
export async function insertCheckpoint(
  trx: Transaction<Database>,
  input: NewCheckpoint,
  label: Releasability,
  actor: LogisticsActor,
): Promise<{ id: string } | { problem: LogisticsProblem }> {
  let position = input.position;
  let nodeRow: number | null = null;
  if (input.nodeId !== null) {
    nodeRow = rowIdOf('node', input.nodeId) ?? -1;
    const node = await sql<{ lng: number; lat: number }>`
      select st_x(geom) as lng, st_y(geom) as lat from route_node where id = ${nodeRow}`.execute(trx);
    const n = node.rows[0];
    if (!n)
      return {
        problem: reasoned({ field: 'body.nodeId' }, said('logisticsChecks.noNode', { id: input.nodeId })),
      };
    position = [Number(n.lng), Number(n.lat)];
  }
  if (!position)
    return { problem: reasoned({ field: 'body.position' }, said('logisticsChecks.checkpointWhere')) };
  const cols = labelColumns(label);
  const row = await trx
    .insertInto('checkpoint')
    .values({
      name: input.name,
      geom: point(position),
      node_id: nodeRow,
      nations: [...input.nations],
      shifts: JSON.stringify(input.shifts),
      status: input.status,
      note: input.note,
      created_by: actor.username,
      updated_at: actor.at,
      ...cols,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = `cp-${row.id}`;
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'checkpoint.create',
    entity: 'checkpoint',
    entityId: id,
    before: null,
    after: { ...input, position },
    label: cols,
    at: actor.at,
  });
  return { id };
}

/** Changes a checkpoint's status, shifts or nations; false when hidden or absent. */
export async function updateCheckpoint(
  trx: Transaction<Database>,
  id: string,
  change: {
    status?: CheckpointStatus;
    shifts?: readonly Shift[];
    nations?: readonly string[];
    note?: string;
  },
  actor: LogisticsActor,
): Promise<boolean> {
  const row = rowIdOf('cp', id);
  if (row === undefined) return false;
  const before = await trx
    .selectFrom('checkpoint')
    .select(['status', 'shifts', 'nations', 'note', 'rel_kind', 'rel_nations'])
    .where('id', '=', row)
    .executeTakeFirst();
  if (!before) return false;
  await trx
    .updateTable('checkpoint')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.shifts ? { shifts: JSON.stringify(change.shifts) } : {}),
      ...(change.nations ? { nations: [...change.nations] } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      updated_at: actor.at,
    })
    .where('id', '=', row)
    .execute();
  const { rel_kind, rel_nations, ...was } = before;
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'checkpoint.update',
    entity: 'checkpoint',
    entityId: id,
    before: was,
    after: change,
    label: { rel_kind, rel_nations },
    at: actor.at,
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Corridors

export type CorridorWindowStatus = 'planned' | 'open' | 'closed' | 'suspended' | 'cancelled';

/** A corridor window. */
export interface CorridorWindowRecord {
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly status: CorridorWindowStatus;
  readonly note: string;
}

/** A corridor with its route and windows. */
export interface CorridorRecord {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  readonly networkId: string;
  readonly segmentIds: readonly string[];
  readonly guarantors: readonly string[];
  readonly windows: readonly CorridorWindowRecord[];
  readonly createdBy: string;
  readonly releasability: string;
}

/** Corridors the reader may see. */
export async function listCorridors(db: Db): Promise<CorridorRecord[]> {
  const corridors = await db
    .selectFrom('corridor')
    .select(['id', 'name', 'purpose', 'network_id', 'guarantors', 'created_by', 'rel_kind', 'rel_nations'])
    .orderBy('id')
    .execute();
  const segments = await db
    .selectFrom('corridor_segment')
    .select(['corridor_id', 'ordinal', 'segment_id'])
    .orderBy('corridor_id')
    .orderBy('ordinal')
    .execute();
  const windows = await db
    .selectFrom('corridor_window')
    .select(['id', 'corridor_id', 'start_at', 'end_at', 'status', 'note'])
    .orderBy('start_at')
    .execute();
  return corridors.map((c) => ({
    id: `cor-${c.id}`,
    name: c.name,
    purpose: c.purpose,
    networkId: `net-${c.network_id}`,
    segmentIds: segments
      .filter((s) => Number(s.corridor_id) === Number(c.id))
      .map((s) => `seg-${s.segment_id}`),
    guarantors: c.guarantors,
    windows: windows
      .filter((w) => Number(w.corridor_id) === Number(c.id))
      .map((w) => ({
        id: `cw-${w.id}`,
        start: new Date(w.start_at),
        end: new Date(w.end_at),
        status: w.status,
        note: w.note,
      })),
    createdBy: c.created_by,
    releasability: labelText(c),
  }));
}

/** A corridor as a user enters it: its segments in order along the route. */
export interface NewCorridor {
  readonly name: string;
  readonly purpose: string;
  readonly networkId: string;
  readonly segmentIds: readonly string[];
  readonly guarantors: readonly string[];
}

/**
 * Records a corridor. Refused, naming the field, when the network or a segment is not one the
 * reader sees, or when consecutive segments do not share a node (a route in pieces).
 */
export async function insertCorridor(
  trx: Transaction<Database>,
  input: NewCorridor,
  label: Releasability,
  actor: LogisticsActor,
): Promise<{ id: string } | { problem: LogisticsProblem }> {
  const net = rowIdOf('net', input.networkId);
  const network =
    net === undefined
      ? undefined
      : await trx.selectFrom('route_network').select('id').where('id', '=', net).executeTakeFirst();
  if (!network)
    return {
      problem: reasoned(
        { field: 'body.networkId' },
        said('logisticsChecks.noNetwork', { id: input.networkId }),
      ),
    };
  const ends: [number, number][] = [];
  for (const [i, s] of input.segmentIds.entries()) {
    const row = rowIdOf('seg', s);
    const seg =
      row === undefined
        ? undefined
        : await trx
            .selectFrom('route_segment')
            .select(['from_node', 'to_node'])
            .where('id', '=', row)
            .where('network_id', '=', net!)
            .executeTakeFirst();
    if (!seg)
      return {
        problem: reasoned(
          { field: `body.segmentIds[${i}]` },
          said('logisticsChecks.noSegment', { segment: s, network: input.networkId }),
        ),
      };
    ends.push([Number(seg.from_node), Number(seg.to_node)]);
  }
  for (let i = 1; i < ends.length; i++) {
    const [a, b] = ends[i - 1]!;
    const [c, d] = ends[i]!;
    if (a !== c && a !== d && b !== c && b !== d)
      return {
        problem: reasoned(
          { field: `body.segmentIds[${i}]` },
          said('logisticsChecks.notJoined', {
            segment: input.segmentIds[i],
            previous: input.segmentIds[i - 1],
          }),
        ),
      };
  }
  const cols = labelColumns(label);
  const row = await trx
    .insertInto('corridor')
    .values({
      name: input.name,
      purpose: input.purpose,
      network_id: net!,
      guarantors: [...input.guarantors],
      created_by: actor.username,
      created_at: actor.at,
      ...cols,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('corridor_segment')
    .values(
      input.segmentIds.map((s, ordinal) => ({
        corridor_id: row.id,
        ordinal,
        segment_id: rowIdOf('seg', s)!,
        ...cols,
      })),
    )
    .execute();
  const id = `cor-${row.id}`;
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'corridor.create',
    entity: 'corridor',
    entityId: id,
    before: null,
    after: { ...input },
    label: cols,
    at: actor.at,
  });
  return { id };
}

/** The label and windows of a corridor the reader sees, or undefined. */
export async function corridorWindows(
  trx: Db,
  id: string,
): Promise<{ row: number; label: Labelled; windows: CorridorWindowRecord[] } | undefined> {
  const row = rowIdOf('cor', id);
  if (row === undefined) return undefined;
  const c = await trx
    .selectFrom('corridor')
    .select(['id', 'rel_kind', 'rel_nations'])
    .where('id', '=', row)
    .executeTakeFirst();
  if (!c) return undefined;
  const windows = await trx
    .selectFrom('corridor_window')
    .select(['id', 'start_at', 'end_at', 'status', 'note'])
    .where('corridor_id', '=', row)
    .orderBy('start_at')
    .execute();
  return {
    row,
    label: { rel_kind: c.rel_kind, rel_nations: c.rel_nations },
    windows: windows.map((w) => ({
      id: `cw-${w.id}`,
      start: new Date(w.start_at),
      end: new Date(w.end_at),
      status: w.status,
      note: w.note,
    })),
  };
}

/** Adds a window to a corridor (checks are the caller's; the database refuses overlaps again). */
export async function insertCorridorWindow(
  trx: Transaction<Database>,
  corridor: { row: number; id: string; label: Labelled },
  window: { start: Date; end: Date; status: CorridorWindowStatus; note: string },
  actor: LogisticsActor,
): Promise<string> {
  const row = await trx
    .insertInto('corridor_window')
    .values({
      corridor_id: corridor.row,
      start_at: window.start,
      end_at: window.end,
      status: window.status,
      note: window.note,
      created_by: actor.username,
      updated_at: actor.at,
      ...corridor.label,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = `cw-${row.id}`;
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'corridor.window_create',
    entity: 'corridor',
    entityId: corridor.id,
    before: null,
    after: {
      window: id,
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      status: window.status,
    },
    label: corridor.label,
    at: actor.at,
  });
  return id;
}

/** Sets a window's status; false when the corridor or window is hidden or absent. */
export async function setCorridorWindowStatus(
  trx: Transaction<Database>,
  corridorId: string,
  windowId: string,
  status: CorridorWindowStatus,
  note: string,
  actor: LogisticsActor,
): Promise<boolean> {
  const c = rowIdOf('cor', corridorId);
  const w = rowIdOf('cw', windowId);
  if (c === undefined || w === undefined) return false;
  const before = await trx
    .selectFrom('corridor_window')
    .select(['status', 'note', 'rel_kind', 'rel_nations'])
    .where('id', '=', w)
    .where('corridor_id', '=', c)
    .executeTakeFirst();
  if (!before) return false;
  await trx
    .updateTable('corridor_window')
    .set({ status, note, updated_at: actor.at })
    .where('id', '=', w)
    .execute();
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'corridor.window_status',
    entity: 'corridor',
    entityId: corridorId,
    before: { window: windowId, status: before.status, note: before.note },
    after: { window: windowId, status, note },
    label: { rel_kind: before.rel_kind, rel_nations: before.rel_nations },
    at: actor.at,
  });
  return true;
}

/** Incidents (not merged, not dismissed) whose time meets [from, to], as the reader may see them. */
export async function logisticsIncidents(
  db: Db,
  from: Date,
  to: Date,
): Promise<
  {
    id: string;
    category: string;
    state: string;
    lng: number;
    lat: number;
    radiusM: number;
    start: Date;
    end: Date;
  }[]
> {
  const rows = await sql<{
    id: string;
    category: string;
    state: string;
    lng: number;
    lat: number;
    radius_m: number;
    start_at: Date;
    end_at: Date;
  }>`select id, category, state, st_x(geom) as lng, st_y(geom) as lat, radius_m, start_at, end_at
     from incident where merged_into is null and state <> 'dismissed' and end_at >= ${from} and start_at <= ${to}
     order by id`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    category: r.category,
    state: r.state,
    lng: Number(r.lng),
    lat: Number(r.lat),
    radiusM: Number(r.radius_m),
    start: new Date(r.start_at),
    end: new Date(r.end_at),
  }));
}

// ---------------------------------------------------------------------------------------------
// Hubs

/** A hub's logistics: protection, capacity, units supplied, inventory. */
export interface HubLogistics {
  readonly hubId: string;
  readonly protectionLevel: HubProtection;
  readonly capacityTonnes: number | null;
  readonly supplies: readonly string[];
  readonly inventory: readonly { readonly equipmentClass: string; readonly quantity: number }[];
}

/** The logistics of every hub the reader may see. */
export async function listHubLogistics(db: Db): Promise<HubLogistics[]> {
  const hubs = await db
    .selectFrom('hub')
    .select(['id', 'protection_level', 'capacity_tonnes', 'supplies'])
    .orderBy('id')
    .execute();
  const inventory = await db
    .selectFrom('hub_inventory')
    .select(['hub_id', 'equipment_class', 'quantity'])
    .orderBy('hub_id')
    .orderBy('equipment_class')
    .execute();
  return hubs.map((h) => ({
    hubId: h.id,
    protectionLevel: h.protection_level,
    capacityTonnes: h.capacity_tonnes,
    supplies: h.supplies,
    inventory: inventory
      .filter((i) => i.hub_id === h.id)
      .map((i) => ({ equipmentClass: i.equipment_class, quantity: i.quantity })),
  }));
}

/**
 * Replaces a hub's logistics whole (protection, capacity, units supplied, inventory); the
 * inventory rows carry the hub's label. False when the hub is hidden or absent.
 */
export async function setHubLogistics(
  trx: Transaction<Database>,
  value: HubLogistics,
  actor: LogisticsActor,
): Promise<boolean> {
  const hub = await trx
    .selectFrom('hub')
    .select(['id', 'rel_kind', 'rel_nations'])
    .where('id', '=', value.hubId)
    .executeTakeFirst();
  if (!hub) return false;
  const label = { rel_kind: hub.rel_kind, rel_nations: hub.rel_nations };
  const [before] = (await listHubLogistics(trx)).filter((h) => h.hubId === value.hubId);
  await trx
    .updateTable('hub')
    .set({
      protection_level: value.protectionLevel,
      capacity_tonnes: value.capacityTonnes,
      supplies: [...value.supplies],
    })
    .where('id', '=', value.hubId)
    .execute();
  await trx.deleteFrom('hub_inventory').where('hub_id', '=', value.hubId).execute();
  if (value.inventory.length > 0)
    await trx
      .insertInto('hub_inventory')
      .values(
        value.inventory.map((i) => ({
          hub_id: value.hubId,
          equipment_class: i.equipmentClass,
          quantity: i.quantity,
          updated_by: actor.username,
          updated_at: actor.at,
          ...label,
        })),
      )
      .execute();
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'hub.logistics',
    entity: 'hub',
    entityId: value.hubId,
    before: before ?? null,
    after: value,
    label,
    at: actor.at,
  });
  return true;
}
