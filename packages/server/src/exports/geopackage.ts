/**
 * GeoPackage 1.3 writer (OGC 12-128r18) for the exports of issue 20: a SQLite file with the
 * required metadata tables (gpkg_spatial_ref_sys with WGS 84, gpkg_contents,
 * gpkg_geometry_columns), one feature table per layer in EPSG:4326, and each geometry as a
 * GeoPackage binary (the "GP" header with its envelope, then little-endian WKB). Written with
 * Node's own SQLite (`node:sqlite`); GDAL reads the result in the tests.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

type Position = readonly number[];
/** The GeoJSON geometries the layers hold. */
export type ExportGeometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

export interface ExportField {
  /** The column name: letters, digits and underscores. */
  readonly name: string;
  readonly type: 'TEXT' | 'INTEGER' | 'REAL';
}

export interface ExportLayer {
  /** The table name: letters, digits and underscores. */
  readonly name: string;
  readonly description: string;
  /** GEOMETRY when the layer mixes kinds. */
  readonly geometryType: 'POINT' | 'LINESTRING' | 'POLYGON' | 'MULTILINESTRING' | 'MULTIPOLYGON' | 'GEOMETRY';
  readonly fields: readonly ExportField[];
  readonly features: readonly {
    readonly geometry: ExportGeometry;
    readonly properties: Readonly<Record<string, string | number | boolean | null>>;
  }[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const WKB_TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiLineString: 5, MultiPolygon: 6 } as const;

/** Little-endian WKB of a 2-D geometry. */
export function wkb(geometry: ExportGeometry): Buffer {
  const parts: Buffer[] = [];
  const header = (type: number) => {
    const b = Buffer.alloc(5);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(type, 1);
    parts.push(b);
  };
  const count = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    parts.push(b);
  };
  const points = (ps: readonly Position[]) => {
    count(ps.length);
    const b = Buffer.alloc(16 * ps.length);
    ps.forEach((p, i) => {
      b.writeDoubleLE(p[0]!, i * 16);
      b.writeDoubleLE(p[1]!, i * 16 + 8);
    });
    parts.push(b);
  };
  const polygon = (rings: readonly (readonly Position[])[]) => {
    header(WKB_TYPE.Polygon);
    count(rings.length);
    for (const ring of rings) points(ring);
  };
  switch (geometry.type) {
    case 'Point': {
      header(WKB_TYPE.Point);
      const b = Buffer.alloc(16);
      b.writeDoubleLE(geometry.coordinates[0]!, 0);
      b.writeDoubleLE(geometry.coordinates[1]!, 8);
      parts.push(b);
      break;
    }
    case 'LineString':
      header(WKB_TYPE.LineString);
      points(geometry.coordinates);
      break;
    case 'Polygon':
      polygon(geometry.coordinates);
      break;
    case 'MultiLineString':
      header(WKB_TYPE.MultiLineString);
      count(geometry.coordinates.length);
      for (const line of geometry.coordinates) {
        header(WKB_TYPE.LineString);
        points(line);
      }
      break;
    case 'MultiPolygon':
      header(WKB_TYPE.MultiPolygon);
      count(geometry.coordinates.length);
      for (const p of geometry.coordinates) polygon(p);
      break;
  }
  return Buffer.concat(parts);
}

/** [minX, maxX, minY, maxY] of a geometry, the order the GeoPackage envelope takes. */
function envelope(geometry: ExportGeometry): [number, number, number, number] {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1] as number);
      maxY = Math.max(maxY, c[1] as number);
      return;
    }
    for (const inner of c) walk(inner);
  };
  walk(geometry.coordinates);
  return [minX, maxX, minY, maxY];
}

/** A GeoPackage geometry blob: "GP", version 0, flags (xy envelope, little-endian), SRS 4326, envelope, WKB. */
export function gpkgGeometry(geometry: ExportGeometry): Buffer {
  const head = Buffer.alloc(8 + 32);
  head.write('GP', 0, 'ascii');
  head.writeUInt8(0, 2);
  // Flags: bit 0 little-endian, bits 1–3 envelope kind 1 (minx, maxx, miny, maxy).
  head.writeUInt8(0b0000_0011, 3);
  head.writeInt32LE(4326, 4);
  envelope(geometry).forEach((v, i) => {
    head.writeDoubleLE(v, 8 + i * 8);
  });
  return Buffer.concat([head, wkb(geometry)]);
}

/** Writes the layers into a new GeoPackage; its bytes. */
export function writeGeoPackage(layers: readonly ExportLayer[], now: Date): Buffer {
  for (const layer of layers) {
    if (!NAME.test(layer.name))
      throw new Error(`GeoPackage layer name "${layer.name}" is not a plain identifier`);
    for (const f of layer.fields)
      if (!NAME.test(f.name) || f.name === 'fid' || f.name === 'geom')
        throw new Error(`GeoPackage field name "${f.name}" is not a plain identifier`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'guarantor-gpkg-'));
  const file = join(folder, 'export.gpkg');
  const db = new DatabaseSync(file);
  try {
    db.exec(`pragma application_id = ${0x47504b47}; pragma user_version = 10300; pragma journal_mode = off;`);
    db.exec(`
      create table gpkg_spatial_ref_sys (srs_name text not null, srs_id integer primary key, organization text not null,
        organization_coordsys_id integer not null, definition text not null, description text);
      create table gpkg_contents (table_name text not null primary key, data_type text not null, identifier text unique,
        description text default '', last_change datetime not null default (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x double, min_y double, max_x double, max_y double, srs_id integer,
        constraint fk_gc_r_srs_id foreign key (srs_id) references gpkg_spatial_ref_sys(srs_id));
      create table gpkg_geometry_columns (table_name text not null, column_name text not null, geometry_type_name text not null,
        srs_id integer not null, z tinyint not null, m tinyint not null,
        constraint pk_geom_cols primary key (table_name, column_name),
        constraint fk_gc_tn foreign key (table_name) references gpkg_contents(table_name),
        constraint fk_gc_srs foreign key (srs_id) references gpkg_spatial_ref_sys (srs_id));
    `);
    const srs = db.prepare(
      'insert into gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) values (?, ?, ?, ?, ?, ?)',
    );
    srs.run(
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    );
    srs.run(
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    );
    srs.run(
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    );
    const stamp = now.toISOString();
    for (const layer of layers) {
      const columns = layer.fields.map((f) => `"${f.name}" ${f.type}`).join(', ');
      db.exec(
        `create table "${layer.name}" (fid integer primary key autoincrement, geom ${layer.geometryType}${columns ? `, ${columns}` : ''})`,
      );
      const bounds = layer.features.map((f) => envelope(f.geometry));
      const box =
        bounds.length === 0
          ? [null, null, null, null]
          : [
              Math.min(...bounds.map((b) => b[0])),
              Math.min(...bounds.map((b) => b[2])),
              Math.max(...bounds.map((b) => b[1])),
              Math.max(...bounds.map((b) => b[3])),
            ];
      db.prepare(
        'insert into gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 4326)',
      ).run(layer.name, 'features', layer.name, layer.description, stamp, ...box);
      db.prepare(
        'insert into gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) values (?, ?, ?, 4326, 0, 0)',
      ).run(layer.name, 'geom', layer.geometryType);
      const insert = db.prepare(
        `insert into "${layer.name}" (geom${layer.fields.map((f) => `, "${f.name}"`).join('')}) values (?${', ?'.repeat(layer.fields.length)})`,
      );
      db.exec('begin');
      for (const feature of layer.features) {
        insert.run(
          gpkgGeometry(feature.geometry),
          ...layer.fields.map((f) => {
            const v = feature.properties[f.name];
            return v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
          }),
        );
      }
      db.exec('commit');
    }
    db.close();
    return readFileSync(file);
  } finally {
    if (db.isOpen) db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
