// Issue 21: a decision can rest on a land option version and on a day's gate evaluation, each
// shown as it was when decided beside today, and hidden from who may not read it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
const option = (over: Record<string, unknown> = {}) => ({
  key: 'meridian',
  name: 'Along 35° East',
  occupiedSide: 'left',
  geometry: {
    type: 'LineString',
    coordinates: [
      [35, 53],
      [35, 44],
    ],
  },
  releasability: 'COALITION',
  ...over,
});
const decision = (links: { kind: string; id: string }[]) => ({
  title: 'The cell prefers the 35° line for the talks',
  text: '',
  decidedOn: '2026-11-20',
  nation: 'FRA',
  delegationLevel: 'official',
  decidedBy: 'Head of the cell',
  authority: 'Cell standing orders',
  links,
  releasability: 'COALITION',
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(
    `decisions resting on land options and gate evaluations on ${engine.name}`,
    () => {
      let h: ApiHarness;
      beforeAll(async () => {
        h = await openApiHarness(engine, {
          now: NOW,
          users: [
            ['fra-staff', 'FRA', ['cell_staff', 'analyst']],
            ['deu-staff', 'DEU', ['cell_staff']],
          ],
        });
        const db = h.database.db;
        await sql`insert into phase_evaluation (as_of, evaluated_at) values ('2026-11-19', ${NOW})`.execute(
          db,
        );
        await sql`insert into sector_status (sector, as_of, status, reasons, recorded_at)
                values ('sector-south', '2026-11-18', 'fragile', '["2 verified violations"]', ${NOW}),
                       ('sector-east', '2026-11-19', 'holding', '[]', ${NOW})`.execute(db);
      });
      afterAll(async () => {
        await h?.close();
      });

      it('links a land option version and a gate evaluation, and shows then beside now', async () => {
        const first = await h.post('fra-staff', '/api/territory/land-options', option());
        expect(first.statusCode, first.body).toBe(200);
        const id = first.json().option.id as string;
        const made = await h.post(
          'fra-staff',
          '/api/decisions',
          decision([
            { kind: 'land_option', id },
            { kind: 'gate_evaluation', id: '2026-11-19' },
          ]),
        );
        expect(made.statusCode, made.body).toBe(201);
        const decisionId = made.json().id as string;

        // The option is redrawn after the decision: then stays version 1, now is version 2.
        const second = await h.post(
          'fra-staff',
          '/api/territory/land-options',
          option({
            geometry: {
              type: 'LineString',
              coordinates: [
                [36, 53],
                [36, 44],
              ],
            },
          }),
        );
        expect(second.statusCode, second.body).toBe(200);
        const read = await h.get('deu-staff', `/api/decisions/${decisionId}`);
        expect(read.statusCode, read.body).toBe(200);
        const detail = read.json();
        const land = detail.links.find((l: { kind: string }) => l.kind === 'land_option');
        expect(land).toMatchObject({ kept: 'version', version: id, nowVersion: second.json().option.id });
        expect(land.atDecision).toMatchObject({ option: 'meridian@FRA', version: 1, kind: 'line' });
        expect(land.today.version).toBe(2);
        expect(land.changed).toEqual(expect.arrayContaining(['version']));
        const gate = detail.links.find((l: { kind: string }) => l.kind === 'gate_evaluation');
        expect(gate.title).toBe("The gate's evaluation of 2026-11-19: 1 holding, 1 fragile");
        expect(gate.atDecision).toMatchObject({
          'sector sector-east': 'holding as of 2026-11-19',
          'sector sector-south': 'fragile as of 2026-11-18: 2 verified violations',
        });
      });

      it('refuses a day the gate never evaluated and an option the reader cannot see, alike', async () => {
        const hidden = await h.post(
          'fra-staff',
          '/api/territory/land-options',
          option({ key: 'ours', releasability: 'NATIONAL FRA' }),
        );
        expect(hidden.statusCode, hidden.body).toBe(200);
        const notSeen = await h.post(
          'deu-staff',
          '/api/decisions',
          decision([{ kind: 'land_option', id: hidden.json().option.id }]),
        );
        const missing = await h.post(
          'deu-staff',
          '/api/decisions',
          decision([{ kind: 'land_option', id: 'lo-999999' }]),
        );
        expect(notSeen.statusCode).toBe(missing.statusCode);
        expect(notSeen.json().error.code).toBe(missing.json().error.code);
        expect(notSeen.json().error.field).toBe('body.links.0');
        const never = await h.post(
          'deu-staff',
          '/api/decisions',
          decision([{ kind: 'gate_evaluation', id: '2026-11-10' }]),
        );
        expect(never.json().error.field).toBe('body.links.0');
      });
    },
  );
}
