/**
 * Synthetic IATI 2.03 activity files for the finance benchmarks (bench/finance.ts,
 * bench/public.ts): 40 activities of one donor each, commitments and disbursements spread
 * over 12 DAC sectors.
 */

/** DAC 5-digit purpose codes the synthetic files spread over (12 DAC categories). */
export const SECTORS = [
  '15250',
  '21020',
  '23630',
  '16030',
  '31110',
  '12220',
  '11220',
  '14020',
  '25010',
  '32130',
  '73010',
  '72010',
];
const DONORS = 120;
/** Oblast capitals (lat lon) an activity may be located at: Kharkiv, Zaporizhzhia, Dnipro, Mykolaiv, Kherson, Sumy. */
const PLACES = [
  '49.9935 36.2304',
  '47.8388 35.1396',
  '48.4647 35.0462',
  '46.9750 31.9946',
  '46.6354 32.6169',
  '50.9077 34.7981',
];

/**
 * IATI file `file` of `n` transactions: 40 activities of one donor each (donors cycle through
 * DONORS), commitments and disbursements over 2022–2026, a quarter in US dollars when the ECB
 * rates are loaded, every tenth activity located in an oblast's capital.
 */
export function syntheticIati(file: number, n: number, dollars: boolean): string {
  const perActivity = Math.ceil(n / 40);
  const activities: string[] = [];
  for (let a = 0; a < 40; a++) {
    const donor = (file * 40 + a) % DONORS;
    const txs: string[] = [];
    for (let t = 0; t < perActivity && a * perActivity + t < n; t++) {
      const type = t % 2 === 0 ? 2 : 3;
      const i = file * n + a * perActivity + t;
      // A disbursement pays half of the commitment before it, in its currency: no activity disburses more than it commits.
      const pair = file * n + a * perActivity + t - (t % 2);
      const day = `${2022 + (i % 5)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const currency = dollars && pair % 8 === 0 ? ' currency="USD"' : '';
      const base = 1000 + (pair % 997) * 7;
      txs.push(
        `<transaction ref="${t}"><transaction-type code="${type}"/><transaction-date iso-date="${day}"/><value value-date="${day}"${currency}>${base * (type === 2 ? 2 : 1)}.00</value><sector vocabulary="1" code="${SECTORS[i % SECTORS.length]}"/></transaction>`,
      );
    }
    const place = a % 10 === 0 ? PLACES[(file + a) % PLACES.length] : undefined;
    const location = place
      ? `<location><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>${place}</pos></point></location>`
      : '';
    activities.push(
      `<iati-activity default-currency="EUR"><iati-identifier>XM-BENCH-${donor}-${file}-${a}</iati-identifier><reporting-org ref="XM-BENCH-${donor}" type="40"><narrative>Bench donor ${donor}</narrative></reporting-org><title><narrative>Bench activity ${file}-${a}</narrative></title><description><narrative>bench</narrative></description><participating-org ref="XM-BENCH-${donor}" role="1"><narrative>Bench donor ${donor}</narrative></participating-org><activity-status code="2"/><activity-date type="2" iso-date="2022-01-01"/>${location}${txs.join('')}</iati-activity>`,
    );
  }
  return `<iati-activities version="2.03">${activities.join('')}</iati-activities>`;
}
