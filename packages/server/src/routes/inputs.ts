/**
 * What several route files read from a request the same way: a releasability label (from the
 * body or the query) and the incident filter the list, counts, CoT, tiles and zone counts share.
 */
import { LabelError, parseReleasability } from '@guarantor/core/access';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { INCIDENT_STATES, type IncidentFilter } from '@guarantor/db';
import { AppError } from '../errors.ts';

/** Releasability label text from a request, parsed in core; a bad label is a 400 naming the field. */
export function labelFromRequest(text: string, field: string) {
  try {
    return parseReleasability(text);
  } catch (error) {
    if (error instanceof LabelError) throw new AppError('releasability.invalid', error.refusal, field);
    throw error;
  }
}

function list<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  field: string,
): T[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const values = text.split(',').map((v) => v.trim());
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) {
    throw new AppError(
      'request.invalid',
      {
        key: 'request.notOneOf',
        params: { field, values: bad.map((b) => `'${b}'`).join(', '), allowed: allowed.join(', ') },
      },
      `query.${field}`,
    );
  }
  return values as T[];
}

/** The list, counts, CoT and tiles read one filter from the same query parameters. */
export function filterFromQuery(query: {
  category?: string | undefined;
  state?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  bbox?: string | undefined;
  sector?: string | undefined;
}): IncidentFilter {
  const categories = list(query.category, CATEGORIES, 'category');
  const states = list(query.state, INCIDENT_STATES, 'state');
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && to && to < from) {
    throw new AppError('request.invalid', { key: 'request.toBeforeFrom' }, 'query.to');
  }
  let bbox: IncidentFilter['bbox'];
  if (query.bbox) {
    const n = query.bbox.split(',').map(Number);
    const [w, s, e, north] = n;
    if (
      n.length !== 4 ||
      n.some((v) => !Number.isFinite(v)) ||
      w! < -180 ||
      e! > 180 ||
      s! < -90 ||
      north! > 90 ||
      w! > e! ||
      s! > north!
    ) {
      throw new AppError('request.invalid', { key: 'request.bbox' }, 'query.bbox');
    }
    bbox = [w!, s!, e!, north!];
  }
  return {
    ...(categories ? { categories } : {}),
    ...(states ? { states } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(bbox ? { bbox } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
  };
}
