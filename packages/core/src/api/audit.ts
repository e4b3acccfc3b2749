/** The audit chain's verdict as the API presents it. */

/** GET /api/audit/verify: the chain is checked whole; counts and numbers are only the reader's. */
export interface AuditVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenAtSeq?: number;
  readonly reason?: string;
}

/** One audit entry the reader may read; its chain number is not shown (it would count hidden entries). */
export interface AuditEntry {
  readonly at: string;
  readonly actor: string | null;
  readonly nation: string | null;
  /** What was done: `phase.transition`, `rule.version`, `order.draft`, … */
  readonly action: string;
  /** The kind of record: `campaign_phase`, `phase_rule`, `deployment_order`, … */
  readonly entity: string;
  readonly entityId: string;
  /** The record's state after the change, as recorded. */
  readonly after: unknown;
}

/** GET /api/audit: the newest entries first. */
export interface AuditEntries {
  readonly entries: AuditEntry[];
}
