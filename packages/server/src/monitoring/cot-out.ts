import { incidentCotUid } from '@guarantor/core/cot';
import type { CATEGORIES } from '@guarantor/core/monitoring';
import type { IncidentRecord, IncidentStateName } from '@guarantor/db';

/** What CoT out needs of a stored incident. */
export function cotInput(i: IncidentRecord) {
  return {
    id: i.id,
    category: i.category as (typeof CATEGORIES)[number],
    count: i.count.best,
    state: i.state as IncidentStateName,
    position: i.position,
    radiusM: i.radiusM,
    time: { startMs: i.start.getTime(), endMs: i.end.getTime() },
    ...(i.attributedParty ? { remarks: `Attributed to ${i.attributedParty}.` } : {}),
  };
}

/** One CoT event without its XML declaration, to sit inside a larger document or stream. */
export function stripDeclaration(xml: string): string {
  return xml.replace(/^<\?xml[^>]*\?>\s*/, '');
}

/**
 * A CoT delete (`t-x-d-d`) for an incident's marker: TAK clients remove the item whose uid the
 * `link` names (ATAK also honours `__forcedelete` for items the user has touched). The event
 * carries the incident's own uid, as TAK servers send it. Incident ids are `inc-` and an
 * observation uid, which core validated as printable; they are escaped all the same.
 */
export function incidentDeleteCot(incidentId: string, nowMs: number): string {
  const uid = escapeXml(incidentCotUid(incidentId));
  const now = new Date(nowMs).toISOString();
  // A delete is not shown; a short stale keeps clients from holding it.
  const stale = new Date(nowMs + 60_000).toISOString();
  return (
    `<event version="2.0" uid="${uid}" type="t-x-d-d" how="m-g" time="${now}" start="${now}" stale="${stale}">` +
    `<point lat="0" lon="0" hae="9999999.0" ce="9999999.0" le="9999999.0"/>` +
    `<detail><link uid="${uid}" relation="none" type="none"/><__forcedelete/></detail></event>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
