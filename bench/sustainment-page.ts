/**
 * The stress sustainment plan as the page reads it (issue 19, ADR 0046): how big
 * GET /api/sustainment-plans/:id is and how long it takes, and one requirement's explanation, for
 * the rolling-horizon plan of the stress instance (60 nations, 500 offers, 500 requirements, 36
 * months) stored as any plan is. Run by hand: `npx tsx bench/sustainment-page.ts [--offers 500]
 * [--requirements 500]` (embedded database, the real app through `inject`). Prints figures;
 * asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planSustainmentGreedy } from '../packages/core/src/planning/index.ts';
import { insertSustainmentPlan } from '../packages/db/src/index.ts';
import { openApiHarness } from '../test/support/api.ts';
import { testEngines } from '../test/support/databases.ts';
import { stressSustainment } from './sustainment-instances.ts';

const { values } = parseArgs({
  options: { offers: { type: 'string', default: '500' }, requirements: { type: 'string', default: '500' } },
});
const sizes = { offers: Number(values.offers), requirements: Number(values.requirements) };
const fmt = (x: number, digits = 0) => x.toFixed(digits);
const engine = (await testEngines()).find((e) => e.name === 'pglite')!;
const api = await openApiHarness(engine, {
  now: new Date('2026-12-07T08:00:00Z'),
  users: [['bench', 'FRA', ['analyst']]],
});
try {
  const input = stressSustainment(sizes, 36);
  let t = performance.now();
  const plan = planSustainmentGreedy(input, { clock: () => performance.now() });
  console.log(
    `planned ${sizes.offers} + ${sizes.requirements} over 36 months: ${plan.status} in ${fmt(performance.now() - t)} ms, ${plan.uncovered.length} uncovered spans, stored explanations ${fmt(JSON.stringify(plan.uncovered).length / 1e6, 2)} MB`,
  );
  t = performance.now();
  const { id } = await api.database.db.transaction().execute((trx) =>
    insertSustainmentPlan(
      trx,
      {
        title: `Stress plan (${sizes.offers} offers, ${sizes.requirements} requirements, 36 months)`,
        options: { audience: null },
        input: {
          ...input.base,
          facts: { ...input.base.facts, participatingNations: [...input.base.facts.participatingNations] },
          horizon: input.horizon,
          rotations: input.rotations,
          timelines: input.timelines,
        } as never,
        result: plan,
        label: { kind: 'COALITION' },
      },
      { username: 'bench', nation: 'FRA', at: new Date() },
    ),
  );
  console.log(`stored ${id} in ${fmt(performance.now() - t)} ms`);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const res = await api.get('bench', `/api/sustainment-plans/${id}`);
    console.log(
      `GET /api/sustainment-plans/${id}: ${res.statusCode} ${fmt(res.rawPayload.length / 1e6, 2)} MB in ${fmt(performance.now() - t)} ms`,
    );
  }
  const answer = (await api.get('bench', `/api/sustainment-plans/${id}`)).json() as Record<string, unknown>;
  console.log(
    `of which: ${Object.entries(answer)
      .map(([k, v]) => [k, JSON.stringify(v).length] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, n]) => `${k} ${fmt(n / 1e6, 2)} MB`)
      .join(', ')}`,
  );
  if (typeof answer['uncoveredNext'] === 'string') {
    const url = `/api/sustainment-plans/${id}/uncovered?cursor=${answer['uncoveredNext']}`;
    t = performance.now();
    const res = await api.get('bench', url);
    console.log(
      `GET /api/sustainment-plans/${id}/uncovered (the next ${res.json().uncovered.length} of ${answer['uncoveredTotal']} short spans): ${res.statusCode} ${fmt(res.rawPayload.length / 1e3, 1)} kB in ${fmt(performance.now() - t)} ms`,
    );
  }
  const first = plan.uncovered[0];
  if (first) {
    for (const url of [
      `/api/sustainment-plans/${id}/requirements/${first.requirementId}/explanation`,
      `/api/sustainment-plans/${id}/requirements/${first.requirementId}/explanation?month=${first.from}`,
    ]) {
      t = performance.now();
      const res = await api.get('bench', url);
      console.log(
        `GET ${url}: ${res.statusCode} ${fmt(res.rawPayload.length / 1e3, 1)} kB in ${fmt(performance.now() - t)} ms`,
      );
    }
  }
} finally {
  await api.close();
}
process.exit(0);
