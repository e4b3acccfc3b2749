/** The campaign's phase records: the timeline, the current phase, and each decision. */
import type { IsoDate, Phase } from '@guarantor/core/phases';
import { labelText } from '../access.ts';
import type { Labelled } from '../schema.ts';
import { type Actor, audit, COALITION, type Db, dateText, type Trx } from './common.ts';

/** A phase the campaign entered, as stored. */
export interface PhaseRow {
  readonly seq: number;
  readonly phase: Phase;
  readonly from: Phase | null;
  readonly since: IsoDate;
  readonly decidedBy: string;
  readonly nation: string;
  readonly authority: string;
  readonly recordedAt: Date;
  readonly evaluations: readonly unknown[];
  readonly override: { readonly reason: string; readonly bypassed: readonly string[] } | null;
  readonly releasability: string;
}

function phaseOf(r: {
  seq: number;
  phase: Phase;
  from_phase: Phase | null;
  since: unknown;
  decided_by: string;
  decided_nation: string;
  authority: string;
  recorded_at: Date;
  evaluations: unknown[];
  override: boolean;
  override_reason: string | null;
  override_bypassed: string[];
  rel_kind: Labelled['rel_kind'];
  rel_nations: string[];
}): PhaseRow {
  return {
    seq: Number(r.seq),
    phase: r.phase,
    from: r.from_phase,
    since: dateText(r.since),
    decidedBy: r.decided_by,
    nation: r.decided_nation,
    authority: r.authority,
    recordedAt: r.recorded_at,
    evaluations: r.evaluations,
    override: r.override ? { reason: r.override_reason ?? '', bypassed: r.override_bypassed } : null,
    releasability: labelText(r),
  };
}

/** Every phase record the reader may see, oldest first. */
export async function phaseTimeline(db: Db): Promise<readonly PhaseRow[]> {
  return (await db.selectFrom('campaign_phase').selectAll().orderBy('seq').execute()).map(phaseOf);
}

/** The current phase record, or undefined before the first one. */
export async function currentPhase(db: Db): Promise<PhaseRow | undefined> {
  const row = await db
    .selectFrom('campaign_phase')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && phaseOf(row);
}

/** A phase record to store. */
export type NewPhase = Omit<PhaseRow, 'seq' | 'recordedAt' | 'releasability'>;

/** Appends a phase record and its audit entry. */
export async function insertPhase(trx: Trx, p: NewPhase, actor: Actor, at: Date): Promise<PhaseRow> {
  const row = await trx
    .insertInto('campaign_phase')
    .values({
      phase: p.phase,
      from_phase: p.from,
      since: p.since,
      decided_by: p.decidedBy,
      decided_nation: p.nation,
      authority: p.authority,
      recorded_at: at,
      evaluations: JSON.stringify(p.evaluations),
      override: p.override !== null,
      override_reason: p.override?.reason ?? null,
      override_bypassed: JSON.stringify(p.override?.bypassed ?? []),
      ...COALITION,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const stored = phaseOf(row);
  await audit(
    trx,
    actor,
    p.override ? 'phase.override' : 'phase.transition',
    'campaign_phase',
    String(stored.seq),
    p.from,
    { ...p, evaluations: p.evaluations.length },
    at,
  );
  return stored;
}
