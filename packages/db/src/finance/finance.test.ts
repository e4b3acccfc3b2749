import { readFileSync } from 'node:fs';
import { parseReleasability } from '@guarantor/core/access';
import { formatMinor, parseEcbRates, parseKielCsv, parseNeeds } from '@guarantor/core/finance';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { asReader, type ReaderContext } from '../access.ts';
import { verifyAudit } from '../audit.ts';
import type { GuarantorDatabase } from '../connection.ts';
import {
  financeSummary,
  listFlows,
  listNeeds,
  loadRates,
  putRates,
  replaceKielFlows,
  replaceNeeds,
} from './index.ts';

const KIEL = sharedData('kiel/ust_data_explorer.csv', 'Kiel Ukraine Support Tracker (TEST ONLY)');
const ECB = sharedData('finance/ecb_eurofxref_hist.csv', 'ECB euro reference rates');
const RDNA = sharedData('finance/rdna_needs_by_sector.csv', 'RDNA needs by sector');

const AT = new Date('2026-11-27T08:00:00Z');
const reader = (nation: string | null): ReaderContext => ({ nation, coalitionMember: nation !== null });
const DEU_STAFF = { username: 'deu-finance', nation: 'DEU' };

/** The tracker's own column sum in EUR bn, six decimals, apart from Guarantor's money code. */
function columnSum(text: string, iso: string | null, column: string): string {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',').map((h) => h.replaceAll('"', ''));
  let sum = 0n;
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map((c) => c.replaceAll('"', ''));
    if (iso !== null && cells[header.indexOf('iso')] !== iso) continue;
    const [whole, fraction = ''] = cells[header.indexOf(column)]!.split('.');
    sum += BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  }
  const digits = sum.toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** Euro cents as EUR billions with the tracker's six decimals; fails if a digit would be dropped. */
function asBn(cents: bigint): string {
  expect(cents % 100_000n).toBe(0n);
  const digits = (cents / 100_000n).toString().padStart(7, '0');
  return `${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`reconstruction finance in the store on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it.skipIf(KIEL.skip)(
      "stores the whole Kiel release; the summary's totals per donor and category equal the tracker's column sums to the last digit",
      async () => {
        const text = readFileSync(KIEL.path, 'utf8');
        const read = parseKielCsv(text);
        expect(read.problems).toEqual([]);
        const stored = await asReader(database.db, reader('DEU'), (trx) =>
          replaceKielFlows(trx, 'kiel-r29', read, {
            actor: DEU_STAFF,
            label: parseReleasability('COALITION'),
            at: AT,
            sourceDocument: 'Ukraine Support Tracker, Release 29 (04/2026)',
          }),
        );
        expect(stored).toEqual({ source: 'kiel-r29@DEU', donors: 42, flows: read.flows.length, replaced: 0 });
        const summary = await asReader(database.db, reader('FRA'), (trx) =>
          financeSummary(trx, { byMonth: false }),
        );
        expect(summary.unconverted).toEqual([]);
        expect(summary.donors).toHaveLength(42);
        let compared = 0;
        for (const donor of summary.donors) {
          const row = (category: string) =>
            summary.rows.find((r) => r.donor === donor.code && r.category === category);
          for (const category of ['military', 'financial', 'humanitarian'] as const) {
            expect(asBn(row(category)?.allocated ?? 0n), `${donor.code} ${category}`).toBe(
              columnSum(text, donor.code, category),
            );
          }
          expect(asBn(row('all')!.allocated), `${donor.code} total`).toBe(
            columnSum(text, donor.code, 'total'),
          );
          expect(asBn(row('all')!.committed), `${donor.code} commitments`).toBe(
            columnSum(text, donor.code, 'commitments'),
          );
          compared += 5;
        }
        expect(compared).toBe(210);
        const all = summary.rows.filter((r) => r.category === 'all');
        expect(asBn(all.reduce((s, r) => s + r.allocated, 0n))).toBe(columnSum(text, null, 'total'));
        expect(asBn(all.reduce((s, r) => s + r.committed, 0n))).toBe(columnSum(text, null, 'commitments'));
        // By month, the rows add up to the same totals.
        const monthly = await asReader(database.db, reader('FRA'), (trx) =>
          financeSummary(trx, { byMonth: true }),
        );
        const monthlyAll = monthly.rows.filter((r) => r.category === 'all');
        expect(asBn(monthlyAll.reduce((s, r) => s + r.allocated, 0n))).toBe('358.399501');
        // The drill-down holds the records behind a figure, with their source row.
        const usa = await asReader(database.db, reader('FRA'), (trx) =>
          listFlows(trx, { donor: 'USA', category: 'military', limit: 1000 }),
        );
        expect(asBn(usa.flows.reduce((s, f) => s + f.amountMinor, 0n))).toBe(
          columnSum(text, 'USA', 'military'),
        );
        expect(usa.flows[0]).toMatchObject({
          stage: 'allocation',
          iatiTransactionType: null,
          currency: 'EUR',
        });
        expect(usa.flows[0]!.sourceKey).toMatch(/^row \d+ allocation military$/);
        // Importing the same file again replaces it: the totals do not double.
        const again = await asReader(database.db, reader('DEU'), (trx) =>
          replaceKielFlows(trx, 'kiel-r29', read, {
            actor: DEU_STAFF,
            label: parseReleasability('COALITION'),
            at: AT,
            sourceDocument: 'Ukraine Support Tracker, Release 29 (04/2026)',
          }),
        );
        expect(again.replaced).toBe(read.flows.length);
        const after = await asReader(database.db, reader('FRA'), (trx) =>
          financeSummary(trx, { byMonth: false }),
        );
        expect(after.rows).toEqual(summary.rows);
        expect((await verifyAudit(database.db)).ok).toBe(true);
      },
    );

    it('keeps a NATIONAL pledge to its nation, in the summary and the drill-down, and in the database itself', async () => {
      const read = parseKielCsv(
        [
          '"country","iso","year","month","total","financial","humanitarian","military","commitments","to_be_allocated"',
          '"Qatar","QAT",2026,1,0.5,0,0,0.5,2,1.5',
        ].join('\n'),
      );
      await asReader(database.db, reader('POL'), (trx) =>
        replaceKielFlows(trx, 'pol-secret', read, {
          actor: { username: 'pol-finance', nation: 'POL' },
          label: parseReleasability('NATIONAL POL'),
          at: AT,
          sourceDocument: 'unannounced',
        }),
      );
      const sees = async (nation: string | null) => {
        const s = await asReader(database.db, reader(nation), (trx) =>
          financeSummary(trx, { byMonth: false }),
        );
        const flows = await asReader(database.db, reader(nation), (trx) =>
          listFlows(trx, { donor: 'QAT', month: '2026-01', limit: 10 }),
        );
        return {
          rows: s.rows.filter((r) => r.donor === 'QAT'),
          flows: flows.flows,
        };
      };
      expect((await sees('POL')).rows.map((r) => r.category)).toEqual(['all', 'military', 'unsplit']);
      expect((await sees('POL')).flows.map((f) => f.releasability)).toEqual(['NATIONAL POL', 'NATIONAL POL']);
      for (const other of ['FRA', 'USA', null]) {
        expect(await sees(other), String(other)).toEqual({ rows: [], flows: [] });
      }
      const raw = await asReader(database.db, reader('FRA'), (trx) =>
        sql<{
          n: number;
        }>`select count(*)::int as n from finance_flow where source = 'pol-secret@POL'`.execute(trx),
      );
      expect(raw.rows[0]!.n).toBe(0);
    });

    it('refuses at the database what the parsers refuse: a negative amount, a stage with the wrong IATI code', async () => {
      const insert = (amount: string, type: number | null) =>
        asReader(database.db, reader('DEU'), (trx) =>
          trx
            .insertInto('finance_donor')
            .values({ code: 'KFW', kind: 'institution' })
            .onConflict((oc) => oc.column('code').doNothing())
            .execute()
            .then(() =>
              trx
                .insertInto('finance_flow')
                .values({
                  donor_code: 'KFW',
                  donor_name: 'KfW Development Bank',
                  stage: 'disbursement',
                  iati_transaction_type: type,
                  amount_minor: amount,
                  currency: 'EUR',
                  value_date: '2026-01-01',
                  category: null,
                  sector_vocabulary: null,
                  sector_code: null,
                  region_code: null,
                  recipient: null,
                  source: 'x@DEU',
                  source_document: 'x',
                  source_key: `k${amount}${type}`,
                  imported_by: 'x',
                  imported_at: AT,
                  rel_kind: 'COALITION',
                  rel_nations: [],
                })
                .execute(),
            ),
        );
      await expect(insert('-1', 3)).rejects.toThrow();
      await expect(insert('1', 2)).rejects.toThrow();
      await expect(insert('9223372036854775807', 3)).resolves.toBeDefined();
      const big = await asReader(database.db, reader('DEU'), (trx) =>
        listFlows(trx, { donor: 'KFW', limit: 10 }),
      );
      // The largest bigint comes back to the last digit: amounts are never read as floats.
      expect(formatMinor(big.flows[0]!.amountMinor, 'EUR')).toBe('92233720368547758.07');
    });

    it.skipIf(ECB.skip || RDNA.skip)('stores ECB rates exactly and needs with their sources', async () => {
      const rates = parseEcbRates(readFileSync(ECB.path, 'utf8'), 'ECB euro reference rates');
      const put = await asReader(database.db, reader('DEU'), (trx) =>
        putRates(trx, rates.rates, { actor: DEU_STAFF, at: AT }),
      );
      expect(put).toMatchObject({ rates: 9427, firstDate: '2022-01-03', lastDate: '2025-05-09' });
      const loaded = await asReader(database.db, reader(null), (trx) => loadRates(trx));
      expect(loaded.find((r) => r.currency === 'JPY' && r.date === '2025-05-09')?.ratePerEurMicro).toBe(
        163_360_000n,
      );
      const needs = parseNeeds(readFileSync(RDNA.path, 'utf8'));
      await asReader(database.db, reader('DEU'), (trx) =>
        replaceNeeds(trx, 'rdna', needs.needs, {
          actor: DEU_STAFF,
          label: parseReleasability('PUBLIC'),
          at: AT,
        }),
      );
      const listed = await asReader(database.db, reader(null), (trx) => listNeeds(trx));
      expect(listed).toHaveLength(14);
      expect(listed[0]).toMatchObject({
        assessment: 'RDNA5',
        sector: 'TOTAL',
        rounded: true,
        releasability: 'PUBLIC',
      });
      expect(formatMinor(listed[0]!.needsMinor, 'USD')).toBe('588000000000.00');
    });
  });
}
