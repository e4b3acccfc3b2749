/**
 * The audit chain: each entry's hash covers the previous entry's hash and the entry's own
 * fields in canonical JSON, so changing, removing or reordering any stored entry breaks
 * every later link. Hashing itself (SHA-256) is done by the caller, which keeps core free
 * of platform crypto; `chainInput` defines exactly what is hashed.
 */
export interface AuditFields extends AuditChange {
  readonly seq: number;
  readonly atIso: string;
}

/** What every audit entry says: who did what to which record, with the record's state either side. */
export interface AuditChange {
  readonly actor: string | null;
  readonly nation: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The hash of the entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal values always hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .filter((k) => source[k] !== undefined)
        .map((k) => [k, sortKeys(source[k])]),
    );
  }
  return value;
}

/** The exact text whose SHA-256 is an entry's hash. */
export function chainInput(prevHash: string, fields: AuditFields): string {
  return `${prevHash}\n${canonicalJson(fields)}`;
}

/** The outcome of checking a chain: intact, or the first entry whose link is broken. */
export type ChainVerdict =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly brokenAtSeq: number; readonly reason: string };

/** Walks stored entries in sequence order and names the first broken link. */
export function verifyChain(
  entries: Iterable<AuditFields & { readonly prevHash: string; readonly hash: string }>,
  sha256: (text: string) => string,
): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const entry of entries) {
    count++;
    const { prevHash, hash, ...fields } = entry;
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        entries: count,
        brokenAtSeq: entry.seq,
        reason: `expected entry ${expectedSeq} next, found ${entry.seq}: an entry was removed or reordered`,
      };
    }
    if (prevHash !== prev) {
      return {
        ok: false,
        entries: count,
        brokenAtSeq: entry.seq,
        reason: 'its prev_hash does not match the hash of the entry before it',
      };
    }
    if (sha256(chainInput(prevHash, fields)) !== hash) {
      return {
        ok: false,
        entries: count,
        brokenAtSeq: entry.seq,
        reason: 'its content no longer matches its hash: the entry was altered',
      };
    }
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, entries: count };
}
