/** The cell-work response schemas (checked against `@guarantor/core/api`) and presenters. */
import type * as Api from '@guarantor/core/api';
import {
  ACTION_STATUS_NAMES,
  ACTION_STATUSES,
  CELL_EVENTS,
  DELEGATION_LEVEL_NAMES,
  DELEGATION_LEVELS,
  LINK_KINDS,
  NOTICE_KEYS,
} from '@guarantor/core/cellwork';
import type { Phrasing } from '@guarantor/core/i18n/words';
import type { ConditionResult } from '@guarantor/core/phases';
import { breachExplanationInWords } from '@guarantor/core/phases/gate-words';
import { nationName } from '@guarantor/core/reference';
import type { Database } from '@guarantor/db';
import type { ActionRow, DecisionRow, MeetingRow } from '@guarantor/db/cellwork';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { matches } from '../contract.ts';

/** A nation's name in words, or its code where it has none. */
export const nationWords = (iso3: string): string => nationName(iso3) ?? iso3;

/** An id as the server makes them: DEC-FRA-1, ACT-FRA-1, MTG-FRA-1. */
export const CellId = (stem: 'DEC' | 'ACT' | 'MTG') =>
  z.string().regex(new RegExp(`^${stem}-[A-Z]{3}-\\d{1,9}$`), `an id like ${stem}-FRA-1`);

export const DecisionView = matches<Api.Decision>()(
  z.object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    decidedOn: z.string(),
    nation: z.string(),
    nationName: z.string(),
    delegationLevel: z.enum(DELEGATION_LEVELS),
    delegationLevelName: z.string(),
    decidedBy: z.string(),
    authority: z.string(),
    meetingId: z.string().nullable(),
    bound: z.string().describe('the meet of the linked records’ labels when decided'),
    labelWidened: z.boolean(),
    widenReason: z.string().nullable(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    releasability: z.string(),
  }),
);

export const ActionView = matches<Api.Action>()(
  z.object({
    id: z.string(),
    title: z.string(),
    detail: z.string(),
    ownerNation: z.string(),
    ownerNationName: z.string(),
    ownerPerson: z.string().nullable(),
    dueAt: z.string(),
    remindBeforeHours: z.number().int(),
    status: z.enum(ACTION_STATUSES),
    statusName: z.string(),
    overdue: z.boolean(),
    createdFrom: z.string(),
    origin: z.enum(['user', 'breach']),
    decisionId: z.string().nullable(),
    incidentId: z.string().nullable(),
    breachId: z.string().nullable(),
    meetingId: z.string().nullable(),
    sector: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    releasability: z.string(),
  }),
);

const LinkValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.string(), z.number())]);

export const LinkView = matches<Api.DecisionLink>()(
  z.object({
    kind: z.enum(LINK_KINDS),
    kindName: z.string(),
    recordId: z.string(),
    title: z.string(),
    kept: z.enum(['version', 'snapshot']),
    version: z.string().nullable(),
    atDecision: z.record(z.string(), LinkValue),
    thenSha256: z.string(),
    today: z.record(z.string(), LinkValue).nullable(),
    nowVersion: z.string().nullable(),
    changed: z.array(z.string()),
    releasability: z.string(),
    linkedAt: z.string(),
  }),
);

export const MeetingView = matches<Api.Meeting>()(
  z.object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    place: z.string(),
    agenda: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    releasability: z.string(),
  }),
);

export const AttendanceView = matches<Api.Attendance>()(
  z.object({
    nation: z.string(),
    nationName: z.string(),
    delegationLevel: z.enum(DELEGATION_LEVELS),
    delegationLevelName: z.string(),
    person: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
  }),
);

export const DocumentView = matches<Api.MeetingDocument>()(
  z.object({ title: z.string(), url: z.string(), addedBy: z.string(), addedAt: z.string() }),
);

export const NotificationView = matches<Api.CellNotification>()(
  z.object({
    id: z.number().int(),
    at: z.string(),
    event: z.enum(CELL_EVENTS),
    eventName: z.string(),
    message: z
      .string()
      .describe('the English sentence as stored (all a notification older than its facts has)'),
    notice: z
      .object({ key: z.enum(NOTICE_KEYS), params: z.record(z.string(), z.string()) })
      .nullable()
      .describe(
        "what it says as facts, for the reader's language: a sentence's key (the catalogues' notice group) and its parameters (codes, ISO instants, typed titles)",
      ),
    subjectKind: z.enum(['decision', 'action', 'meeting']),
    subjectId: z.string(),
    sector: z.string().nullable(),
    releasability: z.string(),
  }),
);

export const PreferencesView = matches<Api.CellPreferences>()(
  z.object({
    email: z.string().nullable(),
    emailEnabled: z.boolean(),
    inApp: z.boolean(),
    events: z.array(z.enum(CELL_EVENTS)),
    sectors: z.array(z.string()),
  }),
);

export function presentDecision(d: DecisionRow): Api.Decision {
  return {
    id: d.id,
    title: d.title,
    text: d.text,
    decidedOn: d.decidedOn,
    nation: d.nation,
    nationName: nationWords(d.nation),
    delegationLevel: d.delegationLevel,
    delegationLevelName: DELEGATION_LEVEL_NAMES[d.delegationLevel],
    decidedBy: d.decidedBy,
    authority: d.authority,
    meetingId: d.meetingId,
    bound: labelWords(d.bound),
    labelWidened: d.labelWidened,
    widenReason: d.widenReason,
    recordedBy: d.recordedBy,
    recordedAt: d.recordedAt.toISOString(),
    releasability: d.releasability,
  };
}

function labelWords(l: { rel_kind: string; rel_nations: readonly string[] }): string {
  if (l.rel_kind === 'PUBLIC' || l.rel_kind === 'COALITION') return l.rel_kind;
  if (l.rel_kind === 'NATIONAL') return `NATIONAL ${l.rel_nations[0] ?? ''}`;
  return l.rel_nations.length === 0 ? 'REL TO' : `REL TO ${[...l.rel_nations].sort().join(', ')}`;
}

/** What made an action, in words. */
function createdFrom(a: ActionRow): string {
  const parts: string[] = [];
  if (a.breachId) parts.push(`the response to breach ${a.breachId}`);
  if (a.decisionId) parts.push(`decision ${a.decisionId}`);
  if (a.incidentId) parts.push(`incident ${a.incidentId}`);
  if (a.meetingId) parts.push(`meeting ${a.meetingId}`);
  return parts.join(', ');
}

/** How an action reads: its title and detail, as stored or put in the reader's words. */
export type ActionWording = (a: ActionRow) => { readonly title: string; readonly detail: string };
const AS_STORED: ActionWording = (a) => ({ title: a.title, detail: a.detail });

/** The title the breach ladder gives an action it raises (db cellwork/notify.ts), read back into its parts. */
const BREACH_TITLE = /^(.*): respond to the breach of rule (\S+) in (\S+) \((\d{4}-\d\d-\d\d)\)$/;

/**
 * Actions the breach ladder raised, in the reader's words: the title from its parts (the rung's
 * title as typed), the detail from the breach's conditions as evaluated (ADR 0057), when the
 * reader may see that breach; everything else as stored. English is the stored text.
 */
export async function actionWording(
  trx: Transaction<Database>,
  rows: readonly ActionRow[],
  ph: Phrasing,
): Promise<ActionWording> {
  const ids = [...new Set(rows.flatMap((a) => (a.origin === 'breach' && a.breachId ? [a.breachId] : [])))];
  if (ph.language === 'en' || ids.length === 0) return AS_STORED;
  const conditions = new Map(
    (await trx.selectFrom('breach').select(['id', 'conditions']).where('id', 'in', ids).execute()).map(
      (b) => [b.id, b.conditions as readonly ConditionResult[] | null] as const,
    ),
  );
  return (a) => {
    const parts = a.origin === 'breach' ? BREACH_TITLE.exec(a.title) : null;
    if (!parts || !a.breachId) return AS_STORED(a);
    const [, rung, rule, sector, asOf] = parts as unknown as [string, string, string, string, string];
    return {
      title: ph.say('breachAction.title', { rung, rule, sector, date: ph.words.shortDate(asOf) }),
      detail: breachExplanationInWords(a.detail, conditions.get(a.breachId), ph),
    };
  };
}

export function presentAction(a: ActionRow, now: Date, wording: ActionWording = AS_STORED): Api.Action {
  return {
    id: a.id,
    ...wording(a),
    ownerNation: a.ownerNation,
    ownerNationName: nationWords(a.ownerNation),
    ownerPerson: a.ownerPerson,
    dueAt: a.dueAt.toISOString(),
    remindBeforeHours: a.remindBeforeHours,
    status: a.status,
    statusName: ACTION_STATUS_NAMES[a.status],
    overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueAt.getTime() <= now.getTime(),
    createdFrom: createdFrom(a),
    origin: a.origin,
    decisionId: a.decisionId,
    incidentId: a.incidentId,
    breachId: a.breachId,
    meetingId: a.meetingId,
    sector: a.sector,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    releasability: a.releasability,
  };
}

export function presentMeeting(m: MeetingRow): Api.Meeting {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    agenda: [...m.agenda],
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    releasability: m.releasability,
  };
}
