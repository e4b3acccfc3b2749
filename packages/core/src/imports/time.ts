/**
 * ISO 8601 instants at the edges (CoT `time`/`start`/`stale`, CSV `start`/`end`).
 * A zone is required: a local time without one cannot be placed on the timeline.
 */

import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of an ISO 8601 instant with a zone (`Z` or `±hh:mm`), or undefined if it is not one. */
export function parseIsoInstantMs(text: string): number | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
  // Date.parse takes at most milliseconds (CoT senders write microseconds) and rolls
  // 2023-02-30 over to March, so rebuild the fields and compare them.
  const ms = frac.padEnd(3, '0').slice(0, 3);
  const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
  const value = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  if (Number.isNaN(value)) return undefined;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  const sameFields =
    check.getUTCFullYear() === Number(y) &&
    check.getUTCMonth() === Number(mo) - 1 &&
    check.getUTCDate() === Number(d) &&
    check.getUTCHours() === Number(h) &&
    check.getUTCMinutes() === Number(mi) &&
    check.getUTCSeconds() === Number(s);
  return sameFields ? value : undefined;
}

/** How to read a date whose parts could be in either order (`03/04/2024`). */
export type DateOrder = 'dmy' | 'mdy';

/** What a file's times need beyond ISO 8601 with a zone. */
export interface TimeReading {
  /** IANA zone for times without one and for dates without a time (a date is that whole day there). */
  readonly zone?: string;
  /** Order of slash-separated dates; `DD.MM.YYYY` is always day first. */
  readonly dateOrder?: DateOrder;
}

/** A time read from a cell: an instant, or a whole day (from its first to its last millisecond). */
export type ReadTime =
  | { readonly ok: true; readonly startMs: number; readonly endMs: number; readonly dayOnly: boolean }
  | { readonly ok: false; readonly reason: string; readonly refusal: Refusal };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
// ACLED's older exports: "05 March 2024", "5-March-2024", "05-Mar-24" is not accepted (two-digit year).
const NAMED_DATE = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/**
 * Reads a time as files from others write it: an ISO 8601 instant with a zone; or a date
 * (`2024-03-05`, `05.03.2024`, `05/03/2024` with a date order, `5 March 2024`), optionally
 * followed by a clock time (`14:30`, `14:30:05`), read in `reading.zone`. A date without a
 * clock time is the whole day in that zone. Never throws: a failure says what to give.
 */
export function readTime(text: string, reading: TimeReading = {}): ReadTime {
  const raw = text.trim();
  const instant = parseIsoInstantMs(raw);
  if (instant !== undefined) return { ok: true, startMs: instant, endMs: instant, dayOnly: false };
  const [datePart, clockPart, ...rest] = raw.split(/[T ](?=\d{1,2}:)/);
  if (datePart === undefined || rest.length > 0) return notATime(raw);
  const date = readDate(datePart, reading.dateOrder);
  if (date !== undefined && !Array.isArray(date)) return reasoned({ ok: false }, date);
  if (!date) return notATime(raw);
  const clock = clockPart === undefined ? undefined : CLOCK.exec(clockPart);
  if (clockPart !== undefined && !clock) return notATime(raw);
  if (!reading.zone) {
    return reasoned({ ok: false }, said('importChecks.noZone', { text: raw.slice(0, 40) }));
  }
  const [y, m, d] = date;
  if (!clock) {
    const startMs = zonedMs(reading.zone, y, m, d, 0, 0, 0, 0);
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    const nextMs = zonedMs(
      reading.zone,
      next.getUTCFullYear(),
      next.getUTCMonth() + 1,
      next.getUTCDate(),
      0,
      0,
      0,
      0,
    );
    return { ok: true, startMs, endMs: nextMs - 1, dayOnly: true };
  }
  const [, h, mi, s = '0', frac = '0'] = clock;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return notATime(raw);
  const ms = zonedMs(reading.zone, y, m, d, Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  return { ok: true, startMs: ms, endMs: ms, dayOnly: false };
}

/** [year, month, day] as written, before the calendar check. */
function dateParts(text: string, order: DateOrder | undefined): [number, number, number] | Said | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dotted = DOTTED_DATE.exec(text);
  if (dotted) return [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  const named = NAMED_DATE.exec(text);
  if (named) {
    const name = named[2]!.toLowerCase();
    const month = MONTHS.findIndex((full) => full === name || (name.length === 3 && full.startsWith(name)));
    if (month < 0) return said('importChecks.notMonthName', { text, month: named[2] });
    return [Number(named[3]), month + 1, Number(named[1])];
  }
  const slashed = SLASHED_DATE.exec(text);
  if (!slashed) return undefined;
  const a = Number(slashed[1]);
  const b = Number(slashed[2]);
  const resolved = order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined);
  if (!resolved) return said('importChecks.dateOrder', { text });
  return resolved === 'dmy' ? [Number(slashed[3]), b, a] : [Number(slashed[3]), a, b];
}

function notATime(raw: string): ReadTime {
  return reasoned({ ok: false }, said('importChecks.notTime', { text: raw.slice(0, 40) }));
}

/** [year, month, day] of a date, undefined when it is no date format, or a reason when it is a wrong one. */
function readDate(text: string, order: DateOrder | undefined): [number, number, number] | Said | undefined {
  const parts = dateParts(text, order);
  if (parts !== undefined && !Array.isArray(parts)) return parts;
  if (!parts) return undefined;
  const [y, mo, d] = parts;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return said('importChecks.notCalendarDate', { text });
  }
  return parts;
}

/** True when `zone` is an IANA time zone this runtime knows (e.g. `Europe/Kyiv`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ZONE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC at the instant `utcMs`, in ms (Kyiv in winter: +7,200,000). */
function zoneOffsetMs(zone: string, utcMs: number): number {
  let format = ZONE_FORMATS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    ZONE_FORMATS.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(utcMs).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(
    part['year']!,
    part['month']! - 1,
    part['day']!,
    part['hour']!,
    part['minute']!,
    part['second']!,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The instant a wall-clock time in `zone` stands for (in a gap the later offset, in an overlap the earlier). */
function zonedMs(
  zone: string,
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = wall - zoneOffsetMs(zone, wall);
  const second = wall - zoneOffsetMs(zone, first);
  return Math.min(first, second);
}
