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
import { segmentRiskPairsSql } from './networks.ts';

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
  memoHits: number;
  memoMisses: number;
}

/** One database's cache of segment risk pairs and planning graphs; least recently used out. */
export class LogisticsCache {
  readonly maxEntries: number;
  readonly stats: LogisticsCacheStats = { riskHits: 0, riskMisses: 0, memoHits: 0, memoMisses: 0 };
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

  /** The entry for a key if it still answers a read of [sinceMs, untilMs] at these versions. */
  riskEntry(
    key: string,
    versions: LogisticsVersions,
    sinceMs: number,
    untilMs: number,
  ): RiskEntry | undefined {
    const e = this.risk.get(key);
    if (
      !e ||
      e.incidents !== versions.incidents ||
      e.segments !== versions.segments ||
      sinceMs < e.sinceMs ||
      (e.untilMs !== null && untilMs > e.untilMs)
    )
      return undefined;
    this.risk.delete(key);
    this.risk.set(key, e);
    return e;
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
  let entry = cache.riskEntry(key, versions, sinceMs, asOfMs);
  if (entry) cache.stats.riskHits++;
  else {
    cache.stats.riskMisses++;
    const untilMs = asOfMs >= nowMs - OPEN_ENDED_MS ? null : asOfMs;
    const found = await segmentRiskPairsSql(db, networkId, rule.radiusKm, sinceMs, untilMs);
    if (!found) return undefined;
    entry = {
      incidents: versions.incidents,
      segments: versions.segments,
      sinceMs,
      untilMs,
      segmentIds: found.segmentIds,
      pairs: found.pairs,
    };
    cache.putRisk(key, entry);
  }
  return scoreRiskPairs(entry.pairs, entry.segmentIds, rule, asOfMs, withContributions);
}
