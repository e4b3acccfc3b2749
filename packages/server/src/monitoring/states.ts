import type { Words } from '@guarantor/core/i18n';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import {
  appendAudit,
  changeIncidentState,
  type Database,
  FUSION_STATE_REASONS,
  type IncidentRecord,
  type IncidentStateName,
  publishIncidentChanges,
  recordStateChange,
} from '@guarantor/db';
import type { Transaction } from 'kysely';

/** What an analyst can do to an incident. */
export const INCIDENT_ACTIONS = ['verify', 'attribute', 'dismiss'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** The state each action leads to. */
export const TARGET_STATE = {
  verify: 'verified',
  attribute: 'attributed',
  dismiss: 'dismissed',
} as const satisfies Record<IncidentAction, IncidentStateName>;

/**
 * Where each action may start: `reported → corroborated` is fusion's; an analyst verifies a
 * reported or corroborated incident, attributes only a verified one (to a party, with
 * evidence and an assessment), and dismisses anything not yet attributed.
 */
const FROM: Readonly<Record<IncidentAction, readonly IncidentStateName[]>> = {
  verify: ['reported', 'corroborated'],
  attribute: ['verified'],
  dismiss: ['reported', 'corroborated', 'verified'],
};

/** Why the action is refused from this state, for the analyst (a catalogue refusal); undefined when allowed. */
export function transitionRefusal(from: IncidentStateName, action: IncidentAction): Refusal | undefined {
  if (FROM[action].includes(from)) return undefined;
  const params = {
    action,
    from: { term: `common.state.${from}` },
    allowed: { refusal: { key: `incidents.allowedFrom.${action}` } },
  } as const;
  if (action === 'attribute' && (from === 'reported' || from === 'corroborated'))
    return { key: 'incidents.transitionRefusedVerifyFirst', params };
  if (from === 'dismissed' || from === 'attributed')
    return { key: 'incidents.transitionRefusedClosed', params };
  return { key: 'incidents.transitionRefused', params };
}

/** What an analyst gives with an action: a reason (dismiss), a party, assessment and evidence (attribute). */
export interface ActionDetails {
  readonly reason?: string | undefined;
  readonly party?: string | undefined;
  readonly assessment?: string | undefined;
  readonly evidence?: readonly string[] | undefined;
}

/**
 * Applies an allowed action (check `transitionRefusal` first) in the caller's transaction: the
 * versioned update, the history row, the audit entry and the live notification, together.
 * Undefined when the incident changed since `current` was read.
 */
export async function applyIncidentAction(
  trx: Transaction<Database>,
  current: IncidentRecord,
  action: IncidentAction,
  details: ActionDetails,
  by: { readonly username: string; readonly nation: string },
  at: Date,
): Promise<IncidentRecord | undefined> {
  const change = {
    incidentId: current.id,
    to: TARGET_STATE[action],
    expectedVersion: current.version,
    by: by.username,
    nation: by.nation,
    at,
    reason: details.reason ?? null,
    evidence: details.evidence ?? [],
    attributedParty: action === 'attribute' ? (details.party ?? null) : current.attributedParty,
    assessment: details.assessment ?? null,
  };
  const next = await changeIncidentState(trx, change);
  if (!next) return undefined;
  await recordStateChange(trx, { ...change, from: current.state }, current.label);
  await appendAudit(trx, {
    actor: by.username,
    nation: by.nation,
    action: `incident.${action}`,
    entity: 'incident',
    entityId: current.id,
    before: { state: current.state, version: current.version, attributedParty: current.attributedParty },
    after: {
      state: next.state,
      version: next.version,
      attributedParty: next.attributedParty,
      reason: change.reason,
      evidence: change.evidence,
      assessment: change.assessment,
    },
    label: current.label,
    at,
  });
  await publishIncidentChanges(trx, [next]);
  return next;
}

const FUSION_REASON_KEYS: ReadonlyMap<string, string> = new Map(
  Object.entries(FUSION_STATE_REASONS).map(([key, text]) => [text, key]),
);

/**
 * A state change's reason in a language's words: fusion's own (by `fusion`, no nation; four fixed
 * sentences stored in English) by key, a person's typed reason as written.
 */
export function stateReasonIn(
  h: { readonly by: string; readonly nation: string | null; readonly reason: string | null },
  w: Pick<Words, 'language' | 't'>,
): string | null {
  const key =
    h.by === 'fusion' && h.nation === null && h.reason !== null
      ? FUSION_REASON_KEYS.get(h.reason)
      : undefined;
  return key && w.language !== 'en' ? w.t(`words.fusion.stateReason.${key}`) : h.reason;
}

/** Who changed the state: fusion as a word of the language ("злиття (автоматично)"), a user by name. */
export function stateActorIn(
  h: { readonly by: string; readonly nation: string | null },
  w: Pick<Words, 'language' | 't'>,
): string {
  const who =
    h.by === 'fusion' && h.nation === null && w.language !== 'en' ? w.t('words.fusion.actor') : h.by;
  return h.nation ? `${who} (${h.nation})` : who;
}
