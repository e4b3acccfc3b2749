/** The audit chain's verdict as the API presents it. */
import type { AuditChange } from '../access/audit.ts';

/** GET /api/audit/verify: the chain is checked whole; counts and numbers are only the reader's. */
export interface AuditVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenAtSeq?: number;
  readonly reason?: string;
}

/**
 * One audit entry as the API presents it: who did what to which record, with its state either
 * side. No chain number: it would count the entries a reader may not see.
 */
export interface AuditEntryView extends AuditChange {
  readonly at: string;
}

/** GET /api/audit: the newest entries the reader may read, newest first. */
export interface AuditEntriesResponse {
  readonly entries: AuditEntryView[];
  /** The cursor of the next (older) page (pass it as `cursor`), or null on the last page. */
  readonly next: string | null;
}

/** An audit entry, as the ceasefire pages name it. */
export type AuditEntry = AuditEntryView;
/** GET /api/audit, as the ceasefire pages name it. */
export type AuditEntries = AuditEntriesResponse;
