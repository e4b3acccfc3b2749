import { connect, type Socket } from 'node:net';
import {
  asReader,
  changeIncidentState,
  type GuarantorDatabase,
  publishIncidentChanges,
  readDemoScenario,
  seedDemoZones,
  seedScenario,
} from '@guarantor/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { HANG_MS } from '../../../../test/support/patience.ts';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import {
  parseCotNetworks,
  parseCotSectorPorts,
  startCotFeed,
  startCotIntake,
  startCotServices,
  type TcpService,
} from './cot-tcp.ts';

const NOW = new Date('2026-11-27T08:00:00Z');

const marker = (uid: string, lng: number, ceM = 50) =>
  `<?xml version="1.0" encoding="UTF-8"?><event version="2.0" uid="${uid}" type="a-h-G-U-C-F" how="h-e" ` +
  `time="2026-11-26T06:00:00Z" start="2026-11-26T06:00:00Z" stale="2026-11-27T06:00:00Z">` +
  `<point lat="48.2" lon="${lng}" hae="0" ce="${ceM}" le="9999999"/><detail><remarks>artillery battery</remarks></detail></event>`;

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('COT_OUT_SECTOR_PORTS', () => {
  it('reads sector=port entries and names what is wrong with a bad one', () => {
    expect(parseCotSectorPorts(' sector-north=8090, sector-south=8091 ,')).toEqual([
      { sector: 'sector-north', port: 8090 },
      { sector: 'sector-south', port: 8091 },
    ]);
    expect(parseCotSectorPorts('')).toEqual([]);
    for (const bad of [
      'sector-north',
      'sector-north=',
      'Sector=80',
      'a=80',
      'x y=80',
      'sector=99999',
      'sector=-1',
      'sector=80=81',
    ])
      expect(() => parseCotSectorPorts(bad), bad).toThrow(/COT_OUT_SECTOR_PORTS: ".*" is not sector-id=port/);
    expect(() => parseCotSectorPorts('sector-a=8090,sector-a=8091')).toThrow(
      /sector "sector-a" is listed twice/,
    );
    expect(() => parseCotSectorPorts('sector-a=8090,sector-b=8090')).toThrow(/port 8090 is listed twice/);
  });
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`CoT over TCP on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    let app: FastifyInstance;
    let intake: TcpService;
    let feed: TcpService;

    const storedUids = async (prefix: string) =>
      (
        await sql<{
          uid: string;
        }>`select uid from observation where uid like ${`${prefix}%`} order by uid`.execute(database.db)
      ).rows.map((r) => r.uid);
    // Generous: it returns as soon as the check holds, and a busy machine must not fail it.
    const waitFor = async (check: () => Promise<boolean>, ms = HANG_MS) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (await check()) return true;
        await sleep(50);
      }
      return false;
    };

    beforeAll(async () => {
      database = await engine.open();
      await seedScenario(database.db, readDemoScenario(), NOW);
      // The demo sectors (illustrative), for the sector feeds.
      await seedDemoZones(database.db, NOW);
      const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent' });
      app = await createApp({ database, clock: { now: () => NOW }, config });
      await app.ready();
      const common = { database, monitoring: app.monitoring, log: app.log, host: '127.0.0.1', port: 0 };
      intake = await startCotIntake({
        ...common,
        networks: parseCotNetworks('127.0.0.1/32=USA'),
        label: { kind: 'COALITION' },
      });
      feed = await startCotFeed({
        ...common,
        clock: { now: () => NOW },
        reader: { nation: 'FRA', coalitionMember: true },
        refreshMs: 300,
      });
    });
    afterAll(async () => {
      await intake?.close();
      await feed?.close();
      await app?.close();
      await database?.close();
    });

    it('a stream cut mid-event loses only that event while another client keeps being served', async () => {
      const cut = await open(intake.port);
      const good = await open(intake.port);
      const whole = marker('tcp-cut-1', 37.5) + marker('tcp-cut-2', 37.6);
      // Client 1: one event, then half of the next, written byte-split across chunks.
      cut.write(whole.slice(0, 100));
      await sleep(20);
      cut.write(whole.slice(100, whole.length - 150));
      // Client 2: two events in one chunk, a third split in two.
      good.write(marker('tcp-good-1', 37.7) + marker('tcp-good-2', 37.8));
      const third = marker('tcp-good-3', 37.9);
      good.write(third.slice(0, 50));
      await sleep(50);
      cut.end();
      await sleep(50);
      good.write(third.slice(50));
      expect(await waitFor(async () => (await storedUids('tcp-good')).length === 3)).toBe(true);
      // Each connection stores on its own chain: wait for the cut one's whole event too.
      expect(await waitFor(async () => (await storedUids('tcp-cut')).length >= 1)).toBe(true);
      expect(await storedUids('tcp-cut')).toEqual(['tcp-cut-1@USA']);
      // The client is still served after its neighbour's cut.
      good.write(marker('tcp-good-4', 38.0));
      expect(await waitFor(async () => (await storedUids('tcp-good')).length === 4)).toBe(true);
      good.end();
      const source = await sql<{ source_id: string; source_nation: string; submitted_by: string }>`
        select source_id, source_nation, submitted_by from observation where uid = 'tcp-good-1@USA'`.execute(
        database.db,
      );
      expect(source.rows[0]).toMatchObject({ source_id: 'tcp:127.0.0.1', source_nation: 'USA' });
    });

    it('drops garbage and oversized events and keeps the connection', async () => {
      const socket = await open(intake.port);
      socket.write(`<event uid="x"<point/>garbage${marker('tcp-after-garbage', 36.0)}`);
      socket.write(`<event uid="huge" type="a-h-G"><detail>${'x'.repeat(70 * 1024)}</detail></event>`);
      socket.write(marker('tcp-after-huge', 36.1));
      expect(
        await waitFor(async () => (await storedUids('tcp-after')).length === 2),
        (await storedUids('tcp-after')).join(),
      ).toBe(true);
      socket.end();
    });

    it('refuses connections from outside the allowed networks', async () => {
      const closed = await startCotIntake({
        database,
        monitoring: app.monitoring,
        log: app.log,
        host: '127.0.0.1',
        port: 0,
        networks: parseCotNetworks('10.0.0.0/8=FRA'),
        label: { kind: 'COALITION' },
      });
      const socket = await open(closed.port);
      // However long a busy machine takes to close it (the test's timeout bounds the wait).
      const ended = await new Promise<boolean>((resolve) => {
        socket.on('close', () => resolve(true));
        socket.write(marker('tcp-refused', 35.0));
      });
      expect(ended).toBe(true);
      await closed.close();
      expect(await storedUids('tcp-refused')).toEqual([]);
      expect(() => parseCotNetworks('10.0.0.0/8')).toThrow(/address\/prefix=ISO3/);
    });

    it('streams a verified incident to a subscribed TAK client with its stable uid', async () => {
      await app.monitoring.worker.settled();
      const client = await open(feed.port);
      let received = '';
      client.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      await sleep(100);
      await asReader(database.db, { nation: 'USA', coalitionMember: true }, async (trx) => {
        const next = await changeIncidentState(trx, {
          incidentId: 'inc-tcp-good-1@USA',
          to: 'verified',
          by: 'test',
          nation: 'USA',
          at: NOW,
          reason: 'seen',
          evidence: [],
          attributedParty: null,
          assessment: null,
        });
        await publishIncidentChanges(trx, [next!]);
      });
      expect(await waitFor(async () => received.includes('guarantor-incident-inc-tcp-good-1@USA'))).toBe(
        true,
      );
      expect(received).toContain('state verified');
      client.end();
      // A new subscriber gets the verified incidents at once.
      const late = await open(feed.port);
      let snapshot = '';
      late.on('data', (chunk) => {
        snapshot += chunk.toString('utf8');
      });
      expect(await waitFor(async () => snapshot.includes('guarantor-incident-inc-tcp-good-1@USA'))).toBe(
        true,
      );
      // The feed resends live incidents before they go stale (here every 300 ms).
      const sent = () => snapshot.split('uid="guarantor-incident-inc-tcp-good-1@USA"').length - 1;
      const first = sent();
      expect(await waitFor(async () => sent() > first)).toBe(true);
      expect(snapshot).toMatch(/stale="2026-11-27T10:00:00.000Z"/);
      // Dismissed: the subscriber is told to delete the marker, by its uid.
      await asReader(database.db, { nation: 'USA', coalitionMember: true }, async (trx) => {
        const next = await changeIncidentState(trx, {
          incidentId: 'inc-tcp-good-1@USA',
          to: 'dismissed',
          by: 'test',
          nation: 'USA',
          at: NOW,
          reason: 'duplicate report',
          evidence: [],
          attributedParty: null,
          assessment: null,
        });
        await publishIncidentChanges(trx, [next!]);
      });
      expect(await waitFor(async () => snapshot.includes('type="t-x-d-d"'))).toBe(true);
      const deleted = snapshot.slice(snapshot.indexOf('type="t-x-d-d"') - 200);
      expect(deleted).toContain('uid="guarantor-incident-inc-tcp-good-1@USA" type="t-x-d-d"');
      expect(deleted).toContain(
        '<link uid="guarantor-incident-inc-tcp-good-1@USA" relation="none" type="none"/>',
      );
      late.end();
    });

    it('a verified incident joined into another by fusion is deleted from the feed', async () => {
      // Two reports 2.2 km apart, beyond the 1 km tolerance: two incidents. The later one is verified.
      const sender = await open(intake.port);
      sender.write(marker('tcp-join-b', 35.3) + marker('tcp-join-d', 35.33));
      expect(await waitFor(async () => (await storedUids('tcp-join')).length === 2)).toBe(true);
      await app.monitoring.worker.settled();
      const reader = { nation: 'USA', coalitionMember: true };
      await asReader(database.db, reader, async (trx) => {
        const next = await changeIncidentState(trx, {
          incidentId: 'inc-tcp-join-d@USA',
          to: 'verified',
          by: 'test',
          nation: 'USA',
          at: NOW,
          reason: 'seen',
          evidence: [],
          attributedParty: null,
          assessment: null,
        });
        await publishIncidentChanges(trx, [next!]);
      });
      // A feed of its own that never refreshes within the test: the delete must come from the
      // change fusion publishes, not from a periodic resend.
      const changesOnly = await startCotFeed({
        database,
        monitoring: app.monitoring,
        log: app.log,
        host: '127.0.0.1',
        port: 0,
        clock: { now: () => NOW },
        reader: { nation: 'FRA', coalitionMember: true },
        refreshMs: 3_600_000,
      });
      const client = await open(changesOnly.port);
      let received = '';
      client.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      expect(await waitFor(async () => received.includes('guarantor-incident-inc-tcp-join-d@USA'))).toBe(
        true,
      );
      expect(received).not.toContain('guarantor-incident-inc-tcp-join-b@USA'); // not verified yet
      // A report halfway between whose 1.5 km circle reaches both: fusion joins d into b.
      sender.write(marker('tcp-join-c', 35.315, 1500));
      sender.end();
      expect(await waitFor(async () => (await storedUids('tcp-join')).length === 3)).toBe(true);
      await app.monitoring.worker.settled();
      const merged = await sql<{ merged_into: string | null }>`
        select merged_into from incident where id = 'inc-tcp-join-d@USA'`.execute(database.db);
      expect(merged.rows[0]?.merged_into).toBe('inc-tcp-join-b@USA');
      // The subscriber deletes the joined marker and draws the survivor, verified by takeover.
      expect(
        await waitFor(async () =>
          received.includes('uid="guarantor-incident-inc-tcp-join-d@USA" type="t-x-d-d"'),
        ),
      ).toBe(true);
      expect(
        await waitFor(async () => received.includes('uid="guarantor-incident-inc-tcp-join-b@USA"')),
      ).toBe(true);
      client.end();
      await changesOnly.close();
    });

    it('a sector feed serves only the incidents its sector covers, and drops one that leaves', async () => {
      const reader = { nation: 'USA', coalitionMember: true };
      const verify = (incidentId: string) =>
        asReader(database.db, reader, async (trx) => {
          const next = await changeIncidentState(trx, {
            incidentId,
            to: 'verified',
            by: 'test',
            nation: 'USA',
            at: NOW,
            reason: 'seen',
            evidence: [],
            attributedParty: null,
            assessment: null,
          });
          await publishIncidentChanges(trx, [next!]);
        });
      // 37.0° E, 48.2° N lies in the demo sector Donetsk South; 35.9° E in Zaporizhzhia.
      const sender = await open(intake.port);
      sender.write(marker('tcp-sector-in', 37.0) + marker('tcp-sector-out', 35.9));
      sender.end();
      expect(await waitFor(async () => (await storedUids('tcp-sector')).length === 2)).toBe(true);
      await app.monitoring.worker.settled();
      const south = await startCotFeed({
        database,
        monitoring: app.monitoring,
        log: app.log,
        host: '127.0.0.1',
        port: 0,
        clock: { now: () => NOW },
        reader: { nation: 'FRA', coalitionMember: true },
        sector: 'sector-donetsk-south',
        refreshMs: 3_600_000,
      });
      const client = await open(south.port);
      let received = '';
      client.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      await verify('inc-tcp-sector-out@USA');
      await verify('inc-tcp-sector-in@USA');
      expect(await waitFor(async () => received.includes('guarantor-incident-inc-tcp-sector-in@USA'))).toBe(
        true,
      );
      // The change to the other sector's incident was heard first and not sent.
      expect(received).not.toContain('inc-tcp-sector-out@USA');
      // A new subscriber's picture holds the sector's incidents only.
      const late = await open(south.port);
      let snapshot = '';
      late.on('data', (chunk) => {
        snapshot += chunk.toString('utf8');
      });
      expect(await waitFor(async () => snapshot.includes('inc-tcp-sector-in@USA'))).toBe(true);
      expect(snapshot).not.toContain('inc-tcp-sector-out@USA');
      expect(snapshot).not.toContain('inc-tcp-good-1@USA');
      client.end();
      late.end();
      await south.close();
    });

    it('starts a feed per sector from COT_OUT_SECTOR_PORTS and refuses a sector it cannot read', async () => {
      const base = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent' });
      const common = { database, monitoring: app.monitoring, clock: { now: () => NOW }, log: app.log };
      const services = await startCotServices({
        ...common,
        config: {
          ...base,
          HOST: '127.0.0.1',
          COT_OUT_NATION: 'FRA',
          COT_OUT_SECTOR_PORTS: 'sector-zaporizhzhia=0',
        },
      });
      expect(services.sectorFeeds.map((f) => f.sector)).toEqual(['sector-zaporizhzhia']);
      expect(services.sectorFeeds[0]!.port).toBeGreaterThan(0);
      await services.close();
      await expect(
        startCotServices({
          ...common,
          config: {
            ...base,
            HOST: '127.0.0.1',
            COT_OUT_NATION: 'FRA',
            COT_OUT_SECTOR_PORTS: 'sector-atlantis=0',
          },
        }),
      ).rejects.toThrow(
        /COT_OUT_SECTOR_PORTS: "sector-atlantis" is not a sector FRA may read \(sectors: .*sector-zaporizhzhia/,
      );
      await expect(
        startCotServices({ ...common, config: { ...base, COT_OUT_SECTOR_PORTS: 'sector-zaporizhzhia=0' } }),
      ).rejects.toThrow(/COT_OUT_NATION: .*COT_OUT_SECTOR_PORTS is set/);
    });
  });
}
