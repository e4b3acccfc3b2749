/**
 * The ingest benchmark's rows (bench/ingest.ts), shared by its HTTP client thread
 * (bench/ingest-client.ts) and its COPY.
 */
import type { Observation } from '../packages/core/src/monitoring/index.ts';

/**
 * Deterministic events over the Donbas, three reports each (patrol, camera, acoustic) within
 * 300 m and 3 min, in batches of `size`, generated as they are asked for. `dense`: every event
 * at one place instead, within 700 m and 55 minutes of each other (a dense burst).
 */
export function* observationBatches(n: number, size: number, dense = false): Generator<Observation[]> {
  // mulberry32: integer arithmetic, so the sequence does not collapse the way a float LCG does.
  let seed = 42;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const kinds = ['patrol', 'camera', 'acoustic'] as const;
  const day = Date.parse('2026-11-01T00:00:00Z');
  let made = 0;
  let batch: Observation[] = [];
  for (let e = 0; made < n; e++) {
    const lng = dense ? 37.75 + (rand() - 0.5) * 0.006 : 36 + rand() * 3;
    const lat = dense ? 48.14 + (rand() - 0.5) * 0.004 : 47 + rand() * 2.5;
    const t = day + Math.floor(rand() * (dense ? 3_000_000 : 25 * 86_400_000));
    for (let k = 0; k < 3 && made < n; k++, made++) {
      const start = t + Math.floor(rand() * 180_000);
      batch.push({
        uid: `bench-${e}-${k}`,
        source: { kind: kinds[k]!, id: `${kinds[k]}-${Math.floor(rand() * 500)}`, nation: 'USA' },
        time: { startMs: start, endMs: start + 60_000 },
        category: 'explosion_impact',
        count: 1 + Math.floor(rand() * 5),
        location: {
          kind: 'point',
          position: [lng + (rand() - 0.5) * 0.004, lat + (rand() - 0.5) * 0.003],
          radiusM: 200,
        },
        reportedAtMs: start + 300_000,
      });
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

export function csvOf(rows: readonly Observation[]): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const iso = (ms: number) => new Date(ms).toISOString();
  let out = '';
  for (const o of rows) {
    const loc = o.location as Extract<Observation['location'], { kind: 'point' }>;
    out += `${[
      q(o.uid),
      o.source.kind,
      q(o.source.id),
      o.source.nation,
      iso(o.time.startMs),
      iso(o.time.endMs),
      o.category,
      o.count,
      'point',
      `SRID=4326;POINT(${loc.position[0]} ${loc.position[1]})`,
      loc.radiusM,
      iso(o.reportedAtMs),
      q(JSON.stringify(o)),
      'COALITION',
      '{}',
    ].join(',')}\n`;
  }
  return out;
}
