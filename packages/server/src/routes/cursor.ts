/**
 * The opaque cursors of keyset-paged lists (docs/adr/0021-keyset-paging.md): the key of the
 * last row a page showed, as base64url JSON tagged with its list, so a client cannot mistake
 * one list's cursor for another's and a cursor that was not made here is refused with
 * `request.cursor_invalid` on `query.cursor` before any SQL runs.
 */
import type { Refusal } from '@guarantor/core/i18n/refusals';
import { AppError } from '../errors.ts';

/** Longer than any cursor this server makes: a longer one is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 1024;

/** A cursor for `list` holding `key`. */
export function encodeCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

/**
 * The key inside a cursor of `list`, checked by `shape` (which returns undefined when the key is
 * not one this list makes); refuses anything else with a 400 naming the field.
 */
export function decodeCursor<T>(
  list: string,
  cursor: string,
  shape: (key: readonly unknown[]) => T | undefined,
): T {
  const refuse = (why: Refusal) =>
    new AppError(
      'request.cursor_invalid',
      { key: 'request.cursorRefused', params: { why: { refusal: why } } },
      'query.cursor',
    );
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw refuse({ key: 'request.cursorNotGiven' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse({ key: 'request.cursorNotGiven' });
  }
  if (!Array.isArray(parsed) || parsed[0] !== list)
    throw refuse({ key: 'request.cursorOtherList', params: { list } });
  const key = shape(parsed.slice(1));
  if (key === undefined) throw refuse({ key: 'request.cursorOtherList', params: { list } });
  return key;
}
