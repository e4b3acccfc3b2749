/** The audit chain's verdict as the API presents it. */

/** GET /api/audit/verify: the chain is checked whole; counts and numbers are only the reader's. */
export interface AuditVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenAtSeq?: number;
  readonly reason?: string;
}
