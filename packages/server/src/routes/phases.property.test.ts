/**
 * Property: no sequence of API calls issues a deployment order while the gate is closed,
 * except by a recorded override. fast-check drives a small command model (new monitoring
 * days, re-evaluations, phase transitions with and without override, drafting and issuing
 * orders with and without override) through `app.inject`; afterwards every issued order is
 * checked against an independent evaluation of the same facts with core.
 */
import {
  addDays,
  compileRule,
  type DayIncident,
  evaluateRule,
  ORDER_PHASES,
  type Phase,
  type SectorDay,
  sectorStandings,
} from '@guarantor/core/phases';
import { DEMO_GUARDS, DEMO_RULES, putSectorDays, seedPhases } from '@guarantor/db/phases';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const SECTORS = ['S-1', 'S-2'];
const START = '2026-11-01';

type Command =
  | { readonly kind: 'day'; readonly flare: string | null; readonly blind: string | null }
  | { readonly kind: 'reevaluate' }
  | { readonly kind: 'transition'; readonly target: Phase; readonly override: boolean }
  | { readonly kind: 'draft'; readonly sector: string }
  | { readonly kind: 'issue'; readonly pick: number; readonly override: boolean };

// Weighted so that random sequences reach the subject: about a third of the commands are phase
// changes, mostly up the ladder (ceasefire_holding, then force_deploying opens the gate), and a
// third drafts or issues orders, so a sequence of 10–24 commands usually opens the gate and
// issues, and flares, blind days, suspensions and overrides close it again at random.
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('day' as const),
      // A flare closes the gate for 14 days, so one day in four has one, not two in three.
      flare: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, fc.constantFrom(...SECTORS)),
      blind: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, fc.constantFrom(...SECTORS)),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reevaluate' as const }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('transition' as const),
      target: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Phase>('ceasefire_holding') },
        { weight: 4, arbitrary: fc.constant<Phase>('force_deploying') },
        { weight: 1, arbitrary: fc.constant<Phase>('sustainment') },
        { weight: 1, arbitrary: fc.constant<Phase>('suspended') },
      ),
      // Mostly without override, so the rules decide; an override now and then.
      override: fc.oneof(
        { weight: 3, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('draft' as const), sector: fc.constantFrom(...SECTORS) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('issue' as const), pick: fc.nat(5), override: fc.boolean() }),
  },
);

const quiet = (sector: string, date: string, monitored = true, incidents: DayIncident[] = []): SectorDay => ({
  sector,
  date,
  monitored,
  incidents,
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the deployment gate as a property, on ${engine.name}`, () => {
    let h: ApiHarness;
    let now = new Date(`${START}T10:00:00Z`);

    beforeAll(async () => {
      // Sessions last 30 days: a sequence moves the clock by at most 24 days from START.
      h = await openApiHarness(engine, {
        now,
        users: [['fra-staff', 'FRA', ['cell_staff', 'liaison']]],
        env: { SESSION_TTL_HOURS: '720' },
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    const setNow = (at: Date) => {
      now = at;
      h.setNow(at);
    };
    const post = (url: string, payload: unknown = {}) => h.post('fra-staff', url, payload);

    async function reset(): Promise<void> {
      // cell_action: a breach's rung makes actions that reference it (issue 21).
      await sql`truncate phase_notification, order_event, deployment_order, breach_response, cell_action, breach,
        sector_status, phase_evaluation, campaign_phase, sector_day_fact`.execute(h.database.db);
      setNow(new Date(`${START}T10:00:00Z`));
      await seedPhases(h.database.db, now);
    }

    it('never issues an order while the gate is closed, except by a recorded override', async () => {
      const compiled = DEMO_RULES.map((r) =>
        compileRule(
          { id: r.id, version: 1, text: r.text },
          { sectors: SECTORS, zones: ['withdrawal_zone', 'buffer_zone'] },
        ),
      );
      const deployment = DEMO_GUARDS.force_deploying!;
      let issuedTotal = 0;
      let overriddenTotal = 0;
      // How often the random sequences (not the fixed opening) reach the gate's subject.
      const reached = {
        runs: 0,
        gateReached: 0,
        gateOpened: 0,
        gateForced: 0,
        issued: 0,
        refused: 0,
        overridden: 0,
      };
      // One sequence that certainly opens the gate and issues, with and without override.
      const opening: Command[] = [
        { kind: 'transition', target: 'ceasefire_holding', override: false },
        { kind: 'transition', target: 'force_deploying', override: false },
        { kind: 'draft', sector: 'S-1' },
        { kind: 'issue', pick: 0, override: false },
        { kind: 'day', flare: 'S-2', blind: null },
        { kind: 'draft', sector: 'S-2' },
        { kind: 'issue', pick: 1, override: false },
        { kind: 'issue', pick: 1, override: true },
      ];
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 24 }), async (commands) => {
          await reset();
          // A fortnight of quiet before the run, so gates can open within a short sequence.
          const facts: SectorDay[] = [];
          for (let k = 14; k >= 1; k--) for (const s of SECTORS) facts.push(quiet(s, addDays(START, -k)));
          facts.push(...SECTORS.map((s) => quiet(s, START)));
          await putSectorDays(h.database.db, facts);
          const issuedAt = new Map<string, { day: string; override: boolean }>();
          const orders: string[] = [];
          const run = {
            gateReached: false,
            gateOpened: false,
            gateForced: false,
            issued: false,
            refused: false,
            overridden: false,
          };
          for (const c of commands) {
            if (c.kind === 'day') {
              setNow(new Date(now.getTime() + 86_400_000));
              const day = now.toISOString().slice(0, 10);
              const todays = SECTORS.map((s) =>
                quiet(
                  s,
                  day,
                  s !== c.blind,
                  s === c.flare
                    ? [
                        {
                          id: `${s} ${day}`,
                          category: 'explosion_impact',
                          verification: 'verified',
                          count: 8,
                          zones: [],
                        },
                      ]
                    : [],
                ),
              );
              facts.push(...todays);
              await putSectorDays(h.database.db, todays);
            } else if (c.kind === 'reevaluate') {
              expect((await post('/api/phases/reevaluate')).statusCode).toBe(200);
            } else if (c.kind === 'transition') {
              const res = await post('/api/phases/transitions', {
                target: c.target,
                authority: 'Coordination Cell',
                ...(c.override ? { override: { reason: 'the cell decided so' } } : {}),
              });
              if (process.env.DEBUG_PHASES) console.log(c, res.statusCode, res.body.slice(0, 300));
              expect([201, 409]).toContain(res.statusCode);
              if (res.statusCode === 201 && c.target === 'force_deploying') {
                run.gateReached = true;
                if (c.override) run.gateForced = true;
                else run.gateOpened = true;
              }
            } else if (c.kind === 'draft') {
              const res = await post('/api/orders', {
                offerId: 'USA-1',
                quantity: 1,
                regionCode: 'UA-14',
                lineOfEffort: 'truce_monitoring',
                sector: c.sector,
              });
              expect(res.statusCode, res.body).toBe(201);
              orders.push(res.json().id);
            } else if (orders.length > 0) {
              const id = orders[c.pick % orders.length]!;
              const res = await post(
                `/api/orders/${id}/issue`,
                c.override ? { override: { reason: 'urgent' } } : {},
              );
              if (process.env.DEBUG_PHASES) console.log(c, res.statusCode, res.body.slice(0, 300));
              expect([200, 409]).toContain(res.statusCode);
              if (res.statusCode === 409) run.refused = true;
              if (res.statusCode === 200) {
                if (res.json().override !== null) run.overridden = true;
                else run.issued = true;
                issuedAt.set(id, {
                  day: now.toISOString().slice(0, 10),
                  override: res.json().override !== null,
                });
                issuedTotal++;
                if (res.json().override !== null) overriddenTotal++;
              }
            }
          }
          if (JSON.stringify(commands) !== JSON.stringify(opening)) {
            reached.runs++;
            for (const k of [
              'gateReached',
              'gateOpened',
              'gateForced',
              'issued',
              'refused',
              'overridden',
            ] as const)
              if (run[k]) reached[k]++;
          }
          // Independent check of every issue against core over the same facts.
          const phases = await sql<{
            phase: Phase;
            since: string;
            override: boolean;
            override_reason: string | null;
            seq: number;
          }>`
            select phase, to_char(since, 'YYYY-MM-DD') as since, override, override_reason, seq from campaign_phase order by seq`.execute(
            h.database.db,
          );
          const events = await sql<{ order_id: string; phase: string; override_reason: string | null }>`
            select order_id, phase, override_reason from order_event where kind = 'issued'`.execute(
            h.database.db,
          );
          expect(events.rows.map((e) => e.order_id).sort()).toEqual([...issuedAt.keys()].sort());
          for (const [id, at] of issuedAt) {
            const event = events.rows.find((e) => e.order_id === id)!;
            expect(ORDER_PHASES).toContain(event.phase);
            // The phase the order relied on was entered with passing rules, or by a recorded override.
            const entered = phases.rows
              .filter((p) => ORDER_PHASES.includes(p.phase) && p.since <= at.day)
              .at(-1)!;
            const guards = compiled.filter((r) => (DEMO_GUARDS[entered.phase] ?? []).includes(r.id));
            const passed = guards.every(
              (r) => evaluateRule(r, { asOf: entered.since, sectors: SECTORS, facts }).pass,
            );
            expect(passed || (entered.override && (entered.override_reason ?? '').trim() !== '')).toBe(true);
            // The sector held on the day of issue, or the override is recorded on the issue event.
            const sector = (
              await sql<{ sector: string }>`select sector from deployment_order where id = ${id}`.execute(
                h.database.db,
              )
            ).rows[0]!.sector;
            const standing = sectorStandings(
              compiled
                .filter((r) => deployment.includes(r.id))
                .map((r) => evaluateRule(r, { asOf: at.day, sectors: SECTORS, facts })),
            ).find((s) => s.sector === sector)!;
            if (standing.status !== 'holding') {
              expect(at.override).toBe(true);
              expect(event.override_reason).toBe('urgent');
            }
          }
        }),
        { numRuns: 40, examples: [[opening]] },
      );
      console.log(`the deployment gate as a property, random sequences: ${JSON.stringify(reached)}`);
      // The random part itself reaches the gate. Measured over 39 random sequences per engine,
      // about half opened it (a third by its rules, a sixth by override) and a third issued an
      // order without override; with the unweighted commands, 2 of 59 opened it and none issued.
      // The bounds sit far below those shares, so chance alone does not fail them.
      expect(reached.gateReached).toBeGreaterThanOrEqual(reached.runs / 5);
      expect(reached.issued).toBeGreaterThanOrEqual(reached.runs / 13);
      expect(reached.refused).toBeGreaterThanOrEqual(reached.runs / 5);
      expect(issuedTotal).toBeGreaterThanOrEqual(2);
      expect(overriddenTotal).toBeGreaterThanOrEqual(1);
    });
  });
}
