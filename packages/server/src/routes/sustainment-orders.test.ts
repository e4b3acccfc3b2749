import { seedDemoZones } from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');

interface Line {
  offerId: string;
  nationName: string;
  requirementId: string;
  requirementName: string;
  quantity: number;
  sector: string | null;
  sectorName: string | null;
  problem: string | null;
}

interface Drafted {
  id: string;
  state: string;
  releasability: string;
  message: string;
  sustainment: { planId: string; month: string; requirementId: string } | null;
  live: { status: string; blockers: { kind: string; waitingFor: string | null }[] } | null;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`orders from a sustainment plan on ${engine.name}`, () => {
    let api: ApiHarness;
    let planId = '';

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['fra-analyst', 'FRA', ['analyst']],
          ['gbr-liaison', 'GBR', ['liaison']],
          ['usa-staff', 'USA', ['cell_staff']],
        ],
      });
      await seedDemoZones(api.database.db, NOW);
      await seedPhases(api.database.db, NOW);
      const run = await api.send('fra-analyst', 'POST', '/api/sustainment-plans', {
        title: 'Three years for France and Britain',
        method: 'greedy',
        horizonStart: '2026-10',
        horizonMonths: 36,
        releasability: 'REL TO FRA, GBR',
      });
      expect(run.statusCode, run.body.slice(0, 300)).toBe(201);
      planId = run.json().id;
    });
    afterAll(async () => {
      await api?.close();
    });

    it("lists which nation's unit covers which requirement in a month, then drafts them ready on gate for the ceasefire and the month, audited, once", async () => {
      const preview = await api.get('gbr-liaison', `/api/sustainment-plans/${planId}/orders?month=2027-06`);
      expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200);
      const { lines, drafted, currentMonth } = preview.json() as {
        lines: Line[];
        drafted: Drafted[];
        currentMonth: string;
      };
      expect(currentMonth).toBe('2026-11');
      expect(drafted).toEqual([]);
      expect(lines.length).toBeGreaterThan(3);
      expect(lines.every((l) => l.nationName && l.requirementName && l.quantity > 0)).toBe(true);
      const ready = lines.filter((l) => l.problem === null);
      expect(ready.length).toBeGreaterThan(0);
      expect(ready.every((l) => l.sector !== null && l.sectorName)).toBe(true);
      // A region outside every monitoring sector (a staging country) is named, not ordered.
      for (const l of lines.filter((x) => x.sector === null)) expect(l.problem).toMatch(/monitoring sector/);
      // …in the reader's words: names and reasons in Ukrainian, line for line.
      const uk = (
        await api.get('gbr-liaison', `/api/sustainment-plans/${planId}/orders?month=2027-06&lang=uk`)
      ).json() as { lines: Line[] };
      const key = (l: Line) => `${l.offerId} ${l.requirementId} ${l.problem === null}`;
      expect(uk.lines.map(key).sort()).toEqual(lines.map(key).sort());
      for (const l of uk.lines) {
        expect(`${l.requirementName} ${l.problem ?? ''}`).not.toMatch(/ in | lies | sector |withdrawn/);
        if (l.sector === null) expect(l.problem).toMatch(/не належить до жодного доступного вам сектору/);
      }
      expect(uk.lines.some((l) => /[а-яіїє]/.test(l.nationName))).toBe(true);

      const analyst = await api.send('fra-analyst', 'POST', `/api/sustainment-plans/${planId}/orders`, {
        month: '2027-06',
      });
      expect(analyst.statusCode).toBe(403);

      const res = await api.send('fra-staff', 'POST', `/api/sustainment-plans/${planId}/orders`, {
        month: '2027-06',
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
      const out = res.json() as { orders: Drafted[]; skipped: unknown[]; message: string };
      expect(out.orders).toHaveLength(ready.length);
      expect(out.skipped).toHaveLength(lines.length - ready.length);
      expect(out.message).toMatch(new RegExp(`^${ready.length} orders? drafted for 2027-06 from ${planId}`));
      for (const o of out.orders) {
        expect(o.state).toBe('ready_on_gate');
        // Ceasefire first, always: the phase is named before the month.
        expect(o.message).toMatch(
          /^ready on gate: waiting for phase force_deploying \(now \w+\).* month 2027-06 \(now 2026-11\)$/,
        );
        expect(o.sustainment).toMatchObject({ planId, month: '2027-06' });
        // The plan's label is the meet of its inputs; the order's is no wider.
        expect(o.releasability).toBe('REL TO FRA, GBR');
      }
      const audit = await api.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor', 'entity_id'])
        .where('action', 'in', ['sustainment_plan.orders', 'order.draft'])
        .execute();
      expect(audit.filter((a) => a.action === 'sustainment_plan.orders')).toEqual([
        { action: 'sustainment_plan.orders', actor: 'fra-staff', entity_id: planId },
      ]);
      expect(audit.filter((a) => a.action === 'order.draft')).toHaveLength(ready.length);

      // Once per month: a second draft is refused and stores nothing.
      const again = await api.send('fra-staff', 'POST', `/api/sustainment-plans/${planId}/orders`, {
        month: '2027-06',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'order.already_drafted', field: 'body.month' });
      const stored = await api.database.db.selectFrom('deployment_order').select('id').execute();
      expect(stored).toHaveLength(ready.length);

      // The preview now lists them, with the live gate.
      const after = (
        await api.get('fra-staff', `/api/sustainment-plans/${planId}/orders?month=2027-06`)
      ).json();
      expect(after.drafted.map((o: Drafted) => o.id).sort()).toEqual(out.orders.map((o) => o.id).sort());
      expect(after.drafted[0].live.blockers.map((b: { kind: string }) => b.kind)).toContain('period');
      expect(after.drafted[0].live.blockers[0].kind).toBe('phase');

      // The month come: the order waits for the ceasefire gate only.
      api.setNow(new Date('2027-06-15T08:00:00Z'));
      const live = (await api.get('fra-staff', `/api/orders/${out.orders[0]!.id}`)).json() as Drafted;
      expect(live.live!.status).toBe('ready_on_gate');
      expect(live.live!.blockers.some((b) => b.kind === 'period')).toBe(false);
      expect(live.live!.blockers.some((b) => b.kind === 'phase')).toBe(true);
      api.setNow(NOW);

      // Not releasable to the United States: the plan and its orders read as absent.
      const hidden = await api.get('usa-staff', `/api/sustainment-plans/${planId}/orders?month=2027-06`);
      const free = await api.get('usa-staff', '/api/sustainment-plans/SPLAN-FRA-9999/orders?month=2027-06');
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.message.replace(planId, 'X')).toBe(
        free.json().error.message.replace('SPLAN-FRA-9999', 'X'),
      );
      expect((await api.get('usa-staff', `/api/orders/${out.orders[0]!.id}`)).statusCode).toBe(404);
    });

    it('bad months are 400s naming the field and draft nothing', async () => {
      const before = (await api.database.db.selectFrom('deployment_order').select('id').execute()).length;
      const bad: [unknown, string][] = [
        ['june', 'sustainment.invalid_month'],
        ['2026-13', 'sustainment.invalid_month'],
        ['2029-10', 'sustainment.outside_horizon'],
        ['2026-09', 'sustainment.outside_horizon'],
        ['2026-10', 'sustainment.past_month'],
      ];
      for (const [month, code] of bad) {
        const res = await api.send('fra-staff', 'POST', `/api/sustainment-plans/${planId}/orders`, { month });
        expect(res.statusCode, String(month)).toBe(400);
        expect(res.json().error).toMatchObject({ code, field: 'body.month' });
      }
      for (const body of [{}, { month: 202706 }, { month: '2027-07', extra: 1 }]) {
        const res = await api.send('fra-staff', 'POST', `/api/sustainment-plans/${planId}/orders`, body);
        expect(res.statusCode).toBe(400);
      }
      const preview = await api.get('fra-staff', `/api/sustainment-plans/${planId}/orders?month=2031-01`);
      expect(preview.json().error).toMatchObject({
        code: 'sustainment.outside_horizon',
        field: 'query.month',
      });
      const missing = await api.send('fra-staff', 'POST', '/api/sustainment-plans/SPLAN-FRA-9999/orders', {
        month: '2027-07',
      });
      expect(missing.statusCode).toBe(404);
      expect((await api.database.db.selectFrom('deployment_order').select('id').execute()).length).toBe(
        before,
      );
    });
  });
}
