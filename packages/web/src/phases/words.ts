/**
 * The ceasefire pages in the user's words: phase, status and action names, sector names for
 * zone ids and offer titles for offer ids. Ids stay available to the pages for tooltips.
 */
import type { Offer, Zones } from '@guarantor/core/api';
import { PHASES } from '@guarantor/core/phases';
import { i18n } from '../i18n/index.ts';
import { capabilityName, capitalise, quantityWords } from '../labels.ts';
import { useLoad } from '../load.ts';
import { monitoringApi } from '../monitoring/api.ts';
import { phasesApi } from './api.ts';

/** "ready_on_gate" → "Ready on gate"; an order's or a sector's status, in the reader's language. */
export function statusWords(status: string): string {
  const key = `phases:status.${status}`;
  return i18n.exists(key)
    ? (i18n.t as (k: string) => string)(key)
    : status.charAt(0).toUpperCase() + status.slice(1).replaceAll('_', ' ');
}

const PHASE_PATTERN = new RegExp(`\\b(${PHASES.join('|')})\\b`, 'g');

/** A zone id → its name, and an offer id → "title (nation)"; both fall back to the id. */
export interface Names {
  sector(id: string): string;
  offer(id: string): string;
  /** The server's sentences with phase codes and sector ids put in words. */
  words(text: string): string;
}

/** Names from loaded zones and offers; usable before they load (ids then stand for themselves). */
export function namesFrom(zones: Zones | null, offers: readonly Offer[] | null): Names {
  const sectors = new Map((zones?.features ?? []).map((f) => [f.properties.id, f.properties.name] as const));
  const offerTitles = new Map((offers ?? []).map((o) => [o.id, offerTitle(o)] as const));
  const sectorIds = [...sectors.keys()].sort((a, b) => b.length - a.length);
  const sectorPattern =
    sectorIds.length > 0
      ? new RegExp(
          `(?<![\\w-])(${sectorIds.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`,
          'g',
        )
      : null;
  return {
    sector: (id) => sectors.get(id) ?? id,
    offer: (id) => offerTitles.get(id) ?? id,
    words: (text) => {
      const phased = text.replace(PHASE_PATTERN, (p) => p.replaceAll('_', ' '));
      return sectorPattern ? phased.replace(sectorPattern, (id) => sectors.get(id) ?? id) : phased;
    },
  };
}

/** "Monitoring team, 4 teams (USA)": what an offer is, how much, and whose. */
export function offerTitle(o: Offer): string {
  return `${capitalise(capabilityName(o.capability))}, ${quantityWords(o.quantity, o.unit)} (${o.nation})`;
}

/** Sector names and offer titles for a page; the page renders ids until they arrive. */
export function useNames(): Names {
  const zones = useLoad('zones', (signal) => monitoringApi.zones(signal));
  const offers = useLoad('offers', (signal) => phasesApi.offers(signal));
  return namesFrom(
    zones.state === 'ready' ? zones.data : null,
    offers.state === 'ready' ? offers.data.offers : null,
  );
}

/** The sector zones, id and name, in name order (for pickers). */
export function useSectors(): readonly { readonly id: string; readonly name: string }[] {
  const zones = useLoad('zones', (signal) => monitoringApi.zones(signal));
  if (zones.state !== 'ready') return [];
  return zones.data.features
    .filter((f) => f.properties.kind === 'sector')
    .map((f) => ({ id: f.properties.id, name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
