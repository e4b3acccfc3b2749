/** Stable codes for every way a CoT message can be refused or dropped. */
export type CotErrorCode =
  | 'cot.too_large'
  | 'cot.doctype_forbidden'
  | 'cot.malformed'
  | 'cot.too_complex'
  | 'cot.not_event'
  | 'cot.missing_field'
  | 'cot.bad_point'
  | 'cot.bad_time'
  | 'cot.truncated';

/** The only error the CoT parser and framer raise; `message` says what was wrong and what to do. */
export class CotError extends Error {
  override readonly name = 'CotError';
  readonly code: CotErrorCode;
  constructor(code: CotErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
