import type { Words } from '@guarantor/core/i18n';
import { type Refusal, refusalText } from '@guarantor/core/i18n/refusals';
import { wordsFor } from './i18n.ts';

/**
 * The one error catalogue. Every error a client can see has a stable code here, an HTTP
 * status, and a message written for the person who will read it. Database errors are mapped
 * here too (SQLSTATE), and anything unknown becomes `internal` with the request id.
 */
export const ERRORS = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.invalid_text': 400,
  'request.too_large': 413,
  'request.url_too_long': 414,
  'request.cursor_invalid': 400,
  'releasability.invalid': 400,
  'nation.unknown': 400,
  'offer.caveat_invalid': 400,
  'offer.capability_unknown': 400,
  'offer.transition_refused': 409,
  'releasability.narrower': 400,
  'requirement.invalid': 400,
  'lead_claim.invalid': 400,
  'lead_claim.not_in_conflict': 409,
  'plan.not_adoptable': 409,
  'sustainment.invalid_month': 400,
  'sustainment.invalid_value': 400,
  'sustainment.outside_horizon': 400,
  'sustainment.overlapping_changes': 400,
  'sustainment.mandate_before_start': 400,
  'sustainment.past_month': 400,
  'sustainment.nothing_to_order': 400,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.csrf': 403,
  'auth.forbidden': 403,
  'auth.rate_limited': 429,
  'auth.locked': 423,
  'user.self_disable': 409,
  not_found: 404,
  'conflict.exists': 409,
  'conflict.changed': 409,
  'database.unavailable': 503,
  'zone.invalid': 400,
  'violation_rule.invalid': 400,
  'phase.gate_closed': 409,
  'phase.transition_not_allowed': 409,
  'phase.decision_invalid': 400,
  'phase.policy_invalid': 400,
  'rule.invalid': 400,
  'order.refused': 409,
  'order.already_issued': 409,
  'order.already_drafted': 409,
  'order.sector_unknown': 400,
  'order.region_outside_sector': 400,
  'observations.batch_too_large': 413,
  'export.too_large': 413,
  'import.refused': 400,
  'land_option.refused': 400,
  'logistics.refused': 400,
  'import.rows_rejected': 400,
  'finance.rate_missing': 400,
  'finance.over_commitment': 400,
  'finance.release_narrows': 400,
  'finance.release_unchanged': 409,
  'iati.version_unsupported': 400,
  'iati.invalid': 400,
  'cot.empty': 400,
  'incident.transition_refused': 409,
  'releasability.wider': 400,
  'cell.not_member': 400,
  'cell.due_in_past': 400,
  'cell.status_refused': 409,
  internal: 500,
} as const;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * An error meant for the client: code, refusal (a catalogue key and its values, put in words in
 * the reader's language when the answer is written), and the offending field when there is one.
 * `message` is the English text, for logs and for callers that print it (ADR 0051).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly refusal: Refusal;
  readonly field?: string;
  /**
   * Structured particulars a client can act on (failing rules, an error's position); a function
   * of the reader's words when they hold reasons to word (an import's rejected rows).
   */
  readonly details?: unknown;
  constructor(
    code: ErrorCode,
    refusal: Refusal,
    field?: string,
    details?: unknown | ((w: Words) => unknown),
  ) {
    super(refusalText(wordsFor('en'), refusal));
    this.refusal = refusal;
    this.details = details;
    this.code = code;
    this.field = field;
    this.status = ERRORS[code];
  }

  /**
   * The message in languages other than English when the refusal's values cannot say it (a
   * check's reasons said again from their facts, ADR 0057); English is always `message`.
   */
  sayIn?: (w: Words) => string;

  /** The refusal in the words of one language. */
  messageIn(w: Words): string {
    if (w.language === 'en') return this.message;
    return this.sayIn?.(w) ?? refusalText(w, this.refusal);
  }

  /** The details in the words of one language (undefined when there are none). */
  detailsIn(w: Words): unknown {
    return typeof this.details === 'function' ? (this.details as (w: Words) => unknown)(w) : this.details;
  }
}

/** Details whose sentences are worded per answer: `say` puts a refusal in the reader's language. */
export function worded(details: (say: (refusal: Refusal) => string) => unknown): (w: Words) => unknown {
  return (w) => details((refusal) => refusalText(w, refusal));
}

/** The body every error response has. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly field?: string;
    readonly details?: unknown;
    readonly requestId: string;
  };
}

/** Maps a PostgreSQL error (by SQLSTATE) to a catalogue error, or undefined when it is not one we expect. */
export function fromDatabaseError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown })?.code;
  switch (typeof code === 'string' ? code : undefined) {
    case '23505':
      return new AppError('conflict.exists', { key: 'database.exists' });
    case '42501':
      // Row-level security refused a write: the label would hide the row from its writer.
      return new AppError('auth.forbidden', { key: 'database.unreadableWrite' });
    case '23503':
      return new AppError('request.invalid', { key: 'database.missingReference' });
    case '22021':
    case '22P05':
      // Text the database cannot store (U+0000, an unpaired surrogate) that slipped past the
      // request guard, e.g. from an imported file.
      return new AppError('request.invalid_text', { key: 'database.invalidText' });
    case '23514':
      return new AppError('request.invalid', { key: 'database.outOfRange' });
    case '23P01':
      // An exclusion constraint: two windows of one corridor overlapping.
      return new AppError('logistics.refused', { key: 'database.overlap' });
    default:
      return isDatabaseUnavailable(error)
        ? new AppError('database.unavailable', {
            key: 'database.unavailable',
            params: { seconds: RETRY_AFTER_SECONDS['database.unavailable'] },
          })
        : undefined;
  }
}

/** Seconds a client should wait before trying again, sent as `Retry-After` with these codes. */
export const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { 'database.unavailable': 5 };

// SQLSTATEs that say the server cannot take the request now, not that the request was wrong:
// admin_shutdown (a fast stop or restart), crash_shutdown, cannot_connect_now (starting up or
// shutting down), too_many_connections. Class 08 (connection exceptions) is matched whole.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres raises these without a code when a connection ends under it or cannot be had.
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection ended',
];

/**
 * Whether an error means the database cannot be reached now (a restart, a failover, a network
 * cut) rather than that it refused the request: such an error is a 503 with Retry-After,
 * never a 500. Looks through `cause` and AggregateError (Node's connection attempts to several
 * addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
