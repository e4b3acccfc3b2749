/**
 * Checks of the time fields as entered, each error naming its field, so the API refuses bad
 * input with a 4xx before anything is stored.
 */

import { type Said, said } from '../../i18n/reasons/index.ts';
import type { Refusal } from '../../i18n/refusals/index.ts';
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
  /** `message` as a catalogue key and values (not enumerable: the error's JSON and equality are the English ones). */
  readonly refusal: Refusal;
}

/** An error with its English message and, beside it, its refusal. */
function problem(code: SustainmentError['code'], field: string, reason: Said): SustainmentError {
  const e = { code, field, message: reason.reason };
  Object.defineProperty(e, 'refusal', { value: reason.refusal, enumerable: false });
  return e as SustainmentError;
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
      errors.push(
        problem('sustainment.invalid_month', field, said('sustainmentChecks.notMonth', { field, value })),
      );
    return n;
  };
  const start = month('start', t.start);
  const end = t.end === null ? null : month('end', t.end);
  if (errors.length > 0) return errors;
  if (end !== null && end < start)
    return [
      problem(
        'sustainment.outside_horizon',
        'end',
        said('sustainmentChecks.endBeforeStart', { end: t.end, start: t.start }),
      ),
    ];
  const last = end ?? start + MAX_HORIZON_MONTHS - 1;
  if (last - start + 1 > MAX_HORIZON_MONTHS)
    errors.push(
      problem(
        'sustainment.outside_horizon',
        'end',
        said('sustainmentChecks.tooLong', {
          max: MAX_HORIZON_MONTHS,
          start: t.start,
          end: t.end,
          months: last - start + 1,
        }),
      ),
    );
  const spans: { from: number; to: number; index: number }[] = [];
  t.sizeChanges.forEach((c, i) => {
    const field = `sizeChanges[${i}]`;
    const from = month(`${field}.from`, c.from);
    const to = c.to === null ? last : month(`${field}.to`, c.to);
    if (!Number.isInteger(c.quantity) || c.quantity < 0)
      errors.push(
        problem(
          'sustainment.invalid_value',
          `${field}.quantity`,
          said('sustainmentChecks.notWhole', { field: `${field}.quantity`, min: 0, value: c.quantity }),
        ),
      );
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    if (from < start || from > last || to > last) {
      errors.push(
        problem(
          'sustainment.outside_horizon',
          from < start || from > last ? `${field}.from` : `${field}.to`,
          said(
            c.to === null
              ? t.end === null
                ? 'sustainmentChecks.outsideToEndOpen'
                : 'sustainmentChecks.outsideToEnd'
              : t.end === null
                ? 'sustainmentChecks.outsideOpen'
                : 'sustainmentChecks.outside',
            { field, from: c.from, to: c.to, start: t.start, end: t.end },
          ),
        ),
      );
      return;
    }
    if (to < from) {
      errors.push(
        problem(
          'sustainment.outside_horizon',
          `${field}.to`,
          said('sustainmentChecks.toBeforeFrom', { field, to: c.to, from: c.from }),
        ),
      );
      return;
    }
    for (const other of spans)
      if (from <= other.to && other.from <= to)
        errors.push(
          problem(
            'sustainment.overlapping_changes',
            `${field}.from`,
            said('sustainmentChecks.overlaps', { field, other: other.index }),
          ),
        );
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
    errors.push(
      problem(
        'sustainment.invalid_month',
        'availableFrom',
        said('sustainmentChecks.notMonth', { field: 'availableFrom', value: r.availableFrom }),
      ),
    );
  const wholes: readonly [string, number | null, number][] = [
    ['monthsDeployed', r.monthsDeployed, 1],
    ['monthsRecovering', r.monthsRecovering, 0],
    ['rotationalUnits', r.rotationalUnits, 0],
    ['maxMonths', r.maxMonths, 1],
  ];
  for (const [field, value, min] of wholes)
    if (value !== null && (!Number.isInteger(value) || value < min || value > 1200))
      errors.push(
        problem(
          'sustainment.invalid_value',
          field,
          field === 'monthsDeployed'
            ? said('sustainmentChecks.monthsDeployed', { value })
            : said('sustainmentChecks.notWhole', { field, min, value }),
        ),
      );
  if (r.mandateEnds !== null) {
    const end = monthOfDate(r.mandateEnds);
    if (Number.isNaN(end))
      errors.push(
        problem(
          'sustainment.invalid_month',
          'mandateEnds',
          said('sustainmentChecks.notDate', { field: 'mandateEnds', value: r.mandateEnds }),
        ),
      );
    else if (!Number.isNaN(start) && end < start)
      errors.push(
        problem(
          'sustainment.mandate_before_start',
          'mandateEnds',
          said('sustainmentChecks.mandateBeforeStart', { end: r.mandateEnds, from: r.availableFrom }),
        ),
      );
  }
  return errors;
}
