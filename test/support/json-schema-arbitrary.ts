import fc from 'fast-check';

/**
 * NUL characters and unpaired surrogates in strings: the boundary refuses them with 400
 * request.invalid_text (server/src/request-text.ts), so the fuzzers send them.
 */
export const HOSTILE_TEXT = true;

/** The subset of JSON Schema (2020-12, as fastify-type-provider-zod prints zod 4) the OpenAPI document uses. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: boolean | JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly default?: unknown;
}

/**
 * Realistic values by property name (an ISO code, a date, a known id), offered beside what the
 * schema alone allows: zod refines past what its JSON Schema can say, and a fuzzer that only
 * ever sends `nation: "QQQ"` never gets past the first check.
 */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** True when a string holds neither NUL nor an unpaired surrogate. */
export function isTame(s: string): boolean {
  return !s.includes('\u0000') && !/\p{Surrogate}/u.test(s);
}

/** Any text: printable, unicode, or (with HOSTILE_TEXT) NUL and lone surrogates. */
export function text(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const arb = fc.oneof(
    fc.string(constraints),
    fc.string({ ...constraints, unit: 'grapheme' }),
    fc.string({ ...constraints, unit: 'binary' }),
  );
  return HOSTILE_TEXT ? arb : arb.filter(isTame);
}

/** Any JSON value, its strings as `text()` makes them. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    text({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text({ maxLength: 12 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const ISO_MIN = Date.parse('1970-01-01T00:00:00Z');
const ISO_MAX = Date.parse('2100-01-01T00:00:00Z');

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = schema;
  const fits = (s: string) => s.length >= minLength && (maxLength === undefined || s.length <= maxLength);
  if (schema.format === 'date-time')
    return fc.integer({ min: ISO_MIN, max: ISO_MAX }).map((ms) => new Date(ms).toISOString());
  if (schema.format === 'uri') return fc.webUrl().filter(fits);
  if (schema.pattern !== undefined) {
    const re = new RegExp(schema.pattern, 'u');
    return fc.stringMatching(re).filter((s) => fits(s) && isTame(s) && re.test(s));
  }
  return text({ minLength, ...(maxLength === undefined ? {} : { maxLength: Math.min(maxLength, 200) }) });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
  const hi = schema.maximum ?? schema.exclusiveMaximum;
  const loEx = schema.minimum === undefined && schema.exclusiveMinimum !== undefined;
  const hiEx = schema.maximum === undefined && schema.exclusiveMaximum !== undefined;
  if (integer) {
    const min = lo === undefined ? -1e9 : Math.ceil(loEx ? lo + 1 : lo);
    const max = hi === undefined ? 1e9 : Math.floor(hiEx ? hi - 1 : hi);
    return fc.oneof(fc.integer({ min, max: Math.min(max, min + 100) }), fc.integer({ min, max }));
  }
  return fc
    .double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(lo === undefined ? { min: -1e9 } : { min: lo, minExcluded: loEx }),
      ...(hi === undefined ? { max: 1e9 } : { max: hi, maxExcluded: hiEx }),
    })
    .map((x) => (Object.is(x, -0) ? 0 : x));
}

/**
 * A fast-check arbitrary of values the schema accepts. Where the schema is open (`{}`, free
 * records) it yields any JSON, so the route's own checks past the schema are fuzzed too.
 */
export function valid(schema: JsonSchema | boolean | undefined, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true) return anyJson;
  if (schema === false) return fc.constant(undefined);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, hints)));
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => valid({ ...schema, type: t }, hints)));
  switch (type[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 4, minLength + 4);
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((p) => valid(p, hints)));
      return fc.array(valid(schema.items as JsonSchema | boolean | undefined, hints), {
        minLength,
        maxLength,
      });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const known: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) {
        const hint = hints[key];
        known[key] = hint
          ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: valid(sub, hints) })
          : valid(sub, hints);
      }
      const record = fc.record(known, {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
      if (schema.additionalProperties === false || Object.keys(props).length > 0) return record;
      const extra =
        typeof schema.additionalProperties === 'object' ? valid(schema.additionalProperties, hints) : anyJson;
      return fc.dictionary(text({ minLength: 1, maxLength: 16 }), extra, { maxKeys: 5 });
    }
    default:
      return anyJson;
  }
}

/**
 * Values the schema refuses (most of the time: where the schema is open the result may pass):
 * a wrong type, a missing required key, an unknown key, a number or length out of range, a
 * pattern broken, or anything at all.
 */
export function invalid(schema: JsonSchema | undefined, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return anyJson;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const wrongType = anyJson.filter(
    (v) => jsonType(v) !== type && !(type === 'number' && jsonType(v) === 'integer'),
  );
  const options: fc.Arbitrary<unknown>[] = [wrongType];
  if (type === 'object' && schema.properties) {
    const props = schema.properties;
    const keys = Object.keys(props);
    const base = valid(schema, hints) as fc.Arbitrary<Record<string, unknown>>;
    const required = schema.required ?? [];
    if (required.length > 0)
      options.push(
        fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => {
          const { [k]: _, ...rest } = v;
          return rest;
        }),
      );
    if (schema.additionalProperties === false)
      options.push(
        fc
          .tuple(base, text({ minLength: 1, maxLength: 12 }), anyJson)
          .filter(([, k]) => !keys.includes(k))
          .map(([v, k, x]) => ({ ...v, [k]: x })),
      );
    if (keys.length > 0)
      options.push(
        fc
          .tuple(base, fc.constantFrom(...keys))
          .chain(([v, k]) => invalid(props[k], hints).map((bad) => ({ ...v, [k]: bad }))),
      );
  }
  if (type === 'array' && schema.items && typeof schema.items === 'object') {
    options.push(fc.array(invalid(schema.items, hints), { minLength: 1, maxLength: 3 }));
    if (schema.maxItems !== undefined)
      options.push(
        fc.array(valid(schema.items), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 2 }),
      );
  }
  if (type === 'string') {
    if (schema.maxLength !== undefined)
      options.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 20 }));
    if (schema.pattern !== undefined || schema.enum || schema.format) options.push(text({ maxLength: 60 }));
  }
  if (type === 'integer' || type === 'number') {
    options.push(fc.constantFrom(1.5, -1, 0, 2 ** 53, -(2 ** 53), 1e308, -1e308));
    if (schema.maximum !== undefined) options.push(fc.constant(schema.maximum + 1));
    if (schema.minimum !== undefined) options.push(fc.constant(schema.minimum - 1));
  }
  return fc.oneof(...options);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
