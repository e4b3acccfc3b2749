/**
 * Euro reference rates (units of a currency per 1 EUR, as the ECB publishes them) and
 * conversion that never guesses: a figure is converted at the rate of its own date, and a
 * date without a loaded rate is an error naming the currency and the date, not the nearest
 * day's rate. Every converted figure carries the rate and date it used.
 */

import { inEnglish, reasoned, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import { divideRounded, exponentOf, formatScaled, isCurrency, readScaled } from './money.ts';
import { byRow, type ImportProblem, isIsoDate, readTable } from './table.ts';

/** Rates are kept to six decimals (the ECB publishes at most five significant decimals). */
export const RATE_SCALE = 6;

/** One currency's rate on one day. */
export interface EuroRate {
  readonly date: string;
  readonly currency: string;
  /** Units of `currency` per 1 EUR, times 10^6. */
  readonly ratePerEurMicro: bigint;
  readonly source: string;
}

/** What an ECB file gave. */
export interface RatesImport {
  readonly rowsRead: number;
  readonly rates: readonly EuroRate[];
  readonly problems: readonly ImportProblem[];
}

/**
 * Reads the ECB's euro foreign exchange reference rates CSV (`eurofxref-hist.csv`: a Date
 * column, then one column per currency; `N/A` where a currency had no rate that day).
 */
export function parseEcbRates(text: string, source: string): RatesImport {
  const table = readTable(text, ['date']);
  const problems: ImportProblem[] = [...table.problems];
  const first = table.rows[0];
  const currencies = first ? Object.keys(first.cells).filter((c) => c !== 'date' && c !== '') : [];
  for (const c of currencies) {
    if (!isCurrency(c.toUpperCase()))
      problems.push(
        reasoned(
          { row: 1, field: c.toUpperCase() },
          said('financeChecks.currencyNotTaken', { currency: c.toUpperCase() }),
        ),
      );
  }
  const rates: EuroRate[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const date = cells.date!;
    if (!isIsoDate(date)) {
      problems.push(reasoned({ row, field: 'Date' }, said('financeChecks.notDate', { text: date })));
      continue;
    }
    const earlier = seen.get(date);
    if (earlier !== undefined) {
      problems.push(
        reasoned({ row, field: 'Date' }, said('financeChecks.duplicateDate', { date, row: earlier })),
      );
      continue;
    }
    seen.set(date, row);
    for (const c of currencies) {
      const currency = c.toUpperCase();
      const cell = cells[c]!;
      if (cell === 'N/A' || cell === '') continue;
      const rate = readScaled(cell, RATE_SCALE);
      if (typeof rate !== 'bigint') problems.push(reasoned({ row, field: currency }, rate));
      else if (rate <= 0n)
        problems.push(
          reasoned({ row, field: currency }, said('financeChecks.rateNotPositive', { text: cell })),
        );
      else rates.push({ date, currency, ratePerEurMicro: rate, source });
    }
  }
  return { rowsRead: table.rows.length, rates, problems: byRow(problems) };
}

/** A figure converted, with the rate that made it. */
export interface Converted {
  readonly minor: bigint;
  readonly currency: string;
  /** Units per 1 EUR, as decimal text; "1" for EUR itself. */
  readonly ratePerEur: string;
  readonly rateDate: string;
  readonly rateSource: string;
}

/** Why an amount in `currency` on `date` cannot be converted, as a catalogue key and values. */
export function missingRateRefusal(currency: string, date: string): Refusal {
  return { key: 'financeChecks.missingRate', params: { currency, date } };
}

/** Why an amount in `currency` on `date` cannot be converted: no rate was loaded for that day. */
export function missingRateReason(currency: string, date: string): string {
  return inEnglish(missingRateRefusal(currency, date));
}

/** No rate for a currency on a date; `refusal` says so in the reader's language. */
export class MissingRateError extends Error {
  override readonly name = 'MissingRateError';
  readonly currency: string;
  readonly date: string;
  readonly refusal: Refusal;
  constructor(currency: string, date: string) {
    const refusal = missingRateRefusal(currency, date);
    super(inEnglish(refusal));
    this.currency = currency;
    this.date = date;
    this.refusal = refusal;
  }
}

/** Rates by currency and date. */
export type RateBook = ReadonlyMap<string, EuroRate>;

/** A rate book from loaded rates. */
export function rateBook(rates: Iterable<EuroRate>): RateBook {
  return new Map([...rates].map((r) => [`${r.currency} ${r.date}`, r]));
}

/** The rate of a currency on a date, or MissingRateError. */
export function rateOn(book: RateBook, currency: string, date: string): EuroRate {
  const rate = book.get(`${currency} ${date}`);
  if (!rate) throw new MissingRateError(currency, date);
  return rate;
}

/** An amount in minor units of `currency` as euro cents at the rate of `date` (half to even). */
export function toEur(book: RateBook, amountMinor: bigint, currency: string, date: string): Converted {
  const converted = toEurIfRated(book, amountMinor, currency, date);
  if (!converted) throw new MissingRateError(currency, date);
  return converted;
}

/**
 * As {@link toEur}, but undefined when no rate is loaded for the day: for sums over many groups,
 * where a missing rate is an expected outcome to report (`missingRateReason`), not an error to
 * throw once per group.
 */
export function toEurIfRated(
  book: RateBook,
  amountMinor: bigint,
  currency: string,
  date: string,
): Converted | undefined {
  if (currency === 'EUR')
    return { minor: amountMinor, currency: 'EUR', ratePerEur: '1', rateDate: date, rateSource: 'identity' };
  const rate = book.get(`${currency} ${date}`);
  if (!rate) return undefined;
  const minor = divideRounded(
    amountMinor * 10n ** BigInt(2 + RATE_SCALE),
    rate.ratePerEurMicro * 10n ** BigInt(exponentOf(currency)),
  );
  return {
    minor,
    currency: 'EUR',
    ratePerEur: rateText(rate.ratePerEurMicro),
    rateDate: date,
    rateSource: rate.source,
  };
}

/** Euro cents in minor units of `currency` at the rate of `date` (half to even). */
export function fromEur(book: RateBook, eurMinor: bigint, currency: string, date: string): Converted {
  if (currency === 'EUR')
    return { minor: eurMinor, currency, ratePerEur: '1', rateDate: date, rateSource: 'identity' };
  const rate = rateOn(book, currency, date);
  const minor = divideRounded(
    eurMinor * rate.ratePerEurMicro * 10n ** BigInt(exponentOf(currency)),
    10n ** BigInt(2 + RATE_SCALE),
  );
  return {
    minor,
    currency,
    ratePerEur: rateText(rate.ratePerEurMicro),
    rateDate: date,
    rateSource: rate.source,
  };
}

/** A rate as its shortest decimal text: 1125200n → "1.1252". */
export function rateText(micro: bigint): string {
  return formatScaled(micro, RATE_SCALE).replace(/\.?0+$/, '');
}
