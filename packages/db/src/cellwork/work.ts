/**
 * Decisions, actions and meetings as stored, read and written as the transaction's reader
 * (row-level security filters every read). Each write appends its audit entry, with the
 * record's label, in the same transaction.
 */
import {
  type ActionStatus,
  actionNotice,
  actionStatusNotice,
  type CellEvent,
  type DelegationLevel,
  decisionNotice,
  type LinkKind,
  meetingNotice,
  type Notice,
} from '@guarantor/core/cellwork';
import { createI18n, noticeText, type Words } from '@guarantor/core/i18n';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import { dateText } from '../phases/common.ts';
import type { Database, Labelled } from '../schema.ts';

type Trx = Transaction<Database>;
/** A handle or a transaction: reads take either. */
type Db = Kysely<Database> | Trx;

/** Who changed what, for the audit log. */
export interface CellActor {
  readonly username: string;
  readonly nation: string | null;
}

/** Appends an audit entry for a change to the cell's work. */
export async function auditCell(
  trx: Trx,
  actor: CellActor,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
  label: Labelled,
  at: Date,
): Promise<void> {
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action,
    entity,
    entityId,
    before,
    after,
    label,
    at,
  });
}

/**
 * The next id of a decision, action or meeting: `DEC-FRA-1`. Inside a reader's transaction it
 * counts for the reader's nation (from the settings, never a body); as the owner (a worker) for
 * `ownerNation`.
 */
export async function nextCellId(
  trx: Trx,
  kind: 'decision' | 'action' | 'meeting',
  ownerNation?: string,
): Promise<string> {
  const reader = await sql<{ nation: string | null }>`select guarantor_reader_nation() as nation`.execute(
    trx,
  );
  const nation = reader.rows[0]?.nation ?? null;
  const n = nation
    ? await sql<{ n: number }>`select guarantor_next_cell_number(${kind}) as n`.execute(trx)
    : await sql<{
        n: number;
      }>`select guarantor_next_cell_number_for(${kind}, ${ownerNation ?? null}) as n`.execute(trx);
  const stem = kind === 'decision' ? 'DEC' : kind === 'action' ? 'ACT' : 'MTG';
  return `${stem}-${nation ?? ownerNation}-${Number(n.rows[0]!.n)}`;
}

let englishWords: Words | undefined;
/** English words, for the sentence stored beside a notice's key (made with the first notice). */
const english = (): Words => {
  englishWords ??= createI18n().words('en');
  return englishWords;
};

/** Records a notification about the cell's work; the trigger tells the live streams. */
export async function insertCellNotification(
  trx: Trx,
  n: {
    readonly at: Date;
    readonly event: CellEvent;
    /** What it says, as a sentence's key and parameters; the English sentence is stored beside them. */
    readonly notice: Notice;
    readonly subjectKind: 'decision' | 'action' | 'meeting';
    readonly subjectId: string;
    readonly sector: string | null;
  },
  label: Labelled,
): Promise<void> {
  await trx
    .insertInto('cell_notification')
    .values({
      at: n.at,
      event: n.event,
      message: noticeText(english(), n.notice),
      message_key: n.notice.key,
      message_params: JSON.stringify(n.notice.params),
      subject_kind: n.subjectKind,
      subject_id: n.subjectId,
      sector: n.sector,
      rel_kind: label.rel_kind,
      rel_nations: [...label.rel_nations],
    })
    .execute();
}

// ---------------------------------------------------------------- meetings

/** A meeting as stored. */
export interface MeetingRow {
  readonly id: string;
  readonly title: string;
  readonly startsAt: Date;
  readonly place: string;
  readonly agenda: readonly string[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly releasability: string;
  readonly label: Labelled;
}

const meetingOf = (r: Database['cell_meeting'] & { agenda: string[] }): MeetingRow => ({
  id: r.id,
  title: r.title,
  startsAt: r.starts_at,
  place: r.place,
  agenda: r.agenda,
  createdBy: r.created_by,
  createdAt: r.created_at,
  releasability: labelText(r),
  label: { rel_kind: r.rel_kind, rel_nations: r.rel_nations },
});

export async function insertMeeting(
  trx: Trx,
  m: { title: string; startsAt: Date; place: string; agenda: readonly string[]; label: Labelled },
  actor: CellActor & { nation: string },
  at: Date,
): Promise<MeetingRow> {
  const id = await nextCellId(trx, 'meeting');
  const row = await trx
    .insertInto('cell_meeting')
    .values({
      id,
      title: m.title,
      starts_at: m.startsAt,
      place: m.place,
      agenda: JSON.stringify(m.agenda),
      created_by: actor.username,
      created_nation: actor.nation,
      created_at: at,
      ...m.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const meeting = meetingOf(row as never);
  await auditCell(
    trx,
    actor,
    'meeting.create',
    'cell_meeting',
    id,
    null,
    { ...m, startsAt: m.startsAt.toISOString() },
    m.label,
    at,
  );
  await insertCellNotification(
    trx,
    {
      at,
      event: 'meeting_scheduled',
      notice: meetingNotice({ id, title: m.title, startsAt: m.startsAt, place: m.place }),
      subjectKind: 'meeting',
      subjectId: id,
      sector: null,
    },
    m.label,
  );
  return meeting;
}

export async function listMeetings(trx: Trx): Promise<readonly MeetingRow[]> {
  const rows = await trx
    .selectFrom('cell_meeting')
    .selectAll()
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => meetingOf(r as never));
}

export async function getMeeting(trx: Trx, id: string): Promise<MeetingRow | null> {
  const r = await trx.selectFrom('cell_meeting').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? meetingOf(r as never) : null;
}

/** One nation's attendance at a meeting. */
export interface AttendanceRow {
  readonly nation: string;
  readonly delegationLevel: DelegationLevel;
  readonly person: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export async function addAttendance(
  trx: Trx,
  meeting: MeetingRow,
  a: { nation: string; delegationLevel: DelegationLevel; person: string },
  actor: CellActor,
  at: Date,
): Promise<AttendanceRow> {
  await trx
    .insertInto('cell_meeting_attendance')
    .values({
      meeting_id: meeting.id,
      nation: a.nation,
      delegation_level: a.delegationLevel,
      person: a.person,
      recorded_by: actor.username,
      recorded_at: at,
      ...meeting.label,
    })
    .execute();
  await auditCell(trx, actor, 'meeting.attendance', 'cell_meeting', meeting.id, null, a, meeting.label, at);
  return { ...a, recordedBy: actor.username, recordedAt: at };
}

export async function listAttendance(trx: Trx, meetingId: string): Promise<readonly AttendanceRow[]> {
  const rows = await trx
    .selectFrom('cell_meeting_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('nation')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    nation: r.nation,
    delegationLevel: r.delegation_level,
    person: r.person,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

/** A document of a meeting: a link. */
export interface DocumentRow {
  readonly title: string;
  readonly url: string;
  readonly addedBy: string;
  readonly addedAt: Date;
}

export async function addDocument(
  trx: Trx,
  meeting: MeetingRow,
  d: { title: string; url: string },
  actor: CellActor,
  at: Date,
): Promise<DocumentRow> {
  await trx
    .insertInto('cell_meeting_document')
    .values({
      meeting_id: meeting.id,
      title: d.title,
      url: d.url,
      added_by: actor.username,
      added_at: at,
      ...meeting.label,
    })
    .execute();
  await auditCell(trx, actor, 'meeting.document', 'cell_meeting', meeting.id, null, d, meeting.label, at);
  return { ...d, addedBy: actor.username, addedAt: at };
}

export async function listDocuments(trx: Trx, meetingId: string): Promise<readonly DocumentRow[]> {
  const rows = await trx
    .selectFrom('cell_meeting_document')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ title: r.title, url: r.url, addedBy: r.added_by, addedAt: r.added_at }));
}

// ---------------------------------------------------------------- decisions

/** A link as stored: the record at decision time. */
export interface LinkRow {
  readonly position: number;
  readonly kind: LinkKind;
  readonly recordId: string;
  readonly recordVersion: string | null;
  readonly title: string;
  readonly snapshot: Readonly<Record<string, unknown>>;
  readonly snapshotSha256: string;
  readonly recordLabel: Labelled;
  readonly linkedAt: Date;
}

/** A decision as stored. */
export interface DecisionRow {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly decidedOn: string;
  readonly nation: string;
  readonly delegationLevel: DelegationLevel;
  readonly decidedBy: string;
  readonly authority: string;
  readonly meetingId: string | null;
  readonly bound: Labelled;
  readonly labelWidened: boolean;
  readonly widenReason: string | null;
  readonly recordedBy: string;
  readonly recordedAt: Date;
  readonly label: Labelled;
  readonly releasability: string;
}

const decisionOf = (r: Database['cell_decision'] & { decided_on: Date | string }): DecisionRow => ({
  id: r.id,
  title: r.title,
  text: r.text,
  decidedOn: dateText(r.decided_on),
  nation: r.nation,
  delegationLevel: r.delegation_level,
  decidedBy: r.decided_by,
  authority: r.authority,
  meetingId: r.meeting_id,
  bound: { rel_kind: r.bound_kind, rel_nations: r.bound_nations },
  labelWidened: r.label_widened,
  widenReason: r.widen_reason,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  label: { rel_kind: r.rel_kind, rel_nations: r.rel_nations },
  releasability: labelText(r),
});

/** A decision to record, its links already read and labelled by the caller. */
export interface NewDecision {
  readonly title: string;
  readonly text: string;
  readonly decidedOn: string;
  readonly nation: string;
  readonly delegationLevel: DelegationLevel;
  readonly decidedBy: string;
  readonly authority: string;
  readonly meetingId: string | null;
  readonly bound: Labelled;
  readonly widenReason: string | null;
  readonly label: Labelled;
  readonly links: readonly (Omit<LinkRow, 'position' | 'linkedAt'> & { readonly linkLabel: Labelled })[];
}

export async function insertDecision(
  trx: Trx,
  d: NewDecision,
  actor: CellActor & { nation: string },
  at: Date,
): Promise<DecisionRow> {
  const id = await nextCellId(trx, 'decision');
  const row = await trx
    .insertInto('cell_decision')
    .values({
      id,
      title: d.title,
      text: d.text,
      decided_on: d.decidedOn,
      nation: d.nation,
      delegation_level: d.delegationLevel,
      decided_by: d.decidedBy,
      authority: d.authority,
      meeting_id: d.meetingId,
      bound_kind: d.bound.rel_kind,
      bound_nations: [...d.bound.rel_nations],
      label_widened: d.widenReason !== null,
      widen_reason: d.widenReason,
      recorded_by: actor.username,
      recorded_nation: actor.nation,
      recorded_at: at,
      ...d.label,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const [position, l] of d.links.entries()) {
    await trx
      .insertInto('cell_decision_link')
      .values({
        decision_id: id,
        position,
        kind: l.kind,
        record_id: l.recordId,
        record_version: l.recordVersion,
        title: l.title,
        snapshot: JSON.stringify(l.snapshot),
        snapshot_sha256: l.snapshotSha256,
        record_kind: l.recordLabel.rel_kind,
        record_nations: [...l.recordLabel.rel_nations],
        linked_at: at,
        ...l.linkLabel,
      })
      .execute();
  }
  const decision = decisionOf(row as never);
  await auditCell(
    trx,
    actor,
    d.widenReason === null ? 'decision.record' : 'decision.record_widened',
    'cell_decision',
    id,
    null,
    {
      ...d,
      bound: labelText(d.bound),
      label: labelText(d.label),
      links: d.links.map((l) => ({
        kind: l.kind,
        id: l.recordId,
        version: l.recordVersion,
        sha256: l.snapshotSha256,
      })),
    },
    d.label,
    at,
  );
  await insertCellNotification(
    trx,
    {
      at,
      event: 'decision_recorded',
      notice: decisionNotice({ id, ...d }),
      subjectKind: 'decision',
      subjectId: id,
      sector: null,
    },
    d.label,
  );
  return decision;
}

export async function listDecisions(
  trx: Trx,
  filter: { readonly meetingId?: string } = {},
): Promise<readonly DecisionRow[]> {
  let q = trx
    .selectFrom('cell_decision')
    .selectAll()
    .orderBy('decided_on', 'desc')
    .orderBy('recorded_at', 'desc');
  if (filter.meetingId) q = q.where('meeting_id', '=', filter.meetingId);
  return (await q.execute()).map((r) => decisionOf(r as never));
}

export async function getDecision(trx: Trx, id: string): Promise<DecisionRow | null> {
  const r = await trx.selectFrom('cell_decision').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? decisionOf(r as never) : null;
}

/** The links of a decision the reader may read. */
export async function listLinks(trx: Trx, decisionId: string): Promise<readonly LinkRow[]> {
  const rows = await trx
    .selectFrom('cell_decision_link')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    position: r.position,
    kind: r.kind,
    recordId: r.record_id,
    recordVersion: r.record_version,
    title: r.title,
    snapshot: r.snapshot as Record<string, unknown>,
    snapshotSha256: r.snapshot_sha256,
    recordLabel: { rel_kind: r.record_kind, rel_nations: r.record_nations },
    linkedAt: r.linked_at,
  }));
}

// ---------------------------------------------------------------- actions

/** An action as stored. */
export interface ActionRow {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly ownerNation: string;
  readonly ownerPerson: string | null;
  readonly dueAt: Date;
  readonly remindBeforeHours: number;
  readonly status: ActionStatus;
  readonly origin: 'user' | 'breach';
  readonly decisionId: string | null;
  readonly incidentId: string | null;
  readonly breachId: string | null;
  readonly meetingId: string | null;
  readonly sector: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly remindedAt: Date | null;
  readonly overdueNotifiedAt: Date | null;
  readonly label: Labelled;
  readonly releasability: string;
}

export const actionOf = (r: Database['cell_action']): ActionRow => ({
  id: r.id,
  title: r.title,
  detail: r.detail,
  ownerNation: r.owner_nation,
  ownerPerson: r.owner_person,
  dueAt: r.due_at,
  remindBeforeHours: r.remind_before_hours,
  status: r.status,
  origin: r.origin,
  decisionId: r.decision_id,
  incidentId: r.incident_id,
  breachId: r.breach_id,
  meetingId: r.meeting_id,
  sector: r.sector,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  remindedAt: r.reminded_at,
  overdueNotifiedAt: r.overdue_notified_at,
  label: { rel_kind: r.rel_kind, rel_nations: r.rel_nations },
  releasability: labelText(r),
});

/** A new action; `origin` 'breach' is written by the gate's re-evaluation only. */
export interface NewAction {
  readonly title: string;
  readonly detail: string;
  readonly ownerNation: string;
  readonly ownerPerson: string | null;
  readonly dueAt: Date;
  readonly remindBeforeHours: number;
  readonly origin: 'user' | 'breach';
  readonly decisionId: string | null;
  readonly incidentId: string | null;
  readonly breachId: string | null;
  readonly meetingId: string | null;
  readonly sector: string | null;
  readonly label: Labelled;
}

/** Stores an action, audited and notified; null when a breach already made this nation's action. */
export async function insertAction(
  trx: Trx,
  a: NewAction,
  actor: CellActor,
  at: Date,
): Promise<ActionRow | null> {
  const id = await nextCellId(trx, 'action', a.ownerNation);
  const row = await trx
    .insertInto('cell_action')
    .values({
      id,
      title: a.title,
      detail: a.detail,
      owner_nation: a.ownerNation,
      owner_person: a.ownerPerson,
      due_at: a.dueAt,
      remind_before_hours: a.remindBeforeHours,
      status: 'open',
      origin: a.origin,
      decision_id: a.decisionId,
      incident_id: a.incidentId,
      breach_id: a.breachId,
      meeting_id: a.meetingId,
      sector: a.sector,
      created_by: actor.username,
      created_at: at,
      updated_at: at,
      ...a.label,
    })
    .onConflict((oc) => oc.columns(['breach_id', 'owner_nation']).where('origin', '=', 'breach').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  const action = actionOf(row);
  await auditCell(
    trx,
    actor,
    'action.create',
    'cell_action',
    id,
    null,
    { ...a, dueAt: a.dueAt.toISOString(), label: labelText(a.label) },
    a.label,
    at,
  );
  await insertCellNotification(
    trx,
    {
      at,
      event: 'action_created',
      notice: actionNotice({ ...a, id }),
      subjectKind: 'action',
      subjectId: id,
      sector: a.sector,
    },
    a.label,
  );
  return action;
}

export async function listActions(
  trx: Db,
  filter: { readonly nation?: string; readonly meetingId?: string; readonly decisionId?: string } = {},
): Promise<readonly ActionRow[]> {
  let q = trx.selectFrom('cell_action').selectAll().orderBy('due_at').orderBy('id');
  if (filter.nation) q = q.where('owner_nation', '=', filter.nation);
  if (filter.meetingId) q = q.where('meeting_id', '=', filter.meetingId);
  if (filter.decisionId) q = q.where('decision_id', '=', filter.decisionId);
  return (await q.execute()).map(actionOf);
}

export async function getAction(trx: Trx, id: string): Promise<ActionRow | null> {
  const r = await trx.selectFrom('cell_action').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? actionOf(r) : null;
}

/** Changes an action's status, audited and notified. */
export async function setActionStatus(
  trx: Trx,
  action: ActionRow,
  status: ActionStatus,
  note: string,
  actor: CellActor,
  at: Date,
): Promise<ActionRow> {
  const row = await trx
    .updateTable('cell_action')
    .set({ status, updated_at: at })
    .where('id', '=', action.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await auditCell(
    trx,
    actor,
    'action.status',
    'cell_action',
    action.id,
    { status: action.status },
    { status, note },
    action.label,
    at,
  );
  await insertCellNotification(
    trx,
    {
      at,
      event: 'action_status',
      notice: actionStatusNotice(action, status, note ?? ''),
      subjectKind: 'action',
      subjectId: action.id,
      sector: action.sector,
    },
    action.label,
  );
  return actionOf(row);
}
