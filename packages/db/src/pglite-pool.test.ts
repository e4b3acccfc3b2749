import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlitePool } from './pglite-pool.ts';

// PGlite is one session for every caller. A holder that leaves a transaction open (a failure
// between BEGIN and ROLLBACK, or a release mid-transaction) used to leave every later caller in
// an aborted transaction (SQLSTATE 25P02) until the process ended: the fuzzer saw 6,555 500s in a
// row after one such request.
describe('the PGlite pool', () => {
  let pglite: PGlite;
  let pool: PGlitePool;
  beforeAll(async () => {
    pglite = new PGlite();
    pool = new PGlitePool(pglite);
    await pglite.exec('create table t (n int primary key)');
  });
  afterAll(async () => {
    await pool.end();
    await pglite.close();
  });

  it('ends a transaction its holder left open, failed or not, before the next caller gets the session', async () => {
    const failed = await pool.connect();
    await failed.query('begin', []);
    await expect(failed.query('insert into t values ($1), ($1)', [1])).rejects.toThrow();
    failed.release();

    const open = await pool.connect();
    await open.query('begin', []);
    await open.query('insert into t values ($1)', [2]);
    open.release();

    const next = await pool.connect();
    const rows = await next.query<{ n: number }>('select n from t order by n', []);
    // Neither the failed insert nor the uncommitted one is there, and the session works.
    expect(rows.rows).toEqual([]);
    await next.query('insert into t values ($1)', [3]);
    expect((await next.query<{ n: number }>('select n from t', [])).rows).toEqual([{ n: 3 }]);
    next.release();
  });

  it('leaves a committed transaction alone', async () => {
    const client = await pool.connect();
    await client.query('begin', []);
    await client.query('insert into t values ($1)', [4]);
    await client.query('commit', []);
    client.release();
    const next = await pool.connect();
    expect((await next.query<{ n: number }>('select n from t order by n', [])).rows).toEqual([
      { n: 3 },
      { n: 4 },
    ]);
    next.release();
  });
});
