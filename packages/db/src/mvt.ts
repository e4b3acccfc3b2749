/**
 * A minimal Mapbox Vector Tile 2.1 encoder for one layer of points, for engines whose PostGIS
 * lacks protobuf-c (PGlite's build answers "ST_AsMVT: Compiled without protobuf-c support").
 * PostGIS still computes the tile coordinates; this only writes the protobuf.
 */

/** A point already in tile coordinates (0…extent, y down), with its properties. */
export interface TilePoint {
  readonly x: number;
  readonly y: number;
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
}

class Writer {
  bytes: number[] = [];
  varint(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }
  message(field: number, inner: Writer): void {
    this.tag(field, 2);
    this.varint(inner.bytes.length);
    for (const b of inner.bytes) this.bytes.push(b);
  }
  string(field: number, text: string): void {
    const encoded = new TextEncoder().encode(text);
    this.tag(field, 2);
    this.varint(encoded.length);
    for (const b of encoded) this.bytes.push(b);
  }
  packed(field: number, values: readonly number[]): void {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    this.message(field, inner);
  }
  double(field: number, value: number): void {
    this.tag(field, 1);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes.push(view.getUint8(i));
  }
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** One layer of point features as an MVT; empty when there are none (as ST_AsMVT returns). */
export function encodePointTile(layerName: string, points: readonly TilePoint[], extent = 4096): Uint8Array {
  return encodeLayer(
    layerName,
    points.map((p) => ({ type: 1, geometry: [9, zigzag(p.x), zigzag(p.y)], properties: p.properties })),
    extent,
  );
}

/** A line already in tile coordinates: its parts, each two or more [x, y], with its properties. */
export interface TileLine {
  readonly parts: readonly (readonly (readonly [number, number])[])[];
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
}

/** One layer of line features as an MVT; empty when there are none. */
export function encodeLineTile(layerName: string, lines: readonly TileLine[], extent = 4096): Uint8Array {
  const features: RawFeature[] = [];
  for (const line of lines) {
    // Commands: MoveTo(1) to the first position, LineTo(n − 1) through the rest, each a delta
    // from the cursor, which carries over between parts.
    const geometry: number[] = [];
    let cx = 0;
    let cy = 0;
    for (const part of line.parts) {
      if (part.length < 2) continue;
      const [x0, y0] = part[0]!;
      geometry.push(9, zigzag(x0 - cx), zigzag(y0 - cy));
      cx = x0;
      cy = y0;
      geometry.push(((part.length - 1) << 3) | 2);
      for (const [x, y] of part.slice(1)) {
        geometry.push(zigzag(x - cx), zigzag(y - cy));
        cx = x;
        cy = y;
      }
    }
    if (geometry.length > 0) features.push({ type: 2, geometry, properties: line.properties });
  }
  return encodeLayer(layerName, features, extent);
}

interface RawFeature {
  /** 1 point, 2 line string. */
  readonly type: number;
  readonly geometry: readonly number[];
  readonly properties: Readonly<Record<string, string | number | boolean | null>>;
}

function encodeLayer(layerName: string, features: readonly RawFeature[], extent: number): Uint8Array {
  if (features.length === 0) return new Uint8Array();
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const valueList: (string | number | boolean)[] = [];
  const layer = new Writer();
  layer.tag(15, 0);
  layer.varint(2);
  layer.string(1, layerName);
  for (const f of features) {
    const tags: number[] = [];
    for (const [key, value] of Object.entries(f.properties)) {
      if (value === null || value === undefined) continue;
      let k = keys.get(key);
      if (k === undefined) {
        k = keys.size;
        keys.set(key, k);
      }
      const id = `${typeof value}:${value}`;
      let v = values.get(id);
      if (v === undefined) {
        v = valueList.length;
        values.set(id, v);
        valueList.push(value);
      }
      tags.push(k, v);
    }
    const feature = new Writer();
    feature.packed(2, tags);
    feature.tag(3, 0);
    feature.varint(f.type);
    feature.packed(4, f.geometry);
    layer.message(2, feature);
  }
  for (const key of keys.keys()) layer.string(3, key);
  for (const value of valueList) {
    const v = new Writer();
    if (typeof value === 'string') v.string(1, value);
    else if (typeof value === 'boolean') {
      v.tag(7, 0);
      v.varint(value ? 1 : 0);
    } else v.double(3, value);
    layer.message(4, v);
  }
  layer.tag(5, 0);
  layer.varint(extent);
  const tile = new Writer();
  tile.message(3, layer);
  return Uint8Array.from(tile.bytes);
}
