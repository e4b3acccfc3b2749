import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');

const rotation = (over: Record<string, unknown> = {}) => ({
  version: 1,
  availableFrom: '2027-01',
  monthsDeployed: 6,
  monthsRecovering: 12,
  rotationalUnits: 2,
  mandateEnds: '2028-12-31',
  renewalExpected: true,
  maxMonths: null,
  ...over,
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`sustainment API on ${engine.name}`, () => {
    let api: ApiHarness;
    const get: ApiHarness['get'] = (user, url) => api.get(user, url);
    const send: ApiHarness['send'] = (user, method, url, payload) => api.send(user, method, url, payload);
    const audits = async (entity: string, entityId: string, action: string) =>
      (
        await api.database.db
          .selectFrom('audit_log')
          .select(['action', 'actor'])
          .where('entity', '=', entity)
          .where('entity_id', '=', entityId)
          .where('action', '=', action)
          .execute()
      ).map((a) => `${a.action}:${a.actor}`);

    /** The error as a reader sees it, the asked id masked and the request id left out. */
    const errorOf = (body: string, id: string) => {
      const { requestId: _r, ...error } = JSON.parse(body.replaceAll(id, 'X')).error;
      return error;
    };

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['fra-liaison', 'FRA', ['liaison']],
          ['gbr-liaison', 'GBR', ['liaison']],
          ['fra-analyst', 'FRA', ['analyst']],
          ['gbr-analyst', 'GBR', ['analyst']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('lists the demo rotations and timelines in words, and defaults for the rest', async () => {
      const res = await get('gbr-liaison', '/api/sustainment/settings');
      expect(res.statusCode, res.body).toBe(200);
      const { rotations, timelines } = res.json();
      expect(rotations.find((r: { offerId: string }) => r.offerId === 'FRA-1')).toMatchObject({
        nationName: 'France',
        offerName: expect.stringMatching(/^Infantry battalion, 4 battalions \(France\)$/),
        monthsDeployed: 4,
        rotationalUnits: 2,
        mandateEnds: '2028-12-31',
        renewalExpected: true,
        version: 1,
      });
      expect(timelines.find((t: { requirementId: string }) => t.requirementId === 'R-01')).toMatchObject({
        requirementName: 'Monitoring team in Donetsk Oblast (R-01)',
        start: '2027-01',
        end: null,
        version: 1,
      });
      // In the reader's language: offers, nations and requirements named in Ukrainian.
      const uk = await api.app.inject({
        method: 'GET',
        url: '/api/sustainment/settings',
        headers: { cookie: api.session('gbr-liaison').cookie, 'accept-language': 'uk' },
      });
      expect(uk.headers['content-language']).toBe('uk');
      const ukFra = uk.json().rotations.find((r: { offerId: string }) => r.offerId === 'FRA-1');
      expect(ukFra.nationName).toBe('Франція');
      expect(ukFra.offerName).toMatch(/^[А-ЯІЇЄҐ].*4 батальйони.*\(Франція\)$/);
      const ukR01 = uk.json().timelines.find((t: { requirementId: string }) => t.requirementId === 'R-01');
      expect(ukR01.requirementName).toMatch(/Донецька область.*\(R-01\)/);
      expect(`${ukFra.offerName} ${ukR01.requirementName}`).not.toMatch(/[A-Za-z]{4,}/);
      // A requirement without a timeline: every month from the month after the clock, version 0.
      expect(timelines.find((t: { requirementId: string }) => t.requirementId === 'R-03')).toMatchObject({
        start: '2026-12',
        version: 0,
      });
    });

    it("a liaison sets their own offer's rotation (audited), not another nation's; bad input is a 400 naming the field and stores nothing", async () => {
      const ok = await send(
        'fra-liaison',
        'PUT',
        '/api/offers/FRA-2/rotation',
        rotation({ rotationalUnits: 3 }),
      );
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ offerId: 'FRA-2', rotationalUnits: 3, version: 2 });
      expect(await audits('offer_rotation', 'FRA-2', 'offer.rotation')).toEqual([
        'offer.rotation:fra-liaison',
      ]);

      const stale = await send('fra-liaison', 'PUT', '/api/offers/FRA-2/rotation', rotation());
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'conflict.changed', field: 'body.version' });

      const other = await send('fra-liaison', 'PUT', '/api/offers/GBR-1/rotation', rotation());
      expect(other.statusCode).toBe(403);
      expect(other.json().error).toMatchObject({ code: 'auth.forbidden', field: 'params.id' });

      const analyst = await send(
        'fra-analyst',
        'PUT',
        '/api/offers/FRA-2/rotation',
        rotation({ version: 2 }),
      );
      expect(analyst.statusCode).toBe(403);

      const bad: [Record<string, unknown>, string, string][] = [
        [{ monthsDeployed: 0 }, 'body.monthsDeployed', 'sustainment.invalid_value'],
        [{ monthsDeployed: -6 }, 'body.monthsDeployed', 'sustainment.invalid_value'],
        [{ monthsRecovering: 2.5 }, 'body.monthsRecovering', 'sustainment.invalid_value'],
        [{ monthsRecovering: -1 }, 'body.monthsRecovering', 'sustainment.invalid_value'],
        [{ rotationalUnits: -1 }, 'body.rotationalUnits', 'sustainment.invalid_value'],
        [{ mandateEnds: '2026-12-31' }, 'body.mandateEnds', 'sustainment.mandate_before_start'],
        [{ mandateEnds: '2027-02-30' }, 'body.mandateEnds', 'sustainment.invalid_month'],
        [{ availableFrom: '2027-13' }, 'body.availableFrom', 'sustainment.invalid_month'],
        [{ maxMonths: 0 }, 'body.maxMonths', 'sustainment.invalid_value'],
      ];
      for (const [over, field, code] of bad) {
        const res = await send(
          'fra-liaison',
          'PUT',
          '/api/offers/FRA-2/rotation',
          rotation({ version: 2, ...over }),
        );
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().error).toMatchObject({ code, field });
      }
      // Hostile shapes: zod refuses them before core sees them.
      for (const body of [
        {},
        { ...rotation({ version: 2 }), extra: 1 },
        { ...rotation({ version: 2 }), monthsDeployed: '6' },
      ]) {
        const res = await send('fra-liaison', 'PUT', '/api/offers/FRA-2/rotation', body);
        expect(res.statusCode).toBe(400);
      }
      const after = await get('fra-liaison', '/api/sustainment/settings');
      expect(after.json().rotations.find((r: { offerId: string }) => r.offerId === 'FRA-2')).toMatchObject({
        version: 2,
        rotationalUnits: 3,
      });
    });

    it('cell staff set a timeline; overlapping or outside size changes and an end before the start are 400s naming the field', async () => {
      const body = {
        version: 0,
        start: '2027-02',
        end: null,
        sizeChanges: [{ from: '2027-06', to: '2027-08', quantity: 5 }],
      };
      const ok = await send('fra-staff', 'PUT', '/api/requirements/R-03/timeline', body);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ requirementId: 'R-03', version: 1, start: '2027-02' });
      expect(await audits('requirement_timeline', 'R-03', 'requirement.timeline')).toEqual([
        'requirement.timeline:fra-staff',
      ]);

      const bad: [Record<string, unknown>, string, string][] = [
        [
          {
            sizeChanges: [
              { from: '2027-06', to: '2027-08', quantity: 5 },
              { from: '2027-08', to: null, quantity: 1 },
            ],
          },
          'body.sizeChanges[1].from',
          'sustainment.overlapping_changes',
        ],
        [
          { end: '2027-12', sizeChanges: [{ from: '2028-01', to: null, quantity: 2 }] },
          'body.sizeChanges[0].from',
          'sustainment.outside_horizon',
        ],
        [{ start: '2027-05', end: '2027-04', sizeChanges: [] }, 'body.end', 'sustainment.outside_horizon'],
        [{ start: '2027-05', end: '2040-04', sizeChanges: [] }, 'body.end', 'sustainment.outside_horizon'],
        [
          { sizeChanges: [{ from: '2027-06', to: null, quantity: -1 }] },
          'body.sizeChanges[0].quantity',
          'sustainment.invalid_value',
        ],
        [{ start: 'soon' }, 'body.start', 'sustainment.invalid_month'],
      ];
      for (const [over, field, code] of bad) {
        const res = await send('fra-staff', 'PUT', '/api/requirements/R-03/timeline', {
          ...body,
          version: 1,
          ...over,
        });
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().error).toMatchObject({ code, field });
      }
      expect(
        (await send('fra-liaison', 'PUT', '/api/requirements/R-03/timeline', { ...body, version: 1 }))
          .statusCode,
      ).toBe(403);
      const hidden = await send('fra-staff', 'PUT', '/api/requirements/R-NOPE/timeline', {
        ...body,
        version: 0,
      });
      expect(hidden.statusCode).toBe(404);
      const now = await get('fra-staff', '/api/sustainment/settings');
      expect(
        now.json().timelines.find((t: { requirementId: string }) => t.requirementId === 'R-03'),
      ).toMatchObject({
        version: 1,
        sizeChanges: [{ from: '2027-06', to: '2027-08', quantity: 5 }],
      });
    });

    it('runs and stores a plan over 36 months with cliffs in words, and exports it as a workbook', async () => {
      const run = await send('fra-analyst', 'POST', '/api/sustainment-plans', {
        title: 'Three years',
        method: 'greedy',
        horizonStart: '2027-01',
        horizonMonths: 36,
      });
      expect(run.statusCode, run.body.slice(0, 500)).toBe(201);
      const plan = run.json();
      expect(plan).toMatchObject({
        id: 'SPLAN-FRA-1',
        status: 'greedy',
        horizonMonths: 36,
        releasability: 'COALITION',
      });
      expect(plan.months).toHaveLength(36);
      expect(plan.timeline.length).toBeGreaterThan(20);
      expect(plan.cliffs.some((c: { message: string }) => /^In .* 20\d\d the /.test(c.message))).toBe(true);
      // The U.S. mandate ends in 2027 with no renewal expected: a cliff in January 2028.
      expect(
        plan.cliffs.some(
          (c: { nation: string; month: string }) => c.nation === 'USA' && c.month === '2028-01',
        ),
      ).toBe(true);
      expect(plan.nations.find((n: { nation: string }) => n.nation === 'FRA').nationName).toBe('France');
      // The plan names how many offers explain each short span; the offers are read per requirement.
      const short = plan.uncovered.find((u: { candidateCount: number }) => u.candidateCount > 0);
      expect(short).toMatchObject({ candidateCount: expect.any(Number), omitted: expect.any(Number) });
      expect(plan.uncovered.every((u: object) => !('candidates' in u))).toBe(true);
      const explanation = await get(
        'gbr-liaison',
        `/api/sustainment-plans/SPLAN-FRA-1/requirements/${short.requirementId}/explanation`,
      );
      expect(explanation.statusCode, explanation.body).toBe(200);
      const all = explanation.json();
      expect(all).toMatchObject({
        planId: 'SPLAN-FRA-1',
        requirementId: short.requirementId,
        requirementName: short.requirementName,
        month: null,
        met: false,
      });
      const span = all.spans.find((x: { from: string }) => x.from === short.from);
      expect(span.candidates).toHaveLength(short.candidateCount);
      expect(span.candidates.every((c: { text: string; nationName: string }) => c.text && c.nationName)).toBe(
        true,
      );
      expect(all.spans.every((x: { requirementId: string }) => x.requirementId === short.requirementId)).toBe(
        true,
      );
      // In Ukrainian (Accept-Language): the cliffs and the span, said again from the stored data.
      const inUk = (url: string) =>
        api.app.inject({
          method: 'GET',
          url,
          headers: { cookie: api.session('gbr-liaison').cookie, 'accept-language': 'uk-UA' },
        });
      const ukPlan = await inUk('/api/sustainment-plans/SPLAN-FRA-1');
      expect(ukPlan.headers['content-language']).toBe('uk');
      const usa = ukPlan
        .json()
        .cliffs.find((c: { nation: string; month: string }) => c.nation === 'USA' && c.month === '2028-01');
      expect(usa.message).toMatch(
        /^Січень 2028 р\.: закінчується національний мандат держави Сполучені Штати \(.+ р\.\), продовження не очікується: /,
      );
      expect(usa.nationName).toBe('Сполучені Штати');
      const ukSpan = (
        await inUk(`/api/sustainment-plans/SPLAN-FRA-1/requirements/${short.requirementId}/explanation`)
      )
        .json()
        .spans.find((x: { from: string }) => x.from === short.from);
      expect(ukSpan.summary).toMatch(/^[А-ЯІЇЄҐ][а-яіїєґ’ -]+ — [А-ЯІЇЄҐ].* \(R-\d+\): .+ з \d+ \(/);
      for (const text of [
        usa.message,
        ukSpan.summary,
        ...ukSpan.candidates.map((c: { text: string }) => c.text),
      ])
        expect([text, text.match(/\b(in|of|the|has|offers?|and|to|from|is|its)\b/g)]).toEqual([text, null]);
      const inMonth = await get(
        'gbr-liaison',
        `/api/sustainment-plans/SPLAN-FRA-1/requirements/${short.requirementId}/explanation?month=${short.to}`,
      );
      expect(inMonth.json().spans.map((x: { from: string }) => x.from)).toEqual([short.from]);
      // A requirement met in full: no spans. A month outside the horizon or unreadable names the query field.
      const metId = plan.timeline.find((row: { requirementId: string }) =>
        plan.uncovered.every((u: { requirementId: string }) => u.requirementId !== row.requirementId),
      )?.requirementId;
      if (metId)
        expect(
          (
            await get('gbr-liaison', `/api/sustainment-plans/SPLAN-FRA-1/requirements/${metId}/explanation`)
          ).json(),
        ).toMatchObject({ met: true, spans: [] });
      for (const [month, code] of [
        ['2031-01', 'sustainment.outside_horizon'],
        ['2026-12', 'sustainment.outside_horizon'],
        ['soon', 'sustainment.invalid_month'],
      ] as const) {
        const res = await get(
          'gbr-liaison',
          `/api/sustainment-plans/SPLAN-FRA-1/requirements/${short.requirementId}/explanation?month=${month}`,
        );
        expect(res.statusCode, month).toBe(400);
        expect(res.json().error).toMatchObject({ code, field: 'query.month' });
      }
      const unknown = await get(
        'gbr-liaison',
        '/api/sustainment-plans/SPLAN-FRA-1/requirements/R-NOPE/explanation',
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'not_found', field: 'params.requirementId' });
      // The short spans a page at a time: walked three at a time they are the plan's first page
      // and go on to the total, each once, in order; a cursor of another list, or of another
      // plan, is refused naming the field.
      expect(plan.uncoveredTotal).toBeGreaterThan(3);
      expect(plan.uncovered).toHaveLength(Math.min(plan.uncoveredTotal, 200));
      expect(plan.uncoveredNext === null).toBe(plan.uncoveredTotal <= 200);
      const walked: { requirementId: string; from: string }[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await get(
          'gbr-liaison',
          `/api/sustainment-plans/SPLAN-FRA-1/uncovered?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json();
        expect(body.total).toBe(plan.uncoveredTotal);
        expect(body.uncovered.length).toBeLessThanOrEqual(3);
        walked.push(...body.uncovered);
        cursor = body.next;
      }
      const key = (u: { requirementId: string; from: string }) => `${u.requirementId} ${u.from}`;
      expect(walked).toHaveLength(plan.uncoveredTotal);
      expect(new Set(walked.map(key)).size).toBe(walked.length);
      expect(walked.slice(0, plan.uncovered.length)).toEqual(plan.uncovered);
      for (const bad of [
        'not-a-cursor',
        Buffer.from(JSON.stringify(['audit', 3])).toString('base64url'),
        Buffer.from(JSON.stringify(['sustainment-uncovered', 'SPLAN-FRA-9', 3])).toString('base64url'),
      ]) {
        const res = await get('gbr-liaison', `/api/sustainment-plans/SPLAN-FRA-1/uncovered?cursor=${bad}`);
        expect(res.statusCode, bad).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'request.cursor_invalid', field: 'query.cursor' });
      }
      expect(await audits('sustainment_plan', 'SPLAN-FRA-1', 'sustainment_plan.create')).toEqual([
        'sustainment_plan.create:fra-analyst',
      ]);

      const optimal = await send('gbr-analyst', 'POST', '/api/sustainment-plans', {
        horizonStart: '2027-01',
        horizonMonths: 12,
        timeLimitS: 2,
      });
      expect(optimal.statusCode, optimal.body.slice(0, 300)).toBe(201);
      expect(['optimal', 'time_limited', 'heuristic']).toContain(optimal.json().status);
      expect(optimal.json().proof.coverageCeiling).toBeGreaterThanOrEqual(optimal.json().metrics.coverage);

      const list = await get('gbr-liaison', '/api/sustainment-plans');
      expect(list.json().plans.map((p: { id: string }) => p.id)).toEqual(['SPLAN-GBR-1', 'SPLAN-FRA-1']);

      const xlsx = await get('gbr-liaison', '/api/sustainment-plans/SPLAN-FRA-1/export.xlsx');
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((w) => w.name)).toEqual([
        'Timeline',
        'Cliffs',
        'Nations over time',
        'Shortfalls',
        'Coverage',
      ]);
      expect(String(book.getWorksheet('Cliffs')!.getRow(2).getCell(4).value)).toMatch(/^In /);

      const bad = await send('fra-analyst', 'POST', '/api/sustainment-plans', { horizonStart: '27-1' });
      expect(bad.json().error).toMatchObject({
        code: 'sustainment.invalid_month',
        field: 'body.horizonStart',
      });
      // A horizon of zero, negative or too many months, or an unreadable start: a 400 naming the field, no plan stored.
      const stored = async () =>
        (await api.database.db.selectFrom('sustainment_plan').select('id').execute()).length;
      const before = await stored();
      for (const [over, field] of [
        [{ horizonMonths: 0 }, 'body.horizonMonths'],
        [{ horizonMonths: -12 }, 'body.horizonMonths'],
        [{ horizonMonths: 61 }, 'body.horizonMonths'],
        [{ horizonMonths: 1.5 }, 'body.horizonMonths'],
        [{ timeLimitS: 0 }, 'body.timeLimitS'],
        [{ overlapDays: -1 }, 'body.overlapDays'],
        [{ horizonStart: '2027-00' }, 'body.horizonStart'],
      ] as const) {
        const res = await send('fra-analyst', 'POST', '/api/sustainment-plans', {
          method: 'greedy',
          ...over,
        });
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().error.field).toBe(field);
      }
      expect(await stored()).toBe(before);
      expect((await send('fra-liaison', 'POST', '/api/sustainment-plans', {})).statusCode).toBe(403);
    });

    it("a NATIONAL offer's rotation and the plans built on it stay with its nation; a hidden plan reads as a free id", async () => {
      const created = await send('fra-liaison', 'POST', '/api/offers', {
        nation: 'FRA',
        capability: 'mcm_vessel',
        quantity: 2,
        daysToDeploy: 10,
        durationDays: 365,
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const set = await send('fra-liaison', 'PUT', `/api/offers/${id}/rotation`, rotation({ version: 0 }));
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().releasability).toBe('NATIONAL FRA');

      const gbr = await get('gbr-liaison', '/api/sustainment/settings');
      expect(gbr.json().rotations.some((r: { offerId: string }) => r.offerId === id)).toBe(false);
      const hidden = await send('gbr-liaison', 'PUT', `/api/offers/${id}/rotation`, rotation({ version: 1 }));
      const free = await send(
        'gbr-liaison',
        'PUT',
        '/api/offers/FRA-9999/rotation',
        rotation({ version: 1 }),
      );
      expect(hidden.statusCode).toBe(404);
      expect(errorOf(hidden.body, id)).toEqual(errorOf(free.body, 'FRA-9999'));

      const mine = await send('fra-analyst', 'POST', '/api/sustainment-plans', {
        method: 'greedy',
        horizonStart: '2027-01',
        horizonMonths: 6,
      });
      expect(mine.json().releasability).toBe('NATIONAL FRA');
      const planId = mine.json().id as string;
      const theirs = await get('gbr-analyst', `/api/sustainment-plans/${planId}`);
      const none = await get('gbr-analyst', '/api/sustainment-plans/SPLAN-FRA-9999');
      expect(theirs.statusCode).toBe(404);
      expect(errorOf(theirs.body, planId)).toEqual(errorOf(none.body, 'SPLAN-FRA-9999'));
      const hiddenWhy = await get(
        'gbr-analyst',
        `/api/sustainment-plans/${planId}/requirements/R-01/explanation`,
      );
      const freeWhy = await get(
        'gbr-analyst',
        '/api/sustainment-plans/SPLAN-FRA-9999/requirements/R-01/explanation',
      );
      expect(hiddenWhy.statusCode).toBe(404);
      expect(errorOf(hiddenWhy.body, planId)).toEqual(errorOf(freeWhy.body, 'SPLAN-FRA-9999'));
      expect(
        (await get('fra-analyst', `/api/sustainment-plans/${planId}/requirements/R-01/explanation`))
          .statusCode,
      ).toBe(200);
      expect(
        (await get('gbr-analyst', '/api/sustainment-plans'))
          .json()
          .plans.some((p: { id: string }) => p.id === planId),
      ).toBe(false);
    });
  });
}
