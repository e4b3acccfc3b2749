import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

// Issue 12, finding 4: creating a record with an id held by a hidden one answered 409, so anyone
// could probe for hidden records, and numbers counted across nations. The server now gives ids,
// numbered per the creating nation.

const NOW = new Date('2026-11-27T08:00:00Z');

const requirement = {
  region: 'UA-53',
  lineOfEffort: 'demining',
  capability: 'demining_company',
  quantity: 1,
  priority: 3,
  phase: 'ceasefire_holding',
  maxDaysToDeploy: 30,
};
const hub = {
  name: 'Staging area',
  kind: 'staging',
  nations: ['USA'],
  sidc: 'SFGPUSS---H----',
  location: [24.0, 50.0],
};
const truce = {
  site: 'Pumping station',
  location: [37.2, 47.8],
  radiusM: 500,
  start: '2026-11-28T06:00:00Z',
  end: '2026-11-28T18:00:00Z',
  purpose: 'repair crews',
};

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`ids the server gives, on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-staff', 'USA', ['cell_staff']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it.each([
      ['requirement', '/api/requirements', requirement, 'R-USA-01', 'R-FRA-01'],
      ['hub', '/api/hubs', hub, 'hub-usa-1', 'hub-fra-1'],
      ['truce window', '/api/phases/truces', truce, 'truce-usa-1', 'truce-fra-1'],
    ])(
      'a %s: hidden records of another nation change nothing a creator sees',
      async (_, url, body, usa, fra) => {
        // The United States records three it keeps to itself.
        const hidden: string[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await h.post('usa-staff', url, { ...body, releasability: 'NATIONAL USA' });
          expect(res.statusCode, res.body).toBe(201);
          hidden.push(res.json().id);
        }
        expect(hidden[0]).toBe(usa);
        // France's first is numbered as if nobody else had any: no 409, no gap.
        const mine = await h.post('fra-staff', url, { ...body, releasability: 'COALITION' });
        expect(mine.statusCode, mine.body).toBe(201);
        expect(mine.json().id).toBe(fra);
        // A client cannot pick an id any more, so it cannot probe with one.
        const probe = await h.post('fra-staff', url, { ...body, id: hidden[1], releasability: 'COALITION' });
        expect(probe.statusCode).toBe(400);
        expect(probe.json().error.code).toBe('request.invalid');
        expect(probe.body).not.toContain('exists');
      },
    );

    it("a plan: numbered per nation, so another nation's hidden plans change nothing a planner sees", async () => {
      const run = (who: string, releasability: string) =>
        h.post(who, '/api/plans', { method: 'greedy', title: `by ${who}`, releasability });
      for (let i = 0; i < 2; i++) {
        const hidden = await run('usa-staff', 'NATIONAL USA');
        expect(hidden.statusCode, hidden.body).toBe(201);
        expect(hidden.json().id).toBe(`PLAN-USA-${i + 1}`);
      }
      const mine = await run('fra-staff', 'COALITION');
      expect(mine.statusCode, mine.body).toBe(201);
      expect(mine.json()).toMatchObject({ id: 'PLAN-FRA-1', number: 1 });
      // A hidden plan and a free id of the same shape answer alike.
      const [a, b] = await Promise.all([
        h.get('fra-staff', '/api/plans/PLAN-USA-1'),
        h.get('fra-staff', '/api/plans/PLAN-USA-99'),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
      expect(a.json().error.message.replace('PLAN-USA-1', 'X')).toBe(
        b.json().error.message.replace('PLAN-USA-99', 'X'),
      );
    });
  });
}
