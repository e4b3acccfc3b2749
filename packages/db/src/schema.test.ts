import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import type { GuarantorDatabase } from './connection.ts';
import { TABLE_COLUMNS } from './schema/columns.ts';

/** The catalogue views the comparison reads, as Kysely sees them. */
type Catalogue = {
  'information_schema.tables': { table_schema: string; table_name: string; table_type: string };
  'information_schema.columns': { table_schema: string; table_name: string; column_name: string };
};

// PostGIS's own table, created by the extension in the same schema; not ours to type.
const EXTENSION_TABLES = ['spatial_ref_sys'];

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the typed schema on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(() => database?.close());

    it('names every table and column of the migrated database, and no other', async () => {
      const rows = await database.db
        .withTables<Catalogue>()
        .selectFrom('information_schema.columns as c')
        .innerJoin('information_schema.tables as t', (join) =>
          join.onRef('t.table_schema', '=', 'c.table_schema').onRef('t.table_name', '=', 'c.table_name'),
        )
        .select(['c.table_name', 'c.column_name'])
        .where('c.table_schema', '=', 'public')
        .where('t.table_type', '=', 'BASE TABLE')
        .where('c.table_name', 'not in', EXTENSION_TABLES)
        .execute();
      const migrated: Record<string, string[]> = {};
      for (const r of rows) migrated[r.table_name] = [...(migrated[r.table_name] ?? []), r.column_name];
      const sorted = (tables: Record<string, readonly string[]>) =>
        Object.fromEntries(
          Object.entries(tables)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([table, columns]) => [table, [...columns].sort()]),
        );
      expect(sorted(TABLE_COLUMNS)).toEqual(sorted(migrated));
    });
  });
}
