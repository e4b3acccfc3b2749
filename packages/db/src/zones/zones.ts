/**
 * Zones as stored: a whole file imported at once in the reader's namespace (ADR 0013), listed by kind,
 * and the shipped demo zones.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Releasability } from '@guarantor/core/access';
import {
  DEFAULT_VIOLATION_RULES,
  type ImportedZone,
  readZoneCollection,
  type WeaponClass,
  type Zone,
  type ZoneGeometry,
  ZoneImportError,
  type ZoneKind,
  type ZoneProblem,
  type ZoneReadOptions,
  zoneIdNation,
  zoneProblem,
} from '@guarantor/core/zones';
import type { Kysely, Transaction } from 'kysely';
import { labelColumns, labelColumnsFromText, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import { geoJsonOf, geomEquals, geomFromGeoJson } from '../postgis.ts';
import { DATA_DIR } from '../reference.ts';
import type { Database, Labelled } from '../schema.ts';
import type { Db, ZoneActor } from './common.ts';
import { addViolationRuleVersion } from './rules.ts';

export interface ZoneRecord extends Zone {
  readonly version: number;
  readonly releasability: string;
  readonly label: Labelled;
  readonly updatedAt: Date;
}

/** What an import did. */
export interface ZoneImportSummary {
  readonly read: number;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** Features left out on request (a geometry the kind does not take), with why. */
  readonly skipped: readonly ZoneProblem[];
}

const geomText = (g: ZoneGeometry) => JSON.stringify(g);

/**
 * Stores a whole zone file in the caller's transaction, or nothing: any rejected feature
 * throws ZoneImportError before a row is written. Zones are upserted by id; a changed zone
 * gets the next version, and every change is audited with its geometry.
 */
export async function importZones(
  trx: Transaction<Database>,
  input: unknown,
  options: {
    readonly actor: ZoneActor;
    readonly defaultLabel: Releasability;
    readonly at: Date;
    /** How to read a file laid out by others (a default kind, the name and id properties). */
    readonly read?: ZoneReadOptions;
  },
): Promise<ZoneImportSummary> {
  const result = readZoneCollection(input, options.read);
  if (result.rejected.length > 0) throw new ZoneImportError(result.rejected);
  const keys = await zoneKeys(trx, result.accepted, options.actor.nation);
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const [i, zone] of result.accepted.entries()) {
    const stored = { ...zone, id: keys[i]! };
    const outcome = await upsertZone(trx, stored, options);
    (outcome === 'created' ? created : outcome === 'updated' ? updated : unchanged).push(stored.id);
  }
  return { read: result.read, created, updated, unchanged, skipped: result.skipped };
}

/**
 * Where each zone of a file is stored (ADR 0013). A nation's zones live in its namespace: a
 * file's `sector-east` from France is `sector-east@FRA`, unless the reader can see a zone whose
 * id is exactly what the file says (a shared zone of the demo, or `sector-east@DEU` typed in
 * full), which is then edited. A zone the reader cannot see is never looked at, so a hidden
 * id is answered as a free one: a bare id lands in the reader's namespace either way, and an
 * id in another nation's namespace is refused either way. The seed (no nation) keeps ids as
 * written. Runs in the reader's transaction, so "can see" is row-level security's answer.
 */
async function zoneKeys(
  trx: Transaction<Database>,
  zones: readonly ImportedZone[],
  nation: string | null,
): Promise<readonly string[]> {
  if (nation === null) return zones.map((z) => z.id);
  // Ids only: the geometries listZones would also read are not needed here.
  const ids = zones.map((z) => z.id);
  const visible = new Set(
    ids.length === 0
      ? []
      : (await trx.selectFrom('zone').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  );
  const problems: ZoneProblem[] = [];
  const keys = zones.map((zone, index) => {
    if (visible.has(zone.id)) return zone.id;
    const owner = zoneIdNation(zone.id);
    if (owner === null) return `${zone.id}@${nation}`;
    if (owner === nation) return zone.id;
    problems.push(
      zoneProblem(
        {
          index,
          field: 'properties.id',
          code: 'zone.not_yours',
          message: `'${zone.id}' names a zone in ${owner}'s namespace that you cannot edit; to create a zone of your own, leave out '@${owner}'`,
        } as const,
        { key: 'zoneFileChecks.notYours', params: { id: zone.id, owner } },
      ),
    );
    return zone.id;
  });
  const first = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else {
      problems.push(
        zoneProblem(
          {
            index,
            field: 'properties.id',
            code: 'zone.duplicate_id',
            message: `is stored as '${key}', as feature ${earlier} is; give each zone its own id`,
          } as const,
          { key: 'zoneFileChecks.storedAs', params: { stored: key, earlier } },
        ),
      );
    }
  }
  if (problems.length > 0) throw new ZoneImportError(problems);
  return keys;
}

async function upsertZone(
  trx: Transaction<Database>,
  zone: ImportedZone,
  options: { readonly actor: ZoneActor; readonly defaultLabel: Releasability; readonly at: Date },
): Promise<'created' | 'updated' | 'unchanged'> {
  const label = zone.releasability
    ? labelColumnsFromText(zone.releasability)
    : labelColumns(options.defaultLabel);
  const before = (await listZones(trx, { ids: [zone.id] }))[0];
  const after = {
    kind: zone.kind,
    name: zone.name,
    weapon_classes: [...zone.weaponClasses],
    valid_from: zone.validFromMs === null ? null : new Date(zone.validFromMs),
    valid_to: zone.validToMs === null ? null : new Date(zone.validToMs),
    illustrative: zone.illustrative,
    ...label,
  };
  const audited = (version: number) => ({
    id: zone.id,
    version,
    kind: zone.kind,
    name: zone.name,
    weaponClasses: zone.weaponClasses,
    validFrom: after.valid_from?.toISOString() ?? null,
    validTo: after.valid_to?.toISOString() ?? null,
    illustrative: zone.illustrative,
    geometry: zone.geometry,
    releasability: labelText(label),
  });
  if (before) {
    const same =
      before.kind === zone.kind &&
      before.name === zone.name &&
      before.weaponClasses.join() === zone.weaponClasses.join() &&
      before.validFromMs === zone.validFromMs &&
      before.validToMs === zone.validToMs &&
      before.illustrative === zone.illustrative &&
      before.releasability === labelText(label) &&
      (await sameGeometry(trx, zone.id, zone.geometry));
    if (same) return 'unchanged';
    await trx
      .updateTable('zone')
      .set({
        ...after,
        geom: geomFromGeoJson(geomText(zone.geometry)),
        version: before.version + 1,
        updated_at: options.at,
      })
      .where('id', '=', zone.id)
      .execute();
    await appendAudit(trx, {
      actor: options.actor.username,
      nation: options.actor.nation,
      action: 'zone.update',
      entity: 'zone',
      entityId: zone.id,
      before: {
        id: before.id,
        version: before.version,
        kind: before.kind,
        name: before.name,
        geometry: before.geometry,
      },
      after: audited(before.version + 1),
      label,
      at: options.at,
    });
    return 'updated';
  }
  await trx
    .insertInto('zone')
    .values({
      id: zone.id,
      ...after,
      geom: geomFromGeoJson(geomText(zone.geometry)),
      version: 1,
      created_at: options.at,
      updated_at: options.at,
    })
    .execute();
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'zone.create',
    entity: 'zone',
    entityId: zone.id,
    before: null,
    after: audited(1),
    label,
    at: options.at,
  });
  return 'created';
}

async function sameGeometry(db: Db, id: string, geometry: ZoneGeometry): Promise<boolean> {
  const row = await db
    .selectFrom('zone')
    .select(geomEquals('geom', geomFromGeoJson(geomText(geometry))).as('same'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.same === true;
}

/** Zones the reader may see, by kind then id. */
export async function listZones(
  db: Db,
  filter: { readonly kinds?: readonly ZoneKind[]; readonly ids?: readonly string[] } = {},
): Promise<readonly ZoneRecord[]> {
  let q = db
    .selectFrom('zone')
    .select([
      'id',
      'kind',
      'name',
      'weapon_classes',
      'version',
      'valid_from',
      'valid_to',
      'illustrative',
      'updated_at',
      'rel_kind',
      'rel_nations',
      geoJsonOf('geom', 6).as('geojson'),
    ]);
  if (filter.kinds && filter.kinds.length > 0) q = q.where('kind', 'in', [...filter.kinds]);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', [...filter.ids]);
  }
  const rows = await q.orderBy('kind').orderBy('id').execute();
  return rows.map((r) => {
    const label = { rel_kind: r.rel_kind, rel_nations: r.rel_nations };
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      weaponClasses: r.weapon_classes as WeaponClass[],
      geometry: JSON.parse(r.geojson) as ZoneGeometry,
      validFromMs: r.valid_from ? r.valid_from.getTime() : null,
      validToMs: r.valid_to ? r.valid_to.getTime() : null,
      illustrative: r.illustrative,
      version: Number(r.version),
      releasability: labelText(label),
      label,
      updatedAt: r.updated_at,
    };
  });
}

/** The shipped illustrative zones. */
export const DEMO_ZONES_FILE = resolve(DATA_DIR, 'zones/demo-zones.geojson');

/**
 * Loads the shipped demo zones and the default violation rules when none are stored (run as
 * the owner role, like the rest of the demo seed). Returns what it stored.
 */
export async function seedDemoZones(
  db: Kysely<Database>,
  at: Date,
): Promise<{ readonly zones: number; readonly rules: number }> {
  return db.transaction().execute(async (trx) => {
    const actor = { username: 'seed', nation: null };
    let zones = 0;
    let rules = 0;
    const zoneCount = await trx
      .selectFrom('zone')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(zoneCount.n) === 0) {
      const input = JSON.parse(readFileSync(DEMO_ZONES_FILE, 'utf8'));
      const summary = await importZones(trx, input, { actor, defaultLabel: { kind: 'PUBLIC' }, at });
      zones = summary.created.length;
    }
    const ruleCount = await trx
      .selectFrom('violation_rule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(ruleCount.n) === 0) {
      for (const rule of DEFAULT_VIOLATION_RULES) {
        await addViolationRuleVersion(trx, rule, {
          actor,
          at,
          label: { rel_kind: 'PUBLIC', rel_nations: [] },
        });
        rules++;
      }
    }
    return { zones, rules };
  });
}

/** One stored version of a zone, read back from its audit entry (each version's state is there). */
export interface ZoneVersionRecord {
  readonly version: number;
  readonly at: Date;
  readonly actor: string | null;
  readonly nation: string | null;
  readonly change: 'created' | 'updated';
  readonly kind: string;
  readonly name: string;
  readonly weaponClasses: readonly string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly releasability: string;
}

/**
 * Every version of a zone the reader may see, oldest first, from the audit log (the zone table
 * holds only the current one). Run it inside `asReader`.
 */
export async function listZoneVersions(db: Db, id: string): Promise<readonly ZoneVersionRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'nation', 'action', 'after'])
    .where('entity', '=', 'zone')
    .where('entity_id', '=', id)
    .where('action', 'in', ['zone.create', 'zone.update'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => {
    const a = (r.after ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      version: Number(a['version']),
      at: r.at,
      actor: r.actor,
      nation: r.nation,
      change: r.action === 'zone.create' ? 'created' : 'updated',
      kind: String(a['kind'] ?? ''),
      name: String(a['name'] ?? ''),
      weaponClasses: Array.isArray(a['weaponClasses']) ? a['weaponClasses'].map(String) : [],
      validFrom: text(a['validFrom']),
      validTo: text(a['validTo']),
      releasability: String(a['releasability'] ?? ''),
    };
  });
}
