/**
 * A reason a core check gives (an offer's caveat, a gate rule's syntax, a zone file…): its English
 * sentence for logs and the command line, and the same sentence as a catalogue key and values, so
 * the server can word it in the reader's language (ADR 0051, "Reasons from core's checks").
 * Only the type of a refusal is imported: the checks stay free of i18next.
 */
import type { Refusal } from './index.ts';

/** A reason in English (`message`) and as a key with values (`refusal`); the two say the same. */
export interface Reason {
  readonly message: string;
  readonly refusal: Refusal;
}

/** Refusals one after the other, joined with "; " as the English messages join them ("a; b; c"). */
export function semicolons(parts: readonly Refusal[]): Refusal {
  const [first, ...rest] = parts;
  if (!first) return { key: 'checks.none' };
  if (rest.length === 0) return first;
  return { key: 'checks.list', params: { first: { refusal: first }, rest: { refusal: semicolons(rest) } } };
}

/** "field: problem" as a refusal, the problem worded in the reader's language. */
export function fieldProblem(field: string, problem: Refusal): Refusal {
  return { key: 'checks.field', params: { field, problem: { refusal: problem } } };
}

/** Values one after the other, joined with ", " (each a text or a refusal). */
export function commas(values: readonly (string | { readonly refusal: Refusal })[]): Refusal {
  const [first, ...rest] = values;
  if (first === undefined) return { key: 'checks.none' };
  if (rest.length === 0) return { key: 'checks.one', params: { value: first } };
  return { key: 'checks.comma', params: { first, rest: { refusal: commas(rest) } } };
}

/**
 * `value` with its reason's `refusal` attached as a property that is not enumerable: a problem
 * reported as data (JSON, a test's deep equality, a spread) stays as it was, and the server can
 * still word it (`problem.refusal`).
 */
export function withRefusal<T extends object>(value: T, refusal: Refusal): T & { readonly refusal: Refusal } {
  return Object.defineProperty(value, 'refusal', { value: refusal, enumerable: false }) as T & {
    readonly refusal: Refusal;
  };
}
