import { connect, type Socket } from 'node:net';
import { type GuarantorDatabase, readDemoScenario, seedScenario } from '@guarantor/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { HANG_MS } from '../../../../test/support/patience.ts';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ConnectionLimiter } from './connection-limits.ts';
import { parseCotNetworks, startCotFeed, startCotIntake, type TcpService } from './cot-tcp.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
/** The run's bound against a hang: the machine may be busy; no test waits this long when the code is right. */
const BOUND_MS = HANG_MS;

const marker = (uid: string) =>
  `<event version="2.0" uid="${uid}" type="a-h-G-U-C-F" how="h-e" ` +
  `time="2026-11-26T06:00:00Z" start="2026-11-26T06:00:00Z" stale="2026-11-27T06:00:00Z">` +
  `<point lat="48.2" lon="37.5" hae="0" ce="50" le="9999999"/><detail><remarks>battery</remarks></detail></event>`;

/** A connection from a chosen loopback address (all of 127/8 reaches the listener on Linux). */
function open(port: number, from = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the server has closed the socket; rejects after BOUND_MS. */
function closed(socket: Socket): Promise<void> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still open after ${BOUND_MS} ms`)), BOUND_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('close', done);
    socket.once('end', done);
    socket.on('error', () => {});
    socket.resume();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConnectionLimiter', () => {
  it('caps in total and per address, and a released place can be taken again once', () => {
    const limiter = new ConnectionLimiter({ maxConnections: 3, maxPerAddress: 2 });
    const a1 = limiter.admit('10.0.0.1');
    const a2 = limiter.admit('::ffff:10.0.0.1');
    expect(limiter.admit('10.0.0.1')).toEqual({ refused: 'per_address' });
    const b1 = limiter.admit('10.0.0.2');
    expect(limiter.admit('10.0.0.3')).toEqual({ refused: 'total' });
    if (!('release' in a1) || !('release' in a2) || !('release' in b1)) throw new Error('should admit');
    a1.release();
    a1.release();
    expect(limiter.size).toBe(2);
    expect('release' in limiter.admit('10.0.0.1')).toBe(true);
    expect(limiter.admit('10.0.0.4')).toEqual({ refused: 'total' });
  });
});

// One engine is enough: the caps act on sockets, before any database work.
const [engine] = await testEngines();

describe('CoT listeners hold a bounded number of connections', () => {
  let database: GuarantorDatabase;
  let app: FastifyInstance;
  const services: TcpService[] = [];
  const sockets: Socket[] = [];
  const track = (socket: Socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    return socket;
  };
  const storedUids = async (prefix: string) =>
    (
      await sql<{ uid: string }>`select uid from observation where uid like ${`${prefix}%`}`.execute(
        database.db,
      )
    ).rows.map((r) => r.uid);
  const waitFor = async (check: () => Promise<boolean>) => {
    const until = Date.now() + BOUND_MS;
    while (Date.now() < until) {
      if (await check()) return true;
      await sleep(50);
    }
    return false;
  };
  const intake = (limits: { maxConnections: number; maxPerAddress: number; eventTimeoutMs: number }) =>
    startCotIntake({
      database,
      monitoring: app.monitoring,
      log: app.log,
      host: '127.0.0.1',
      port: 0,
      networks: parseCotNetworks('127.0.0.0/8=USA'),
      label: { kind: 'COALITION' },
      limits,
    }).then((s) => {
      services.push(s);
      return s;
    });

  beforeAll(async () => {
    database = await engine!.open();
    await seedScenario(database.db, readDemoScenario(), NOW);
    const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent' });
    app = await createApp({ database, clock: { now: () => NOW }, config });
    await app.ready();
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    for (const s of services) await s.close();
    await app?.close();
    await database?.close();
  });

  it('closes a connection beyond the per-address cap and keeps the others working', async () => {
    const { port } = await intake({ maxConnections: 100, maxPerAddress: 3, eventTimeoutMs: 600_000 });
    const held = [];
    for (let i = 0; i < 3; i++) held.push(track(await open(port, '127.0.0.2')));
    const extra = track(await open(port, '127.0.0.2'));
    await closed(extra);
    // Another address still gets in, and the held connections still deliver.
    const other = track(await open(port, '127.0.0.3'));
    other.write(marker('cap-addr-other'));
    held[0]!.write(marker('cap-addr-held'));
    expect(await waitFor(async () => (await storedUids('cap-addr-')).length === 2)).toBe(true);
    expect(held.every((s) => !s.destroyed)).toBe(true);
    // A place given back is taken again.
    held[1]!.destroy();
    await closed(held[1]!);
    let again: Socket | undefined;
    expect(
      await waitFor(async () => {
        again = track(await open(port, '127.0.0.2'));
        again.write(marker('cap-addr-again'));
        return (await storedUids('cap-addr-again')).length === 1;
      }),
    ).toBe(true);
  });

  it('closes a connection beyond the total cap, whatever its address', async () => {
    const { port } = await intake({ maxConnections: 4, maxPerAddress: 4, eventTimeoutMs: 600_000 });
    for (let i = 0; i < 4; i++) track(await open(port, `127.0.1.${i + 1}`));
    const extra = track(await open(port, '127.0.1.99'));
    await closed(extra);
    expect(extra.destroyed || extra.readableEnded).toBe(true);
  });

  it('1,000 connections from one address: all but the cap are closed', async () => {
    const { port } = await intake({ maxConnections: 512, maxPerAddress: 16, eventTimeoutMs: 600_000 });
    let closedCount = 0;
    const all: Socket[] = [];
    for (let i = 0; i < 1000; i++) {
      const socket = track(await open(port, '127.0.2.1'));
      socket.once('close', () => closedCount++);
      socket.resume();
      all.push(socket);
    }
    expect(await waitFor(async () => closedCount >= 1000 - 16)).toBe(true);
    expect(all.filter((s) => !s.destroyed)).toHaveLength(16);
  });

  it('closes a sender that dribbles an event a byte at a time and never completes one', async () => {
    const { port } = await intake({ maxConnections: 100, maxPerAddress: 100, eventTimeoutMs: 500 });
    const slow = track(await open(port, '127.0.3.1'));
    const text = marker('dribble').repeat(100);
    let i = 0;
    // A byte every 20 ms: under the old idle timer this connection lived for ever.
    const drip = setInterval(() => {
      if (!slow.destroyed && i < text.length - 1) slow.write(text[i++]!);
    }, 20);
    try {
      await closed(slow);
    } finally {
      clearInterval(drip);
    }
    expect(await storedUids('dribble')).toEqual([]);
  });

  it('a completed event re-arms the deadline, and the unfinished one after it does not', async () => {
    const { port } = await intake({ maxConnections: 100, maxPerAddress: 100, eventTimeoutMs: 500 });
    const socket = track(await open(port, '127.0.3.2'));
    socket.write(marker('rearm-1'));
    expect(await waitFor(async () => (await storedUids('rearm-1')).length === 1)).toBe(true);
    socket.write('<event version="2.0" uid="rearm-2"');
    const drip = setInterval(() => !socket.destroyed && socket.write(' '), 20);
    try {
      await closed(socket);
    } finally {
      clearInterval(drip);
    }
  });

  it('the CoT feed caps its subscribers per address too', async () => {
    const feed = await startCotFeed({
      database,
      monitoring: app.monitoring,
      log: app.log,
      clock: { now: () => NOW },
      host: '127.0.0.1',
      port: 0,
      reader: { nation: 'FRA', coalitionMember: true },
      limits: { maxConnections: 100, maxPerAddress: 2 },
    });
    services.push(feed);
    const a = track(await open(feed.port, '127.0.4.1'));
    const b = track(await open(feed.port, '127.0.4.1'));
    const c = track(await open(feed.port, '127.0.4.1'));
    await closed(c);
    expect(a.destroyed || b.destroyed).toBe(false);
  });
});
