/** The words both report formats (HTML and PDF) say the same way: dates, changes, the summary. */
import type { DailyReport } from './daily.ts';

/** "explosion_impact" → "explosion impact". */
export const words = (id: string) => id.replaceAll('_', ' ');

/** 26 November 2026. */
export function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "+3", "−2", "0". */
export function change(today: number, previous: number): string {
  const d = today - previous;
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0';
}

/** A sentence in the OSCE manner: how the day compares with the one before. */
export function summarySentence(r: DailyReport): string {
  const t = r.totals.today.all;
  const p = r.totals.previous.all;
  const trend = t > p ? 'more' : t < p ? 'fewer' : 'as many';
  const blind = r.sectors.filter((s) => !s.monitoredToday).map((s) => s.name);
  return (
    `Monitors recorded ${t} ceasefire violation${t === 1 ? '' : 's'} (${r.totals.today.verified} verified), ${trend} than on the previous day (${p}).` +
    (blind.length > 0 ? ` No source watched ${blind.join(', ')}: low counts there do not mean calm.` : '')
  );
}

/** "14:05", or "date only" for an incident known to the day, not the hour (most real event data). */
export function incidentTime(i: { readonly start: Date; readonly dateOnly: boolean }): string {
  return i.dateOnly ? 'date only' : i.start.toISOString().slice(11, 16);
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
export function sourceSummary(r: DailyReport): {
  readonly down: readonly NamedSource[];
  readonly silent: readonly NamedSource[];
  /** "osint: 61 sources, 1,234 observations; patrol: 5 sources, 40 observations". */
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
      text: `${s.sourceId} (${words(s.sourceKind)}, ${s.status}${sectorsOf(s.sectors)}${s.note ? `; ${s.note}` : ''})`,
    }));
  const silent = r.sources
    .filter((s) => s.status === 'active' && s.observations === 0)
    .map((s) => ({ id: s.sourceId, text: `${s.sourceId} (${words(s.sourceKind)}${sectorsOf(s.sectors)})` }));
  const byKind = new Map<string, { sources: number; observations: number }>();
  for (const s of r.sources.filter((x) => x.status === 'active' && x.observations > 0)) {
    const k = byKind.get(s.sourceKind) ?? { sources: 0, observations: 0 };
    byKind.set(s.sourceKind, { sources: k.sources + 1, observations: k.observations + s.observations });
  }
  const n = (x: number) => x.toLocaleString('en');
  const activeByKind = [...byKind.entries()]
    .sort((a, b) => b[1].observations - a[1].observations || a[0].localeCompare(b[0]))
    .map(
      ([kind, k]) =>
        `${words(kind)}: ${n(k.sources)} source${k.sources === 1 ? '' : 's'}, ${n(k.observations)} observation${k.observations === 1 ? '' : 's'}`,
    )
    .join('; ');
  return { down, silent, activeByKind, active: [...byKind.values()].reduce((a, k) => a + k.sources, 0) };
}
