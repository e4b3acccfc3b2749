/**
 * Incident categories and states in the words a reader uses ("freedom-of-movement
 * restriction", "verified by an analyst"), for the app's pages and for its exports alike.
 */
import type { Category, IncidentStateName } from './types.ts';

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  explosion_impact: 'explosion (impact)',
  explosion_airburst: 'explosion (airburst)',
  explosion_outgoing: 'explosion (outgoing fire)',
  explosion_undetermined: 'explosion (undetermined)',
  projectile_in_flight: 'projectile in flight',
  muzzle_flash: 'muzzle flash',
  illumination_flare: 'illumination flare',
  burst_and_shots: 'bursts and shots',
  heavy_weapon_sighting: 'heavy weapon sighted',
  troop_movement: 'troop movement',
  uav_overflight: 'UAV overflight',
  fom_restriction: 'freedom-of-movement restriction',
  civilian_harm: 'harm to civilians',
  infrastructure_damage: 'damage to infrastructure',
  other: 'other',
};

export const INCIDENT_STATE_NAMES: Readonly<Record<IncidentStateName, string>> = {
  reported: 'reported (one source)',
  corroborated: 'corroborated (independent sources agree)',
  verified: 'verified by an analyst',
  attributed: 'attributed to a party',
  dismissed: 'dismissed',
};
