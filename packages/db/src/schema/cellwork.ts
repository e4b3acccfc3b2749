/** The cell's own work (migration 0019): decisions, actions, meetings, notifications, e-mail. */
import type { ActionStatus, CellEvent, DelegationLevel, LinkKind } from '@guarantor/core/cellwork';
import type { ColumnType, GeneratedAlways } from 'kysely';
import type { Labelled } from './foundation.ts';

/** A jsonb column: read as `T`, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** bigint identity: node-postgres reads it as text, PGlite as a number; read it through Number(). */
type Identity = GeneratedAlways<number | string>;
type RelKind = Labelled['rel_kind'];

export interface CellMeetingTable extends Labelled {
  id: string;
  title: string;
  starts_at: Date;
  place: string;
  agenda: Json<string[]>;
  created_by: string;
  created_nation: string;
  created_at: Date;
}

export interface CellMeetingAttendanceTable extends Labelled {
  id: Identity;
  meeting_id: string;
  nation: string;
  delegation_level: DelegationLevel;
  person: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface CellMeetingDocumentTable extends Labelled {
  id: Identity;
  meeting_id: string;
  title: string;
  url: string;
  added_by: string;
  added_at: Date;
}

export interface CellDecisionTable extends Labelled {
  id: string;
  title: string;
  text: string;
  decided_on: ColumnType<Date | string, string, string>;
  nation: string;
  delegation_level: DelegationLevel;
  decided_by: string;
  authority: string;
  meeting_id: string | null;
  bound_kind: RelKind;
  bound_nations: string[];
  label_widened: boolean;
  widen_reason: string | null;
  recorded_by: string;
  recorded_nation: string;
  recorded_at: Date;
}

export interface CellDecisionLinkTable extends Labelled {
  decision_id: string;
  position: number;
  kind: LinkKind;
  record_id: string;
  record_version: string | null;
  title: string;
  snapshot: Json<unknown>;
  snapshot_sha256: string;
  record_kind: RelKind;
  record_nations: string[];
  linked_at: Date;
}

export interface CellActionTable extends Labelled {
  id: string;
  title: string;
  detail: string;
  owner_nation: string;
  owner_person: string | null;
  due_at: Date;
  remind_before_hours: number;
  status: ActionStatus;
  origin: 'user' | 'breach';
  decision_id: string | null;
  incident_id: string | null;
  breach_id: string | null;
  meeting_id: string | null;
  sector: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  reminded_at: Date | null;
  overdue_notified_at: Date | null;
}

export interface CellNotificationTable extends Labelled {
  id: Identity;
  at: Date;
  event: CellEvent;
  /** The English sentence; older rows (before migration 0031) have only this. */
  message: string;
  /** The sentence's key in the `notice` catalogues, with its parameters (migration 0031). */
  message_key: ColumnType<string | null, string | null | undefined, string | null>;
  message_params: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  subject_kind: 'decision' | 'action' | 'meeting';
  subject_id: string;
  sector: string | null;
  fanned_out: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CellPreferenceTable {
  username: string;
  email: string | null;
  email_enabled: boolean;
  in_app: boolean;
  events: string[];
  sectors: string[];
  updated_at: Date;
}

export interface MailOutboxTable extends Labelled {
  id: Identity;
  notification_id: number | string;
  username: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: Date;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Date;
  sent_at: Date | null;
  last_error: string | null;
}
