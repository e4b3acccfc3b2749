/**
 * Route risk and routing graphs computed once, not on every read (ADR 0048). A computation is
 * kept in memory under what decides what its reader sees — the transaction's role, nation and
 * coalition membership, read from the transaction itself rather than from the caller — with
 * the network, and is stamped with the versions of its inputs (migration 0032); a read whose
 * versions differ computes afresh. Every server instance keeps its own; the versions live in
 * the database, so an incident written through one instance invalidates all of them.
 */

import {
  type RiskPair,
  type RiskRule,
  type SegmentRiskContribution,
  scoreRiskPairs,
} from '@guarantor/core/logistics';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { segmentRiskPairsDelta, segmentRiskPairsSql } from './networks.ts';

type Db = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;

/** Counts of committed changes to the inputs of risk and planning (migration 0032). */
export interface LogisticsVersions {
  readonly incidents: number;
  readonly segments: number;
  readonly planRules: number;
}

/** Who the transaction reads as, in one string, and the input versions: one round trip. */
export async function logisticsReadStamp(
  db: Db,
): Promise<{ readonly visibility: string; readonly versions: LogisticsVersions }> {
  const r = (
    await sql<{
      role: string;
      nation: string | null;
      member: string | null;
      incidents: number | string;
      segments: number | string;
      plan_rules: number | string;
    }>`
      select current_user as role,
             coalesce(current_setting('guarantor.nation', true), '') as nation,
             coalesce(current_setting('guarantor.coalition_member', true), '') as member,
             v.incidents, v.segments, v.plan_rules
      from logistics_input_version v`.execute(db)
  ).rows[0]!;
  return {
    visibility: `${r.role}|${r.nation}|${r.member}`,
    versions: {
      incidents: Number(r.incidents),
      segments: Number(r.segments),
      planRules: Number(r.plan_rules),
    },
  };
}

interface RiskEntry {
  readonly incidents: number;
  readonly segments: number;
  /** Incidents ending at or after this are held… */
  readonly sinceMs: number;
  /** …and starting at or before this (null: any start, the entry serves "now" as time passes). */
  readonly untilMs: number | null;
  readonly segmentIds: readonly string[];
  readonly pairs: readonly RiskPair[];
}

interface MemoEntry {
  readonly stamp: string;
  readonly value: unknown;
}

/** How often each kind of computation was reused or made. */
export interface LogisticsCacheStats {
  riskHits: number;
  riskMisses: number;
  /** Reads answered by bringing an older computation up to date with the incidents changed since. */
  riskUpdates: number;
  memoHits: number;
  memoMisses: number;
}

/** One database's cache of segment risk pairs and planning graphs; least recently used out. */
export class LogisticsCache {
  readonly maxEntries: number;
  readonly stats: LogisticsCacheStats = {
    riskHits: 0,
    riskMisses: 0,
    riskUpdates: 0,
    memoHits: 0,
    memoMisses: 0,
  };
  private readonly risk = new Map<string, RiskEntry>();
  private readonly memo = new Map<string, MemoEntry>();

  constructor(options: { readonly maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 64;
  }

  /** Forgets everything (tests, or an operator after a restore). */
  clear(): void {
    this.risk.clear();
    this.memo.clear();
  }

  /**
   * The entry for a key if it answers a read of [sinceMs, untilMs] on the same segments: `fresh`
   * when made at these incident versions too, `stale` when made at an older incident count, so
   * that the incidents changed since can bring it up to date.
   */
  riskEntry(
    key: string,
    versions: LogisticsVersions,
    sinceMs: number,
    untilMs: number,
  ): { readonly entry: RiskEntry; readonly fresh: boolean } | undefined {
    const e = this.risk.get(key);
    if (
      !e ||
      e.segments !== versions.segments ||
      e.incidents > versions.incidents ||
      sinceMs < e.sinceMs ||
      (e.untilMs !== null && untilMs > e.untilMs)
    )
      return undefined;
    if (e.incidents < versions.incidents) return { entry: e, fresh: false };
    this.risk.delete(key);
    this.risk.set(key, e);
    return { entry: e, fresh: true };
  }

  putRisk(key: string, entry: RiskEntry): void {
    this.risk.delete(key);
    this.risk.set(key, entry);
    while (this.risk.size > this.maxEntries) this.risk.delete(this.risk.keys().next().value!);
  }

  /** The value kept under `key` when made at `stamp`; otherwise `make`'s, kept. */
  async remember<T>(key: string, stamp: string, make: () => Promise<T>): Promise<T> {
    const e = this.memo.get(key);
    if (e && e.stamp === stamp) {
      this.stats.memoHits++;
      this.memo.delete(key);
      this.memo.set(key, e);
      return e.value as T;
    }
    this.stats.memoMisses++;
    const value = await make();
    this.memo.delete(key);
    this.memo.set(key, { stamp, value });
    while (this.memo.size > this.maxEntries) this.memo.delete(this.memo.keys().next().value!);
    return value;
  }
}

const caches = new WeakMap<object, LogisticsCache>();

/** The cache of one opened database (its Kysely instance): shared by every route that reads risk. */
export function logisticsCache(db: Kysely<Database>): LogisticsCache {
  let c = caches.get(db);
  if (!c) {
    c = new LogisticsCache();
    caches.set(db, c);
  }
  return c;
}

/** How recent an `asOf` must be for an entry to stay open-ended (to serve "now" as time passes). */
const OPEN_ENDED_MS = DAY_MS;

/**
 * The rule of core (`segmentRisks`) for one network as the transaction's reader sees it, reusing
 * the pairs of an earlier read when the reader's visibility, the network, the radius and the
 * input versions are the same and the period is covered; the weights are applied on each read
 * (cheap), so a rule differing only in weights or days reuses the pairs. Undefined when the
 * network id is malformed. `nowMs` decides whether the entry may serve later reads of "now".
 */
export async function cachedSegmentRisks(
  db: Db,
  cache: LogisticsCache,
  networkId: string,
  rule: RiskRule,
  asOf: Date,
  nowMs: number,
  stamp?: { readonly visibility: string; readonly versions: LogisticsVersions },
  /** False when only the scores are read: the contributions come back empty, sooner. */
  withContributions = true,
): Promise<{ scores: Map<string, number>; contributions: SegmentRiskContribution[] } | undefined> {
  const { visibility, versions } = stamp ?? (await logisticsReadStamp(db));
  const asOfMs = asOf.getTime();
  const sinceMs = asOfMs - rule.days * DAY_MS;
  const key = `${visibility}|${networkId}|${rule.radiusKm}`;
  const found = cache.riskEntry(key, versions, sinceMs, asOfMs);
  let entry = found?.fresh ? found.entry : undefined;
  if (entry) cache.stats.riskHits++;
  else if (found) {
    entry = await brought(db, found.entry, networkId, rule.radiusKm, versions.incidents);
    if (entry) {
      cache.stats.riskUpdates++;
      cache.putRisk(key, entry);
    }
  }
  if (!entry) {
    cache.stats.riskMisses++;
    const untilMs = asOfMs >= nowMs - OPEN_ENDED_MS ? null : asOfMs;
    const computed = await segmentRiskPairsSql(db, networkId, rule.radiusKm, sinceMs, untilMs);
    if (!computed) return undefined;
    entry = {
      incidents: versions.incidents,
      segments: versions.segments,
      sinceMs,
      untilMs,
      segmentIds: computed.segmentIds,
      pairs: computed.pairs,
    };
    cache.putRisk(key, entry);
  }
  return scoreRiskPairs(entry.pairs, entry.segmentIds, rule, asOfMs, withContributions);
}

/** Changed incidents above this many: computing afresh is as quick as bringing up to date. */
const MAX_CHANGED_INCIDENTS = 20_000;

/**
 * The entry brought up to the incident count `to` (migration 0037): the pairs of every incident
 * changed since its count (that the reader may know of) are dropped, and those incidents' pairs
 * now are added. Undefined when the log no longer reaches back, or so much changed that a fresh
 * computation is as quick.
 */
async function brought(
  db: Db,
  entry: RiskEntry,
  networkId: string,
  radiusKm: number,
  to: number,
): Promise<RiskEntry | undefined> {
  const delta = await segmentRiskPairsDelta(
    db,
    networkId,
    radiusKm,
    entry.sinceMs,
    entry.untilMs,
    entry.incidents,
    to,
  );
  if (!delta || delta.changed.size > MAX_CHANGED_INCIDENTS) return undefined;
  if (delta.changed.size === 0) return { ...entry, incidents: to };
  const kept = entry.pairs.filter((p) => !delta.changed.has(p.incidentId));
  return { ...entry, incidents: to, pairs: mergeBySegment(kept, delta.pairs) };
}

const segmentOrder = (id: string) => Number(id.slice(4));

/**
 * Pairs ordered by segment (as the pair functions order them) with `added` merged in, each
 * after its segment's kept pairs: one pass, not a sort of the whole list.
 */
function mergeBySegment(kept: readonly RiskPair[], added: readonly RiskPair[]): readonly RiskPair[] {
  if (added.length === 0) return kept;
  const more = [...added].sort(
    (a, b) =>
      segmentOrder(a.segmentId) - segmentOrder(b.segmentId) ||
      (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0),
  );
  const out: RiskPair[] = [];
  let j = 0;
  for (const p of kept) {
    const segment = segmentOrder(p.segmentId);
    while (j < more.length && segmentOrder(more[j]!.segmentId) < segment) out.push(more[j++]!);
    out.push(p);
  }
  while (j < more.length) out.push(more[j++]!);
  return out;
}
