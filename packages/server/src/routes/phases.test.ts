import { addDays, type DayIncident, type SectorDay } from '@guarantor/core/phases';
import type { Plan } from '@guarantor/core/planning';
import { adoptPlan, insertPlan } from '@guarantor/db';
import { putSectorDays, seedPhases } from '@guarantor/db/phases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

// The gate reads imported sector facts here (`putSectorDays`); no zones are loaded, so the
// monitoring side contributes no sector. The end-to-end path is phases.scenario.test.ts.
const SECTORS = ['S-1', 'S-2', 'S-3'];

function day(sector: string, date: string, incidents: DayIncident[] = []): SectorDay {
  return { sector, date, monitored: true, incidents };
}
const verified = (id: string, count: number, extra: Partial<DayIncident> = {}): DayIncident => ({
  id,
  category: 'explosion_impact',
  verification: 'verified',
  count,
  zones: [],
  ...extra,
});
const calmDays = (from: string, to: string): SectorDay[] => {
  const out: SectorDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    for (const s of SECTORS) out.push(day(s, d, [verified(`${s} ${d}`, 1)]));
  return out;
};

/** A stored plan that allocates `quantity` of NLD-1 to a demining requirement in UA-14. */
function demoPlan(quantity: number): { input: never; result: Plan } {
  const requirement = {
    id: 'REQ-DEMINING-UA-14',
    region: 'UA-14',
    lineOfEffort: 'demining',
    capability: 'demining_company',
    role: 'demining',
    quantity: 2,
    priority: 2,
    phase: 'force_deploying',
    maxDaysToDeploy: 60,
  };
  return {
    input: {
      atMs: Date.parse('2026-11-10T08:00:00Z'),
      offers: [],
      requirements: [requirement],
      leadClaims: [],
      facts: { distanceToContactKm: {}, participatingNations: [], mandates: {} },
    } as never,
    result: {
      status: 'optimal',
      allocations: [{ offerId: 'NLD-1', requirementId: requirement.id, quantity }],
      leads: [],
      metrics: {
        coverage: quantity / 2,
        unitsRequired: 2,
        unitsAllocated: quantity,
        meanDaysToDeploy: 30,
        nationRegionPairs: 1,
        activeCells: 1,
        cellsWithLead: 0,
        preferredUnits: 0,
        secondaryObjective: 0,
      },
      shortfalls: [],
      claims: [],
      rejected: [],
      notes: ['hand-made for the test'],
    },
  };
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`phases API on ${engine.name}`, () => {
    let h: ApiHarness;
    const get = (user: string, url: string) => h.get(user, url);
    const post = (user: string, url: string, payload: unknown = {}) => h.post(user, url, payload);
    const setNow = (at: string) => h.setNow(new Date(at));
    /** A request in the reader's language, by Accept-Language (the web's way) or `?lang=`. */
    const inLanguage = (
      user: string,
      method: 'GET' | 'POST',
      url: string,
      language: string,
      payload?: unknown,
    ) =>
      h.app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: {
          cookie: h.session(user).cookie,
          'x-csrf-token': h.session(user).csrf,
          'accept-language': language,
        },
      });
    /** English words of the gate's sentences; ids (S-1, USA-1, ORD-3, quiet-14) and codes are kept in every language. */
    const ENGLISH =
      /\b(is|are|the|and|not|holding|fragile|broken|orders|open|waiting|refused|deployment|neither|nor|supports|mandate|now|issuable|broke|rule|proposed|committed|verified|violations|limit|day|had|sector|hold|cleared|every|blocker|nobody|yet|decided|authority|from|caveat|offer|serve)\b/;

    beforeAll(async () => {
      // Sessions last 30 days: the tests move the clock by days.
      h = await openApiHarness(engine, {
        now: new Date('2026-11-10T08:00:00Z'),
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['usa-analyst', 'USA', ['analyst']],
          ['usa-liaison', 'USA', ['liaison']],
          ['deu-liaison', 'DEU', ['liaison']],
          ['fra-liaison', 'FRA', ['liaison']],
          ['usa-staff', 'USA', ['cell_staff']],
        ],
        env: { SESSION_TTL_HOURS: '720' },
      });
      await seedPhases(h.database.db, new Date('2026-11-01T12:00:00Z'));
      await putSectorDays(h.database.db, calmDays('2026-11-01', '2026-11-10'));
    });
    afterAll(async () => {
      await h?.close();
    });

    it('shows the seeded phase, timeline and guard policy', async () => {
      const res = await get('usa-analyst', '/api/phases');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().phase).toBe('ceasefire_agreed');
      expect(res.json().timeline.map((p: { phase: string }) => p.phase)).toEqual([
        'hostilities',
        'ceasefire_agreed',
      ]);
      expect(res.json().guards.force_deploying).toEqual(['coverage-80', 'fom-7', 'heavy-7', 'quiet-14']);
    });

    it('refuses a transition while a rule fails, naming rule, sector, day and incidents; records an override', async () => {
      await putSectorDays(h.database.db, [
        day('S-2', '2026-11-08', [verified('S-2 flare a', 5), verified('S-2 flare b', 3)]),
      ]);
      const skip = await post('fra-staff', '/api/phases/transitions', {
        target: 'force_deploying',
        authority: 'Coordination Cell decision 2026/14',
      });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().error.code).toBe('phase.transition_not_allowed');

      const analyst = await post('usa-analyst', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'x',
      });
      expect(analyst.statusCode).toBe(403);

      const refused = await post('fra-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell decision 2026/14',
      });
      expect(refused.statusCode, refused.body).toBe(409);
      const error = refused.json().error;
      expect(error.code).toBe('phase.gate_closed');
      expect(error.message).toContain("rule 'quiet-7' fails in sector S-2");
      expect(error.message).toContain('day 2026-11-08 had 8 verified violations, limit 5');
      expect(error.details.failures).toEqual([
        expect.objectContaining({
          rule: 'quiet-7',
          sector: 'S-2',
          breakingDate: '2026-11-08',
          incidentIds: ['S-2 flare a', 'S-2 flare b'],
          firstPassDate: '2026-11-15',
        }),
      ]);

      // The refusal and the preview in the reader's words: the rule's failing sector said again.
      const ukRefused = await inLanguage('fra-staff', 'POST', '/api/phases/transitions', 'uk', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell decision 2026/14',
      });
      expect(ukRefused.statusCode).toBe(409);
      expect(ukRefused.json().error.message).toContain('правило «quiet-7» не виконано в секторі S-2');
      expect(ukRefused.json().error.message).not.toMatch(ENGLISH);
      const preview = await inLanguage('fra-staff', 'POST', '/api/phases/transitions/preview', 'uk', {
        target: 'ceasefire_holding',
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().outcome).toBe('needs_override');
      expect(preview.json().reasons).toEqual([
        expect.stringContaining('правило «quiet-7» не виконано в секторі S-2'),
      ]);
      for (const r of preview.json().reasons) expect(r).not.toMatch(ENGLISH);
      const enPreview = await inLanguage('fra-staff', 'POST', '/api/phases/transitions/preview', 'en', {
        target: 'ceasefire_holding',
      });
      expect(enPreview.json().reasons).toEqual(error.details.reasons);
      const future = await inLanguage('fra-staff', 'POST', '/api/phases/transitions/preview', 'fr', {
        target: 'ceasefire_holding',
        date: '2027-01-01',
      });
      expect(future.json().reasons).toEqual([
        expect.stringMatching(/^la date de décision 1 janv\. 2027 est dans le futur/),
      ]);

      const blank = await post('fra-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell decision 2026/14',
        override: { reason: '  ' },
      });
      expect(blank.statusCode).toBe(400);

      const overridden = await post('fra-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell decision 2026/15',
        override: { reason: 'S-2 flare attributed to a training accident; joint inspection confirmed' },
      });
      expect(overridden.statusCode, overridden.body).toBe(201);
      expect(overridden.json().override).toEqual({
        reason: 'S-2 flare attributed to a training accident; joint inspection confirmed',
        bypassed: [expect.stringContaining("rule 'quiet-7' fails in sector S-2")],
      });
      const timeline = (await get('usa-analyst', '/api/phases')).json();
      expect(timeline.phase).toBe('ceasefire_holding');
      const ukTimeline = (await inLanguage('usa-analyst', 'GET', '/api/phases', 'uk')).json();
      expect(ukTimeline.current.override.bypassed).toEqual([
        expect.stringContaining('правило «quiet-7» не виконано в секторі S-2'),
      ]);
      expect(ukTimeline.current.evaluations[0].failing.join(' ')).not.toMatch(ENGLISH);
      expect(timeline.current.override.reason).toContain('training accident');
      const audit = await h.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor'])
        .where('action', '=', 'phase.override')
        .execute();
      expect(audit).toEqual([{ action: 'phase.override', actor: 'fra-staff' }]);
    });

    it('keeps every rule version, and refuses bad rules with their position', async () => {
      const bad = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        text: 'every sector:\n  verified violations per day <= 5 for 3 consecutive dayz',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({
        code: 'rule.invalid',
        field: 'body.text',
        details: { code: 'rule.syntax', line: 2, column: 54, offset: 67 },
      });
      const sector = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        text: 'sector S-9: no violations for 3 days',
      });
      expect(sector.json().error.details).toMatchObject({ code: 'rule.unknown_sector', line: 1, column: 8 });
      const category = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        text: 'no artillery_duel for 3 days',
      });
      expect(category.json().error.details).toMatchObject({ code: 'rule.unknown_category', column: 4 });
      const unbounded = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        text: 'no violations for 100000 days',
      });
      expect(unbounded.json().error.details.code).toBe('rule.unbounded');
      expect(
        (await post('fra-staff', '/api/phases/rules', { id: 'x', text: 'no fom_restriction for 1 day' }))
          .statusCode,
      ).toBe(403);

      const created = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        title: 'three quiet days',
        text: 'sector S-1: no violations for 3 days',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ id: 'quiet-3', version: 1, createdBy: 'usa-analyst' });
      const v2 = await post('usa-analyst', '/api/phases/rules/quiet-3/versions', {
        text: 'sectors S-1, S-3: verified violations per day <= 2 for 3 days',
      });
      expect(v2.json()).toMatchObject({ version: 2 });
      const versions = (await get('fra-staff', '/api/phases/rules/quiet-3')).json().versions;
      expect(versions.map((v: { version: number; text: string }) => [v.version, v.text])).toEqual([
        [1, 'sector S-1: no violations for 3 days'],
        [2, 'sectors S-1, S-3: verified violations per day <= 2 for 3 days'],
      ]);
      const dup = await post('usa-analyst', '/api/phases/rules', {
        id: 'quiet-3',
        text: 'no fom_restriction for 1 day',
      });
      expect(dup.json().error.code).toBe('conflict.exists');
    });

    it('drafts orders: ready on gate, or refused with every reason; issue is refused while the gate is shut', async () => {
      const ready = await post('usa-liaison', '/api/orders', {
        offerId: 'USA-1',
        quantity: 4,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector: 'S-1',
      });
      expect(ready.statusCode, ready.body).toBe(201);
      expect(ready.json()).toMatchObject({
        state: 'ready_on_gate',
        gate: 'ready_on_gate',
        role: 'monitoring',
        releasability: 'COALITION',
      });
      expect(ready.json().message).toBe(
        'ready on gate: waiting for phase force_deploying (now ceasefire_holding) and sector S-1 to hold (now fragile)',
      );

      const refused = await post('deu-liaison', '/api/orders', {
        offerId: 'DEU-1',
        quantity: 2,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector: 'S-1',
      });
      expect(refused.statusCode, refused.body).toBe(201);
      expect(refused.json().state).toBe('refused');
      const reasons: string[] = refused.json().reasons;
      expect(reasons).toEqual(
        expect.arrayContaining([
          'phase is ceasefire_holding; orders open at force_deploying',
          'DEU holds no national mandate for this deployment',
          expect.stringContaining('outside Ukraine only'),
          'neither the plan nor the lead matrix supports DEU in UA-14 (truce_monitoring): no plan is adopted, and DEU neither leads nor contributes there in the lead matrix',
        ]),
      );

      const foreign = await post('fra-liaison', '/api/orders', {
        offerId: 'USA-1',
        quantity: 1,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector: 'S-1',
      });
      expect(foreign.statusCode).toBe(403);
      const unknownSector = await post('usa-liaison', '/api/orders', {
        offerId: 'USA-1',
        quantity: 1,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector: 'S-9',
      });
      expect(unknownSector.json().error.code).toBe('order.sector_unknown');

      const issue = await post('fra-staff', `/api/orders/${ready.json().id}/issue`);
      expect(issue.statusCode).toBe(409);
      expect(issue.json().error.code).toBe('phase.gate_closed');
      expect(issue.json().error.message).toBe(
        'deployment refused: phase is ceasefire_holding; orders open at force_deploying; sector S-1 is fragile, not holding',
      );
      const overridePhase = await post('fra-staff', `/api/orders/${ready.json().id}/issue`, {
        override: { reason: 'urgent' },
      });
      expect(overridePhase.statusCode).toBe(409);
      const issueRefused = await post('fra-staff', `/api/orders/${refused.json().id}/issue`);
      expect(issueRefused.json().error.code).toBe('order.refused');
      const events = (await get('fra-staff', `/api/orders/${ready.json().id}`)).json().events;
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(['drafted', 'refused', 'refused']);

      // The same checks in the reader's words (ADR 0057): the live message and blockers, the
      // stored reasons (the live check's, said again), a refusal's message and details, the gate.
      const ukOrders = await get('deu-liaison', '/api/orders?lang=uk');
      expect(ukOrders.headers['content-language']).toBe('uk');
      const ukRefused = ukOrders.json().orders.find((o: { id: string }) => o.id === refused.json().id);
      expect(ukRefused.reasons).toHaveLength(reasons.length);
      expect(ukRefused.reasons).toEqual(
        expect.arrayContaining([
          'фаза «припинення вогню дотримується»; накази видаються з фази «розгортання сил»',
          'Німеччина: немає національного мандата на це розгортання',
          expect.stringMatching(/^пропозиція DEU-1 не може діяти в регіоні .+: /),
          expect.stringMatching(
            /^Німеччина: ні план, ні матриця провідних держав не підтримують розгортання в регіоні .+: жодного плану не ухвалено; /,
          ),
        ]),
      );
      expect(ukRefused.live.message).toMatch(/^у розгортанні відмовлено: /);
      for (const text of [
        ...ukRefused.reasons,
        ukRefused.live.message,
        ...ukRefused.live.blockers.map((b: { reason: string }) => b.reason),
      ])
        expect(text).not.toMatch(ENGLISH);
      const frReady = await inLanguage('usa-liaison', 'GET', `/api/orders/${ready.json().id}`, 'fr');
      expect(frReady.headers['content-language']).toBe('fr');
      expect(frReady.json().live.message).toBe(
        'en attente du jalon : la phase « déploiement de la force » (actuellement « cessez-le-feu respecté ») et le respect du cessez-le-feu dans le secteur S-1 (actuellement « fragile »)',
      );
      expect(frReady.json().live.blockers.map((b: { waitingFor: string }) => b.waitingFor)).toEqual([
        'la phase « déploiement de la force » (actuellement « cessez-le-feu respecté »)',
        'le respect du cessez-le-feu dans le secteur S-1 (actuellement « fragile »)',
      ]);
      expect(frReady.json().events[0].reasons).toEqual(
        frReady.json().live.blockers.map((b: { reason: string }) => b.reason),
      );
      const frIssue = await inLanguage('fra-staff', 'POST', `/api/orders/${ready.json().id}/issue`, 'fr', {});
      expect(frIssue.statusCode).toBe(409);
      expect(frIssue.json().error.message).toBe(
        'déploiement refusé : phase « cessez-le-feu respecté » ; les ordres s’ouvrent à la phase « déploiement de la force » ; secteur S-1 : état « fragile », et non « respecté »',
      );
      expect(frIssue.json().error.details.blockers.map((b: { kind: string }) => b.kind)).toEqual([
        'phase',
        'sector',
      ]);
      expect(frIssue.json().error.details.blockers[1].reason).toBe(
        'secteur S-1 : état « fragile », et non « respecté »',
      );
      const ukIssue = await inLanguage(
        'fra-staff',
        'POST',
        `/api/orders/${refused.json().id}/issue`,
        'uk',
        {},
      );
      expect(ukIssue.json().error.code).toBe('order.refused');
      expect(ukIssue.json().error.message).toMatch(
        /^у розгортанні відмовлено: фаза «припинення вогню дотримується»/,
      );
      expect(ukIssue.json().error.message).not.toMatch(ENGLISH);
      // The order's history too, said again from the context stored with each event.
      const ukHistory = (await get('deu-liaison', `/api/orders/${refused.json().id}?lang=uk`)).json().events;
      expect(ukHistory.map((e: { kind: string }) => e.kind)).toEqual(['drafted', 'refused', 'refused']);
      for (const e of ukHistory) {
        expect(e.reasons.length).toBeGreaterThanOrEqual(4);
        for (const reason of e.reasons) expect(reason).not.toMatch(ENGLISH);
      }
      const enHistory = (await get('deu-liaison', `/api/orders/${refused.json().id}?lang=en`)).json().events;
      expect(enHistory[0].reasons).toEqual(reasons);
      const ukGate = (await get('fra-staff', '/api/phases/deployment-gate?lang=uk')).json();
      const gated = ukGate.orders.find((o: { id: string }) => o.id === ready.json().id);
      expect(gated.blockers.map((b: { reason: string }) => b.reason)).toEqual([
        'фаза «припинення вогню дотримується»; накази видаються з фази «розгортання сил»',
        'сектор S-1: стан «нестійкий», а не «дотримується»',
      ]);
      // English stays word for word what the check writes.
      const enGate = (await get('fra-staff', '/api/phases/deployment-gate?lang=en')).json();
      expect(enGate.orders.find((o: { id: string }) => o.id === ready.json().id).blockers[1]).toEqual({
        kind: 'sector',
        reason: 'sector S-1 is fragile, not holding',
        waitingFor: 'sector S-1 to hold (now fragile)',
      });

      const gate = (await get('fra-staff', '/api/phases/deployment-gate')).json();
      expect(gate.open).toBe(false);
      expect(gate.steps.map((s: { phase: string }) => s.phase)).toEqual(['force_deploying']);
      expect(
        gate.steps[0].failures.map((f: { rule: string; sector: string }) => `${f.rule}/${f.sector}`),
      ).toEqual(expect.arrayContaining(['coverage-80/S-1', 'quiet-14/S-2']));
      expect(gate.mandates.map((m: { offerId: string }) => m.offerId)).toEqual(
        expect.arrayContaining(['DEU-1', 'ITA-2']),
      );
    });

    it('keeps orders releasable only to the nations on their label', async () => {
      const usa = await post('usa-liaison', '/api/orders', {
        offerId: 'USA-2',
        quantity: 1,
        regionCode: 'UA-14',
        lineOfEffort: 'truce_monitoring',
        sector: 'S-3',
      });
      expect(usa.statusCode, usa.body).toBe(201);
      expect(usa.json().releasability).toBe('REL TO UKR, USA');
      const id = usa.json().id;
      expect((await get('usa-staff', `/api/orders/${id}`)).statusCode).toBe(200);
      expect((await get('fra-staff', `/api/orders/${id}`)).statusCode).toBe(404);
      const fraList = (await get('fra-staff', '/api/orders')).json().orders.map((o: { id: string }) => o.id);
      expect(fraList).not.toContain(id);
      expect((await post('fra-staff', `/api/orders/${id}/issue`)).statusCode).toBe(404);
      const usaList = (await get('usa-staff', '/api/orders')).json().orders.map((o: { id: string }) => o.id);
      expect(usaList).toContain(id);
    });

    it('opens the gate: orders waiting on it become issuable, the cell is told why, and they issue', async () => {
      setNow('2026-11-25T08:00:00Z');
      await putSectorDays(h.database.db, calmDays('2026-11-11', '2026-11-25'));
      const reevaluated = await post('fra-staff', '/api/phases/reevaluate', {});
      expect(reevaluated.statusCode, reevaluated.body).toBe(200);
      expect(reevaluated.json().newlyIssuable).toEqual([]);
      const moved = await post('fra-staff', '/api/phases/transitions', {
        target: 'force_deploying',
        authority: 'Coordination Cell decision 2026/21',
      });
      expect(moved.statusCode, moved.body).toBe(201);
      expect(moved.json().override).toBeNull();
      expect(moved.json().evaluations.map((e: { rule: string; pass: boolean }) => [e.rule, e.pass])).toEqual(
        expect.arrayContaining([
          ['quiet-14', true],
          ['coverage-80', true],
        ]),
      );
      const orders = (await get('usa-staff', '/api/orders')).json().orders;
      const ready = orders.find((o: { offerId: string }) => o.offerId === 'USA-1');
      expect(ready).toMatchObject({ state: 'draft', gate: 'issuable' });
      const notices = (await get('usa-staff', '/api/notifications')).json().notifications;
      const issuable = notices.filter((n: { kind: string }) => n.kind === 'order_issuable');
      expect(issuable.map((n: { orderId: string }) => n.orderId).sort()).toEqual(
        orders
          .filter((o: { offerId: string }) => o.offerId === 'USA-1' || o.offerId === 'USA-2')
          .map((o: { id: string }) => o.id)
          .sort(),
      );
      expect(issuable[0].reasons).toEqual(['phase is now force_deploying']);
      expect(issuable[0].message).toMatch(
        /^order ORD-USA-\d+ \(USA-\d, \d+ to UA-14, sector S-\d\) is now issuable: phase is now force_deploying$/,
      );
      // In the reader's words, said from the facts stored beside the English.
      const ukNotices = await get('usa-staff', '/api/notifications?lang=uk');
      expect(ukNotices.headers['content-language']).toBe('uk');
      const ukIssuable = ukNotices.json().notifications.find((n: { id: number }) => n.id === issuable[0].id);
      expect(ukIssuable.reasons).toEqual(['фаза тепер «розгортання сил»']);
      expect(ukIssuable.message).toMatch(
        /^наказ ORD-USA-\d+ \(USA-\d, \d+ до регіону Донецька область, сектор S-\d\) тепер готовий до видачі: фаза тепер «розгортання сил»$/,
      );
      const ukChanged = ukNotices
        .json()
        .notifications.find((n: { kind: string }) => n.kind === 'phase_changed');
      expect(ukChanged.message).toBe(
        'фаза тепер «розгортання сил» (після «припинення вогню дотримується»); рішення ухвалив fra-staff (Франція), повноваження: Coordination Cell decision 2026/21',
      );
      const frNotices = (await inLanguage('usa-staff', 'GET', '/api/notifications', 'fr')).json()
        .notifications;
      expect(frNotices.find((n: { id: number }) => n.id === issuable[0].id).message).toMatch(
        /^ordre ORD-USA-\d+ .* désormais prêt à émettre : la phase est désormais « déploiement de la force »$/,
      );
      for (const n of [...ukNotices.json().notifications, ...frNotices]) {
        if (n.kind === 'order_issuable' || n.kind === 'phase_changed')
          expect(n.message.replace('Coordination Cell decision', '')).not.toMatch(ENGLISH);
      }
      // France cannot see the REL TO UKR, USA order's notice.
      const fraNotices = (await get('fra-staff', '/api/notifications')).json().notifications;
      expect(fraNotices.filter((n: { kind: string }) => n.kind === 'order_issuable')).toHaveLength(1);

      const issued = await post('fra-staff', `/api/orders/${ready.id}/issue`);
      expect(issued.statusCode, issued.body).toBe(200);
      expect(issued.json()).toMatchObject({ state: 'issued', issuedBy: 'fra-staff', override: null });
      expect((await post('fra-staff', `/api/orders/${ready.id}/issue`)).json().error.code).toBe(
        'order.already_issued',
      );
    });

    it('records a breach when a holding sector breaks, proposes a rung, and times the response', async () => {
      setNow('2026-11-26T20:00:00Z');
      await putSectorDays(h.database.db, [
        day('S-3', '2026-11-26', [verified('S-3 shelling', 9)]),
        day('S-1', '2026-11-26'),
        day('S-2', '2026-11-26'),
      ]);
      const res = await post('usa-analyst', '/api/phases/reevaluate', {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().breaches).toEqual(
        expect.arrayContaining(['quiet-14@1:S-3:2026-11-26', 'quiet-7@1:S-3:2026-11-26']),
      );
      expect(res.json().sectorChanges).toEqual([
        { sector: 'S-3', asOf: '2026-11-26', from: 'holding', to: 'broken' },
      ]);
      const orderS3 = (await get('usa-staff', '/api/orders'))
        .json()
        .orders.find((o: { sector: string }) => o.sector === 'S-3');
      expect(orderS3.live.status).toBe('ready_on_gate');
      const overridden = await post('usa-staff', `/api/orders/${orderS3.id}/issue`, {
        override: { reason: 'S-3 shelling was outgoing fire from a range 40 km behind the line' },
      });
      expect(overridden.statusCode, overridden.body).toBe(200);
      expect(overridden.json().override).toEqual({
        reason: 'S-3 shelling was outgoing fire from a range 40 km behind the line',
      });

      setNow('2026-11-27T10:30:00Z');
      const breachId = 'quiet-14@1:S-3:2026-11-26';
      const responded = await post(
        'fra-staff',
        `/api/phases/breaches/${encodeURIComponent(breachId)}/responses`,
        {
          rungId: 'joint-inspection',
          note: 'joint team dispatched',
        },
      );
      expect(responded.statusCode, responded.body).toBe(201);
      expect(responded.json().elapsedHours).toBe(14.5);
      const breaches = (await get('fra-staff', '/api/phases/breaches')).json().breaches;
      const b = breaches.find((x: { id: string }) => x.id === breachId);
      expect(b.proposedRung.id).toBe('joint-inspection');
      expect(b.proposedRung.nations).toEqual(['USA', 'FRA', 'GBR']);
      expect(b).toMatchObject({ elapsedHours: 14.5, withinCommitment: true, incidentIds: ['S-3 shelling'] });
      expect(b.explanation).toBe('day 2026-11-26 had 9 verified violations, limit 5');
      // The breach's explanation and its notices in the reader's words, from the stored conditions.
      const frBreaches = await get('fra-staff', '/api/phases/breaches?lang=fr');
      expect(frBreaches.headers['content-language']).toBe('fr');
      expect(frBreaches.json().breaches.find((x: { id: string }) => x.id === breachId).explanation).toBe(
        'le 26 nov. 2026 : violations vérifiées — 9, limite 5',
      );
      const ukNotices = (await get('fra-staff', '/api/notifications?lang=uk')).json().notifications;
      const ukBreach = ukNotices.find((n: { breachId: string | null }) => n.breachId === breachId);
      expect(ukBreach.message).toBe(
        "сектор S-3: правило 'quiet-14' порушено 26 лист. 2026 р.: 26 лист. 2026 р.: верифіковані порушення — 9, межа 5; запропоновано: Joint inspection within 24 h (зобов’язалися: Сполучені Штати, Франція і Велика Британія)",
      );
      const ukStatus = ukNotices.find((n: { kind: string }) => n.kind === 'sector_status');
      expect(ukStatus.message).toBe(
        'сектор S-3: стан «порушено» станом на 26 лист. 2026 р. (був «дотримується»)',
      );
      expect(ukStatus.reasons.length).toBeGreaterThan(0);
      for (const reason of ukStatus.reasons)
        expect(reason).toMatch(/^'[^']+' не виконується \(.*межа \d+\)$/);
      const enNotices = (await get('fra-staff', '/api/notifications?lang=en')).json().notifications;
      expect(enNotices.find((n: { breachId: string | null }) => n.breachId === breachId).message).toBe(
        "sector S-3 broke rule 'quiet-14' on 2026-11-26: day 2026-11-26 had 9 verified violations, limit 5; proposed: Joint inspection within 24 h (committed: USA, FRA, GBR)",
      );
      const board = (await get('fra-staff', '/api/phases/sectors?asOf=2026-11-26&days=30')).json();
      const s3 = board.sectors.find((s: { sector: string }) => s.sector === 'S-3');
      expect(s3.status).toBe('broken');
      expect(s3.series.at(-1)).toMatchObject({ date: '2026-11-26', count: 9 });
      expect(board.chart).toMatchObject({ rule: 'quiet-14', limit: 5, windowDays: 14 });
      // In the reader's language: the same reasons and explanations, from the same evaluations.
      const uk = await h.app.inject({
        method: 'GET',
        url: '/api/phases/sectors?asOf=2026-11-26&days=30',
        headers: { cookie: h.session('fra-staff').cookie, 'accept-language': 'uk' },
      });
      expect(uk.headers['content-language']).toBe('uk');
      const ukS3 = uk.json().sectors.find((s: { sector: string }) => s.sector === 'S-3');
      expect(ukS3.reasons).toHaveLength(s3.reasons.length);
      expect(s3.reasons.join(' ')).toMatch(
        /^rule '[^']+' fails \(day 2026-11-2\d had \d+ verified violations/,
      );
      expect(ukS3.reasons.join(' ')).toMatch(
        /^'[^']+' не виконується \(2\d лист\. 2026 р\.: верифіковані порушення — \d+, межа 5\)/,
      );
      expect(ukS3.reasons.join(' ')).not.toMatch(/\b(rule|fails|day|had|verified|violations|limit)\b/);
      const failing = ukS3.rules.filter((r: { pass: boolean }) => !r.pass);
      expect(failing.length).toBeGreaterThan(0);
      for (const r of failing) expect(r.explanation).toMatch(/межа|під моніторингом/);
    });

    it('accepts support from the adopted plan where the lead matrix gives none, up to what it allocates', async () => {
      // The lead matrix has no demining cell in UA-14: without a plan, nothing supports NLD-1 there.
      const draft = (quantity: number) =>
        post('fra-staff', '/api/orders', {
          offerId: 'NLD-1',
          quantity,
          regionCode: 'UA-14',
          lineOfEffort: 'demining',
          sector: 'S-1',
        });
      const unplanned = await draft(1);
      expect(unplanned.statusCode, unplanned.body).toBe(201);
      expect(unplanned.json().state).toBe('refused');
      expect(unplanned.json().reasons).toContain(
        'neither the plan nor the lead matrix supports NLD in UA-14 (demining): no plan is adopted, and NLD neither leads nor contributes there in the lead matrix',
      );

      const by = { username: 'fra-staff', nation: 'FRA', at: h.now() };
      const plan = demoPlan(1);
      const id = await h.database.db.transaction().execute(async (trx) => {
        const stored = await insertPlan(
          trx,
          {
            title: 'demining east',
            method: 'optimal',
            options: {},
            basedOn: null,
            label: { kind: 'COALITION' },
            ...plan,
          },
          by,
        );
        const adopted = await adoptPlan(trx, stored.id, by);
        expect(adopted.ok).toBe(true);
        return stored.id;
      });

      // Backed by the plan (the gate is open and S-1 holds): issuable; the refused one is re-checked.
      const planned = await draft(1);
      expect(planned.json(), planned.body).toMatchObject({ state: 'draft', gate: 'issuable', reasons: [] });
      const rechecked = await post('fra-staff', `/api/orders/${unplanned.json().id}/check`);
      expect(rechecked.json(), rechecked.body).toMatchObject({ state: 'draft', gate: 'issuable' });

      // The plan allocates one company; an order for two is not what it supports.
      const more = await draft(2);
      expect(more.json().state).toBe('refused');
      expect(more.json().reasons).toContain(
        `neither the plan nor the lead matrix supports NLD in UA-14 (demining): the adopted plan ${id} allocates 1 of NLD-1 there, not 2, and NLD neither leads nor contributes there in the lead matrix`,
      );
    });
  });
}
