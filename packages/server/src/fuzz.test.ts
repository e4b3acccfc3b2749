import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../test/support/api.ts';
import { testEngines } from '../../../test/support/databases.ts';
import {
  auditIntact,
  FUZZER,
  type FuzzSession,
  type FuzzTarget,
  fuzzRoute,
  fuzzSession,
  fuzzTargets,
  knownIds,
} from '../../../test/support/fuzz.ts';

/*
 * Fuzzing from the OpenAPI schemas (issue 12): every write route gets requests derived from its
 * own request schemas (valid bodies, refused bodies, text that is not JSON, known and arbitrary
 * ids), as a user holding every role, with a session and CSRF token or an API token. No answer
 * may be a 5xx, and the audit chain must still verify after each route (nothing stored half).
 * The long run is `bench/fuzz.ts`.
 */

const NOW = new Date('2026-11-27T08:00:00Z');
/** Cases per route in `npm test`; bench/fuzz.ts runs many more. */
const CASES = Number(process.env['FUZZ_CASES'] ?? 25);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261127);

for (const engine of (await testEngines()).filter((e) => e.name === 'pglite')) {
  describe.skipIf(engine.skip)(`fuzzing every write route on ${engine.name}`, () => {
    let api: ApiHarness;
    let session: FuzzSession;
    let targets: readonly FuzzTarget[];

    beforeAll(async () => {
      api = await openApiHarness(engine, {
        now: NOW,
        users: [FUZZER],
        env: { LOGIN_RATE_PER_MINUTE: '100000000' },
      });
      await api.app.ready();
      session = await fuzzSession(api);
      targets = fuzzTargets(api.app, await knownIds(api));
    });
    afterAll(() => api?.close());

    it('derives requests for every write route the router holds', () => {
      expect(targets.length).toBeGreaterThanOrEqual(38);
    });

    it('answers a URL the router cannot take (over-long or undecodable parameter) in the catalogue shape', async () => {
      const long = await api.get(FUZZER[0], `/api/offers/${'x'.repeat(150)}`);
      expect(long.statusCode).toBe(414);
      expect(long.json().error).toMatchObject({ code: 'request.url_too_long', field: 'params' });
      const broken = await api.get(FUZZER[0], '/api/offers/%E0%A4%A');
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error).toMatchObject({ code: 'request.invalid', field: 'params' });
      expect(broken.json().error.requestId).toBe(broken.headers['x-request-id']);
    });

    it(`answers ${CASES} generated requests per write route without a 5xx, errors in the catalogue, and stores nothing half`, async () => {
      const failures: string[] = [];
      for (const [i, target] of targets.entries()) {
        const errors = await fuzzRoute(api.app, session, target, CASES, SEED + i);
        for (const e of errors.slice(0, 3))
          failures.push(
            `${e.route}: ${e.status} ${e.body}\n  request: ${JSON.stringify(e.request).slice(0, 600)}`,
          );
        const audit = await auditIntact(api);
        if (!audit.ok) failures.push(`${target.key}: the audit chain no longer verifies: ${audit.reason}`);
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    }, 600_000);
  });
}
