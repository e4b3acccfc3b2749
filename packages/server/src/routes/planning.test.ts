import { readDemoScenario, seedScenario } from '@guarantor/db';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
// HXL 1.1: a hashtag, then attributes, each a letter followed by letters, digits or underscores.
const HXL_TAG = /^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$/;

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`planning API on ${engine.name}`, () => {
    let api: ApiHarness;
    const get: ApiHarness['get'] = (user, url) => api.get(user, url);
    const send: ApiHarness['send'] = (user, method, url, payload) => api.send(user, method, url, payload);
    const audits = async (entity: string, entityId: string) =>
      (
        await api.database.db
          .selectFrom('audit_log')
          .select(['action', 'actor'])
          .where('entity', '=', entity)
          .where('entity_id', '=', entityId)
          .orderBy('seq')
          .execute()
      ).map((a) => `${a.action}:${a.actor}`);
    const offerRow = (id: string) =>
      api.database.db.selectFrom('offer').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

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

    it("a liaison edits their own nation's offer, not another's; a stale version is a 409; bad input changes nothing", async () => {
      const ok = await send('fra-liaison', 'PATCH', '/api/offers/FRA-1', { version: 1, quantity: 5 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ id: 'FRA-1', quantity: 5, version: 2 });

      const stale = await send('fra-liaison', 'PATCH', '/api/offers/FRA-1', { version: 1, quantity: 3 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'conflict.changed', field: 'body.version' });
      expect(stale.json().error.message).toContain('now at version 2');

      const other = await send('fra-liaison', 'PATCH', '/api/offers/GBR-1', { version: 1, quantity: 9 });
      expect(other.statusCode).toBe(403);
      expect(other.json().error).toMatchObject({ code: 'auth.forbidden', field: 'params.id' });
      expect(other.json().error.message).toContain('may not write offers of GBR');

      const negative = await send('fra-liaison', 'PATCH', '/api/offers/FRA-1', { version: 2, quantity: -2 });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.field).toBe('body.quantity');

      const contradiction = await send('fra-liaison', 'PATCH', '/api/offers/FRA-1', {
        version: 2,
        caveats: [{ kind: 'outside_ukraine_only' }, { kind: 'allowed_regions', regions: ['UA-30'] }],
      });
      expect(contradiction.statusCode).toBe(400);
      expect(contradiction.json().error).toMatchObject({
        code: 'offer.caveat_invalid',
        field: 'body.caveats[0]',
      });

      const unknownRegion = await send('fra-liaison', 'PATCH', '/api/offers/FRA-1', {
        version: 2,
        caveats: [{ kind: 'excluded_regions', regions: ['UA-99'] }],
      });
      expect(unknownRegion.json().error).toMatchObject({
        code: 'offer.caveat_invalid',
        field: 'body.caveats[0].regions[0]',
      });

      expect((await offerRow('FRA-1')).quantity).toBe(5);
      expect((await offerRow('GBR-1')).quantity).toBe(2);
      expect(await audits('offer', 'FRA-1')).toEqual(['seed.upsert:seed', 'offer.update:fra-liaison']);
    });

    it('readiness climbs one stage at a time with its history kept and audited; lifecycle moves are checked', async () => {
      const skip = await send('fra-liaison', 'POST', '/api/offers/FRA-2/readiness', {
        version: 1,
        to: 'rapid',
      });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().error.message).toContain('it must be aligned first');
      const up = await send('fra-liaison', 'POST', '/api/offers/FRA-2/readiness', {
        version: 1,
        to: 'aligned',
        note: 'assessment visit passed',
      });
      expect(up.statusCode, up.body).toBe(200);
      const history = (await get('fra-liaison', '/api/offers/FRA-2/history')).json();
      expect(history.readiness).toEqual([
        {
          from: 'assessed',
          to: 'aligned',
          at: NOW.toISOString(),
          actor: 'fra-liaison',
          note: 'assessment visit passed',
        },
      ]);
      expect(history.offer.caveatData).toEqual([{ kind: 'min_distance_from_contact', minDistanceKm: 100 }]);
      expect(await audits('offer', 'FRA-2')).toContain('offer.readiness:fra-liaison');

      const mandated = await send('fra-liaison', 'POST', '/api/offers/FRA-2/lifecycle', {
        version: 2,
        to: 'deployed',
      });
      expect(mandated.statusCode).toBe(409);
      expect(mandated.json().error.message).toContain('next is mandated or withdrawn');
    });

    it('a new offer stays NATIONAL until its nation releases it; a release only widens', async () => {
      const created = await send('fra-liaison', 'POST', '/api/offers', {
        nation: 'FRA',
        capability: 'engineer_company',
        quantity: 1,
        daysToDeploy: 20,
        durationDays: 180,
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect(created.json().releasability).toBe('NATIONAL FRA');
      expect((await get('gbr-liaison', `/api/offers/${id}`)).statusCode).toBe(404);

      const released = await send('fra-liaison', 'POST', `/api/offers/${id}/release`, {
        version: 1,
        releasability: 'REL TO FRA, GBR',
      });
      expect(released.statusCode, released.body).toBe(200);
      expect((await get('gbr-liaison', `/api/offers/${id}`)).statusCode).toBe(200);
      const narrower = await send('fra-liaison', 'POST', `/api/offers/${id}/release`, {
        version: 2,
        releasability: 'NATIONAL FRA',
      });
      const wider = await send('fra-liaison', 'POST', `/api/offers/${id}/release`, {
        version: 2,
        releasability: 'COALITION',
      });
      expect(wider.json().releasability).toBe('COALITION');
      expect(narrower.statusCode).toBe(400);
      expect(narrower.json().error).toMatchObject({
        code: 'releasability.narrower',
        field: 'body.releasability',
      });
      const gbrRelease = await send('gbr-liaison', 'POST', `/api/offers/${id}/release`, {
        version: 3,
        releasability: 'COALITION',
      });
      expect(gbrRelease.statusCode).toBe(403);
      const history = (await get('fra-liaison', `/api/offers/${id}/history`)).json();
      expect(history.releases).toMatchObject([
        { fromLabel: 'NATIONAL FRA', toLabel: 'REL TO FRA, GBR' },
        { fromLabel: 'REL TO FRA, GBR', toLabel: 'COALITION' },
      ]);
      expect(await audits('offer', id)).toEqual([
        'offer.create:fra-liaison',
        'offer.release:fra-liaison',
        'offer.release:fra-liaison',
      ]);
    });

    it('requirements are written by cell staff only, validated against the catalogue, versioned and audited', async () => {
      const body = {
        region: 'UA-53',
        lineOfEffort: 'demining',
        capability: 'demining_company',
        quantity: 1,
        priority: 3,
        phase: 'ceasefire_holding',
        maxDaysToDeploy: 30,
      };
      const liaison = await send('fra-liaison', 'POST', '/api/requirements', body);
      expect(liaison.statusCode).toBe(403);
      const unknown = await send('fra-staff', 'POST', '/api/requirements', { ...body, region: 'UA-99' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error).toMatchObject({ code: 'requirement.invalid', field: 'body.region' });
      const cap = await send('fra-staff', 'POST', '/api/requirements', { ...body, capability: 'submarine' });
      expect(cap.json().error.field).toBe('body.capability');
      const negative = await send('fra-staff', 'POST', '/api/requirements', { ...body, quantity: -1 });
      expect(negative.json().error.field).toBe('body.quantity');

      const created = await send('fra-staff', 'POST', '/api/requirements', body);
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json();
      // The server numbers the new requirement among France's own (issue 12, finding 4).
      expect(id).toBe('R-FRA-01');
      expect(created.json()).toMatchObject({ role: 'logistics', version: 1, releasability: 'COALITION' });
      const put = await send('fra-staff', 'PUT', `/api/requirements/${id}`, {
        ...body,
        quantity: 2,
        version: 1,
      });
      expect(put.json()).toMatchObject({ quantity: 2, version: 2 });
      const stale = await send('fra-staff', 'DELETE', `/api/requirements/${id}?version=1`);
      expect(stale.statusCode).toBe(409);
      expect((await send('fra-staff', 'DELETE', `/api/requirements/${id}?version=2`)).statusCode).toBe(204);
      expect(await audits('requirement', id)).toEqual([
        'requirement.create:fra-staff',
        'requirement.update:fra-staff',
        'requirement.delete:fra-staff',
      ]);
      const list = (await get('fra-liaison', '/api/requirements')).json().requirements;
      expect(list.map((r: { id: string }) => r.id)).toContain('R-01');
      expect(list.map((r: { id: string }) => r.id)).not.toContain(id);
    });

    it("the lead matrix flags the contested Odesa maritime cell and the demo's gaps, and hides other nations' offers", async () => {
      const m = (await get('fra-liaison', '/api/lead-matrix')).json();
      expect(m.basis).toBeNull();
      const odesa = m.cells.find(
        (c: { region: string; lineOfEffort: string }) =>
          c.region === 'UA-51' && c.lineOfEffort === 'maritime_security',
      );
      expect(odesa.state).toBe('conflict');
      expect(odesa.claims.map((c: { nation: string }) => c.nation).sort()).toEqual(['ROU', 'TUR']);
      expect(odesa.flags.map((f: { kind: string }) => f.kind)).toEqual(
        expect.arrayContaining(['conflict', 'lead_forbidden', 'gap']),
      );
      expect(m.flags.filter((f: { kind: string }) => f.kind === 'gap').length).toBeGreaterThan(5);
      // Every flag reads in names: no region codes, no enum values, no line-of-effort ids.
      for (const f of m.flags as { words: string }[])
        expect(f.words).not.toMatch(/UA-\d|_|\b(?!UAV|EUR)[A-Z]{3}\b(?!-)/);
      const words = odesa.flags.map((f: { words: string }) => f.words);
      expect(words).toContain(
        'Romania and Türkiye each claim the lead of maritime security in Odesa Oblast; the cell staff choose one.',
      );
      expect(words.find((w: string) => w.startsWith('Türkiye claims the lead'))).toMatch(
        /^Türkiye claims the lead of maritime security in Odesa Oblast, but its caveats forbid every offer it made there: .+ \(Türkiye\) serves only in /,
      );
      // Offers by what they are, refusals in names.
      for (const o of odesa.offers as {
        offerTitle: string;
        refusal: string | null;
        refusalWords: string | null;
      }[]) {
        expect(o.offerTitle).toMatch(/^[A-Z][a-z].*, \d+ \w+ \([A-Z][a-zü]+/);
        expect(o.refusalWords === null).toBe(o.refusal === null);
      }
      const offerIds = m.cells.flatMap((c: { offers: { offerId: string }[] }) =>
        c.offers.map((o) => o.offerId),
      );
      expect(offerIds).toContain('DEU-1');
      expect(offerIds).not.toContain('GBR-2'); // NATIONAL GBR
      expect(offerIds).not.toContain('USA-2'); // REL TO UKR, USA
      const gbr = (await get('gbr-liaison', '/api/lead-matrix')).json();
      expect(
        gbr.cells.flatMap((c: { offers: { offerId: string }[] }) => c.offers.map((o) => o.offerId)),
      ).toContain('GBR-2');
    });

    it('the lead matrix speaks the reader’s language: Accept-Language uk, ?lang=fr', async () => {
      const inUk = await api.app.inject({
        method: 'GET',
        url: '/api/lead-matrix',
        headers: { cookie: api.session('fra-liaison').cookie, 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' },
      });
      expect(inUk.headers['content-language']).toBe('uk');
      const odesa = inUk
        .json()
        .cells.find(
          (c: { region: string; lineOfEffort: string }) =>
            c.region === 'UA-51' && c.lineOfEffort === 'maritime_security',
        );
      const words = odesa.flags.map((f: { words: string }) => f.words);
      expect(words).toContain(
        'Морська безпека (Одеська область): роль провідної держави заявили Румунія і Туреччина; штаб осередку обирає одну з них.',
      );
      // Offers and refusals in Ukrainian too: Cyrillic, no English template words.
      for (const o of odesa.offers as { offerTitle: string; refusalWords: string | null }[]) {
        expect(o.offerTitle).toMatch(/^[А-ЯІЇЄҐ][а-яіїєґ’ -]+, \d+ [а-яіїєґ]+ \([А-ЯІЇЄҐ]/);
        if (o.refusalWords) expect(o.refusalWords).not.toMatch(/\b(serves|only|not|the|and|needs|offer)\b/);
      }
      const fr = (await get('fra-liaison', '/api/lead-matrix?lang=fr')).json();
      expect(fr.flags.map((f: { words: string }) => f.words)).toContain(
        'Sûreté maritime (Odesa Oblast)\u202f: le rôle de nation pilote est revendiqué par plusieurs nations (Roumanie et Turquie)\u202f; l’état-major de la cellule en choisit une.',
      );
      expect((await get('fra-liaison', '/api/lead-matrix?lang=de')).statusCode).toBe(400);
    });

    it('the lead map reads every cell as the lead matrix does: never coloured as led when contested or forbidden', async () => {
      type Region = { properties: Record<string, unknown> & { code: string } };
      for (const user of ['fra-liaison', 'gbr-liaison']) {
        const matrix = (await get(user, '/api/lead-matrix')).json();
        for (const line of ['reassurance_force', 'maritime_security']) {
          const res = await get(user, `/api/map/regions?lineOfEffort=${line}`);
          expect(res.statusCode).toBe(200);
          for (const { properties: p } of res.json().features as Region[]) {
            const cell = matrix.cells.find(
              (c: { region: string; lineOfEffort: string }) => c.region === p.code && c.lineOfEffort === line,
            );
            const expected =
              cell?.state === 'conflict'
                ? 'contested'
                : cell?.state === 'forbidden'
                  ? 'forbidden'
                  : cell?.claims.length
                    ? 'led'
                    : 'none';
            expect(`${user} ${p.code} ${line} ${p['leadState']}`).toBe(
              `${user} ${p.code} ${line} ${expected}`,
            );
            if (expected !== 'led') expect(p['leadNation']).toBeNull();
          }
        }
      }
      const odesa = (await get('fra-liaison', '/api/map/regions?lineOfEffort=maritime_security'))
        .json()
        .features.find((f: Region) => f.properties.code === 'UA-51').properties;
      expect(odesa).toMatchObject({
        leadState: 'contested',
        leadNation: null,
        claimants: ['Romania', 'Türkiye'],
      });
      expect(odesa.leadProblem).toBe(
        'Romania and Türkiye both claim the lead here; the cell staff must resolve it on the lead matrix.',
      );
      // Norway claims Poltava's reassurance lead, but its caveats forbid every offer it made
      // there: the matrix flags it, and the map shows it as a problem, not as Norway's.
      const poltava = (await get('fra-liaison', '/api/map/regions'))
        .json()
        .features.find((f: Region) => f.properties.code === 'UA-53').properties;
      expect(poltava).toMatchObject({ leadState: 'forbidden', leadNation: null, claimants: ['Norway'] });
      // The lead matrix's own sentence, the offer by what it is.
      expect(poltava.leadProblem).toMatch(
        /^Norway claims the lead of .+ in Poltava Oblast, but its caveats forbid every offer it made there: [A-Z][a-z-]+.*, \d+ \w+ \(Norway\) serves only in Black Sea, not in Poltava Oblast\.$/,
      );
    });

    it('the map names places: cities with their Ukrainian names and a label per neighbouring country', async () => {
      const res = await get('fra-liaison', '/api/map/places');
      expect(res.statusCode).toBe(200);
      const places = res.json().features as {
        properties: { kind: string; name: string; nameUk: string | null; country: string };
      }[];
      const kyiv = places.find((p) => p.properties.name === 'Kyiv');
      expect(kyiv?.properties).toMatchObject({ kind: 'city', nameUk: 'Київ', country: 'UKR', capital: true });
      // Ukraine's own romanisation, not Natural Earth's older spellings; Crimea is Ukraine.
      for (const old of ['Kiev', 'Lvov', 'Odessa', 'Zaporizhzhya', 'Kirovohrad'])
        expect(places.map((p) => p.properties.name)).not.toContain(old);
      expect(places.find((p) => p.properties.name === 'Sevastopol')?.properties.country).toBe('UKR');
      const countries = places.filter((p) => p.properties.kind === 'country').map((p) => p.properties.name);
      expect(countries).toEqual(
        expect.arrayContaining(['Poland', 'Romania', 'Moldova', 'Belarus', 'Russia', 'Hungary', 'Slovakia']),
      );
      expect((await api.app.inject({ method: 'GET', url: '/api/map/places' })).statusCode).toBe(401);
    });

    let first: string;
    it("a plan run explains every unmet requirement, including Germany's refusal inside Ukraine", async () => {
      const liaison = await send('fra-liaison', 'POST', '/api/plans', {});
      expect(liaison.statusCode).toBe(403);
      const res = await send('fra-analyst', 'POST', '/api/plans', { title: 'first', timeLimitS: 5 });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json();
      first = plan.id;
      expect(plan.status).toBe('optimal');
      expect(plan.ceiling).toBeNull();
      expect(plan.releasability).toBe('COALITION');
      expect(plan.adoptedAt).toBeNull();
      expect(plan.coverage).toBeGreaterThan(0.5);
      expect(plan.coverage).toBeLessThan(1);
      // Units are counted per kind: funding's EUR millions are never added to troops.
      const kinds = plan.unitTotals.map((u: { unit: string }) => u.unit);
      expect(new Set(kinds).size).toBe(kinds.length);
      for (const u of plan.unitTotals) expect(u.allocated).toBeLessThanOrEqual(u.required);
      expect(plan.unitTotals.reduce((s: number, u: { required: number }) => s + u.required, 0)).toBe(
        plan.metrics.unitsRequired,
      );
      // The plan names how many offers explain each shortfall; the explanations are read per requirement.
      const r01 = plan.shortfalls.find((s: { requirementId: string }) => s.requirementId === 'R-01');
      expect(r01.candidates).toBeUndefined();
      expect(r01.candidateCount).toBeGreaterThan(0);
      const explain = (user: string, requirementId: string, planId = first) =>
        get(user, `/api/plans/${planId}/requirements/${requirementId}/explanation`);
      const why01 = (await explain('fra-liaison', 'R-01')).json();
      expect(why01).toMatchObject({ planId: first, requirementId: 'R-01', met: false, summary: r01.summary });
      expect(why01.candidates).toHaveLength(r01.candidateCount);
      const deu = why01.candidates.find((c: { offerId: string }) => c.offerId === 'DEU-1');
      expect(deu.reason.kind).toBe('caveat');
      expect(deu.reason.message).toContain('outside Ukraine only');
      expect(deu.reason.message).toContain('Donetsk Oblast lies inside Ukraine');
      // Every reason in names: no offer ids, region codes or "readiness too slow" engine lines.
      const reasons: { kind: string; words: string }[] = [];
      for (const s of plan.shortfalls as { requirementId: string; candidateCount: number }[]) {
        const why = await explain('fra-analyst', s.requirementId);
        expect(why.statusCode, why.body).toBe(200);
        expect(why.json().candidates).toHaveLength(s.candidateCount);
        reasons.push(
          ...why.json().candidates.map((c: { reason: { kind: string; words: string } }) => c.reason),
        );
      }
      for (const reason of reasons)
        expect(reason.words).not.toMatch(/offer [A-Z]{3}-\d|UA-\d|readiness too slow/);
      expect(reasons.find((x: { kind: string }) => x.kind === 'capacity')?.words).toMatch(
        /^[A-Z][a-z].* in [A-Z].* \(R-\d+\), priority \d: \d+ \w+/,
      );
      // A requirement the plan meets: said so, nothing to explain.
      const met = plan.requirements.find(
        (q: { id: string }) =>
          !plan.shortfalls.some((s: { requirementId: string }) => s.requirementId === q.id),
      );
      const whyMet = (await explain('fra-analyst', met.id)).json();
      expect(whyMet).toMatchObject({ met: true, candidates: [], required: met.quantity });
      expect(whyMet.allocated).toBe(
        plan.allocations
          .filter((a: { requirementId: string }) => a.requirementId === met.id)
          .reduce((n: number, a: { quantity: number }) => n + a.quantity, 0),
      );
      // A requirement the plan did not plan, and hostile ids: 404 naming the field, never a 5xx.
      const unknown = await explain('fra-analyst', 'R-999');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'not_found', field: 'params.requirementId' });
      for (const hostile of ["R-01' or '1'='1", '%22%29%20%7C%7C%20true', '$.x', 'R'.repeat(61)]) {
        const res = await explain('fra-analyst', hostile);
        expect([400, 404], `${hostile}: ${res.body}`).toContain(res.statusCode);
        expect(res.json().error.code).toBeTypeOf('string');
      }
      expect(
        (await api.app.inject({ method: 'GET', url: `/api/plans/${first}/requirements/R-01/explanation` }))
          .statusCode,
      ).toBe(401);
      // In Ukrainian (Accept-Language): the summary from the stored plan's data, reasons in names.
      const inUk = await api.app.inject({
        method: 'GET',
        url: `/api/plans/${first}/requirements/R-01/explanation`,
        headers: { cookie: api.session('fra-analyst').cookie, 'accept-language': 'uk' },
      });
      expect(inUk.headers['content-language']).toBe('uk');
      const ukWhy = inUk.json();
      expect(ukWhy.summary).toMatch(
        /^R-01: \d+ з \d+ — [а-яіїєґ ]+, [А-ЯІЇЄҐ][а-яіїєґ]+ область \(.+\); пропозиції: /,
      );
      expect(ukWhy.candidates.find((c: { offerId: string }) => c.offerId === 'DEU-1').reason.words).toBe(
        'дозволено лише за межами України, а Донецька область — в Україні; дозволено лише: Польща, Румунія, Словаччина; Донецька область — поза цим переліком; потрібен національний мандат (Bundestag); стан мандата: очікується',
      );
      expect(
        (await get('fra-analyst', `/api/plans/${first}/requirements/${met.id}/explanation?lang=fr`)).json()
          .summary,
      ).toBe('satisfait entièrement');
      const r07 = plan.shortfalls.find((s: { requirementId: string }) => s.requirementId === 'R-07');
      expect(r07.summary).toContain('no offer of this capability exists');
      // Releasability: the French analyst's plan never saw GBR's national offer.
      const stored = await api.database.db
        .selectFrom('plan')
        .select('input')
        .where('id', '=', first)
        .executeTakeFirstOrThrow();
      const ids = stored.input.offers.map((o) => o.id);
      expect(ids).toContain('FRA-1');
      expect(ids).not.toContain('GBR-2');
      expect(plan.allocations.map((a: { offerId: string }) => a.offerId)).not.toContain('GBR-2');
    });

    it('plans are versioned, compared, and adopted only by an explicit, audited step', async () => {
      const second = await send('fra-analyst', 'POST', '/api/plans', { method: 'greedy', basedOn: first });
      expect(second.statusCode, second.body).toBe(201);
      const id = second.json().id as string;
      expect(second.json().number).toBe(Number(first.split('-').at(-1)) + 1);
      expect(id).toBe(first.replace(/\d+$/, String(second.json().number)));
      expect(second.json().status).toBe('greedy');
      const diff = (await get('fra-analyst', `/api/plans/${id}/diff`)).json();
      expect(diff.before).toBe(first);
      expect(diff.after).toBe(id);
      expect(Object.keys(diff.metrics)).toContain('coverage');
      expect(diff.summary[0]).toBe('status optimal → greedy');
      const ukDiff = await api.app.inject({
        method: 'GET',
        url: `/api/plans/${id}/diff`,
        headers: { cookie: api.session('fra-analyst').cookie, 'accept-language': 'uk' },
      });
      expect(ukDiff.json().summary[0]).toBe('стан плану: оптимальний → жадібний');
      expect(ukDiff.json().summary.join(' ')).not.toMatch(/\b(units|offer|lead of|coverage|none)\b/);

      expect((await send('fra-analyst', 'POST', `/api/plans/${first}/adopt`)).statusCode).toBe(403);
      const adopted = await send('fra-staff', 'POST', `/api/plans/${first}/adopt`);
      expect(adopted.statusCode, adopted.body).toBe(200);
      expect(adopted.json().plan.adoptedBy).toBe('fra-staff');
      const again = await send('fra-staff', 'POST', `/api/plans/${first}/adopt`);
      expect(again.json().error.code).toBe('plan.not_adoptable');
      const replace = await send('fra-staff', 'POST', `/api/plans/${id}/adopt`);
      expect(replace.json().superseded).toEqual([first]);
      expect(await audits('plan', first)).toEqual([
        'plan.create:fra-analyst',
        'plan.adopt:fra-staff',
        'plan.supersede:fra-staff',
      ]);
      const list = (await get('fra-liaison', '/api/plans')).json().plans;
      expect(list.map((p: { id: string }) => p.id).slice(0, 2)).toEqual([id, first]);

      // The matrix now reads the adopted plan.
      const m = (await get('fra-liaison', '/api/lead-matrix')).json();
      expect(m.basis).toMatchObject({ planId: id, adopted: true });
    });

    it("a plan with a nation's NATIONAL offer carries that nation's label and stays invisible to others", async () => {
      const res = await send('gbr-analyst', 'POST', '/api/plans', {});
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().releasability).toBe('NATIONAL GBR');
      const stored = await api.database.db
        .selectFrom('plan')
        .select('input')
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      expect(stored.input.offers.map((o) => o.id)).toContain('GBR-2');
      // Britain claims UA-46 reassurance; the plan says why Spain leads it instead.
      const claim = res
        .json()
        .claims.find(
          (c: { region: string; lineOfEffort: string; nation: string }) =>
            c.region === 'UA-46' && c.lineOfEffort === 'reassurance_force' && c.nation === 'GBR',
        );
      expect(claim.outcome).toBe('forbidden');
      expect(claim.message).toMatch(
        /^GBR claims UA-46 \/ reassurance_force but cannot lead it: offer GBR-2 /,
      );
      expect(claim.message).toContain('the mandate is pending');
      // The same claim in Ukrainian: said again from the stored outcome, the refusal in names.
      const ukPlan = await api.app.inject({
        method: 'GET',
        url: `/api/plans/${res.json().id}`,
        headers: { cookie: api.session('gbr-analyst').cookie, 'accept-language': 'uk' },
      });
      const ukClaim = ukPlan
        .json()
        .claims.find(
          (c: { region: string; lineOfEffort: string; nation: string }) =>
            c.region === 'UA-46' && c.lineOfEffort === 'reassurance_force' && c.nation === 'GBR',
        );
      expect(ukClaim.message).toMatch(
        /^Сили підтримки \(Львівська область\): держава Велика Британія заявила про роль провідної, але не може нею бути: .+\(Велика Британія\): .*стан мандата: очікується; провідна — держава Іспанія \(\d+%\)$/,
      );
      expect(ukClaim).not.toHaveProperty('because');
      expect((await get('fra-analyst', `/api/plans/${res.json().id}`)).statusCode).toBe(404);
      // Its explanations too, and a hidden plan reads as a free id does (same status, same body).
      const hiddenId = res.json().id as string;
      const freeId = hiddenId.replace(/\d+$/, '9999');
      const hidden = await get('fra-analyst', `/api/plans/${hiddenId}/requirements/R-01/explanation`);
      const free = await get('fra-analyst', `/api/plans/${freeId}/requirements/R-01/explanation`);
      expect([hidden.statusCode, free.statusCode]).toEqual([404, 404]);
      const alike = (body: string, id: string) => {
        const { requestId: _, ...error } = JSON.parse(body.replaceAll(id, 'X')).error;
        return error;
      };
      expect(alike(hidden.body, hiddenId)).toEqual(alike(free.body, freeId));
      const gbrOwn = await get('gbr-analyst', `/api/plans/${hiddenId}/requirements/R-01/explanation`);
      expect(gbrOwn.statusCode, gbrOwn.body).toBe(200);
      expect((await get('fra-liaison', `/api/lead-matrix.csv?plan=${res.json().id}`)).statusCode).toBe(404);
      // Planned for the coalition, GBR's national offer is left out and the plan is COALITION.
      const shared = await send('gbr-analyst', 'POST', '/api/plans', { releasability: 'COALITION' });
      expect(shared.json().releasability).toBe('COALITION');
      expect(shared.json().notes.join(' ')).toContain('offer GBR-2');
      expect((await get('fra-analyst', `/api/plans/${shared.json().id}`)).statusCode).toBe(200);
    });

    it('liaisons claim and withdraw their own lead; cell staff resolve a conflict; every write is audited', async () => {
      const cell = { region: 'UA-46', lineOfEffort: 'reassurance_force' };
      const claim = await send('fra-liaison', 'POST', '/api/lead-claims', { ...cell, note: 'we can lead' });
      expect(claim.statusCode, claim.body).toBe(201);
      expect(claim.json()).toMatchObject({ id: 'UA-46:reassurance_force:FRA', nation: 'FRA', ...cell });
      const again = await send('fra-liaison', 'POST', '/api/lead-claims', cell);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain(
        'FRA already claims the lead of UA-46 / reassurance_force',
      );
      const unknown = await send('fra-liaison', 'POST', '/api/lead-claims', { ...cell, region: 'XX-1' });
      expect(unknown.json().error).toMatchObject({ code: 'lead_claim.invalid', field: 'body.region' });
      expect((await send('fra-staff', 'POST', '/api/lead-claims', cell)).statusCode).toBe(403);
      const theirs = await send('gbr-liaison', 'DELETE', '/api/lead-claims/UA-46:reassurance_force:FRA');
      expect(theirs.statusCode).toBe(403);
      expect(theirs.json().error.message).toContain(
        "a liaison withdraws or re-asserts only their own nation's claims",
      );

      const matrix = (await get('fra-liaison', '/api/lead-matrix')).json();
      expect(JSON.stringify(matrix)).toContain(
        'FRA and GBR both claim the lead of UA-46 / reassurance_force',
      );

      const notStaff = await send('fra-liaison', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'FRA',
        reason: 'mine',
      });
      expect(notStaff.statusCode).toBe(403);
      const wrong = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'POL',
        reason: 'x',
      });
      expect(wrong.json().error).toMatchObject({ code: 'lead_claim.not_in_conflict', field: 'body.nation' });
      const resolved = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'GBR',
        reason: 'agreed at the Paris meeting',
      });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json().chosen.nation).toBe('GBR');
      expect(resolved.json().chosen.note).toContain('over FRA: agreed at the Paris meeting');
      expect(resolved.json().declined).toMatchObject([
        {
          id: 'UA-46:reassurance_force:FRA',
          status: 'declined',
          statusBy: 'fra-staff',
          statusAt: NOW.toISOString(),
          statusNote: 'GBR chosen to lead: agreed at the Paris meeting',
        },
      ]);
      expect(await audits('lead_role', 'UA-46:reassurance_force:FRA')).toEqual([
        'lead_claim.create:fra-liaison',
        'lead_claim.decline:fra-staff',
      ]);
      expect(await audits('lead_role', 'UA-46:reassurance_force')).toContain('lead_claim.resolve:fra-staff');
      const once = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'GBR',
        reason: 'again',
      });
      expect(once.statusCode).toBe(409);
      const declinedOnce = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'FRA',
        reason: 'a declined claim cannot be chosen',
      });
      expect(declinedOnce.json().error).toMatchObject({ code: 'lead_claim.not_in_conflict' });

      // A claim can be withdrawn by its own nation; it is kept as withdrawn.
      const mine = await send('fra-liaison', 'POST', '/api/lead-claims', {
        region: 'UA-61',
        lineOfEffort: 'demining',
      });
      expect(mine.statusCode).toBe(201);
      const gone = await send('fra-liaison', 'DELETE', `/api/lead-claims/${mine.json().id}`);
      expect(gone.statusCode).toBe(204);
      expect(await audits('lead_role', mine.json().id)).toEqual([
        'lead_claim.create:fra-liaison',
        'lead_claim.withdraw:fra-liaison',
      ]);
      const twice = await send('fra-liaison', 'DELETE', `/api/lead-claims/${mine.json().id}`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain('was withdrawn already');
      const kept = (await get('fra-liaison', `/api/lead-claims?region=UA-61&lineOfEffort=demining`)).json();
      expect(kept.claims).toMatchObject([
        { id: mine.json().id, status: 'withdrawn', statusBy: 'fra-liaison' },
      ]);
    });

    it('a declined claim is kept, visible under releasability, out of conflicts and plans, and may be withdrawn or re-asserted', async () => {
      const cell = { region: 'UA-14', lineOfEffort: 'demining' };
      const fra = await send('fra-liaison', 'POST', '/api/lead-claims', {
        ...cell,
        note: 'French engineers',
      });
      const gbr = await send('gbr-liaison', 'POST', '/api/lead-claims', {
        ...cell,
        releasability: 'REL TO GBR, USA',
      });
      expect([fra.statusCode, gbr.statusCode], gbr.body).toEqual([201, 201]);
      type Cell = {
        region: string;
        lineOfEffort: string;
        state: string;
        flags: { kind: string }[];
        claims: { nation: string; status: string }[];
      };
      const cellOf = (m: { cells: Cell[] }) =>
        m.cells.find((c) => c.region === cell.region && c.lineOfEffort === cell.lineOfEffort)!;
      expect(cellOf((await get('gbr-liaison', '/api/lead-matrix')).json()).state).toBe('conflict');

      // The French staff officer cannot see GBR's claim: for them there is no conflict.
      const blind = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'FRA',
        reason: 'x',
      });
      expect(blind.json().error.message).toContain('has one claimant (FRA)');
      await api.database.db
        .updateTable('lead_role')
        .set({ rel_kind: 'COALITION', rel_nations: [] })
        .where('id', '=', gbr.json().id)
        .execute();
      const resolved = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'FRA',
        reason: 'engineers already on site',
      });
      expect(resolved.statusCode, resolved.body).toBe(200);
      const gbrId = 'UA-14:demining:GBR';
      expect(await audits('lead_role', gbrId)).toEqual([
        'lead_claim.create:gbr-liaison',
        'lead_claim.decline:fra-staff',
      ]);

      // Kept and visible, to Britain's liaison too, with who, when and why.
      const theirs = (await get('gbr-liaison', `/api/lead-claims?nation=GBR&status=declined`)).json();
      expect(theirs.claims).toEqual([
        expect.objectContaining({
          id: gbrId,
          regionName: expect.any(String),
          lineOfEffortName: expect.any(String),
          status: 'declined',
          statusBy: 'fra-staff',
          statusAt: NOW.toISOString(),
          statusNote: 'FRA chosen to lead: engineers already on site',
        }),
      ]);
      // In the matrix it shows, but the cell is no longer a conflict.
      const after = cellOf((await get('gbr-liaison', '/api/lead-matrix')).json());
      expect(after.state).not.toBe('conflict');
      expect(after.flags.map((f) => f.kind)).not.toContain('conflict');
      expect(after.claims.map((c) => [c.nation, c.status])).toEqual([
        ['FRA', 'active'],
        ['GBR', 'declined'],
      ]);
      // The planner states only FRA's claim on the cell.
      const plan = (await send('gbr-analyst', 'POST', '/api/plans', { method: 'greedy' })).json();
      const onCell = plan.claims.filter(
        (c: { region: string; lineOfEffort: string }) =>
          c.region === cell.region && c.lineOfEffort === cell.lineOfEffort,
      );
      expect(onCell.map((c: { nation: string }) => c.nation)).toEqual(['FRA']);

      // Claiming again is refused with the way forward; only GBR may re-assert.
      const again = await send('gbr-liaison', 'POST', '/api/lead-claims', cell);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toContain(
        `re-assert it with POST /api/lead-claims/${gbrId}/reassert`,
      );
      expect((await send('fra-liaison', 'POST', `/api/lead-claims/${gbrId}/reassert`, {})).statusCode).toBe(
        403,
      );
      const reasserted = await send('gbr-liaison', 'POST', `/api/lead-claims/${gbrId}/reassert`, {
        note: 'parliament approved the deployment',
      });
      expect(reasserted.statusCode, reasserted.body).toBe(200);
      expect(reasserted.json()).toMatchObject({
        status: 'active',
        statusBy: 'gbr-liaison',
        statusNote: 'parliament approved the deployment',
      });
      expect(cellOf((await get('gbr-liaison', '/api/lead-matrix')).json()).state).toBe('conflict');
      const active = await send('gbr-liaison', 'POST', `/api/lead-claims/${gbrId}/reassert`, {});
      expect(active.statusCode).toBe(409);

      // Withdrawn after all: still kept, still out of conflicts.
      expect((await send('gbr-liaison', 'DELETE', `/api/lead-claims/${gbrId}`)).statusCode).toBe(204);
      expect(cellOf((await get('gbr-liaison', '/api/lead-matrix')).json()).state).not.toBe('conflict');
      expect(await audits('lead_role', gbrId)).toEqual([
        'lead_claim.create:gbr-liaison',
        'lead_claim.decline:fra-staff',
        'lead_claim.reassert:gbr-liaison',
        'lead_claim.withdraw:gbr-liaison',
      ]);
      const all = (await get('fra-liaison', `/api/lead-claims?region=UA-14&lineOfEffort=demining`)).json();
      expect(all.claims.map((c: { nation: string; status: string }) => `${c.nation}:${c.status}`)).toEqual([
        'FRA:active',
        'GBR:withdrawn',
      ]);
    });

    it('exports "who does what where" as HXL-tagged CSV and as XLSX with the same rows', async () => {
      const csv = await get('fra-liaison', '/api/lead-matrix.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trimEnd().split('\r\n');
      const tags = lines[1]!.split(',');
      expect(tags.every((t) => HXL_TAG.test(t))).toBe(true);
      expect(tags).toEqual(
        expect.arrayContaining([
          '#adm1+code',
          '#adm1+name',
          '#sector+code',
          '#org+lead+code',
          '#org+impl+code',
        ]),
      );
      expect(lines[0]!.startsWith('#')).toBe(false);
      const odesa = lines.find((l) => l.includes('UA-51') && l.includes('maritime_security'))!;
      // States and flags in words, as on the page.
      expect(odesa).toContain('Conflict: two leads claimed');
      expect(odesa).toContain('Romania and Türkiye each claim the lead of maritime security in Odesa Oblast');
      expect(csv.body).not.toContain('GBR-2');

      const xlsx = await get('fra-liaison', '/api/lead-matrix.xlsx');
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Who does what where')!;
      expect(sheet.getRow(2).values).toEqual([undefined, ...tags]);
      expect(sheet.rowCount).toBe(lines.length);
      expect(book.getWorksheet('Flags')!.rowCount).toBeGreaterThan(1);
    });

    it('units committed by issued deployment orders are held back from a plan, and its notes name the orders', async () => {
      const order = (
        id: string,
        offerId: string,
        quantity: number,
        state: string,
        cell: string[],
        label = 'COALITION',
      ) =>
        sql`insert into deployment_order (id, offer_id, nation, quantity, region_code, line_of_effort, role,
              sector, state, gate, drafted_by, drafted_at, issued_by, issued_at, updated_at, rel_kind, rel_nations)
            values (${id}, ${offerId}, ${offerId.slice(0, 3)}, ${quantity}, ${cell[0]}, ${cell[1]}, 'deterrence',
              'test', ${state}, ${state === 'issued' ? 'issuable' : 'ready_on_gate'}, 'fra-staff', ${NOW},
              ${state === 'issued' ? 'fra-staff' : null}, ${state === 'issued' ? NOW : null}, ${NOW},
              ${label.split(' ')[0]}, ${label === 'NATIONAL FRA' ? ['FRA'] : []})`.execute(api.database.db);
      const fra1 = (await offerRow('FRA-1')).quantity;
      const deu1 = (await offerRow('DEU-1')).quantity;
      await order('ORD-T1', 'FRA-1', 2, 'issued', ['UA-46', 'reassurance_force']);
      await order('ORD-T2', 'FRA-1', 1, 'issued', ['UA-14', 'reassurance_force']);
      await order('ORD-T3', 'FRA-1', 1, 'ready_on_gate', ['UA-14', 'reassurance_force']); // not issued: not committed
      await order('ORD-T4', 'DEU-1', deu1, 'issued', ['POL', 'truce_monitoring'], 'NATIONAL FRA');

      const res = await send('fra-analyst', 'POST', '/api/plans', { title: 'after orders' });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json();
      expect(plan.releasability).toBe('COALITION');
      expect(plan.notes).toContain(
        `FRA-1: 3 of ${fra1} units held back, committed by issued orders ORD-T1 (2 to UA-46 / reassurance_force), ORD-T2 (1 to UA-14 / reassurance_force); ${fra1 - 3} left to plan`,
      );
      // The order on DEU-1 is NATIONAL FRA and the plan COALITION: its units are held back, its id not named.
      expect(plan.notes).toContain(
        `DEU-1: ${deu1} of ${deu1} units held back, committed by 1 issued order not releasable to the plan's audience (${deu1}); none left to plan, so the offer is left out`,
      );
      expect(plan.notes.join(' ')).not.toContain('ORD-T3');
      expect(plan.notes.join(' ')).not.toContain('ORD-T4');
      // ORD-T1 sends two infantry battalions to UA-46 / reassurance_force, where R-11 asks for one:
      // R-11 is served and is no gap; ORD-T2's cell (UA-14) has no such requirement.
      expect(plan.notes).toContain(
        'R-11: already served in full (1 unit) by issued order ORD-T1, so the requirement is left out',
      );
      expect(plan.shortfalls.map((x: { requirementId: string }) => x.requirementId)).not.toContain('R-11');
      const allocated = (offerId: string) =>
        plan.allocations
          .filter((a: { offerId: string }) => a.offerId === offerId)
          .reduce((sum: number, a: { quantity: number }) => sum + a.quantity, 0);
      expect(allocated('FRA-1')).toBeLessThanOrEqual(fra1 - 3);
      expect(allocated('DEU-1')).toBe(0);
      const stored = await api.database.db
        .selectFrom('plan')
        .select('input')
        .where('id', '=', plan.id)
        .executeTakeFirstOrThrow();
      expect(stored.input.offers.find((o) => o.id === 'FRA-1')?.quantity).toBe(fra1 - 3);
      expect(stored.input.offers.map((o) => o.id)).not.toContain('DEU-1');
      expect(stored.input.requirements.map((r) => r.id)).not.toContain('R-11');
      // The offers themselves are unchanged.
      expect((await offerRow('FRA-1')).quantity).toBe(fra1);
    });

    it('a plan run by someone who may not read an issued order still holds its units back, counted but not described', async () => {
      // ORD-T4 (previous test) commits all of DEU-1 and is NATIONAL FRA: a British analyst cannot
      // read it, but may read DEU-1 itself.
      const deu1 = (await offerRow('DEU-1')).quantity;
      const res = await send('gbr-analyst', 'POST', '/api/plans', { title: 'as GBR sees it' });
      expect(res.statusCode, res.body).toBe(201);
      const plan = res.json();
      expect(plan.notes).toContain(
        `DEU-1: ${deu1} of ${deu1} units held back, committed by 1 issued order you may not read (${deu1}); none left to plan, so the offer is left out`,
      );
      const notes = plan.notes.join(' ');
      expect(notes).not.toContain('ORD-T4');
      expect(notes).not.toContain('POL / truce_monitoring');
      // The orders GBR may read are still named.
      expect(notes).toContain('ORD-T1 (2 to UA-46 / reassurance_force)');
      expect(plan.allocations.filter((a: { offerId: string }) => a.offerId === 'DEU-1')).toEqual([]);
    });

    it('refreshing the demo restores its claims as the scenario states them; the decline stays in the audit log', async () => {
      const cell = { region: 'UA-51', lineOfEffort: 'maritime_security' };
      const resolved = await send('fra-staff', 'POST', '/api/lead-matrix/resolve', {
        ...cell,
        nation: 'TUR',
        reason: 'Turkey holds the Straits',
      });
      expect(resolved.statusCode, resolved.body).toBe(200);
      const status = async () =>
        await api.database.db
          .selectFrom('lead_role')
          .select(['status', 'status_by'])
          .where('id', '=', 'UA-51:maritime_security:ROU')
          .executeTakeFirstOrThrow();
      expect(await status()).toEqual({ status: 'declined', status_by: 'fra-staff' });
      await seedScenario(api.database.db, readDemoScenario(), NOW);
      expect(await status()).toEqual({ status: 'active', status_by: null });
      expect(await audits('lead_role', 'UA-51:maritime_security:ROU')).toEqual(
        expect.arrayContaining(['lead_claim.decline:fra-staff', 'seed.upsert:seed']),
      );
      const matrix = (await get('fra-staff', '/api/lead-matrix')).json();
      expect(
        matrix.cells.find(
          (c: { region: string; lineOfEffort: string }) =>
            c.region === cell.region && c.lineOfEffort === cell.lineOfEffort,
        ).state,
      ).toBe('conflict');
    });
  });
}
