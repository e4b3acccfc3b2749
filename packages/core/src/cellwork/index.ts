/**
 * The coordination cell's own work (issue 21): decisions, the actions they raise, and the
 * meetings where both happen. Pure rules only: the words for each value, the label bound a
 * decision may not exceed, the due-date check and when an action wants a reminder.
 */
import { formatReleasability, meetLabels, type Releasability } from '../access/releasability.ts';

/** Who spoke for a nation, highest first (the same levels as coalition_nation). */
export const DELEGATION_LEVELS = [
  'head_of_state_or_government',
  'minister',
  'ambassador',
  'official',
] as const;
export type DelegationLevel = (typeof DELEGATION_LEVELS)[number];

/** A delegation level in words. */
export const DELEGATION_LEVEL_NAMES: Readonly<Record<DelegationLevel, string>> = {
  head_of_state_or_government: 'Head of state or government',
  minister: 'Minister',
  ambassador: 'Ambassador',
  official: 'Official',
};

/** Where an action stands. */
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_NAMES: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** An action still to be done: reminded, and overdue once its due time passes. */
export const isOpenStatus = (s: ActionStatus): boolean => s === 'open' || s === 'in_progress';

/** The kinds of record a decision can rest on. */
export const LINK_KINDS = [
  'plan',
  'phase_rule',
  'daily_report',
  'incident',
  'breach',
  'control_area',
  'finance_flow',
  'land_option',
  'gate_evaluation',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_NAMES: Readonly<Record<LinkKind, string>> = {
  plan: 'Force plan',
  phase_rule: 'Gate rule',
  daily_report: 'Daily report',
  incident: 'Incident',
  breach: 'Breach of a gate rule',
  control_area: 'Control area version',
  finance_flow: 'Finance figure',
  land_option: 'Land option version',
  gate_evaluation: "The gate's evaluation of a day",
};

/**
 * How each kind's state at decision time is kept. `version`: the record's own version table
 * (gate rules keep every version; control-area versions are never rewritten), so the version
 * at decision time is read back. `snapshot`: the kind keeps no versions, so the record as read
 * when linked is stored beside the link with its SHA-256.
 */
export const LINK_KIND_KEPT: Readonly<Record<LinkKind, 'version' | 'snapshot'>> = {
  plan: 'snapshot',
  phase_rule: 'version',
  daily_report: 'snapshot',
  incident: 'snapshot',
  breach: 'snapshot',
  control_area: 'version',
  finance_flow: 'snapshot',
  land_option: 'version',
  gate_evaluation: 'snapshot',
};

/** What the cell is told about its own work. */
export const CELL_EVENTS = [
  'decision_recorded',
  'action_created',
  'action_status',
  'action_due_soon',
  'action_overdue',
  'meeting_scheduled',
] as const;
export type CellEvent = (typeof CELL_EVENTS)[number];

export const CELL_EVENT_NAMES: Readonly<Record<CellEvent, string>> = {
  decision_recorded: 'A decision is recorded',
  action_created: 'An action is created',
  action_status: 'An action changes status',
  action_due_soon: 'An action is due soon',
  action_overdue: 'An action is overdue',
  meeting_scheduled: 'A meeting is scheduled',
};

/** The meet of labels: the widest label a record resting on all of them may carry. */
export function labelBound(labels: readonly Releasability[]): Releasability {
  return labels.reduce<Releasability>((acc, l) => meetLabels(acc, l), { kind: 'PUBLIC' });
}

/**
 * True when `label` admits no reader that `bound` does not: the meet leaves it unchanged.
 * (A REL TO list of one nation counts as wider than that nation's NATIONAL: the check errs
 * narrow.)
 */
export function isNoWiderThan(label: Releasability, bound: Releasability): boolean {
  return formatReleasability(meetLabels(label, bound)) === formatReleasability(label);
}

/** Why a due time is refused at creation, in words; null when it is fine. */
export function dueRefusal(dueAtMs: number, nowMs: number): string | null {
  if (!Number.isFinite(dueAtMs)) return 'the due date is not a date';
  if (dueAtMs <= nowMs) {
    return `the due date ${new Date(dueAtMs).toISOString()} is in the past (now is ${new Date(nowMs).toISOString()}); give a date still to come`;
  }
  return null;
}

/** What an action needs told now: nothing, a reminder before its due time, or that it is overdue. */
export function reminderFor(
  a: {
    readonly status: ActionStatus;
    readonly dueAtMs: number;
    readonly remindBeforeHours: number;
    readonly remindedAtMs: number | null;
    readonly overdueNotifiedAtMs: number | null;
  },
  nowMs: number,
): 'due_soon' | 'overdue' | null {
  if (!isOpenStatus(a.status)) return null;
  if (nowMs >= a.dueAtMs) return a.overdueNotifiedAtMs === null ? 'overdue' : null;
  if (a.remindedAtMs === null && nowMs >= a.dueAtMs - a.remindBeforeHours * 3_600_000) return 'due_soon';
  return null;
}

/** Overdue actions grouped by owner nation, nations in alphabetical order, oldest due first. */
export function overdueByNation<
  T extends { readonly ownerNation: string; readonly dueAtMs: number; readonly status: ActionStatus },
>(actions: readonly T[], nowMs: number): { nation: string; actions: T[] }[] {
  const by = new Map<string, T[]>();
  for (const a of actions) {
    if (!isOpenStatus(a.status) || a.dueAtMs > nowMs) continue;
    by.set(a.ownerNation, [...(by.get(a.ownerNation) ?? []), a]);
  }
  return [...by.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([nation, list]) => ({ nation, actions: list.sort((p, q) => p.dueAtMs - q.dueAtMs) }));
}

/** Whether a user's preferences take a notification: the event, and the sector where it has one. */
export function preferenceTakes(
  pref: { readonly events: readonly string[]; readonly sectors: readonly string[] },
  n: { readonly event: string; readonly sector: string | null },
): boolean {
  if (!pref.events.includes(n.event)) return false;
  return n.sector === null || pref.sectors.length === 0 || pref.sectors.includes(n.sector);
}

/** The delay before the next try of an e-mail that failed `attempts` times: 30 s doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

// ---------------------------------------------------------------- notices in words

/**
 * The sentences a notification can say, each a key of the `notice` group in the server's and
 * the web's catalogues. A variant with a suffix has one more part (a place, a person, a note).
 */
export const NOTICE_KEYS = [
  'decision_recorded',
  'meeting_scheduled',
  'meeting_scheduled_at',
  'action_created',
  'action_created_person',
  'action_status',
  'action_status_note',
  'action_due_soon',
  'action_overdue',
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

/**
 * What a notification says, as facts: a sentence's key and its parameters, stored so each reader
 * reads it in their language. Values are as stored, not as shown: `nation` an ISO 3166-1
 * alpha-3 code, `at` an ISO 8601 instant, `day` YYYY-MM-DD, `status` an action status code;
 * the rest (ids, titles, names, notes) are what people typed and are shown as written.
 */
export interface Notice {
  readonly key: NoticeKey;
  readonly params: Readonly<Record<string, string>>;
}

/** True for a stored key this version knows (an older or newer row may hold another). */
export const isNoticeKey = (k: unknown): k is NoticeKey =>
  typeof k === 'string' && (NOTICE_KEYS as readonly string[]).includes(k);

/** A decision was recorded. */
export const decisionNotice = (d: {
  readonly id: string;
  readonly title: string;
  readonly nation: string;
  readonly decidedBy: string;
  readonly decidedOn: string;
}): Notice => ({
  key: 'decision_recorded',
  params: { id: d.id, title: d.title, nation: d.nation, by: d.decidedBy, day: d.decidedOn },
});

/** A meeting was scheduled. */
export const meetingNotice = (m: {
  readonly id: string;
  readonly title: string;
  readonly startsAt: Date;
  readonly place: string;
}): Notice =>
  m.place
    ? {
        key: 'meeting_scheduled_at',
        params: { id: m.id, title: m.title, at: m.startsAt.toISOString(), place: m.place },
      }
    : { key: 'meeting_scheduled', params: { id: m.id, title: m.title, at: m.startsAt.toISOString() } };

/** An action was created. */
export const actionNotice = (a: {
  readonly id: string;
  readonly title: string;
  readonly ownerNation: string;
  readonly ownerPerson: string | null;
  readonly dueAt: Date;
}): Notice => {
  const params = { id: a.id, title: a.title, nation: a.ownerNation, at: a.dueAt.toISOString() };
  return a.ownerPerson
    ? { key: 'action_created_person', params: { ...params, person: a.ownerPerson } }
    : { key: 'action_created', params };
};

/** An action moved to another status, with the note given. */
export const actionStatusNotice = (
  a: { readonly id: string; readonly title: string },
  status: ActionStatus,
  note: string,
): Notice =>
  note
    ? { key: 'action_status_note', params: { id: a.id, title: a.title, status, note } }
    : { key: 'action_status', params: { id: a.id, title: a.title, status } };

/** An action is due soon, or overdue. */
export const reminderNotice = (
  due: 'due_soon' | 'overdue',
  a: { readonly id: string; readonly title: string; readonly ownerNation: string; readonly dueAt: Date },
): Notice => ({
  key: due === 'overdue' ? 'action_overdue' : 'action_due_soon',
  params: { id: a.id, title: a.title, nation: a.ownerNation, at: a.dueAt.toISOString() },
});

/** How one language shows the coded values of a notice. */
export interface NoticeFormats {
  readonly nation: (iso3: string) => string;
  readonly instant: (iso: string) => string;
  readonly day: (isoDay: string) => string;
  readonly status: (code: string) => string;
}

/** A notice's parameters as one language shows them: codes in words, times in its conventions. */
export function noticeValues(
  params: Readonly<Record<string, string>>,
  f: NoticeFormats,
): Record<string, string> {
  const out: Record<string, string> = { ...params };
  if (params.nation) out.nation = f.nation(params.nation);
  if (params.at) out.at = f.instant(params.at);
  if (params.day) out.day = f.day(params.day);
  if (params.status) out.status = f.status(params.status);
  return out;
}
