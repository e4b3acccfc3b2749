import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { matches } from './contract.ts';

interface Shape {
  readonly id: string;
  readonly tags: string[];
  readonly at: string | null;
  readonly note?: string;
  readonly inner: { readonly n: number }[];
}

const Schema = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  at: z.string().nullable(),
  note: z.string().optional(),
  inner: z.array(z.object({ n: z.number().int() })),
});

describe('matches', () => {
  it('returns the schema it was given', () => {
    expect(matches<Shape>()(Schema)).toBe(Schema);
  });

  it('refuses, when compiling, a schema that differs from its contract type anywhere', () => {
    // Each line fails `tsc` unless the check catches the difference; none of them runs a check.
    // @ts-expect-error a field the contract type lacks
    matches<Shape>()(Schema.extend({ extra: z.string() }));
    // @ts-expect-error a field the schema lacks
    matches<Shape>()(Schema.omit({ at: true }));
    // @ts-expect-error an optional field the contract type lacks
    matches<Shape>()(Schema.extend({ extra: z.string().optional() }));
    // @ts-expect-error a field retyped
    matches<Shape>()(Schema.extend({ id: z.number() }));
    // @ts-expect-error a field that may be null on one side only
    matches<Shape>()(Schema.extend({ id: z.string().nullable() }));
    // @ts-expect-error a field that is optional on one side only
    matches<Shape>()(Schema.extend({ id: z.string().optional() }));
    // @ts-expect-error a nested field retyped
    matches<Shape>()(Schema.extend({ inner: z.array(z.object({ n: z.string() })) }));
    // @ts-expect-error a nested field added
    matches<Shape>()(Schema.extend({ inner: z.array(z.object({ n: z.number(), m: z.number() })) }));
    // @ts-expect-error a literal union narrower on one side
    matches<{ kind: 'a' | 'b' }>()(z.object({ kind: z.enum(['a']) }));
    matches<{ kind: 'a' | 'b'; at: [number, number]; map: Readonly<Record<string, number>> }>()(
      z.object({
        kind: z.enum(['a', 'b']),
        at: z.tuple([z.number(), z.number()]),
        map: z.record(z.string(), z.number()),
      }),
    );
  });
});
