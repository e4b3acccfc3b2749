/**
 * A nation's offer: a capability and a quantity, with readiness (after the UN PCRS levels) and
 * a lifecycle from proposal to withdrawal. Functions return new values and refuse a change with
 * a sentence that says why.
 */
import type { Refusal } from '../i18n/refusals/index.ts';
import type { Reason } from '../i18n/refusals/reason.ts';
import { isIso3 } from '../reference/nations.ts';
import { type Catalogue, indexCatalogue, SHIPPED_CATALOGUE } from './catalogue.ts';
import {
  type Caveat,
  type CaveatError,
  type MandateStatus,
  mandateStatus,
  validateCaveats,
} from './caveats.ts';

/** UN peacekeeping readiness: registered, assessed by a visit, aligned to a requirement, rapid. */
export const READINESS_STAGES = ['pledged', 'assessed', 'aligned', 'rapid'] as const;
/** One of {@link READINESS_STAGES}, in order. */
export type ReadinessStage = (typeof READINESS_STAGES)[number];

/** One recorded change of readiness; `from` is null for the first entry. */
export interface ReadinessChange {
  readonly from: ReadinessStage | null;
  readonly to: ReadinessStage;
  readonly atMs: number;
  readonly note?: string;
}

/** The lifecycle of an offer, in order; `withdrawn` is final. */
export const LIFECYCLE_STATES = ['proposed', 'confirmed', 'mandated', 'deployed', 'withdrawn'] as const;
/** One of {@link LIFECYCLE_STATES}. */
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** A nation's offer of one capability. */
export interface Offer {
  /** Stable id, by convention the nation and a number: `FRA-3`. */
  readonly id: string;
  /** ISO 3166-1 alpha-3. */
  readonly nation: string;
  readonly capability: string;
  /** Whole units of the capability's unit. */
  readonly quantity: number;
  readonly daysToDeploy: number;
  readonly durationDays: number;
  readonly readiness: ReadinessStage;
  readonly readinessHistory: readonly ReadinessChange[];
  readonly lifecycle: LifecycleState;
  readonly caveats: readonly Caveat[];
}

/** A value, or a sentence saying why there is none. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/**
 * Moves readiness one stage up, or any number of stages down (a failed assessment visit
 * demotes a unit), and appends the change to the history. Skipping a stage is refused because
 * each stage certifies the one before.
 */
export function changeReadiness(
  offer: Offer,
  to: ReadinessStage,
  atMs: number,
  note?: string,
): Outcome<Offer> {
  const refused = readinessReason(offer, to);
  if (refused) return { ok: false, error: refused.message };
  const change: ReadinessChange = { from: offer.readiness, to, atMs, ...(note ? { note } : {}) };
  return {
    ok: true,
    value: { ...offer, readiness: to, readinessHistory: [...offer.readinessHistory, change] },
  };
}

/** Why readiness may not move to `to` (see {@link changeReadiness}), or null when it may. */
export function readinessReason(offer: Offer, to: ReadinessStage): Reason | null {
  const from = READINESS_STAGES.indexOf(offer.readiness);
  const target = READINESS_STAGES.indexOf(to);
  const stage = (s: ReadinessStage) => ({ term: `words.readiness.${s}` });
  if (target === from)
    return {
      message: `offer ${offer.id} is already ${to}`,
      refusal: { key: 'offerMoves.readinessAlready', params: { id: offer.id, to: stage(to) } },
    };
  if (target > from + 1) {
    const next = READINESS_STAGES[from + 1]!;
    return {
      message: `offer ${offer.id} cannot go from ${offer.readiness} to ${to}: it must be ${next} first`,
      refusal: {
        key: 'offerMoves.readinessSkip',
        params: { id: offer.id, from: stage(offer.readiness), to: stage(to), next: stage(next) },
      },
    };
  }
  if (offer.lifecycle === 'withdrawn')
    return {
      message: `offer ${offer.id} is withdrawn; its readiness no longer changes`,
      refusal: { key: 'offerMoves.readinessWithdrawn', params: { id: offer.id } },
    };
  return null;
}

const NEXT: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  proposed: ['confirmed', 'withdrawn'],
  confirmed: ['mandated', 'withdrawn'],
  mandated: ['deployed', 'withdrawn'],
  deployed: ['withdrawn'],
  withdrawn: [],
};

/**
 * Why `offer` may not move to `to`, or null when it may. `mandated` also needs every
 * parliamentary-mandate caveat granted; `mandates` (nation → status) overrides the status
 * recorded on the caveat, since the registry is fresher than the offer.
 */
export function lifecycleRefusal(
  offer: Offer,
  to: LifecycleState,
  mandates: Readonly<Record<string, MandateStatus>> = {},
): string | null {
  return lifecycleReason(offer, to, mandates)?.message ?? null;
}

/** {@link lifecycleRefusal}'s sentence with its catalogue key and values, or null when the move is allowed. */
export function lifecycleReason(
  offer: Offer,
  to: LifecycleState,
  mandates: Readonly<Record<string, MandateStatus>> = {},
): Reason | null {
  const allowed = NEXT[offer.lifecycle];
  const state = (s: LifecycleState) => ({ refusal: { key: `offerMoves.state.${s}` } as const });
  if (!allowed.includes(to)) {
    if (allowed.length === 0)
      return {
        message: `offer ${offer.id} is withdrawn and cannot become ${to}`,
        refusal: { key: 'offerMoves.lifecycleFinal', params: { id: offer.id, to: state(to) } },
      };
    const next: Refusal =
      allowed.length === 1
        ? state(allowed[0]!).refusal
        : {
            key: 'offerMoves.either',
            params: { first: state(allowed[0]!), second: state(allowed[1]!) },
          };
    return {
      message: `offer ${offer.id} cannot go from ${offer.lifecycle} to ${to}; next is ${allowed.join(' or ')}`,
      refusal: {
        key: 'offerMoves.lifecycleSkip',
        params: { id: offer.id, from: state(offer.lifecycle), to: state(to), next: { refusal: next } },
      },
    };
  }
  if (to === 'mandated')
    for (const c of offer.caveats) {
      const status = c.kind === 'national_mandate' ? (mandates[offer.nation] ?? c.status) : 'granted';
      if (status === 'granted') continue;
      const body = c.kind === 'national_mandate' ? c.body : undefined;
      return {
        message: `offer ${offer.id} cannot be mandated: its national mandate${body ? ` (${body})` : ''} is ${status}, not granted`,
        refusal: body
          ? {
              key: 'offerMoves.mandateNotGrantedBody',
              params: { id: offer.id, body, status: mandateStatus(status) },
            }
          : { key: 'offerMoves.mandateNotGranted', params: { id: offer.id, status: mandateStatus(status) } },
      };
    }
  return null;
}

/** Applies a lifecycle move, or says why it is refused (see {@link lifecycleRefusal}). */
export function transitionLifecycle(
  offer: Offer,
  to: LifecycleState,
  mandates: Readonly<Record<string, MandateStatus>> = {},
): Outcome<Offer> {
  const refusal = lifecycleRefusal(offer, to, mandates);
  return refusal ? { ok: false, error: refusal } : { ok: true, value: { ...offer, lifecycle: to } };
}

/** A problem in an offer, naming the field; caveat errors are passed through. */
export interface OfferError {
  readonly code:
    | 'offer.unknown_nation'
    | 'offer.unknown_capability'
    | 'offer.invalid_value'
    | CaveatError['code'];
  readonly field: string;
  readonly message: string;
}

/** Everything wrong with an offer as entered; an empty result means it can be stored. */
export function validateOffer(offer: Offer, catalogue: Catalogue = SHIPPED_CATALOGUE): readonly OfferError[] {
  const errors: OfferError[] = [];
  if (!isIso3(offer.nation))
    errors.push({
      code: 'offer.unknown_nation',
      field: 'nation',
      message: `'${offer.nation}' is not an ISO 3166-1 alpha-3 code`,
    });
  if (!indexCatalogue(catalogue).capability.has(offer.capability))
    errors.push({
      code: 'offer.unknown_capability',
      field: 'capability',
      message: `unknown capability '${offer.capability}'`,
    });
  const wholes: readonly [keyof Offer, number, number][] = [
    ['quantity', offer.quantity, 1],
    ['daysToDeploy', offer.daysToDeploy, 0],
    ['durationDays', offer.durationDays, 1],
  ];
  for (const [field, value, min] of wholes)
    if (!Number.isInteger(value) || value < min)
      errors.push({
        code: 'offer.invalid_value',
        field,
        message: `${field} must be a whole number of at least ${min}, got ${value}`,
      });
  return [...errors, ...validateCaveats(offer.caveats, catalogue)];
}

/** A nation's offer to lead a cell (region × line of effort); two on one cell is a conflict. */
export interface LeadClaim {
  readonly nation: string;
  readonly region: string;
  readonly lineOfEffort: string;
}
