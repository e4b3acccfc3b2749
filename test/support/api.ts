import type { GuarantorDatabase, UserRole } from '@guarantor/db';
import { insertUser, readDemoScenario, seedScenario } from '@guarantor/db';
import { createApp, hashPassword, loadConfig } from '@guarantor/server';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestEngine } from './databases.ts';

/** The password every harness user signs in with. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A user to create and sign in: username, nation (ISO alpha-3), roles. */
export type TestUser = readonly [username: string, nation: string, roles: readonly UserRole[]];

/** A real app over a real database, with signed-in users, driven through `inject`. */
export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly database: GuarantorDatabase;
  /** The app's clock; tests move it with `setNow`. */
  now(): Date;
  setNow(at: Date): void;
  /** Creates a user and signs them in; later calls act as them by username. */
  signIn(user: TestUser): Promise<void>;
  get(username: string, url: string): Promise<LightMyRequestResponse>;
  /** A write with the session cookie and its CSRF token; a string payload is sent as is. */
  send(
    username: string,
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** A write with the session cookie and its CSRF token whose body goes as is, with its content type. */
  sendRaw(
    username: string,
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body: string | Buffer,
    contentType: string,
  ): Promise<LightMyRequestResponse>;
  post(username: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  /** A signed-in user's session cookie header and CSRF token, for requests built by hand. */
  session(username: string): { readonly cookie: string; readonly csrf: string };
  close(): Promise<void>;
}

/**
 * Opens a database on the engine, loads the demo scenario (unless `seed` is false), builds
 * the app as `npm start` would (no web assets, silent logs), and signs the users in.
 */
export async function openApiHarness(
  engine: TestEngine,
  options: { now: Date; users?: readonly TestUser[]; seed?: boolean; env?: Record<string, string> },
): Promise<ApiHarness> {
  const database = await engine.open();
  let current = options.now;
  if (options.seed !== false) await seedScenario(database.db, readDemoScenario(), current);
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    // Tests move the clock by days; sessions must not go idle under them.
    SESSION_IDLE_MINUTES: '43200',
    WEB_DIR: '/nonexistent',
    // Tests read right after they write; the public page's cache would answer with the earlier state.
    PUBLIC_CACHE_SECONDS: '0',
    ...options.env,
  });
  const app = await createApp({ database, clock: { now: () => current }, config });
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const session = (username: string) => {
    const s = sessions.get(username);
    if (!s) throw new Error(`no signed-in user ${username}: pass it to openApiHarness or signIn`);
    return s;
  };
  const harness: ApiHarness = {
    app,
    database,
    now: () => current,
    setNow: (at) => {
      current = at;
    },
    async signIn([username, nation, roles]) {
      await insertUser(
        database.db,
        { username, displayName: username, passwordHash, nation, roles },
        { actor: 'test', nation: null, at: current },
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200)
        throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'guarantor_session');
      if (!cookie) throw new Error(`sign-in of ${username} set no session cookie`);
      sessions.set(username, { cookie: `guarantor_session=${cookie.value}`, csrf: res.json().csrfToken });
    },
    get: (username, url) => app.inject({ method: 'GET', url, headers: { cookie: session(username).cookie } }),
    send: (username, method, url, payload) =>
      payload === undefined
        ? app.inject({
            method,
            url,
            headers: { cookie: session(username).cookie, 'x-csrf-token': session(username).csrf },
          })
        : harness.sendRaw(
            username,
            method,
            url,
            typeof payload === 'string' ? payload : JSON.stringify(payload),
            'application/json',
          ),
    sendRaw: (username, method, url, body, contentType) =>
      app.inject({
        method,
        url,
        headers: {
          cookie: session(username).cookie,
          'x-csrf-token': session(username).csrf,
          'content-type': contentType,
        },
        payload: body,
      }),
    post: (username, url, payload) => harness.send(username, 'POST', url, payload ?? {}),
    session,
    async close() {
      await app.close();
      await database.close();
    },
  };
  for (const user of options.users ?? []) await harness.signIn(user);
  return harness;
}
