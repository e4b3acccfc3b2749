import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { asReader, labelColumnsFromText } from './access.ts';
import { appendAudit, verifyAudit } from './audit.ts';
import { getOffer, listNations, listOffers } from './coalition.ts';
import type { GuarantorDatabase } from './connection.ts';
import { openDatabase } from './connection.ts';
import { MigrationError, migrate } from './migrate.ts';
import { loadReferenceData } from './reference.ts';
import { readDemoScenario, seedScenario } from './seed.ts';

const AT = new Date('2026-11-27T08:00:00Z');
const reader = (nation: string | null) => ({ nation, coalitionMember: nation !== null });

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`database on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    beforeAll(async () => {
      database = await engine.open();
      await seedScenario(database.db, readDemoScenario(), AT);
    });
    afterAll(() => database?.close());

    it('holds the demo coalition: 35 nations, 27 led by heads of state or government', async () => {
      const nations = await asReader(database.db, reader('FRA'), (trx) => listNations(trx));
      expect(nations).toHaveLength(35);
      expect(nations.filter((n) => n.delegationLevel === 'head_of_state_or_government')).toHaveLength(27);
      const regions = await database.db
        .selectFrom('region')
        .select('code')
        .where('kind', '=', 'ukraine_unit')
        .execute();
      expect(regions).toHaveLength(27);
    });

    it('migrating again applies nothing, and seeding again changes no count', async () => {
      const again = await migrate(database.db);
      expect(again.applied).toEqual([]);
      await seedScenario(database.db, readDemoScenario(), AT);
      const offers = await database.db
        .selectFrom('offer')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(offers.n)).toBe(readDemoScenario().offers.length);
    });

    it('row-level security, queried directly as guarantor_app, admits rows by the nation on the connection', async () => {
      // No application filter here: a bare SELECT as the role, with only the nation set.
      const visibleIds = (nation: string) =>
        database.db.transaction().execute(async (trx) => {
          await sql`set local role guarantor_app`.execute(trx);
          await sql`select set_config('guarantor.nation', ${nation}, true), set_config('guarantor.coalition_member', 'on', true)`.execute(
            trx,
          );
          const who = await sql<{ u: string }>`select current_user as u`.execute(trx);
          expect(who.rows[0]?.u).toBe('guarantor_app');
          const rows = await sql<{ id: string; rel_kind: string }>`select id, rel_kind from offer`.execute(
            trx,
          );
          return rows.rows.map((r) => r.id);
        });
      const fra = await visibleIds('FRA');
      const gbr = await visibleIds('GBR');
      const usa = await visibleIds('USA');
      const ukr = await visibleIds('UKR');
      expect(fra).not.toContain('GBR-2'); // NATIONAL GBR
      expect(gbr).toContain('GBR-2');
      expect(usa).toContain('USA-2'); // REL TO UKR, USA
      expect(ukr).toContain('USA-2');
      expect(fra).not.toContain('USA-2');
      expect(gbr).not.toContain('USA-2');
    });

    it('the public sees only PUBLIC rows, and the role cannot bypass the policy', async () => {
      const publicOffers = await asReader(database.db, reader(null), (trx) => listOffers(trx));
      expect(publicOffers).toEqual([]);
      const publicNations = await asReader(database.db, reader(null), (trx) => listNations(trx));
      expect(publicNations).toHaveLength(35);
      const bypass = await database.db
        .selectFrom('pg_roles' as never)
        .select(['rolbypassrls' as never, 'rolsuper' as never])
        .where('rolname' as never, '=', 'guarantor_app' as never)
        .executeTakeFirstOrThrow();
      expect(bypass).toEqual({ rolbypassrls: false, rolsuper: false });
    });

    it('a French reader cannot fetch or search a NATIONAL GBR offer; a British one can', async () => {
      expect(await asReader(database.db, reader('FRA'), (trx) => getOffer(trx, 'GBR-2'))).toBeUndefined();
      expect(
        await asReader(database.db, reader('FRA'), (trx) => listOffers(trx, { q: 'Draft offer' })),
      ).toEqual([]);
      const gbr = await asReader(database.db, reader('GBR'), (trx) => getOffer(trx, 'GBR-2'));
      expect(gbr?.releasability).toBe('NATIONAL GBR');
    });

    it('refuses a write the writer could not read back', async () => {
      await expect(
        asReader(database.db, reader('FRA'), (trx) =>
          trx
            .insertInto('hub')
            .values({
              id: 'spoof',
              name: 'spoof',
              kind: 'staging',
              nations: ['GBR'],
              sidc: 'SFGPUSS---H----',
              description: '',
              location: null,
              illustrative: false,
              source: null,
              ...labelColumnsFromText('NATIONAL GBR'),
            })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    it('the audit chain verifies, and a tampered row is named', async () => {
      const clean = await verifyAudit(database.db);
      expect(clean.ok).toBe(true);
      await asReader(database.db, reader('FRA'), (trx) =>
        appendAudit(trx, {
          actor: 'test',
          nation: 'FRA',
          action: 'offer.update',
          entity: 'offer',
          entityId: 'FRA-1',
          before: { quantity: 4 },
          after: { quantity: 5 },
          label: labelColumnsFromText('COALITION'),
          at: AT,
        }),
      );
      expect((await verifyAudit(database.db)).ok).toBe(true);
      const victim = 7;
      await database.db.transaction().execute(async (trx) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(trx);
        await sql`update audit_log set after = '{"quantity": 400}' where seq = ${victim}`.execute(trx);
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(trx);
      });
      const verdict = await verifyAudit(database.db);
      expect(verdict).toMatchObject({ ok: false, brokenAtSeq: victim });
    });

    it('the audit log refuses updates and deletes', async () => {
      await expect(sql`delete from audit_log where seq = 1`.execute(database.db)).rejects.toThrow(
        /append-only/,
      );
    });
  });
}

describe('embedded database on disk', () => {
  it('keeps its data across a restart, and refuses an edited migration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guarantor-db-'));
    try {
      const first = await openDatabase({ dataDir: dir });
      await migrate(first.db);
      await loadReferenceData(first.db);
      await first.db
        .insertInto('guarantor_migration')
        .values({ name: '0000_probe.sql', checksum: 'x' })
        .execute();
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      const regions = await second.db.selectFrom('region').select('code').execute();
      expect(regions.length).toBeGreaterThanOrEqual(27);
      await second.db
        .updateTable('guarantor_migration')
        .set({ checksum: 'edited' })
        .where('name', '=', '0001_foundation.sql')
        .execute();
      await expect(migrate(second.db)).rejects.toThrow(MigrationError);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
