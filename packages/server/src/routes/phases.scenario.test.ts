/**
 * Thirty days of synthetic monitoring replayed day by day through the API: fighting ends on
 * 1 November, calm follows, sector S-3 flares up on 16 November, then recovers. Each day the
 * day's facts arrive, the gate is re-evaluated (POST /api/phases/reevaluate), and the cell tries
 * the next phase. The test pins the day each gate opens and closes and which orders become
 * issuable when.
 *
 * The day's facts are written to the gate's stand-in store (`putSectorDays`), not sent as
 * observations: verified violations need monitoring's fusion and an analyst's verification of
 * each incident, which this scenario does not replay.
 */
import { addDays, type DayIncident, type SectorDay } from '@guarantor/core/phases';
import { type GuarantorDatabase, insertUser, readDemoScenario, seedScenario } from '@guarantor/db';
import { putSectorDays, seedPhases } from '@guarantor/db/phases';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { createApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';

const SECTORS = ['S-1', 'S-2', 'S-3'];
const FIRST = '2026-11-01';
const PASSWORD = 'correct horse battery staple';

function factsOf(date: string, d: number): SectorDay[] {
  return SECTORS.map((sector, s) => {
    const incidents: DayIncident[] = [];
    const calm = (d + s) % 3;
    if (calm > 0)
      incidents.push({
        id: `${sector} ${date}`,
        category: 'explosion_impact',
        verification: 'verified',
        count: calm,
        zones: [],
      });
    // Reported, never verified: must not count against the verified rules.
    if (d % 4 === 0)
      incidents.push({
        id: `${sector} ${date} rumour`,
        category: 'burst_and_shots',
        verification: 'reported',
        count: 9,
        zones: [],
      });
    if (d === 0)
      incidents.push({
        id: `${sector} last shelling`,
        category: 'explosion_impact',
        verification: 'verified',
        count: 40,
        zones: [],
      });
    if (sector === 'S-3' && date === '2026-11-16')
      incidents.push({
        id: 'S-3 flare-up',
        category: 'explosion_impact',
        verification: 'verified',
        count: 9,
        zones: [],
      });
    return { sector, date, monitored: true, incidents };
  });
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`a 30-day ceasefire replayed through the API, on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    let app: FastifyInstance;
    let now = new Date(`${FIRST}T18:00:00Z`);
    let session = { cookie: '', csrf: '' };

    beforeAll(async () => {
      database = await engine.open();
      await seedScenario(database.db, readDemoScenario(), now);
      await seedPhases(database.db, now);
      const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent', SESSION_TTL_HOURS: '720' });
      app = await createApp({ database, clock: { now: () => now }, config });
      await insertUser(
        database.db,
        {
          username: 'fra-staff',
          displayName: 'staff',
          passwordHash: await hashPassword(PASSWORD),
          nation: 'FRA',
          roles: ['cell_staff', 'liaison'],
        },
        { actor: 'test', nation: null, at: now },
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'fra-staff', password: PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'guarantor_session')!;
      session = { cookie: `guarantor_session=${cookie.value}`, csrf: res.json().csrfToken };
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    const headers = () => ({ cookie: session.cookie, 'x-csrf-token': session.csrf });
    const post = (url: string, payload: unknown = {}) =>
      app.inject({ method: 'POST', url, headers: headers(), payload: payload as object });
    const get = (url: string) => app.inject({ method: 'GET', url, headers: headers() });
    const draft = async (sector: string) => {
      const res = await post('/api/orders', {
        offerId: 'USA-1',
        quantity: 2,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; state: string };
    };

    it('opens and closes the gates on the exact days, and tells the cell which orders became issuable', async () => {
      const entered: Record<string, string> = {};
      const gateOpen: string[] = [];
      const s3: Record<string, string> = {};
      const issuable: { day: string; order: string; because: string[] }[] = [];
      const orders: Record<string, { id: string; state: string }> = {};
      for (let d = 0; d < 30; d++) {
        const day = addDays(FIRST, d);
        now = new Date(`${day}T18:00:00Z`);
        await putSectorDays(database.db, factsOf(day, d));
        const re = await post('/api/phases/reevaluate');
        expect(re.statusCode, re.body).toBe(200);
        for (const n of re.json().newlyIssuable) issuable.push({ day, order: n.orderId, because: n.because });
        if (d === 1) {
          orders['S-1'] = await draft('S-1');
          orders['S-3'] = await draft('S-3');
        }
        if (day === '2026-11-20') orders['S-2'] = await draft('S-2');
        const phase = (await get('/api/phases')).json().phase as string;
        const next =
          phase === 'ceasefire_agreed'
            ? 'ceasefire_holding'
            : phase === 'ceasefire_holding'
              ? 'force_deploying'
              : null;
        if (next) {
          const moved = await post('/api/phases/transitions', {
            target: next,
            authority: 'Coordination Cell',
          });
          if (moved.statusCode === 201) {
            entered[next] = day;
            const notices = (await get('/api/notifications')).json().notifications as {
              kind: string;
              orderId: string;
              reasons: string[];
              at: string;
            }[];
            for (const n of notices.filter(
              (x) =>
                x.kind === 'order_issuable' &&
                x.at.startsWith(day) &&
                !issuable.some((i) => i.order === x.orderId && i.day === day),
            ))
              issuable.push({ day, order: n.orderId, because: n.reasons });
          } else {
            expect(moved.json().error.code).toBe('phase.gate_closed');
          }
        }
        // The cell issues the S-1 order the day it can.
        if (orders['S-1'] && orders['S-1'].state !== 'issued') {
          const res = await post(`/api/orders/${orders['S-1'].id}/issue`);
          if (res.statusCode === 200) orders['S-1'] = { ...orders['S-1'], state: `issued ${day}` };
        }
        const gate = (await get('/api/phases/deployment-gate')).json();
        if (gate.open) gateOpen.push(day);
        const board = (await get('/api/phases/sectors')).json();
        s3[day] = board.sectors.find((s: { sector: string }) => s.sector === 'S-3').status;
      }

      // quiet-7 first holds 7 days after the last shelling; quiet-14 (and coverage) 14 days after.
      expect(entered).toEqual({ ceasefire_holding: '2026-11-08', force_deploying: '2026-11-15' });
      // The deployment gate: open on 15 Nov, shut by the S-3 flare-up on 16 Nov, open again when
      // S-3 has had 14 quiet days (30 Nov).
      expect(gateOpen).toEqual(['2026-11-15', '2026-11-30']);
      expect(s3['2026-11-15']).toBe('holding');
      expect(s3['2026-11-16']).toBe('broken');
      expect(s3['2026-11-22']).toBe('broken');
      expect(s3['2026-11-23']).toBe('fragile');
      expect(s3['2026-11-29']).toBe('fragile');
      expect(s3['2026-11-30']).toBe('holding');

      expect(orders['S-1']!.state).toBe('issued 2026-11-15');
      expect(issuable).toEqual([
        { day: '2026-11-15', order: orders['S-1']!.id, because: ['phase is now force_deploying'] },
        { day: '2026-11-15', order: orders['S-3']!.id, because: ['phase is now force_deploying'] },
        { day: '2026-11-30', order: orders['S-3']!.id, because: ['sector S-3 is now holding'] },
      ]);
      // Drafted while S-2 held and the phase allowed it: issuable at once, no notice needed.
      expect(orders['S-2']!.state).toBe('draft');

      const breaches = (await get('/api/phases/breaches')).json().breaches as {
        id: string;
        proposedRung: { id: string } | null;
      }[];
      expect(breaches.map((b) => b.id).sort()).toEqual([
        'quiet-14@1:S-3:2026-11-16',
        'quiet-7@1:S-3:2026-11-16',
      ]);
      expect(breaches.every((b) => b.proposedRung?.id === 'joint-inspection')).toBe(true);
    }, 120_000);
  });
}
