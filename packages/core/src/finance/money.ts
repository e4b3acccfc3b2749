/**
 * Money as exact integers. An amount is a bigint of the currency's minor units (cents; yen
 * have none), never a binary float: 0.1 + 0.2 must be 0.3 when a tracker's column is summed
 * over a thousand rows. Decimal text in, decimal text out.
 */

import { type Said, said } from '../i18n/reasons/index.ts';

/** ISO 4217 currencies this store takes, with their minor-unit exponent (ISO 4217's own). */
export const CURRENCY_EXPONENT: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  JPY: 0,
  CAD: 2,
  NOK: 2,
  SEK: 2,
  PLN: 2,
  DKK: 2,
  CZK: 2,
  AUD: 2,
  UAH: 2,
  // The rest of the ECB's reference currencies, so its full file loads.
  BGN: 2,
  HUF: 2,
  RON: 2,
  ISK: 0,
  TRY: 2,
  BRL: 2,
  CNY: 2,
  HKD: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  KRW: 0,
  MXN: 2,
  MYR: 2,
  NZD: 2,
  PHP: 2,
  SGD: 2,
  THB: 2,
  ZAR: 2,
};

/** Whether a code is a currency this store takes. */
export function isCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_EXPONENT, code);
}

/** The minor-unit exponent of a currency; throws for one this store does not take. */
export function exponentOf(currency: string): number {
  const exponent = CURRENCY_EXPONENT[currency];
  if (exponent === undefined) throw new RangeError(`${currency} is not a currency Guarantor takes`);
  return exponent;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * A plain decimal (`12`, `0.002645`, `-3.5`; no exponent, no thousands separator) times
 * 10^scale, exactly; a string saying what is wrong when the text is not such a number or has
 * more decimals than the scale can hold (a digit would be lost).
 */
export function parseScaled(text: string, scale: number): bigint | string {
  const read = readScaled(text, scale);
  return typeof read === 'bigint' ? read : read.reason;
}

/** As {@link parseScaled}, the problem said as a reason with its refusal (for import problems). */
export function readScaled(text: string, scale: number): bigint | Said {
  const match = DECIMAL.exec(text.trim());
  if (!match) return said('financeChecks.notDecimal', { text });
  const [, sign, whole, fraction = ''] = match;
  const kept = fraction.replace(/0+$/, '');
  if (kept.length > scale) {
    return said('financeChecks.tooManyDecimals', { text, count: kept.length, scale });
  }
  const digits = BigInt(whole! + kept.padEnd(scale, '0'));
  return sign === '-' ? -digits : digits;
}

/** An integer scaled by 10^scale as plain decimal text, with exactly `scale` decimals. */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Minor units as the currency's decimal text: 264500000n EUR → "2645000.00". */
export function formatMinor(minor: bigint, currency: string): string {
  return formatScaled(minor, exponentOf(currency));
}

/** `a / b` rounded half to even (banker's rounding: sums of many rounded figures do not drift one way). */
export function divideRounded(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const negative = a < 0n !== b < 0n;
  const n = a < 0n ? -a : a;
  const d = b < 0n ? -b : b;
  let q = n / d;
  const twice = (n % d) * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** `part / whole` as a decimal ratio with four decimals ("0.8125"), or null when whole is zero. */
export function ratioText(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  return formatScaled(divideRounded(part * 10_000n, whole), 4);
}
