/**
 * Account administration through the API, as the admin screen drives it: add a user, reset a
 * password, issue a token; each refused to a role that may not (403) and for bad input (400
 * naming the field); each change read back from the audit log, which shows entries about users
 * and tokens to admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`account administration and the audit log, on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['deu-admin', 'DEU', ['admin']],
          ['fra-analyst', 'FRA', ['analyst']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    const newUser = {
      username: 'pol.monitor',
      displayName: 'Anna Nowak',
      password: 'a long enough password',
      nation: 'POL',
      roles: ['monitor'],
    };

    it('adds a user, refusing a duplicate username by name and a non-admin with 403', async () => {
      const created = await h.post('deu-admin', '/api/users', newUser);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        username: 'pol.monitor',
        nationName: 'Poland',
        roles: ['monitor'],
      });
      const again = await h.post('deu-admin', '/api/users', newUser);
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ field: 'body.username' });
      expect(again.json().error.message).toContain('a user named pol.monitor already exists');
      const forbidden = await h.post('fra-analyst', '/api/users', { ...newUser, username: 'x.y.z' });
      expect(forbidden.statusCode).toBe(403);
      const bad = await h.post('deu-admin', '/api/users', { ...newUser, username: 'Not Valid' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('body.username');
    });

    it('resets a password: the old one stops working, the new one signs in, the sessions end', async () => {
      const login = (password: string) =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'pol.monitor', password },
        });
      const before = await login(newUser.password);
      expect(before.statusCode).toBe(200);
      const cookie = String(before.headers['set-cookie']).split(';')[0]!;

      const short = await h.post('deu-admin', '/api/users/pol.monitor/password', { password: 'short' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.field).toBe('body.password');
      expect(short.json().error.message).toContain('at least 12 characters');
      const forbidden = await h.post('fra-analyst', '/api/users/pol.monitor/password', {
        password: 'another long password',
      });
      expect(forbidden.statusCode).toBe(403);
      const unknown = await h.post('deu-admin', '/api/users/no.such.user/password', {
        password: 'another long password',
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.field).toBe('params.username');

      const reset = await h.post('deu-admin', '/api/users/pol.monitor/password', {
        password: 'another long password',
      });
      expect(reset.statusCode, reset.body).toBe(200);
      expect(reset.json()).toMatchObject({ account: { username: 'pol.monitor' }, sessionsEnded: true });
      expect((await login(newUser.password)).statusCode).toBe(401);
      expect((await login('another long password')).statusCode).toBe(200);
      const old = await h.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      expect(old.statusCode).toBe(401);
    });

    it('issues a token once, refuses a non-admin, and audits every change without secrets', async () => {
      const forbidden = await h.post('fra-analyst', '/api/tokens', {
        username: 'pol.monitor',
        name: 'uav-3',
      });
      expect(forbidden.statusCode).toBe(403);
      const noName = await h.post('deu-admin', '/api/tokens', { username: 'pol.monitor', name: '' });
      expect(noName.statusCode).toBe(400);
      expect(noName.json().error.field).toBe('body.name');
      const issued = await h.post('deu-admin', '/api/tokens', { username: 'pol.monitor', name: 'uav-3' });
      expect(issued.statusCode, issued.body).toBe(201);
      const { token } = issued.json() as { token: string };
      expect(token).toMatch(/^gt_/);

      const audit = await h.get('deu-admin', '/api/audit?entity=app_user,api_token&limit=10');
      expect(audit.statusCode, audit.body).toBe(200);
      const entries = audit.json().entries as { action: string; actor: string; nation: string }[];
      expect(entries.slice(0, 3).map((e) => e.action)).toEqual([
        'token.create',
        'user.password_reset',
        'user.create',
      ]);
      expect(entries[0]).toMatchObject({ actor: 'deu-admin', nation: 'DEU' });
      expect(audit.body).not.toContain(token);
      expect(audit.body).not.toContain('another long password');
      expect(audit.body).not.toContain('argon2');
    });

    it('shows entries about users and tokens to admins only, and names a bad filter', async () => {
      const forbidden = await h.get('fra-analyst', '/api/audit?entity=app_user');
      expect(forbidden.statusCode).toBe(403);
      const mine = await h.get('fra-analyst', '/api/audit?limit=200');
      expect(mine.statusCode).toBe(200);
      const entities = new Set((mine.json().entries as { entity: string }[]).map((e) => e.entity));
      expect(entities.has('app_user')).toBe(false);
      expect(entities.has('api_token')).toBe(false);
      const bad = await h.get('fra-analyst', '/api/audit?limit=0');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('querystring.limit');
      const badEntity = await h.get('fra-analyst', '/api/audit?entity=Zone!');
      expect(badEntity.statusCode).toBe(400);
      expect(badEntity.json().error.field).toBe('querystring.entity');
    });
  });
}
