/**
 * The compile-time check that a response schema answers what `@guarantor/core/api` promises.
 * `matches<Api.Offer>()(z.object({ … }))` returns the schema unchanged; `tsc` refuses it when the
 * schema's output and the contract type differ anywhere: a field added or missing on either
 * side, made optional or nullable, or of another type, at any depth.
 */
import type { z } from 'zod';

/** `T` without `readonly` at any depth: a JSON body has no read-only arrays to keep apart. */
type Plain<T> = T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;

/**
 * True when A and B are the same type after `Plain`. Mutual assignability would let an optional
 * field on one side go unnoticed; identity does not.
 */
export type Same<A, B> =
  (<X>() => X extends Plain<A> ? 1 : 2) extends <X>() => X extends Plain<B> ? 1 : 2 ? true : false;

/** What `tsc` shows when a schema and its contract type differ: both shapes, side by side. */
interface Mismatch<Schema, Contract> {
  readonly 'the schema and @guarantor/core/api differ': { schema: Schema; contract: Contract };
}

/** Checks a response schema against the contract type `T` when compiling; returns it unchanged. */
export function matches<T>() {
  return <S extends z.ZodType>(
    schema: S & (Same<z.output<S>, T> extends true ? unknown : Mismatch<Plain<z.output<S>>, Plain<T>>),
  ): S => schema;
}
