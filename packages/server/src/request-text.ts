import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

// PostgreSQL's text cannot hold U+0000, and a UTF-16 half without its partner has no UTF-8
// encoding: either one reaching the database fails there, as a 500. A JSON body can carry
// both as \u0000 and \ud800, a query string as %00.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding U+0000 is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string, or undefined when it can be stored. */
export function textProblem(value: string): string | undefined {
  const match = BAD_TEXT.exec(value);
  if (!match) return undefined;
  const what =
    match[0] === '\u0000'
      ? 'a NUL character (U+0000)'
      : `an unpaired UTF-16 surrogate (U+${match[0].charCodeAt(0).toString(16).toUpperCase()})`;
  return `contains ${what} at character ${match.index + 1}; remove it`;
}

/** The first string inside a parsed value that cannot be stored, with its path (`body.items.2.name`). */
export function findBadText(value: unknown, path: string): { field: string; problem: string } | undefined {
  // An explicit stack: a deeply nested body must not overflow the call stack.
  const stack: Array<{ value: unknown; path: string }> = [{ value, path }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string };
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { field: item.path, problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: `${item.path}.${i}` });
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const keyProblem = textProblem(key);
        if (keyProblem) return { field: item.path, problem: `has a field name that ${keyProblem}` };
        stack.push({ value: child, path: `${item.path}.${key}` });
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
    if (bad)
      throw new AppError(
        'request.invalid_text',
        { key: 'request.invalidText', params: { field: bad.field, problem: bad.problem } },
        bad.field,
      );
  });
}
