/**
 * The words both report formats (HTML and PDF) say the same way, in the reader's language:
 * names of categories, states and sources, changes, the summary sentence, the sources paragraph.
 */
import type { Words } from '@guarantor/core/i18n';
import type { DailyReport, ReportIncident } from './daily.ts';

/** A code's name from a catalogue group (`common.category`), or the code with spaces when unknown. */
export function named(w: Words, group: string, id: string): string {
  const key = `${group}.${id}`;
  const text = w.t(key);
  return text === key ? id.replaceAll('_', ' ') : text;
}

/** "explosion_impact" → "explosion (impact)", "вибух (влучання)", "explosion (impact)". */
export const categoryName = (w: Words, id: string) => named(w, 'common.category', id);
/** "verified" → "verified", "верифіковано", "vérifié". */
export const stateName = (w: Words, id: string) => named(w, 'common.state', id);
/** "buffer_zone" → "buffer zone". */
export const zoneKindName = (w: Words, id: string) => named(w, 'common.zoneKind', id);
/** "party_claim" → "party claim". */
export const sourceKindName = (w: Words, id: string) => named(w, 'common.sourceKind', id);

/** "+3", "−2", "0". */
export function change(w: Words, today: number, previous: number): string {
  const d = today - previous;
  return d > 0 ? `+${w.number(d)}` : d < 0 ? `−${w.number(-d)}` : w.number(0);
}

/** The oblast (or city with special status) an incident lies in, in the reader's language. */
export function regionName(w: Words, region: ReportIncident['region']): string | null {
  if (!region) return null;
  return w.language === 'uk' ? (region.nameUk ?? region.nameEn) : region.nameEn;
}

/** A sentence in the OSCE manner: how the day compares with the one before. */
export function summarySentence(w: Words, r: DailyReport): string {
  const t = r.totals.today.all;
  const p = r.totals.previous.all;
  const key = t > p ? 'summaryMore' : t < p ? 'summaryFewer' : 'summarySame';
  const blind = r.sectors.filter((s) => !s.monitoredToday).map((s) => s.name);
  const sentence = w.t(`report.daily.${key}`, {
    count: t,
    verified: w.number(r.totals.today.verified),
    previous: w.number(p),
  });
  return blind.length > 0 ? `${sentence} ${w.t('report.daily.blind', { sectors: w.list(blind) })}` : sentence;
}

/** "14:05", or "date only" for an incident known to the day, not the hour (most real event data). */
export function incidentTime(w: Words, i: { readonly start: Date; readonly dateOnly: boolean }): string {
  return i.dateOnly ? w.t('report.incidents.dateOnly') : i.start.toISOString().slice(11, 16);
}

/** "48.3000° N, 37.2000° E" with the language's decimal sign and words. */
export function position(w: Words, p: readonly [number, number]): string {
  return w.t('report.spot.position', { latitude: w.number(p[1], 4), longitude: w.number(p[0], 4) });
}

/** One source that is down, degraded or silent, in words (its sectors by name). */
export interface NamedSource {
  readonly id: string;
  readonly text: string;
}

/**
 * The sources of a day in a paragraph's worth: those down or degraded named, those recorded
 * but silent (no observation that day) named, and the active ones counted by kind, since a day
 * of real data has dozens of outlets that no reader wants listed inline.
 */
export function sourceSummary(
  w: Words,
  r: DailyReport,
): {
  readonly down: readonly NamedSource[];
  readonly silent: readonly NamedSource[];
  /** "OSINT: 61 sources, 1,234 observations; patrol: 5 sources, 40 observations". */
  readonly activeByKind: string;
  readonly active: number;
} {
  const sectorName = new Map(r.sectors.map((s) => [s.id, s.name]));
  const sectorsOf = (sectors: readonly string[]) =>
    sectors.length ? `; ${sectors.map((s) => sectorName.get(s) ?? s).join(', ')}` : '';
  const down = r.sources
    .filter((s) => s.status !== 'active')
    .map((s) => ({
      id: s.sourceId,
      text: `${s.sourceId} (${sourceKindName(w, s.sourceKind)}, ${named(w, 'common.sourceStatus', s.status)}${sectorsOf(s.sectors)}${s.note ? `; ${s.note}` : ''})`,
    }));
  const silent = r.sources
    .filter((s) => s.status === 'active' && s.observations === 0)
    .map((s) => ({
      id: s.sourceId,
      text: `${s.sourceId} (${sourceKindName(w, s.sourceKind)}${sectorsOf(s.sectors)})`,
    }));
  const byKind = new Map<string, { sources: number; observations: number }>();
  for (const s of r.sources.filter((x) => x.status === 'active' && x.observations > 0)) {
    const k = byKind.get(s.sourceKind) ?? { sources: 0, observations: 0 };
    byKind.set(s.sourceKind, { sources: k.sources + 1, observations: k.observations + s.observations });
  }
  const counted = (key: string, count: number) => w.t(`report.daily.${key}`, { count });
  const activeByKind = [...byKind.entries()]
    .sort((a, b) => b[1].observations - a[1].observations || a[0].localeCompare(b[0]))
    .map(
      ([kind, k]) =>
        `${sourceKindName(w, kind)}: ${counted('sourceCount', k.sources)}, ${counted('observationCount', k.observations)}`,
    )
    .join('; ');
  return { down, silent, activeByKind, active: [...byKind.values()].reduce((a, k) => a + k.sources, 0) };
}

/** A report's day as the language writes it (6 груд. 2026 р., 6 déc. 2026); English keeps ISO, as it always printed. */
export function dayWords(w: Words, isoDay: string): string {
  return w.language === 'en' ? isoDay : w.shortDate(isoDay);
}
