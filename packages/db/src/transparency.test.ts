import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, testEngines } from '../../../test/support/databases.ts';
import { asAnonymous, asReader } from './access.ts';
import type { GuarantorDatabase } from './connection.ts';

const AT = new Date('2026-11-20T12:00:00Z');
const LABELS = [
  ['PUBLIC', []],
  ['COALITION', []],
  ['REL', ['DEU', 'POL']],
  ['NATIONAL', ['FRA']],
] as const;

/** The labelled tables the anonymous role may read (migration 0021). */
const ANON_TABLES = [
  'finance_flow',
  'finance_need',
  'offer',
  'mission',
  'coalition_nation',
  'zone',
  'incident',
  'observation',
  'violation_rule',
  'source_status',
  'campaign_phase',
  'phase_rule',
  'phase_guard',
  'sector_status',
  'sector_day_fact',
  'humanitarian_presence',
] as const;

for (const engine of (await testEngines()) as TestEngine[]) {
  describe.skipIf(engine.skip)(`the anonymous database role on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    beforeAll(async () => {
      database = await engine.open();
      await database.db.insertInto('finance_donor').values({ code: 'XM-T', kind: 'institution' }).execute();
      // As the owner (the seed's role): one flow and one sector fact under each label.
      for (const [kind, nations] of LABELS) {
        await database.db
          .insertInto('finance_flow')
          .values({
            donor_code: 'XM-T',
            donor_name: `donor ${kind}`,
            stage: 'commitment',
            iati_transaction_type: 2,
            amount_minor: '100',
            currency: 'EUR',
            value_date: '2026-01-01',
            category: null,
            sector_vocabulary: null,
            sector_code: null,
            region_code: null,
            recipient: null,
            source: `test-${kind}`,
            source_document: 'test',
            source_key: 'row 1',
            imported_by: 'test',
            imported_at: AT,
            rel_kind: kind,
            rel_nations: [...nations],
          })
          .execute();
        await database.db
          .insertInto('sector_day_fact')
          .values({
            sector: `sector-${kind}`,
            day: '2026-11-19',
            monitored: true,
            incidents: '[]',
            rel_kind: kind,
            rel_nations: [...nations],
          })
          .execute();
      }
    });
    afterAll(async () => {
      await database?.close();
    });

    it('reads PUBLIC rows only, straight from the tables', async () => {
      const read = await asAnonymous(database.db, async (trx) => ({
        flows: await trx.selectFrom('finance_flow').select('rel_kind').execute(),
        facts: await trx.selectFrom('sector_day_fact').select('rel_kind').execute(),
        role: (await sql<{ r: string }>`select current_user as r`.execute(trx)).rows[0]!.r,
      }));
      expect(read.role).toBe('guarantor_anon');
      expect(read.flows).toEqual([{ rel_kind: 'PUBLIC' }]);
      expect(read.facts).toEqual([{ rel_kind: 'PUBLIC' }]);
      // A coalition reader sees more through the same tables: the difference is the role's.
      const coalition = await asReader(database.db, { nation: 'DEU', coalitionMember: true }, (trx) =>
        trx.selectFrom('finance_flow').select('rel_kind').orderBy('rel_kind').execute(),
      );
      expect(coalition.map((r) => r.rel_kind)).toEqual(['COALITION', 'PUBLIC', 'REL']);
    });

    it('sees PUBLIC only even when the session claims a nation and coalition membership', async () => {
      const rows = await asAnonymous(database.db, async (trx) => {
        await sql`select set_config('guarantor.nation', 'FRA', true), set_config('guarantor.coalition_member', 'on', true)`.execute(
          trx,
        );
        return trx.selectFrom('finance_flow').select('rel_kind').execute();
      });
      expect(rows).toEqual([{ rel_kind: 'PUBLIC' }]);
    });

    it('may read every table the public page reads, and write none', async () => {
      for (const table of ANON_TABLES) {
        await asAnonymous(database.db, (trx) => sql`select count(*) from ${sql.table(table)}`.execute(trx));
      }
      await expect(
        asAnonymous(database.db, (trx) =>
          trx
            .updateTable('finance_flow')
            .set({ donor_name: 'changed' })
            .where('rel_kind', '=', 'PUBLIC')
            .execute(),
        ),
      ).rejects.toThrow();
      await expect(
        asAnonymous(database.db, (trx) =>
          trx.deleteFrom('sector_day_fact').where('rel_kind', '=', 'PUBLIC').execute(),
        ),
      ).rejects.toThrow();
      // Tables it was never granted: users and sessions.
      await expect(
        asAnonymous(database.db, (trx) => trx.selectFrom('app_user').select('username').execute()),
      ).rejects.toThrow();
      const still = await database.db
        .selectFrom('finance_flow')
        .select('donor_name')
        .orderBy('donor_name')
        .execute();
      expect(still.map((r) => r.donor_name)).not.toContain('changed');
    });
  });
}
