/**
 * Reasons written by core's own checks (an import's problems, a network's, a rate that is not
 * loaded) as a refusal — a catalogue key and its values — beside its English text. The English
 * text is the catalogue's, so it has one source; callers that print it (the command line, logs,
 * tests) read `reason`, and the server words `refusal` in the reader's language.
 */
import { ENGLISH_WORDS } from '../english.ts';
import type { Words } from '../index.ts';
import type { Refusal, RefusalKey, RefusalValue } from '../refusals/index.ts';
import { withRefusal } from '../refusals/reason.ts';
import { refusalText } from '../refusals/text.ts';

/** A reason in English with the refusal it says. */
export interface Said {
  readonly reason: string;
  readonly refusal: Refusal;
}

/** A refusal in English, as the catalogue writes it. */
export function inEnglish(refusal: Refusal): string {
  return refusalText(ENGLISH_WORDS, refusal);
}

/** A reason from a catalogue key and its values: its English text and the refusal. */
export function said(key: RefusalKey, params?: Readonly<Record<string, RefusalValue>>): Said {
  const refusal: Refusal = params ? { key, params } : { key };
  return reasoned({}, { reason: inEnglish(refusal), refusal });
}

/**
 * `record` with `reason` (the English text) and, beside it, `refusal` as a property that is not
 * enumerable: a rejection's JSON (details, the command line's report, a stored import report)
 * and its equality stay those of the English record, while whoever words it reads `refusal`.
 * Spreading a record drops `refusal`; pass records on whole or through this function.
 */
export function reasoned<const T extends object, const A extends object = object>(
  record: T,
  reason: { readonly reason: string; readonly refusal?: Refusal },
  after?: A,
): T & Said & A {
  const out = { ...record, reason: reason.reason, ...after };
  return (reason.refusal ? withRefusal(out, reason.refusal) : out) as T & Said & A;
}

/** A reason in the reader's words: its refusal worded, else (a reason not yet keyed) its English text. */
export function reasonIn(w: Words, r: { readonly reason: string; readonly refusal?: Refusal }): string {
  return r.refusal && w.language !== 'en' ? refusalText(w, r.refusal) : r.reason;
}

// The joiners live beside the Refusal type (refusals/reason.ts), free of i18next, so checks that
// need only them do not load the catalogues; they are given here under the names these callers use.
export {
  commas as joinedComma,
  fieldProblem as aboutField,
  semicolons as joined,
  withRefusal,
} from '../refusals/reason.ts';

/** A reason as a value of another refusal: its refusal where it has one, else its English text. */
export function reasonValue(r: {
  readonly reason: string;
  readonly refusal?: Refusal;
}): string | { readonly refusal: Refusal } {
  return r.refusal ? { refusal: r.refusal } : r.reason;
}
