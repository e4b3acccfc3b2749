import type { IncidentStateName } from '@guarantor/db';

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

/** Why the action is refused from this state, in words for the analyst; undefined when allowed. */
export function transitionRefusal(from: IncidentStateName, action: IncidentAction): string | undefined {
  if (FROM[action].includes(from)) return undefined;
  const hint =
    action === 'attribute' && (from === 'reported' || from === 'corroborated')
      ? '; verify it first'
      : from === 'dismissed' || from === 'attributed'
        ? `; a ${from} incident is closed`
        : '';
  return `cannot ${action} an incident that is ${from}: ${action} applies to ${FROM[action].join(' or ')} incidents${hint}`;
}
