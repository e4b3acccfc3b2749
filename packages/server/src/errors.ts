/**
 * The one error catalogue. Every error a client can see has a stable code here, an HTTP
 * status, and a message written for the person who will read it. Database errors are mapped
 * here too (SQLSTATE), and anything unknown becomes `internal` with the request id.
 */
export const ERRORS = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.url_too_long': 414,
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
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.csrf': 403,
  'auth.forbidden': 403,
  'auth.rate_limited': 429,
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
  'order.sector_unknown': 400,
  'observations.batch_too_large': 413,
  'cot.empty': 400,
  'incident.transition_refused': 409,
  internal: 500,
} as const;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERRORS;

/** An error meant for the client: code, message, and the offending field when there is one. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Structured particulars a client can act on (failing rules, an error's position). */
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERRORS[code];
  }
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
  if (typeof code !== 'string') return undefined;
  switch (code) {
    case '23505':
      return new AppError('conflict.exists', 'a record with this id already exists');
    case '42501':
      // Row-level security refused a write: the label would hide the row from its writer.
      return new AppError('auth.forbidden', 'you may not write a record your nation could not read');
    case '23503':
      return new AppError('request.invalid', 'the record refers to something that does not exist');
    case '23514':
      return new AppError('request.invalid', 'a value is outside what the record allows');
    case '08000':
    case '08003':
    case '08006':
    case '57P01':
    case 'ECONNREFUSED':
      return new AppError('database.unavailable', 'the database is not reachable; try again shortly');
    default:
      return undefined;
  }
}
