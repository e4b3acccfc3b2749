/**
 * Caveats from untrusted JSON (an HTTP body, a web form, an import): shape first (a known kind,
 * fields of the right type), then meaning ({@link validateCaveats}). The server and the browser
 * both call it, so the form shows the error the server would give.
 */
import type { Refusal, RefusalKey } from '../i18n/refusals/index.ts';
import type { Catalogue } from './catalogue.ts';
import { type Caveat, type CaveatError, validateCaveats } from './caveats.ts';

/** Every caveat kind, in the order a form offers them. */
export const CAVEAT_KINDS = [
  'allowed_regions',
  'excluded_regions',
  'outside_ukraine_only',
  'min_distance_from_contact',
  'roles_allowed',
  'national_mandate',
  'conditional_on_participation',
  'valid_until',
] as const satisfies readonly Caveat['kind'][];

/** A shape or meaning problem; `code` is `caveat.invalid_shape` when the JSON is not a caveat at all. */
export interface CaveatParseError {
  readonly code: CaveatError['code'] | 'caveat.invalid_shape';
  readonly index: number;
  readonly field: string;
  readonly message: string;
  /** `message` as a catalogue key and values, for the reader's language (ADR 0051). */
  readonly refusal: Refusal;
}

/** Parsed caveats, or every problem found. */
export type CaveatParse =
  | { readonly ok: true; readonly caveats: readonly Caveat[] }
  | { readonly ok: false; readonly errors: readonly CaveatParseError[] };

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The fields each kind may carry besides `kind`; `optional` ones may be absent. */
const FIELDS: Readonly<
  Record<
    Caveat['kind'],
    readonly {
      name: string;
      check: (v: unknown) => boolean;
      what: string;
      whatKey: RefusalKey & `caveatChecks.what.${string}`;
      optional?: true;
    }[]
  >
> = {
  allowed_regions: [
    {
      name: 'regions',
      check: isStringList,
      what: 'a list of region codes',
      whatKey: 'caveatChecks.what.regions',
    },
  ],
  excluded_regions: [
    {
      name: 'regions',
      check: isStringList,
      what: 'a list of region codes',
      whatKey: 'caveatChecks.what.regions',
    },
  ],
  outside_ukraine_only: [],
  min_distance_from_contact: [
    {
      name: 'minDistanceKm',
      check: (v) => typeof v === 'number',
      what: 'a number of kilometres',
      whatKey: 'caveatChecks.what.kilometres',
    },
  ],
  roles_allowed: [
    { name: 'roles', check: isStringList, what: 'a list of roles', whatKey: 'caveatChecks.what.roles' },
  ],
  national_mandate: [
    {
      name: 'status',
      check: (v) => typeof v === 'string',
      what: 'none, pending, granted or refused',
      whatKey: 'caveatChecks.what.mandateStatus',
    },
    {
      name: 'body',
      check: (v) => typeof v === 'string',
      what: 'the parliament’s name',
      whatKey: 'caveatChecks.what.parliament',
      optional: true,
    },
  ],
  conditional_on_participation: [
    {
      name: 'nation',
      check: (v) => typeof v === 'string',
      what: 'an ISO 3166-1 alpha-3 code',
      whatKey: 'caveatChecks.what.iso3',
    },
  ],
  valid_until: [
    {
      name: 'date',
      check: (v) => typeof v === 'string',
      what: 'a date (YYYY-MM-DD)',
      whatKey: 'caveatChecks.what.date',
    },
  ],
};

/**
 * Parses a JSON value into caveats and validates them against the catalogue. Unknown fields are
 * refused rather than dropped, so a typo (`minDistance`) is not silently lost.
 */
export function parseCaveats(value: unknown, catalogue?: Catalogue): CaveatParse {
  const shape = (index: number, field: string, message: string, refusal: Refusal): CaveatParseError => ({
    code: 'caveat.invalid_shape',
    index,
    field: `caveats[${index}]${field}`,
    message,
    refusal,
  });
  if (!Array.isArray(value))
    return {
      ok: false,
      errors: [
        {
          code: 'caveat.invalid_shape',
          index: -1,
          field: 'caveats',
          message: 'caveats must be a list',
          refusal: { key: 'caveatChecks.notList' },
        },
      ],
    };
  const errors: CaveatParseError[] = [];
  value.forEach((c, i) => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) {
      errors.push(
        shape(i, '', `caveat ${i + 1} must be an object with a kind`, {
          key: 'caveatChecks.notObject',
          params: { n: i + 1 },
        }),
      );
      return;
    }
    const record = c as Record<string, unknown>;
    const kind = record.kind;
    if (typeof kind !== 'string' || !(CAVEAT_KINDS as readonly string[]).includes(kind)) {
      errors.push(
        shape(
          i,
          '.kind',
          `caveat ${i + 1}: unknown kind ${JSON.stringify(kind)}; use one of ${CAVEAT_KINDS.join(', ')}`,
          {
            key: 'caveatChecks.unknownKind',
            params: { n: i + 1, kind: JSON.stringify(kind), kinds: CAVEAT_KINDS.join(', ') },
          },
        ),
      );
      return;
    }
    const fields = FIELDS[kind as Caveat['kind']];
    for (const f of fields) {
      const v = record[f.name];
      if (v === undefined && f.optional) continue;
      if (!f.check(v))
        errors.push(
          shape(i, `.${f.name}`, `caveat ${i + 1} (${kind}): ${f.name} must be ${f.what}`, {
            key: 'caveatChecks.fieldMustBe',
            params: { n: i + 1, kind, field: f.name, what: { refusal: { key: f.whatKey } } },
          }),
        );
    }
    for (const key of Object.keys(record))
      if (key !== 'kind' && !fields.some((f) => f.name === key))
        errors.push(
          shape(i, `.${key}`, `caveat ${i + 1} (${kind}): unknown field ${key}; remove it`, {
            key: 'caveatChecks.unknownField',
            params: { n: i + 1, kind, field: key },
          }),
        );
  });
  if (errors.length > 0) return { ok: false, errors };
  const caveats = value as Caveat[];
  const meaning = validateCaveats(caveats, catalogue);
  return meaning.length > 0 ? { ok: false, errors: meaning } : { ok: true, caveats };
}
