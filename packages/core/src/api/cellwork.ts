/** The cell's own work as the API presents it (issue 21): decisions, actions, meetings, notifications. */
import type { ActionStatus, CellEvent, DelegationLevel, LinkKind, Notice } from '../cellwork/index.ts';

// DelegationLevel is exported by ./coalition.ts already (the same four levels).
export type { ActionStatus, CellEvent, LinkKind };

/** One field of a linked record's state: a figure, a word, or figures by name (a report's sectors). */
export type LinkValue = string | number | boolean | null | Record<string, number>;

/** A record a decision rested on: as it was when decided, and as it is now. */
export interface DecisionLink {
  readonly kind: LinkKind;
  readonly kindName: string;
  readonly recordId: string;
  readonly title: string;
  /** How the state at decision time is kept: the record's own version, or a snapshot taken then. */
  readonly kept: 'version' | 'snapshot';
  readonly version: string | null;
  readonly atDecision: Record<string, LinkValue>;
  readonly thenSha256: string;
  /** Today's state; null when the record is gone or no longer readable by you. */
  readonly today: Record<string, LinkValue> | null;
  readonly nowVersion: string | null;
  /** The fields whose value differs between then and now. */
  readonly changed: string[];
  readonly releasability: string;
  readonly linkedAt: string;
}

/** A record the decision form's link picker offers: its id is sent, its name is shown. */
export interface LinkCandidate {
  readonly kind: LinkKind;
  readonly id: string;
  readonly title: string;
  /** The day it is about or happened on (YYYY-MM-DD), where it has one. */
  readonly day: string | null;
  /** Null for a daily report: its label is the meet of what the reader sees that day, computed when linked. */
  readonly releasability: string | null;
}

export interface LinkCandidatesResponse {
  readonly kind: LinkKind;
  readonly kindName: string;
  readonly candidates: LinkCandidate[];
}

/** A decision of the cell. */
export interface Decision {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly decidedOn: string;
  readonly nation: string;
  readonly nationName: string;
  readonly delegationLevel: DelegationLevel;
  readonly delegationLevelName: string;
  readonly decidedBy: string;
  readonly authority: string;
  readonly meetingId: string | null;
  /** The meet of the linked records' labels when decided. */
  readonly bound: string;
  readonly labelWidened: boolean;
  readonly widenReason: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly releasability: string;
}

export interface DecisionsResponse {
  readonly decisions: Decision[];
}

export interface DecisionDetail {
  readonly decision: Decision;
  readonly links: DecisionLink[];
  readonly actions: Action[];
}

/** Something a nation must do by a date. */
export interface Action {
  readonly id: string;
  readonly title: string;
  readonly detail: string;
  readonly ownerNation: string;
  readonly ownerNationName: string;
  readonly ownerPerson: string | null;
  readonly dueAt: string;
  readonly remindBeforeHours: number;
  readonly status: ActionStatus;
  readonly statusName: string;
  readonly overdue: boolean;
  /** What created it, in words: "Decision DEC-FRA-1", "Breach …", "Meeting …", "Incident …". */
  readonly createdFrom: string;
  readonly origin: 'user' | 'breach';
  readonly decisionId: string | null;
  readonly incidentId: string | null;
  readonly breachId: string | null;
  readonly meetingId: string | null;
  readonly sector: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly releasability: string;
}

export interface ActionsResponse {
  readonly actions: Action[];
}

/** Overdue actions per owner nation. */
export interface OverdueResponse {
  readonly asOf: string;
  readonly nations: { nation: string; nationName: string; actions: Action[] }[];
}

export interface Attendance {
  readonly nation: string;
  readonly nationName: string;
  readonly delegationLevel: DelegationLevel;
  readonly delegationLevelName: string;
  readonly person: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface MeetingDocument {
  readonly title: string;
  readonly url: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface Meeting {
  readonly id: string;
  readonly title: string;
  readonly startsAt: string;
  readonly place: string;
  readonly agenda: string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly releasability: string;
}

export interface MeetingsResponse {
  readonly meetings: Meeting[];
}

export interface MeetingDetail {
  readonly meeting: Meeting;
  readonly attendance: Attendance[];
  readonly documents: MeetingDocument[];
  readonly decisions: Decision[];
  readonly actions: Action[];
}

export interface CellNotification {
  readonly id: number;
  readonly at: string;
  readonly event: CellEvent;
  readonly eventName: string;
  /** The English sentence as stored (all a notification older than migration 0031 has). */
  readonly message: string;
  /** What it says as facts, to be put in the reader's words; null on older notifications. */
  readonly notice: Notice | null;
  readonly subjectKind: 'decision' | 'action' | 'meeting';
  readonly subjectId: string;
  readonly sector: string | null;
  readonly releasability: string;
}

export interface CellNotificationsResponse {
  readonly notifications: CellNotification[];
  /** The cursor of the next (older) page; null on the last. */
  readonly next: string | null;
}

export interface CellPreferences {
  readonly email: string | null;
  readonly emailEnabled: boolean;
  readonly inApp: boolean;
  readonly events: CellEvent[];
  readonly sectors: string[];
}
