/**
 * Checks of the time fields as entered, each error naming its field, so the API refuses bad
 * input with a 4xx before anything is stored.
 */
import { monthNumber, monthOfDate } from './months.ts';
import type { OfferRotation, RequirementTimeline } from './types.ts';

/** The longest horizon a plan or a requirement may span, in months (ten years). */
export const MAX_HORIZON_MONTHS = 120;

/** A problem in a timeline or a rotation, naming the field. */
export interface SustainmentError {
  readonly code:
    | 'sustainment.invalid_month'
    | 'sustainment.invalid_value'
    | 'sustainment.outside_horizon'
    | 'sustainment.overlapping_changes'
    | 'sustainment.mandate_before_start';
  readonly field: string;
  readonly message: string;
}

/**
 * Everything wrong with a requirement's timeline: months that are not months, an end before
 * the start, a span longer than {@link MAX_HORIZON_MONTHS}, size changes outside the
 * requirement's months, and size changes that overlap.
 */
export function validateTimeline(t: RequirementTimeline): readonly SustainmentError[] {
  const errors: SustainmentError[] = [];
  const month = (field: string, value: string) => {
    const n = monthNumber(value);
    if (Number.isNaN(n))
      errors.push({
        code: 'sustainment.invalid_month',
        field,
        message: `${field} must be a month written YYYY-MM, got '${value}'`,
      });
    return n;
  };
  const start = month('start', t.start);
  const end = t.end === null ? null : month('end', t.end);
  if (errors.length > 0) return errors;
  if (end !== null && end < start)
    return [
      {
        code: 'sustainment.outside_horizon',
        field: 'end',
        message: `end (${t.end}) is before start (${t.start})`,
      },
    ];
  const last = end ?? start + MAX_HORIZON_MONTHS - 1;
  if (last - start + 1 > MAX_HORIZON_MONTHS)
    errors.push({
      code: 'sustainment.outside_horizon',
      field: 'end',
      message: `a requirement spans at most ${MAX_HORIZON_MONTHS} months; ${t.start} to ${t.end} is ${last - start + 1}`,
    });
  const spans: { from: number; to: number; index: number }[] = [];
  t.sizeChanges.forEach((c, i) => {
    const field = `sizeChanges[${i}]`;
    const from = month(`${field}.from`, c.from);
    const to = c.to === null ? last : month(`${field}.to`, c.to);
    if (!Number.isInteger(c.quantity) || c.quantity < 0)
      errors.push({
        code: 'sustainment.invalid_value',
        field: `${field}.quantity`,
        message: `${field}.quantity must be a whole number of at least 0, got ${c.quantity}`,
      });
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    if (from < start || from > last || to > last) {
      errors.push({
        code: 'sustainment.outside_horizon',
        field: from < start || from > last ? `${field}.from` : `${field}.to`,
        message: `${field} (${c.from} to ${c.to ?? 'the end'}) lies outside the requirement's months (${t.start} to ${t.end ?? 'open-ended'})`,
      });
      return;
    }
    if (to < from) {
      errors.push({
        code: 'sustainment.outside_horizon',
        field: `${field}.to`,
        message: `${field}.to (${c.to}) is before ${field}.from (${c.from})`,
      });
      return;
    }
    for (const other of spans)
      if (from <= other.to && other.from <= to)
        errors.push({
          code: 'sustainment.overlapping_changes',
          field: `${field}.from`,
          message: `${field} overlaps sizeChanges[${other.index}]: a month can have only one size`,
        });
    spans.push({ from, to, index: i });
  });
  return errors;
}

/**
 * Everything wrong with an offer's rotation: a tour of zero or negative months, a negative
 * recovery or number of rotational units, a mandate that ends before the offer starts.
 */
export function validateRotation(r: OfferRotation): readonly SustainmentError[] {
  const errors: SustainmentError[] = [];
  const start = monthNumber(r.availableFrom);
  if (Number.isNaN(start))
    errors.push({
      code: 'sustainment.invalid_month',
      field: 'availableFrom',
      message: `availableFrom must be a month written YYYY-MM, got '${r.availableFrom}'`,
    });
  const wholes: readonly [string, number | null, number][] = [
    ['monthsDeployed', r.monthsDeployed, 1],
    ['monthsRecovering', r.monthsRecovering, 0],
    ['rotationalUnits', r.rotationalUnits, 0],
    ['maxMonths', r.maxMonths, 1],
  ];
  for (const [field, value, min] of wholes)
    if (value !== null && (!Number.isInteger(value) || value < min || value > 1200))
      errors.push({
        code: 'sustainment.invalid_value',
        field,
        message:
          field === 'monthsDeployed'
            ? `monthsDeployed (the rotation cycle's months deployed) must be a whole number of at least 1, got ${value}`
            : `${field} must be a whole number of at least ${min}, got ${value}`,
      });
  if (r.mandateEnds !== null) {
    const end = monthOfDate(r.mandateEnds);
    if (Number.isNaN(end))
      errors.push({
        code: 'sustainment.invalid_month',
        field: 'mandateEnds',
        message: `mandateEnds must be a date written YYYY-MM-DD, got '${r.mandateEnds}'`,
      });
    else if (!Number.isNaN(start) && end < start)
      errors.push({
        code: 'sustainment.mandate_before_start',
        field: 'mandateEnds',
        message: `the mandate ends (${r.mandateEnds}) before the offer is available (${r.availableFrom})`,
      });
  }
  return errors;
}
