import { admits, formatReleasability, type Reader, type Releasability } from '@guarantor/core/access';
import { CotError, type CotFrame, cotToIntake, parseCotEvent, type TeamTrack } from '@guarantor/core/cot';
import { type Observation, ObservationError, validateObservation } from '@guarantor/core/monitoring';
import {
  asReader,
  type GuarantorDatabase,
  type ObservationToStore,
  type StoreOutcome,
  storeObservations,
  storeTeamTrack,
} from '@guarantor/db';

/** One item's fate in a batch: stored, replaced (newer version), unchanged (older or equal copy) or rejected. */
export interface IntakeResult {
  readonly index: number;
  readonly uid?: string;
  readonly status: 'stored' | 'replaced' | 'unchanged' | 'rejected';
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
}

/** An item of a batch before validation, with the label it asks for. */
export interface IntakeItem {
  readonly value: unknown;
  readonly label: Releasability;
}

function refusedLabel(label: Releasability, reader: Reader): string | undefined {
  return admits(label, reader)
    ? undefined
    : `the label ${formatReleasability(label)} would hide this record from your own nation (${reader.nation ?? 'none'}); choose a label that includes it`;
}

/**
 * Validates each item with core's validator and stores the valid ones durably (the fusion
 * worker picks them up); every item gets its own result, in the order given.
 */
export async function ingestObservations(
  database: GuarantorDatabase,
  reader: Reader,
  items: readonly IntakeItem[],
  submittedBy: string | null,
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = new Array(items.length);
  const toStore: ObservationToStore[] = [];
  const indexOf: number[] = [];
  items.forEach((item, index) => {
    const uid = uidOf(item.value);
    let observation: Observation;
    try {
      observation = validateObservation(item.value);
    } catch (error) {
      if (!(error instanceof ObservationError)) throw error;
      results[index] = {
        index,
        ...(uid ? { uid } : {}),
        status: 'rejected',
        code: error.code,
        field: error.field,
        message: error.message,
      };
      return;
    }
    const refused = refusedLabel(item.label, reader);
    if (refused) {
      results[index] = {
        index,
        uid: observation.uid,
        status: 'rejected',
        code: 'auth.forbidden',
        field: 'releasability',
        message: refused,
      };
      return;
    }
    toStore.push({ observation, label: item.label, submittedBy });
    indexOf.push(index);
  });
  if (toStore.length > 0) {
    const outcomes = await asReader(database.db, reader, (trx) => storeObservations(trx, toStore));
    outcomes.forEach((outcome, i) => {
      const index = indexOf[i]!;
      results[index] = resultOf(index, toStore[i]!.observation.uid, outcome);
    });
  }
  return results;
}

function resultOf(index: number, uid: string, outcome: StoreOutcome): IntakeResult {
  return outcome.status === 'rejected'
    ? { index, uid, status: 'rejected', code: outcome.code, field: outcome.field, message: outcome.message }
    : { index, uid, status: outcome.status };
}

function uidOf(value: unknown): string | undefined {
  const uid = (value as { uid?: unknown } | null)?.uid;
  return typeof uid === 'string' ? uid : undefined;
}

/** Who sent a CoT stream or body: the nation its observations are credited to, and the label they get. */
export interface CotContext {
  readonly reader: Reader;
  readonly nation: string;
  readonly senderId?: string;
  readonly label: Releasability;
  readonly submittedBy: string | null;
}

/** One CoT event's fate. */
export interface CotResult {
  readonly index: number;
  readonly uid?: string;
  readonly type?: string;
  readonly kind: 'observation' | 'team_track' | 'ignored' | 'rejected' | 'dropped';
  readonly status?: 'stored' | 'replaced' | 'unchanged' | 'rejected';
  readonly code?: string;
  readonly message?: string;
}

/**
 * Parses framed CoT events, maps them (core's cotToIntake) and stores observations and team
 * tracks in one transaction; every event gets a result, and a bad one never stops the others.
 */
export async function ingestCot(
  database: GuarantorDatabase,
  frames: readonly CotFrame[],
  context: CotContext,
): Promise<CotResult[]> {
  const results: CotResult[] = new Array(frames.length);
  const observations: { index: number; item: ObservationToStore; type: string }[] = [];
  const tracks: { index: number; track: TeamTrack }[] = [];
  const refused = refusedLabel(context.label, context.reader);
  frames.forEach((frame, index) => {
    if (frame.kind === 'dropped') {
      results[index] = { index, kind: 'dropped', code: frame.code, message: frame.reason };
      return;
    }
    let event: ReturnType<typeof parseCotEvent>;
    try {
      event = parseCotEvent(frame.xml);
    } catch (error) {
      if (!(error instanceof CotError)) throw error;
      results[index] = { index, kind: 'rejected', code: error.code, message: error.message };
      return;
    }
    const intake = cotToIntake(event, {
      nation: context.nation,
      ...(context.senderId ? { senderId: context.senderId } : {}),
    });
    const base = { index, uid: event.uid, type: event.type };
    if (intake.kind === 'ignored') {
      results[index] = {
        ...base,
        kind: 'ignored',
        code: `cot.ignored.${intake.reason}`,
        message: intake.detail,
      };
    } else if (intake.kind === 'rejected') {
      results[index] = { ...base, kind: 'rejected', code: intake.code, message: intake.message };
    } else if (refused) {
      results[index] = { ...base, kind: 'rejected', code: 'auth.forbidden', message: refused };
    } else if (intake.kind === 'team_track') {
      tracks.push({ index, track: intake.track });
      results[index] = { ...base, kind: 'team_track' };
    } else {
      observations.push({
        index,
        type: event.type,
        item: { observation: intake.observation, label: context.label, submittedBy: context.submittedBy },
      });
    }
  });
  if (observations.length === 0 && tracks.length === 0) return results;
  await asReader(database.db, context.reader, async (trx) => {
    const outcomes = await storeObservations(
      trx,
      observations.map((o) => o.item),
    );
    outcomes.forEach((outcome, i) => {
      const { index, item, type } = observations[i]!;
      const r = resultOf(index, item.observation.uid, outcome);
      results[index] = {
        index,
        uid: item.observation.uid,
        type,
        kind: outcome.status === 'rejected' ? 'rejected' : 'observation',
        status: r.status,
        ...(r.code ? { code: r.code, message: r.message } : {}),
      };
    });
    for (const { index, track } of tracks) {
      const status = await storeTeamTrack(trx, track, {
        nation: context.nation,
        label: context.label,
        submittedBy: context.submittedBy,
      });
      results[index] = { ...results[index]!, status: status === 'stored' ? 'stored' : 'unchanged' };
    }
  });
  return results;
}
