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
