/** Month arithmetic: `YYYY-MM` at the edges, month numbers (year × 12 + month − 1) inside. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The month number of `YYYY-MM`, or NaN when it is not a month. */
export function monthNumber(month: string): number {
  const m = MONTH.exec(month);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : Number.NaN;
}

/** `YYYY-MM` of a month number. */
export function monthKey(n: number): string {
  const year = Math.floor(n / 12);
  return `${String(year).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Milliseconds at the start (UTC) of a month number. */
export function monthStartMs(n: number): number {
  return Date.UTC(Math.floor(n / 12), n % 12, 1);
}

/** "March 2027". */
export function monthInWords(n: number): string {
  return new Date(monthStartMs(n)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The month number a real `YYYY-MM-DD` date falls in, or NaN when it is not a real date. */
export function monthOfDate(date: string): number {
  const m = DATE.exec(date);
  if (!m) return Number.NaN;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return Number.NaN;
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** Whether `date` (a real `YYYY-MM-DD`) is the last day of its month. */
export function isLastDayOfMonth(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return new Date(ms + 86_400_000).getUTCDate() === 1;
}

/**
 * The last month a mandate ending on `date` (inclusive) covers whole: its own month when the
 * mandate runs to the month's last day, else the month before.
 */
export function lastMandateMonth(date: string): number {
  const month = monthOfDate(date);
  return isLastDayOfMonth(date) ? month : month - 1;
}
