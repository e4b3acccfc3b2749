import { INCIDENTS_CHANNEL } from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness, TEST_PASSWORD } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { HANG_MS } from '../../../../test/support/patience.ts';
import { isLoopbackHost } from '../security-headers.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
/** The run's bound against a hang: the machine may be busy; nothing waits this long when the code is right. */
const BOUND_MS = HANG_MS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An open /api/live stream: what it has said so far, and whether the server ended it. */
interface Stream {
  text(): string;
  /** Resolves true once the server has ended the stream, false if it is still open after BOUND_MS. */
  ended(): Promise<boolean>;
  heard(needle: string): Promise<boolean>;
  close(): void;
}

async function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/live`, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`live stream refused: ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  const pump = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value);
      }
    } catch {
      // Aborted by close().
    }
    done = true;
  })();
  const within = async (check: () => boolean) => {
    const until = Date.now() + BOUND_MS;
    while (Date.now() < until && !check()) await sleep(20);
    return check();
  };
  return {
    text: () => text,
    ended: async () => {
      const ok = await within(() => done);
      return ok;
    },
    heard: (needle) => within(() => text.includes(needle)),
    close: () => {
      controller.abort();
      void pump;
    },
  };
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`sessions and tokens that lose their right, on ${engine.name}`, () => {
    let api: ApiHarness;
    let url: string;
    const streams: Stream[] = [];

    /** An incident change every reader may see (PUBLIC: no coalition is seeded), as fusion announces one. */
    const announce = (id: string) =>
      sql`select pg_notify(${INCIDENTS_CHANNEL}, ${JSON.stringify([
        { id, state: 'verified', category: 'artillery', version: 1, rel_kind: 'PUBLIC', rel_nations: [] },
      ])})`.execute(api.database.db);
    const login = async (username: string, headers: Record<string, string> = {}) => {
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers,
        payload: { username, password: TEST_PASSWORD },
      });
      const cookie = res.cookies.find((c) => c.name === 'guarantor_session');
      return { res, cookie: `guarantor_session=${cookie?.value}`, csrf: res.json().csrfToken as string };
    };
    const issueToken = async (username: string, name: string) => {
      const res = await api.post('admin', '/api/tokens', { username, name });
      expect(res.statusCode, res.body).toBe(201);
      const token = res.json().token as string;
      const listed = (await api.get('admin', '/api/tokens')).json().tokens as { id: string; name: string }[];
      return { token, id: listed.find((t) => t.name === name)!.id };
    };
    const stream = async (headers: Record<string, string>) => {
      const s = await openStream(url, headers);
      streams.push(s);
      return s;
    };
    const audited = async (action: string) =>
      (
        await api.database.db
          .selectFrom('audit_log')
          .select(['actor', 'entity_id', 'after'])
          .where('action', '=', action)
          .execute()
      ).map((r) => ({ actor: r.actor, after: r.after }));

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        seed: false,
        // Only a revocation on this server or a delivered event can end a stream here.
        env: { LIVE_RECHECK_SECONDS: '3600', LOGIN_LOCKOUT_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '15' },
        users: [
          ['admin', 'FRA', ['admin']],
          ['usa-analyst', 'USA', ['analyst']],
          ['gbr-analyst', 'GBR', ['analyst']],
          ['deu-analyst', 'DEU', ['analyst']],
          ['pol-analyst', 'POL', ['analyst']],
          ['ita-analyst', 'ITA', ['analyst']],
        ],
      });
      url = await api.app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(async () => {
      for (const s of streams) s.close();
      await api?.close();
    });

    it('signing out ends the live stream opened with that session', async () => {
      const { cookie, csrf } = await login('usa-analyst');
      const live = await stream({ cookie });
      await announce('inc-before-logout');
      expect(await live.heard('inc-before-logout')).toBe(true);
      const out = await api.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      expect(out.statusCode).toBe(204);
      expect(await live.ended()).toBe(true);
      await announce('inc-after-logout');
      expect(live.text()).not.toContain('inc-after-logout');
    });

    it('revoking a token (admin API) ends its stream and its requests, audited', async () => {
      const { token, id } = await issueToken('gbr-analyst', 'gbr-dashboard');
      const headers = { authorization: `Bearer ${token}` };
      const live = await stream(headers);
      await announce('inc-before-revoke');
      expect(await live.heard('inc-before-revoke')).toBe(true);
      const revoked = await api.post('admin', `/api/tokens/${id}/revoke`, {});
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ name: 'gbr-dashboard', username: 'gbr-analyst' });
      expect(revoked.json().revokedAt).toBe(NOW.toISOString());
      expect(await live.ended()).toBe(true);
      expect((await api.app.inject({ url: '/api/session', headers })).statusCode).toBe(401);
      expect(await audited('token.revoke')).toContainEqual(expect.objectContaining({ actor: 'admin' }));
      // Unknown and malformed ids are 404 naming the field, not 500.
      for (const bad of ['00000000-0000-0000-0000-000000000000', 'not-a-uuid']) {
        const res = await api.post('admin', `/api/tokens/${bad}/revoke`, {});
        expect(res.statusCode).toBe(404);
        expect(res.json().error.field).toBe('params.id');
      }
    });

    it('a token revoked behind the server (SQL) hears no further event: the next one ends the stream', async () => {
      const { token, id } = await issueToken('deu-analyst', 'deu-dashboard');
      const live = await stream({ authorization: `Bearer ${token}` });
      await announce('inc-before-sql');
      expect(await live.heard('inc-before-sql')).toBe(true);
      await api.database.db.updateTable('api_token').set({ revoked_at: NOW }).where('id', '=', id).execute();
      await announce('inc-after-sql');
      expect(await live.ended()).toBe(true);
      expect(live.text()).not.toContain('inc-after-sql');
    });

    it('disabling a user (admin API) ends their sessions, tokens and streams; enabling lets them sign in again', async () => {
      const { cookie } = await login('pol-analyst');
      const { token } = await issueToken('pol-analyst', 'pol-dashboard');
      const bySession = await stream({ cookie });
      const byToken = await stream({ authorization: `Bearer ${token}` });
      expect((await api.get('usa-analyst', '/api/users')).statusCode).toBe(403);
      const res = await api.post('admin', '/api/users/pol-analyst/disable', {});
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ username: 'pol-analyst', nationName: 'Poland' });
      expect(res.json().disabledAt).toBe(NOW.toISOString());
      expect(await bySession.ended()).toBe(true);
      expect(await byToken.ended()).toBe(true);
      expect((await api.app.inject({ url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
      expect((await login('pol-analyst')).res.statusCode).toBe(401);
      const users = (await api.get('admin', '/api/users')).json().users as {
        username: string;
        disabledAt: unknown;
      }[];
      expect(users.find((u) => u.username === 'pol-analyst')?.disabledAt).toBe(NOW.toISOString());
      expect((await api.post('admin', '/api/users/pol-analyst/enable', {})).json().disabledAt).toBeNull();
      expect((await login('pol-analyst')).res.statusCode).toBe(200);
      expect((await audited('user.disable')).length).toBe(1);
      expect((await audited('user.enable')).length).toBe(1);
      const self = await api.post('admin', '/api/users/admin/disable', {});
      expect(self.statusCode).toBe(409);
      expect(self.json().error.code).toBe('user.self_disable');
      expect((await api.post('admin', '/api/users/nobody/disable', {})).statusCode).toBe(404);
    });

    it('locks an account after 3 failed sign-ins from different addresses, until the window passes', async () => {
      const attempt = (password: string, remoteAddress: string) =>
        api.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username: 'ita-analyst', password },
        });
      expect((await attempt('wrong 1', '10.0.0.1')).statusCode).toBe(401);
      expect((await attempt('wrong 2', '10.0.0.2')).statusCode).toBe(401);
      const third = await attempt('wrong 3', '10.0.0.3');
      expect(third.statusCode).toBe(423);
      expect(third.json().error.code).toBe('auth.locked');
      expect(third.json().error.message).toContain('try again after 2026-11-27T08:15:00Z');
      expect(third.headers['retry-after']).toBe('900');
      // The right password from a fourth address is refused too.
      const right = await attempt(TEST_PASSWORD, '10.0.0.4');
      expect(right.statusCode).toBe(423);
      const locks = await audited('user.lock');
      expect(locks).toHaveLength(1);
      expect(locks[0]?.after).toMatchObject({ username: 'ita-analyst', address: '10.0.0.3', failures: 3 });
      // Unknown usernames lock alike: the lockout tells nothing of which names exist.
      for (let i = 0; i < 3; i++)
        await api.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'no-such-user', password: 'x' },
        });
      const unknown = await api.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'no-such-user', password: 'x' },
      });
      expect(unknown.statusCode).toBe(423);
      api.setNow(new Date(NOW.getTime() + 15 * 60_000 + 1000));
      try {
        expect((await attempt(TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
      } finally {
        api.setNow(NOW);
      }
    });

    it('an admin enabling a locked account lifts the lock', async () => {
      await api.signIn(['esp-analyst', 'ESP', ['analyst']]);
      for (let i = 0; i < 3; i++)
        await api.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'esp-analyst', password: 'wrong' },
        });
      expect((await login('esp-analyst')).res.statusCode).toBe(423);
      await api.post('admin', '/api/users/esp-analyst/enable', {});
      expect((await login('esp-analyst')).res.statusCode).toBe(200);
    });

    it('sends security headers everywhere, and no-store on the session, its CSRF token and API reads', async () => {
      for (const path of ['/healthz', '/api/session', '/api/nations', '/nowhere']) {
        const res = await api.get('usa-analyst', path);
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['content-security-policy']).toContain('worker-src');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
      }
      // The app frames its own reports (the daily report page): those, and only those, may be
      // framed by the same origin.
      const report = await api.get('usa-analyst', '/api/reports/daily?date=2026-11-20&format=html');
      expect(report.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(report.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect((await api.get('usa-analyst', '/api/nations')).headers['x-frame-options']).toBe('DENY');
      expect((await api.get('usa-analyst', '/api/session')).headers['cache-control']).toBe('no-store');
      expect((await login('usa-analyst')).res.headers['cache-control']).toBe('no-store');
      expect((await api.get('usa-analyst', '/api/nations')).headers['cache-control']).toBe('no-store');
    });

    it('marks the cookie Secure unless the host is exactly a loopback name', async () => {
      const secureFor = async (host: string) =>
        (await login('usa-analyst', { host })).res.cookies.find((c) => c.name === 'guarantor_session')
          ?.secure ?? false;
      expect(await secureFor('localhost:8080')).toBe(false);
      expect(await secureFor('127.0.0.1')).toBe(false);
      expect(await secureFor('[::1]:8080')).toBe(false);
      expect(await secureFor('localhost.attacker.example')).toBe(true);
      expect(await secureFor('127.0.0.1.nip.io')).toBe(true);
      expect(await secureFor('guarantor.example')).toBe(true);
    });
  });
}

describe('session expiry', async () => {
  const [engine] = await testEngines();
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness(engine!, {
      now: NOW,
      seed: false,
      env: { SESSION_IDLE_MINUTES: '30', SESSION_TTL_HOURS: '1' },
      users: [
        ['idle-user', 'FRA', ['analyst']],
        ['busy-user', 'FRA', ['analyst']],
      ],
    });
  });
  afterAll(() => api?.close());

  /** The status /api/session settles on (the server reuses a resolved caller for a few seconds). */
  const settlesOn = async (user: string, status: number) => {
    const until = Date.now() + BOUND_MS;
    while (Date.now() < until) {
      if ((await api.get(user, '/api/session')).statusCode === status) return true;
      await sleep(200);
    }
    return false;
  };
  const at = (minutes: number) => api.setNow(new Date(NOW.getTime() + minutes * 60_000));

  it('ends a session unused for SESSION_IDLE_MINUTES, and a used one at SESSION_TTL_HOURS', async () => {
    at(20);
    expect(await settlesOn('busy-user', 200)).toBe(true);
    at(40);
    expect(await settlesOn('busy-user', 200)).toBe(true);
    // idle-user was last seen at sign-in, 40 minutes ago.
    expect(await settlesOn('idle-user', 401)).toBe(true);
    at(55);
    expect(await settlesOn('busy-user', 200)).toBe(true);
    at(61);
    expect(await settlesOn('busy-user', 401)).toBe(true);
  });

  it('knows the loopback host names exactly', () => {
    for (const host of ['localhost', 'LOCALHOST:80', '127.0.0.1:8080', '[::1]', '[::1]:8080', '::1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['localhost.example', 'localhostx', '127.0.0.2', '127.0.0.1.example', '[::2]'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
