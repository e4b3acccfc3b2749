import { ROLES } from '@guarantor/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness, TEST_PASSWORD } from '../../../test/support/api.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { findBadText } from './request-text.ts';
import { type RouteEntry, routesOf } from './route-table.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';

// The guard acts before any handler or query, so one engine is enough to show it.
const [engine] = await testEngines();

/** A URL for the route with every path parameter filled in by `value` (encoded). */
function urlFor(route: RouteEntry, value: string): string {
  return route.url.replace(/:[A-Za-z0-9_]+|\*/g, encodeURIComponent(value));
}

describe('text the database cannot store is refused at the boundary, on every route', () => {
  let api: ApiHarness;
  let routes: readonly RouteEntry[];
  const user = 'all-roles';
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    api = await openApiHarness(engine!, { now: NOW, users: [[user, 'FRA', ROLES]] });
    routes = routesOf(api.app).filter((r) => r.method !== 'OPTIONS');
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user, password: TEST_PASSWORD },
    });
    cookie = `guarantor_session=${login.cookies.find((c) => c.name === 'guarantor_session')?.value}`;
    csrf = login.json().csrfToken;
  });
  afterAll(() => api?.close());

  const expectRefused = (res: LightMyRequestResponse, route: RouteEntry, field: RegExp) => {
    const where = `${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 200)}`;
    expect(res.statusCode, where).toBe(400);
    if (route.method === 'HEAD') return;
    // The OGC API answers with OGC exceptions ({ code, description }), the field first.
    if (route.url.startsWith('/ogc')) {
      expect(res.json().code, where).toBe('InvalidParameterValue');
      expect(res.json().description.split(':')[0], where).toMatch(field);
      return;
    }
    expect(res.json().error.code, where).toBe('request.invalid_text');
    expect(res.json().error.field, where).toMatch(field);
  };

  const request = (route: RouteEntry, url: string, payload?: unknown) =>
    route.method === 'GET' || route.method === 'HEAD'
      ? api.app.inject({ method: route.method, url, headers: { cookie: cookie } })
      : api.send(user, route.method as 'POST', url, payload ?? {});

  it('the route table is read from the app, not from a list', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/observations' });
    expect(routes).toContainEqual({ method: 'GET', url: '/api/live' });
  });

  it('%00 in a query parameter gives 400 naming the parameter, never a 5xx', async () => {
    for (const route of routes) {
      const res = await request(route, `${urlFor(route, 'x')}?q=%00&limit=1`);
      expectRefused(res, route, /^query\.q$/);
    }
  });

  it('a NUL in a path parameter gives 400 naming it', async () => {
    for (const route of routes.filter((r) => r.url.includes(':'))) {
      const res = await request(route, urlFor(route, `a${NUL}b`));
      expectRefused(res, route, /^params\./);
    }
  });

  it('a NUL or a lone surrogate anywhere in a JSON body gives 400 naming the field', async () => {
    for (const route of routes.filter((r) => !['GET', 'HEAD'].includes(r.method))) {
      for (const bad of [NUL, LONE_SURROGATE]) {
        const payload = { name: 'ok', items: [{ note: `before${bad}after` }] };
        const res = await request(route, urlFor(route, 'x'), payload);
        expectRefused(res, route, /^body\.items\.0\.note$/);
      }
    }
  });

  it('a NUL inside a CoT XML body gives 400, not a 500 from the database', async () => {
    const xml = `<event version="2.0" uid="u${NUL}1" type="a-h-G" time="2026-11-27T08:00:00Z" start="2026-11-27T08:00:00Z" stale="2026-11-27T09:00:00Z" how="m-g"><point lat="48.5" lon="37.9" hae="0" ce="10" le="10"/></event>`;
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/cot',
      headers: { cookie: cookie, 'x-csrf-token': csrf, 'content-type': 'application/xml' },
      payload: xml,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid_text', field: 'body' });
    expect(res.json().error.message).toMatch(/NUL character \(U\+0000\) at character \d+/);
  });
});

describe('findBadText', () => {
  it('finds the first unstorable string with its path, and passes paired surrogates', () => {
    expect(findBadText({ a: ['ok', '😀 fine'] }, 'body')).toBeUndefined();
    expect(findBadText({ a: ['ok', `x${LONE_SURROGATE}`] }, 'body')).toMatchObject({ field: 'body.a.1' });
    expect(findBadText({ [`k${NUL}`]: 1 }, 'body')?.problem).toMatch(/field name/);
    expect(findBadText('\udc00', 'body')?.problem).toMatch(/U\+DC00/);
    let deep: unknown = NUL;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep, 'body')?.field).toMatch(/^body(\.0)+$/);
  });
});
