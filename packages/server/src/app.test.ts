import type { UserRole } from '@guarantor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness, TEST_PASSWORD } from '../../../test/support/api.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const ROLE_LIST: readonly UserRole[] = ['cell_staff', 'liaison', 'monitor', 'analyst', 'finance', 'admin'];

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`HTTP API on ${engine.name}`, () => {
    let api: ApiHarness;
    const login = (username: string, password = TEST_PASSWORD) =>
      api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const get = (username: string, url: string) => api.get(username, url);
    const post = (username: string, url: string, payload: unknown) => api.post(username, url, payload);
    const offerCount = async () =>
      Number(
        (
          await api.database.db
            .selectFrom('offer')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['fra-liaison', 'FRA', ['liaison']],
          ['gbr-liaison', 'GBR', ['liaison']],
          ['usa-analyst', 'USA', ['analyst']],
          ['ukr-monitor', 'UKR', ['monitor']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['fra-admin', 'FRA', ['admin']],
          ...ROLE_LIST.map((role) => [`fra-${role.replace('_', '-')}-only`, 'FRA', [role]] as const),
        ],
      });
    });
    afterAll(() => api?.close());

    it('sets an httpOnly, SameSite=Strict session cookie', async () => {
      const res = await login('fra-liaison');
      const cookie = res.cookies.find((c) => c.name === 'guarantor_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
    });

    it('answers health and readiness, and serves OpenAPI 3.1', async () => {
      expect((await api.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      expect((await api.app.inject('/readyz')).json()).toMatchObject({
        status: 'ready',
        engine: engine.name,
        fusion: { lagMs: expect.any(Number) },
      });
      const spec = (await api.app.inject('/openapi.json')).json();
      expect(spec.openapi).toBe('3.1.0');
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/offers', '/api/nations/{iso3}', '/api/auth/login']),
      );
      expect((await api.app.inject('/docs/')).statusCode).toBe(200);
    });

    it('refuses requests without a session (401) and bad credentials', async () => {
      const res = await api.app.inject('/api/nations');
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'auth.required' });
      expect(res.json().error.requestId).toBe(res.headers['x-request-id']);
      const bad = await login('fra-liaison', 'wrong password');
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.code).toBe('auth.invalid_credentials');
      const unknown = await login('nobody', 'wrong password');
      expect(unknown.json().error.message).toBe(bad.json().error.message);
    });

    it('lists 35 nations, 27 led by heads of state or government', async () => {
      const res = await get('fra-liaison', '/api/nations');
      expect(res.statusCode).toBe(200);
      expect(res.json().summary).toEqual({ nations: 35, ledByHeads: 27 });
      const deu = res.json().nations.find((n: { iso3: string }) => n.iso3 === 'DEU');
      expect(deu.name).toBe('Germany');
    });

    it('shows a nation page with offers and readable caveats', async () => {
      const res = await get('fra-liaison', '/api/nations/DEU');
      expect(res.statusCode).toBe(200);
      const deu1 = res.json().offers.find((o: { id: string }) => o.id === 'DEU-1');
      expect(deu1.caveats.map((c: { text: string }) => c.text)).toContain(
        'outside Ukraine only (from neighbouring countries, the sea or staging areas)',
      );
      expect(res.json().missions.map((m: { id: string }) => m.id)).toContain('truce-monitoring-mechanism');
    });

    describe('releasability on every read path', () => {
      const frenchUsers = ['fra-liaison', ...ROLE_LIST.map((r) => `fra-${r.replace('_', '-')}-only`)];
      it.each(frenchUsers)('%s cannot list, fetch, search or export the NATIONAL GBR offer', async (user) => {
        const list = await get(user, '/api/offers');
        expect(list.statusCode).toBe(200);
        expect(list.json().offers.map((o: { id: string }) => o.id)).not.toContain('GBR-2');
        expect((await get(user, '/api/offers/GBR-2')).statusCode).toBe(404);
        expect((await get(user, '/api/offers?q=Draft')).json().offers).toEqual([]);
        const csv = await get(user, '/api/offers.csv');
        expect(csv.statusCode).toBe(200);
        expect(csv.body).not.toContain('GBR-2');
        expect(csv.body).toContain('GBR-1');
        const nation = await get(user, '/api/nations/GBR');
        expect(nation.json().offers.map((o: { id: string }) => o.id)).not.toContain('GBR-2');
      });

      it('the British liaison sees it', async () => {
        const res = await get('gbr-liaison', '/api/offers/GBR-2');
        expect(res.statusCode).toBe(200);
        expect(res.json().releasability).toBe('NATIONAL GBR');
      });

      it('a REL TO UKR, USA record is visible to those two nations and no other', async () => {
        for (const [user, visible] of [
          ['usa-analyst', true],
          ['ukr-monitor', true],
          ['fra-liaison', false],
          ['gbr-liaison', false],
        ] as const) {
          expect((await get(user, '/api/offers/USA-2')).statusCode, user).toBe(visible ? 200 : 404);
          const ids = (await get(user, '/api/offers?nation=USA'))
            .json()
            .offers.map((o: { id: string }) => o.id);
          expect(ids.includes('USA-2'), user).toBe(visible);
        }
      });

      it('hubs follow their labels too', async () => {
        const ids = (u: string) =>
          get(u, '/api/hubs').then((r) => r.json().features.map((f: { id: string }) => f.id));
        expect(await ids('usa-analyst')).toContain('staging-rzeszow');
        expect(await ids('fra-liaison')).not.toContain('staging-rzeszow');
      });
    });

    it('colours the 27 units by their lead nation', async () => {
      const res = await get('fra-liaison', '/api/map/regions');
      const features = res.json().features as { properties: { code: string; leadNation: string | null } }[];
      expect(features).toHaveLength(27);
      expect(features.find((f) => f.properties.code === 'UA-30')!.properties.leadNation).toBe('FRA');
      expect(features.find((f) => f.properties.code === 'UA-14')!.properties.leadNation).toBeNull();
      const monitoring = await get('fra-liaison', '/api/map/regions?lineOfEffort=truce_monitoring');
      expect(
        monitoring.json().features.find((f: { id: string }) => f.id === 'UA-14').properties.leadNation,
      ).toBe('USA');
    });

    describe('bad input gets a 400 naming the field, and nothing is stored', () => {
      const offer = {
        nation: 'FRA',
        capability: 'field_hospital',
        quantity: 1,
        daysToDeploy: 30,
        durationDays: 180,
      };
      it.each([
        ['malformed JSON', '{"nation": "FRA",', 'request.malformed_json', 'body'],
        ['an unknown field', { ...offer, colour: 'blue' }, 'request.invalid', 'body.colour'],
        ['an unknown ISO code', { ...offer, nation: 'XXX' }, 'request.invalid', 'body.nation'],
        ['a negative quantity', { ...offer, quantity: -3 }, 'request.invalid', 'body.quantity'],
        [
          'a bad label',
          { ...offer, releasability: 'REL TO FRA, ZZZ' },
          'releasability.invalid',
          'body.releasability',
        ],
        [
          'an unknown capability',
          { ...offer, capability: 'battleship' },
          'offer.capability_unknown',
          'body.capability',
        ],
        [
          'an unknown region in a caveat',
          { ...offer, caveats: [{ kind: 'allowed_regions', regions: ['UA-99'] }] },
          'offer.caveat_invalid',
          'body.caveats[0].regions[0]',
        ],
      ])('%s', async (_name, payload, code, field) => {
        const before = await offerCount();
        const res = await post('fra-liaison', '/api/offers', payload);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ code, field });
        expect(res.json().error.message).toMatch(/\w/);
        expect(await offerCount()).toBe(before);
      });

      it('out-of-range coordinates on a hub', async () => {
        const res = await post('fra-staff', '/api/hubs', {
          name: 'Far',
          kind: 'staging',
          nations: ['FRA'],
          sidc: 'SFGPUSS---H----',
          location: [30.5, 95],
          releasability: 'COALITION',
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'body.location.1' });
        expect(res.json().error.message).toContain('latitude');
      });
    });

    it('a liaison may not write another nation’s offer (403), nor without the role', async () => {
      const before = await offerCount();
      const res = await post('fra-liaison', '/api/offers', {
        nation: 'GBR',
        capability: 'field_hospital',
        quantity: 1,
        daysToDeploy: 1,
        durationDays: 10,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'auth.forbidden', field: 'body.nation' });
      const analyst = await post('usa-analyst', '/api/offers', {
        nation: 'USA',
        capability: 'field_hospital',
        quantity: 1,
        daysToDeploy: 1,
        durationDays: 10,
      });
      expect(analyst.statusCode).toBe(403);
      expect(await offerCount()).toBe(before);
    });

    it('a write without the CSRF token is refused', async () => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/offers',
        headers: { cookie: (await login('fra-liaison')).headers['set-cookie']!.toString().split(';')[0]! },
        payload: {
          nation: 'FRA',
          capability: 'field_hospital',
          quantity: 1,
          daysToDeploy: 1,
          durationDays: 10,
        },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.csrf');
    });

    it('a liaison records an offer: NATIONAL by default, audited, invisible to others', async () => {
      const res = await post('fra-liaison', '/api/offers', {
        nation: 'FRA',
        capability: 'field_hospital',
        quantity: 2,
        daysToDeploy: 20,
        durationDays: 180,
        caveats: [{ kind: 'min_distance_from_contact', minDistanceKm: 60 }],
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      expect(id).toBe('FRA-4');
      expect(res.json().releasability).toBe('NATIONAL FRA');
      expect((await get('gbr-liaison', `/api/offers/${id}`)).statusCode).toBe(404);
      const audit = await api.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'offer.create', actor: 'fra-liaison', nation: 'FRA' });
      const verify = await get('fra-admin', '/api/audit/verify');
      expect(verify.json()).toMatchObject({ ok: true });
    });

    it('API tokens authenticate machine clients without CSRF', async () => {
      const issued = await post('fra-admin', '/api/tokens', { username: 'ukr-monitor', name: 'sensor-1' });
      expect(issued.statusCode, issued.body).toBe(201);
      const res = await api.app.inject({
        url: '/api/session',
        headers: { authorization: `Bearer ${issued.json().token}` },
      });
      expect(res.json().user.username).toBe('ukr-monitor');
      const bad = await api.app.inject({
        url: '/api/nations',
        headers: { authorization: 'Bearer gt_nonsense' },
      });
      expect(bad.statusCode).toBe(401);
    });

    it('logs out', async () => {
      const res = await login('fra-finance-only');
      const cookie = `guarantor_session=${res.cookies.find((c) => c.name === 'guarantor_session')!.value}`;
      const out = await api.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      expect((await api.app.inject({ url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    });

    it('rate-limits sign-in attempts', async () => {
      const limited = await createApp({
        database: api.database,
        clock: { now: () => NOW },
        config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '3', WEB_DIR: '/nonexistent' }),
      });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await limited.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'x', password: 'y' },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const last = await limited.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y' },
      });
      expect(last.json().error.code).toBe('auth.rate_limited');
      await limited.close();
    });

    describe("refusals in the reader's language (ADR 0051)", () => {
      type Refusal = { code: string; message: string; field?: string };
      /** The same request in English (no header), Ukrainian and French; code and field never change. */
      const inEachLanguage = async (
        request: (language: string | undefined) => Promise<{ json(): { error: Refusal } }>,
      ): Promise<Record<'en' | 'uk' | 'fr', Refusal>> => {
        const [en, uk, fr] = await Promise.all([undefined, 'uk-UA,uk;q=0.9', 'fr'].map(request));
        const out = { en: en!.json().error, uk: uk!.json().error, fr: fr!.json().error };
        for (const r of [out.uk, out.fr]) expect([r.code, r.field]).toEqual([out.en.code, out.en.field]);
        return out;
      };
      const as =
        (username: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) =>
        (language: string | undefined) =>
          api.app.inject({
            method,
            url,
            headers: {
              ...(username
                ? { cookie: api.session(username).cookie, 'x-csrf-token': api.session(username).csrf }
                : {}),
              ...(language ? { 'accept-language': language } : {}),
            },
            ...(payload === undefined ? {} : { payload: payload as object }),
          });

      it('a validation error: zod’s words in the language, the field path as it is', async () => {
        const r = await inEachLanguage(
          as('fra-liaison', 'POST', '/api/offers', {
            nation: 'FRA',
            capability: 'field_hospital',
            quantity: 'two',
            daysToDeploy: 1,
            durationDays: 10,
          }),
        );
        expect(r.en).toMatchObject({
          code: 'request.invalid',
          field: 'body.quantity',
          message: 'body.quantity: Invalid input: expected number, received string',
        });
        expect(r.uk.message).toBe('body.quantity: Неправильні вхідні дані: очікується число, отримано рядок');
        expect(r.fr.message).toBe(
          'body.quantity\u202f: Entrée invalide : nombre attendu, chaîne de caractères reçu',
        );
      });

      it('a domain refusal, and an unknown field', async () => {
        const r = await inEachLanguage(
          as('fra-liaison', 'POST', '/api/offers', {
            nation: 'FRA',
            capability: 'battleship',
            quantity: 1,
            daysToDeploy: 1,
            durationDays: 10,
          }),
        );
        expect(r.en).toMatchObject({ code: 'offer.capability_unknown', field: 'body.capability' });
        expect(r.en.message).toMatch(/^unknown capability "battleship"; use one of field_hospital|, /);
        expect(r.uk.message).toMatch(
          /^невідома спроможність «battleship»; використайте одну з: .*field_hospital/,
        );
        expect(r.fr.message).toMatch(
          /^capacité inconnue «\u202fbattleship\u202f»\u202f; utilisez l’une de\u202f: .*field_hospital/,
        );
        const u = await inEachLanguage(
          as('fra-liaison', 'POST', '/api/offers', {
            nation: 'FRA',
            capability: 'field_hospital',
            quantity: 1,
            daysToDeploy: 1,
            durationDays: 10,
            colour: 'red',
          }),
        );
        expect(u.en).toMatchObject({
          field: 'body.colour',
          message: 'body: unknown field colour; remove it',
        });
        expect(u.uk.message).toBe('body: невідоме поле colour; вилучіть його');
        expect(u.fr.message).toBe('body\u202f: champ inconnu colour\u202f; supprimez-le');
      });

      it('an auth refusal', async () => {
        const r = await inEachLanguage(as(undefined, 'GET', '/api/nations'));
        expect(r.en).toEqual(
          expect.objectContaining({
            code: 'auth.required',
            message: 'sign in first: this request has no valid session cookie or API token',
          }),
        );
        expect(r.uk.message).toBe('спершу увійдіть: цей запит не має чинного cookie сеансу чи API-токена');
        expect(r.fr.message).toBe(
          'connectez-vous d’abord\u202f: cette requête n’a ni cookie de session valide ni jeton d’API',
        );
      });

      it('a database refusal mapped by SQLSTATE', async () => {
        const app = await createApp({
          database: api.database,
          clock: { now: () => NOW },
          config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIR: '/nonexistent' }),
        });
        app.get('/test/duplicate', async () => {
          throw Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
        });
        try {
          const r = await inEachLanguage((language) =>
            app.inject({ url: '/test/duplicate', headers: language ? { 'accept-language': language } : {} }),
          );
          expect(r.en).toMatchObject({
            code: 'conflict.exists',
            message: 'a record with this id already exists',
          });
          expect(r.uk.message).toBe('запис із таким id уже існує');
          expect(r.fr.message).toBe('un enregistrement avec cet id existe déjà');
        } finally {
          await app.close();
        }
      });

      it('the language the user chose wins over the browser’s', async () => {
        const choose = (language: string | null) =>
          api.send('gbr-liaison', 'PUT', '/api/session/language', { language });
        expect((await choose('fr')).statusCode).toBe(200);
        try {
          const r = await inEachLanguage(
            as('gbr-liaison', 'POST', '/api/offers', {
              nation: 'FRA',
              capability: 'field_hospital',
              quantity: 1,
              daysToDeploy: 1,
              durationDays: 10,
            }),
          );
          expect(r.en.code).toBe('auth.forbidden');
          for (const l of ['en', 'uk', 'fr'] as const)
            expect(r[l].message).toBe(
              'un officier de liaison de GBR ne peut pas enregistrer d’offres de FRA',
            );
        } finally {
          await choose(null);
        }
      });
    });
  });
}
