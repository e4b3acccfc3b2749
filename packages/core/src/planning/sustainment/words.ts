/**
 * Why an offer did not serve a requirement in some months, as a phrase that follows the offer's
 * name. Caveats, readiness and capacity read as in the single-period plan (`refusalInWords`).
 */
import type { Catalogue, Offer } from '../../coalition/index.ts';
import { refusalInWords } from '../../lead-matrix/words.ts';
import type { Requirement } from '../types.ts';
import { monthInWords, monthNumber } from './months.ts';
import type { SustainmentReason } from './types.ts';

/** "its national mandate ends on 2028-01-31 (renewal expected)", "is out of rotations …". */
export function sustainmentReasonInWords(
  reason: SustainmentReason,
  offer: Offer,
  requirement: Requirement,
  names: { readonly catalogue?: Catalogue; readonly requirement?: (id: string) => string } = {},
): string {
  switch (reason.kind) {
    case 'not_yet':
      return `is available only from ${monthInWords(monthNumber(reason.availableFrom))}`;
    case 'mandate':
      return `has no national mandate after ${reason.mandateEnds}${reason.renewalExpected ? ' (a renewal is expected but not counted on)' : ''}`;
    case 'duration':
      return `is committed only to ${monthInWords(monthNumber(reason.lastMonth))}`;
    case 'rotation':
      return `has no contingent left to send: its units have served ${reason.used} of the ${reason.budget} unit-months its rotation allows in ${reason.windowMonths} months`;
    case 'unused':
      return `has ${reason.spare} ${reason.spare === 1 ? 'unit' : 'units'} spare that month (a plan cut short by its time limit can leave some)`;
    default:
      return refusalInWords(reason, offer, requirement, names);
  }
}
