/**
 * Amounts as people read them, from the API's exact decimal text, without a float: "€64.83 bn",
 * "€250.0 m". Rounded half up at the last shown digit; the exact figure is in the title and the CSV.
 */

function scaled(text: string): bigint {
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return text.startsWith('-') ? -cents : cents;
}

function rounded(cents: bigint, unitCents: bigint, decimals: number): string {
  const factor = 10n ** BigInt(decimals);
  const n = (cents * factor * 2n + unitCents) / (unitCents * 2n);
  const digits = n.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** "€64.83 bn", "€250.0 m", "€12,500" for a decimal text amount in major units. */
export function moneyShort(text: string, currency = 'EUR'): string {
  const symbol = currency === 'EUR' ? '€' : currency === 'USD' ? '$' : `${currency} `;
  const cents = scaled(text);
  const abs = cents < 0n ? -cents : cents;
  const sign = cents < 0n ? '−' : '';
  if (abs >= 100_000_000_000n) return `${sign}${symbol}${rounded(abs, 100_000_000_000n, 2)} bn`;
  if (abs >= 100_000_000n) return `${sign}${symbol}${rounded(abs, 100_000_000n, 1)} m`;
  return `${sign}${symbol}${Number(rounded(abs, 100n, 0)).toLocaleString('en-GB')}`;
}

/** A ratio "0.8125" as "81.3 %"; null as a dash. */
export function percent(ratio: string | null): string {
  if (ratio === null) return '—';
  const [whole = '0', fraction = ''] = ratio.split('.');
  const basis = BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  const tenths = (basis + 5n) / 10n;
  return `${tenths / 10n}.${tenths % 10n} %`;
}
