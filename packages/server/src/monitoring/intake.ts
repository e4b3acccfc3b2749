import { admits, formatReleasability, type Reader, type Releasability } from '@guarantor/core/access';
import { CotError, type CotFrame, cotToIntake, parseCotEvent, type TeamTrack } from '@guarantor/core/cot';
import { inEnglish, withRefusal } from '@guarantor/core/i18n/reasons';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import { type Observation, ObservationError, validateObservation } from '@guarantor/core/monitoring';
import {
  asReader,
  type FreshObservations,
  type GuarantorDatabase,
  type ObservationToStore,
  type StoreOutcome,
  storeObservations,
  storeTeamTrack,
  type TokenSource,
} from '@guarantor/db';

/** One item's fate in a batch: stored, replaced (newer version), unchanged (older or equal copy) or rejected. */
export interface IntakeResult {
  readonly index: number;
  readonly uid?: string;
  readonly status: 'stored' | 'replaced' | 'unchanged' | 'rejected';
  readonly code?: string;
  readonly field?: string;
  readonly message?: string;
  /** Why, as a catalogue key and values, for the reader's words (not enumerable: the JSON is the English record). */
  readonly refusal?: Refusal;
}

/** An item of a batch before validation, with the label it asks for. */
export interface IntakeItem {
  readonly value: unknown;
  readonly label: Releasability;
}

function refusedLabel(
  label: Releasability,
  reader: Reader,
): { message: string; refusal: Refusal } | undefined {
  if (admits(label, reader)) return undefined;
  const refusal: Refusal = {
    key: 'observationChecks.labelHidesOwn',
    params: { label: formatReleasability(label), nation: reader.nation ?? 'none' },
  };
  return { message: inEnglish(refusal), refusal };
}

/**
 * Who sends a batch, from authentication, never from its body: the reader (whose nation the
 * reports are filed for and whose uid namespace they live in), the account stored as
 * `submitted_by`, the independence key (core `Observation.submitter`), and the one source a
 * bound API token may report as.
 */
export interface Sender {
  readonly reader: Reader;
  readonly username: string | null;
  readonly submitter: string;
  readonly source?: TokenSource | null;
}

/**
 * Why a report may not be filed by this sender: a source of another nation (only a party's
 * claim names another nation, the party's), or a source other than the one a token is bound to.
 */
function foreignSource(
  observation: Observation,
  sender: Sender,
): { field: string; message: string; refusal: Refusal } | undefined {
  const { source } = observation;
  const nation = sender.reader.nation;
  if (source.kind !== 'party_claim' && source.nation !== nation) {
    const refusal: Refusal = {
      key: 'observationChecks.notYours',
      params: {
        nation: nation ? { nation } : { refusal: { key: 'observationChecks.noNation' } },
        source: source.id,
        sourceNation: { nation: source.nation },
      },
    };
    return { field: 'source.nation', message: inEnglish(refusal), refusal };
  }
  const bound = sender.source;
  if (bound && (source.kind !== bound.kind || source.id !== bound.id)) {
    const refusal: Refusal = {
      key: 'observationChecks.tokenSource',
      params: { kind: bound.kind, id: bound.id, reportKind: source.kind, reportId: source.id },
    };
    return { field: 'source.id', message: inEnglish(refusal), refusal };
  }
  return undefined;
}

/** An item's refusal, naming the field and saying why. */
function rejection(
  index: number,
  uid: string | undefined,
  why: {
    readonly code: string;
    readonly field: string;
    readonly message: string;
    readonly refusal?: Refusal;
  },
): IntakeResult {
  const result: IntakeResult = {
    index,
    ...(uid ? { uid } : {}),
    status: 'rejected',
    code: why.code,
    field: why.field,
    message: why.message,
  };
  return why.refusal ? withRefusal(result, why.refusal) : result;
}

/**
 * Validates each item with core's validator and stores the valid ones durably (the fusion
 * worker picks them up, from `fresh` when it runs in this process); every item gets its own
 * result, in the order given. Each report is credited to the sender and stored in its nation's
 * uid namespace.
 */
export async function ingestObservations(
  database: GuarantorDatabase,
  sender: Sender,
  items: readonly IntakeItem[],
  fresh?: FreshObservations,
): Promise<IntakeResult[]> {
  const { reader } = sender;
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
      results[index] = rejection(index, uid, error);
      return;
    }
    const foreign = foreignSource(observation, sender);
    if (foreign) {
      results[index] = rejection(index, observation.uid, {
        code: 'observation.source_not_yours',
        ...foreign,
      });
      return;
    }
    const refused = refusedLabel(item.label, reader);
    if (refused) {
      results[index] = rejection(index, observation.uid, {
        code: 'auth.forbidden',
        field: 'releasability',
        ...refused,
      });
      return;
    }
    toStore.push({
      observation: { ...observation, submitter: sender.submitter },
      label: item.label,
      submittedBy: sender.username,
      submitterNation: reader.nation ?? '',
    });
    indexOf.push(index);
  });
  if (toStore.length > 0) {
    const outcomes = await asReader(database.db, reader, (trx) => storeObservations(trx, toStore, fresh));
    outcomes.forEach((outcome, i) => {
      const index = indexOf[i]!;
      results[index] = resultOf(index, toStore[i]!.observation.uid, outcome);
    });
  }
  return results;
}

function resultOf(index: number, uid: string, outcome: StoreOutcome): IntakeResult {
  return outcome.status === 'rejected'
    ? rejection(index, uid, outcome)
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
  /** Who really sent it, for independence (core `Observation.submitter`). */
  readonly submitter: string;
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
  fresh?: FreshObservations,
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
      results[index] = { ...base, kind: 'rejected', code: 'auth.forbidden', message: refused.message };
    } else if (intake.kind === 'team_track') {
      tracks.push({ index, track: intake.track });
      results[index] = { ...base, kind: 'team_track' };
    } else {
      observations.push({
        index,
        type: event.type,
        item: {
          observation: { ...intake.observation, submitter: context.submitter },
          label: context.label,
          submittedBy: context.submittedBy,
          submitterNation: context.nation,
        },
      });
    }
  });
  if (observations.length === 0 && tracks.length === 0) return results;
  await asReader(database.db, context.reader, async (trx) => {
    const outcomes = await storeObservations(
      trx,
      observations.map((o) => o.item),
      fresh,
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
