/**
 * National caveats as data. ISAF carried 215 caveats written as prose that nobody could check;
 * here each caveat is a plain object (stored as JSON), explains itself in a sentence, and is
 * checked by {@link checkCaveats} in `check.ts`.
 */
import type { Refusal, RefusalValue } from '../i18n/refusals/index.ts';
import { isIso3 } from '../reference/nations.ts';
import { type Catalogue, indexCatalogue, isRole, type Role, SHIPPED_CATALOGUE } from './catalogue.ts';

/** Where a national parliamentary mandate stands. */
export type MandateStatus = 'none' | 'pending' | 'granted' | 'refused';

/** One national restriction on how an offer may be used. */
export type Caveat =
  | { readonly kind: 'allowed_regions'; readonly regions: readonly string[] }
  | { readonly kind: 'excluded_regions'; readonly regions: readonly string[] }
  /** The document's German caveat: assist monitoring from neighbouring countries. */
  | { readonly kind: 'outside_ukraine_only' }
  | { readonly kind: 'min_distance_from_contact'; readonly minDistanceKm: number }
  | { readonly kind: 'roles_allowed'; readonly roles: readonly Role[] }
  /** `body` names the parliament (e.g. "Bundestag") for the explanation. */
  | { readonly kind: 'national_mandate'; readonly status: MandateStatus; readonly body?: string }
  /** The U.S. backstop: usable only while `nation` takes part. */
  | { readonly kind: 'conditional_on_participation'; readonly nation: string }
  /** Inclusive last day, ISO 8601 date (YYYY-MM-DD, UTC). */
  | { readonly kind: 'valid_until'; readonly date: string };

/** The `kind` of a {@link Caveat}. */
export type CaveatKind = Caveat['kind'];

/** A sentence a liaison officer or a planner can read, e.g. "minimum 50 km from the line of contact". */
export function explainCaveat(c: Caveat): string {
  switch (c.kind) {
    case 'allowed_regions':
      return `only in ${c.regions.join(', ')}`;
    case 'excluded_regions':
      return `not in ${c.regions.join(', ')}`;
    case 'outside_ukraine_only':
      return 'outside Ukraine only (from neighbouring countries, the sea or staging areas)';
    case 'min_distance_from_contact':
      return `minimum ${c.minDistanceKm} km from the line of contact`;
    case 'roles_allowed':
      return `only in the role${c.roles.length === 1 ? '' : 's'} ${c.roles.join(', ')}`;
    case 'national_mandate':
      return `needs a national parliamentary mandate${c.body ? ` (${c.body})` : ''}, currently ${c.status}`;
    case 'conditional_on_participation':
      return `only while ${c.nation} takes part`;
    case 'valid_until':
      return `valid until ${c.date}`;
  }
}

/** {@link explainCaveat}'s sentence as a catalogue key and values, for the reader's language (ADR 0051). */
export function caveatRefusal(c: Caveat): Refusal {
  switch (c.kind) {
    case 'allowed_regions':
      return { key: 'caveatChecks.explain.allowedRegions', params: { regions: c.regions.join(', ') } };
    case 'excluded_regions':
      return { key: 'caveatChecks.explain.excludedRegions', params: { regions: c.regions.join(', ') } };
    case 'outside_ukraine_only':
      return { key: 'caveatChecks.explain.outsideUkraineOnly' };
    case 'min_distance_from_contact':
      return { key: 'caveatChecks.explain.minDistance', params: { km: c.minDistanceKm } };
    case 'roles_allowed':
      return {
        key: 'caveatChecks.explain.rolesAllowed',
        params: { count: c.roles.length, roles: c.roles.join(', ') },
      };
    case 'national_mandate':
      return c.body
        ? {
            key: 'caveatChecks.explain.nationalMandateBody',
            params: { body: c.body, status: mandateStatus(c.status) },
          }
        : { key: 'caveatChecks.explain.nationalMandate', params: { status: mandateStatus(c.status) } };
    case 'conditional_on_participation':
      return { key: 'caveatChecks.explain.participation', params: { nation: c.nation } };
    case 'valid_until':
      return { key: 'caveatChecks.explain.validUntil', params: { date: c.date } };
  }
}

/** A mandate status as the main catalogue names it (English: the status itself); an unknown one as written. */
export function mandateStatus(status: string): RefusalValue {
  return ['none', 'pending', 'granted', 'refused'].includes(status)
    ? { term: `words.mandate.${status}` }
    : status;
}

/** A problem in a list of caveats, naming the caveat by index and the field at fault. */
export interface CaveatError {
  readonly code:
    | 'caveat.unknown_region'
    | 'caveat.unknown_role'
    | 'caveat.unknown_nation'
    | 'caveat.empty_list'
    | 'caveat.invalid_value'
    | 'caveat.no_region_left'
    | 'caveat.duplicate'
    | 'caveat.contradiction';
  readonly index: number;
  /** A JSON-pointer-like path inside the caveat list, e.g. `caveats[2].regions[0]`. */
  readonly field: string;
  readonly message: string;
  /** `message` as a catalogue key and values, for the reader's language. */
  readonly refusal: Refusal;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds at the end (exclusive) of an ISO date's UTC day, or NaN when it is not a real date. */
export function endOfIsoDateMs(date: string): number {
  if (!ISO_DATE.test(date)) return Number.NaN;
  const start = Date.parse(`${date}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; a round trip catches it.
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== date) return Number.NaN;
  return start + 86_400_000;
}

/**
 * Finds caveats that cannot be honoured or that contradict each other: unknown regions, roles
 * or nations, empty lists, bad values, allowed regions all excluded, outside-Ukraine-only with
 * allowed regions all inside Ukraine, and a kind given twice (only `conditional_on_participation`
 * may repeat, for different nations). An empty result means the list is usable.
 */
export function validateCaveats(
  caveats: readonly Caveat[],
  catalogue: Catalogue = SHIPPED_CATALOGUE,
): readonly CaveatError[] {
  const regions = indexCatalogue(catalogue).region;
  const errors: CaveatError[] = [];
  const err = (code: CaveatError['code'], index: number, field: string, message: string, refusal: Refusal) =>
    errors.push({ code, index, field: `caveats[${index}]${field}`, message, refusal });
  const firstOfKind = new Map<string, number>();

  caveats.forEach((c, i) => {
    const label = `caveat ${i + 1} ('${explainCaveat(c)}')`;
    const labelled = {
      refusal: { key: 'caveatChecks.label', params: { n: i + 1, caveat: { refusal: caveatRefusal(c) } } },
    } as const;
    const key = c.kind === 'conditional_on_participation' ? `${c.kind}:${c.nation}` : c.kind;
    const earlier = firstOfKind.get(key);
    if (earlier !== undefined) {
      const same = JSON.stringify(caveats[earlier]) === JSON.stringify(c);
      err(
        'caveat.duplicate',
        i,
        '',
        same
          ? `${label} repeats caveat ${earlier + 1}; remove one`
          : `${label} conflicts with caveat ${earlier + 1} of the same kind ('${explainCaveat(caveats[earlier]!)}'); keep one`,
        same
          ? { key: 'caveatChecks.repeats', params: { label: labelled, earlier: earlier + 1 } }
          : {
              key: 'caveatChecks.conflicts',
              params: {
                label: labelled,
                earlier: earlier + 1,
                other: { refusal: caveatRefusal(caveats[earlier]!) },
              },
            },
      );
    } else firstOfKind.set(key, i);

    switch (c.kind) {
      case 'allowed_regions':
      case 'excluded_regions':
        if (c.regions.length === 0)
          err('caveat.empty_list', i, '.regions', `${label} lists no region`, {
            key: 'caveatChecks.noRegion',
            params: { label: labelled },
          });
        c.regions.forEach((r, j) => {
          if (!regions.has(r))
            err('caveat.unknown_region', i, `.regions[${j}]`, `${label}: unknown region '${r}'`, {
              key: 'caveatChecks.unknownRegion',
              params: { label: labelled, region: r },
            });
        });
        break;
      case 'roles_allowed':
        if (c.roles.length === 0)
          err('caveat.empty_list', i, '.roles', `${label} allows no role`, {
            key: 'caveatChecks.noRole',
            params: { label: labelled },
          });
        c.roles.forEach((r, j) => {
          if (!isRole(r))
            err('caveat.unknown_role', i, `.roles[${j}]`, `${label}: unknown role '${r}'`, {
              key: 'caveatChecks.unknownRole',
              params: { label: labelled, role: r },
            });
        });
        break;
      case 'min_distance_from_contact':
        if (!Number.isFinite(c.minDistanceKm) || c.minDistanceKm < 0)
          err('caveat.invalid_value', i, '.minDistanceKm', `${label}: the distance must be 0 km or more`, {
            key: 'caveatChecks.negativeDistance',
            params: { label: labelled },
          });
        break;
      case 'conditional_on_participation':
        if (!isIso3(c.nation))
          err(
            'caveat.unknown_nation',
            i,
            '.nation',
            `${label}: '${c.nation}' is not an ISO 3166-1 alpha-3 code`,
            { key: 'caveatChecks.notIso3', params: { label: labelled, nation: c.nation } },
          );
        break;
      case 'valid_until':
        if (Number.isNaN(endOfIsoDateMs(c.date)))
          err('caveat.invalid_value', i, '.date', `${label}: '${c.date}' is not a date (YYYY-MM-DD)`, {
            key: 'caveatChecks.notDate',
            params: { label: labelled, date: c.date },
          });
        break;
      case 'national_mandate':
        if (!['none', 'pending', 'granted', 'refused'].includes(c.status))
          err(
            'caveat.invalid_value',
            i,
            '.status',
            `${label}: status must be none, pending, granted or refused`,
            { key: 'caveatChecks.mandateStatus', params: { label: labelled } },
          );
        break;
      case 'outside_ukraine_only':
        break;
    }
  });

  const allowedAt = caveats.findIndex((c) => c.kind === 'allowed_regions');
  const allowed = caveats[allowedAt];
  if (allowed?.kind !== 'allowed_regions' || allowed.regions.length === 0) return errors;
  const excluded = new Set(caveats.flatMap((c) => (c.kind === 'excluded_regions' ? c.regions : [])));
  if (allowed.regions.every((r) => excluded.has(r)))
    err(
      'caveat.no_region_left',
      allowedAt,
      '.regions',
      `every allowed region (${allowed.regions.join(', ')}) is also excluded; the offer could go nowhere`,
      { key: 'caveatChecks.noRegionLeft', params: { regions: allowed.regions.join(', ') } },
    );
  const outsideAt = caveats.findIndex((c) => c.kind === 'outside_ukraine_only');
  if (outsideAt >= 0 && allowed.regions.every((r) => regions.get(r)?.insideUkraine === true))
    err(
      'caveat.contradiction',
      outsideAt,
      '',
      `'outside Ukraine only' contradicts caveat ${allowedAt + 1}, whose allowed regions (${allowed.regions.join(', ')}) all lie inside Ukraine`,
      {
        key: 'caveatChecks.contradiction',
        params: { n: allowedAt + 1, regions: allowed.regions.join(', ') },
      },
    );
  return errors;
}
