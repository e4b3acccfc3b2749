import type { Refusal } from '@guarantor/core/i18n/refusals';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// PostgreSQL's text cannot hold U+0000, and a UTF-16 half without its partner has no UTF-8
// encoding: either one reaching the database fails there, as a 500. A JSON body can carry
// both as \u0000 and \ud800, a query string as %00.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of a string that cannot be stored: its position (from 1) and its code point. */
function badCharacter(value: string): { readonly at: number; readonly code: string } | undefined {
  const match = BAD_TEXT.exec(value);
  if (!match) return undefined;
  return { at: match.index + 1, code: match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') };
}

/** What is wrong with a string, or undefined when it can be stored. */
export function textProblem(value: string): string | undefined {
  const bad = badCharacter(value);
  if (!bad) return undefined;
  const what =
    bad.code === '0000' ? 'a NUL character (U+0000)' : `an unpaired UTF-16 surrogate (U+${bad.code})`;
  return `contains ${what} at character ${bad.at}; remove it`;
}

/** The same as a catalogue refusal naming the field, for answers in the reader's language. */
function textRefusal(
  field: string,
  bad: { readonly at: number; readonly code: string },
  inName: boolean,
): Refusal {
  const nul = bad.code === '0000';
  return {
    key: inName
      ? nul
        ? 'request.fieldNameNul'
        : 'request.fieldNameSurrogate'
      : nul
        ? 'request.textNul'
        : 'request.textSurrogate',
    params: { field, at: bad.at, code: bad.code },
  };
}

/** A value met while walking a body, with the way back to its parent (its path is spelt only when it is bad). */
interface Visit {
  readonly value: unknown;
  readonly parent: Visit | undefined;
  readonly step: string | number;
}

function pathOf(visit: Visit): string {
  const steps: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at; at = at.parent) steps.push(at.step);
  return steps.reverse().join('.');
}

/** The first string inside a parsed value that cannot be stored, with its path (`body.items.2.name`). */
export function findBadText(
  value: unknown,
  path: string,
): { field: string; problem: string; refusal: Refusal } | undefined {
  // An explicit stack: a deeply nested body must not overflow the call stack. Paths are built
  // only for the bad string: a batch of 10,000 observations has 200,000 values to walk.
  const stack: Visit[] = [{ value, parent: undefined, step: path }];
  while (stack.length > 0) {
    const item = stack.pop() as Visit;
    const v = item.value;
    if (typeof v === 'string') {
      const bad = badCharacter(v);
      if (bad) {
        const field = pathOf(item);
        return { field, problem: textProblem(v)!, refusal: textRefusal(field, bad, false) };
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: item, step: i });
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const bad = badCharacter(key);
        if (bad) {
          const field = pathOf(item);
          return {
            field,
            problem: `has a field name that ${textProblem(key)}`,
            refusal: textRefusal(field, bad, true),
          };
        }
        stack.push({ value: (v as Record<string, unknown>)[key], parent: item, step: key });
      }
    }
  }
  return undefined;
}

/**
 * Refuses, for every route at once, a request whose parameters, query or body (JSON, XML or
 * CSV text alike) hold text the database cannot store: 400 `request.invalid_text` naming the
 * field, before validation and before any handler runs.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const bad =
      findBadText(request.params, 'params') ??
      findBadText(request.query, 'query') ??
      findBadText(request.body, 'body');
    if (bad) throw new AppError('request.invalid_text', bad.refusal, bad.field);
  });
}
