import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { insertFixtureIncidents } from '../../../../test/support/zones.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
/** Zaporizhzhia city, inside UA-23. */
const ZAP: [number, number] = [35.14, 47.84];
const DAY = 86_400_000;

interface Region {
  region: string;
  promised: string;
  delivered: string;
  ratio: string | null;
  incidents: {
    verified: number;
    corroborated: number;
    reported: number;
    weighted: number;
    per100k: number | null;
  };
  sectors: { id: string; status: string | null }[];
  risk: {
    score: number | null;
    band: string;
    parts: { input: string; pressure: number | null }[];
    note: string;
  };
}

const DEFAULTS = {
  weight_incidents: 0.5,
  weight_gate: 0.3,
  weight_routes: 0.2,
  window_days: 30,
  incidents_saturation_per_100k: 2,
  incidents_saturation_count: 20,
  state_verified: 1,
  state_corroborated: 0.5,
  state_reported: 0.25,
  gate_fragile: 0.5,
  gate_broken: 1,
  gate_unmonitored: 0.5,
  routes_saturation: 10,
};

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`security beside money on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-liaison', 'USA', ['liaison']],
          ['fra-finance', 'FRA', ['finance']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
      const db = h.database.db;
      await sql`insert into finance_donor (code, kind) values ('EIB', 'institution'), ('FRA', 'nation')`.execute(
        db,
      );
      const flow = (
        key: string,
        donor: string,
        stage: 'commitment' | 'disbursement',
        euros: number,
        region: string | null,
        label: 'COALITION' | 'NATIONAL',
      ) =>
        sql`insert into finance_flow (donor_code, donor_name, stage, iati_transaction_type, amount_minor, currency,
              value_date, region_code, source, source_document, source_key, imported_by, imported_at, rel_kind, rel_nations)
            values (${donor}, ${donor}, ${stage}, ${stage === 'commitment' ? 2 : 3}, ${String(euros * 100)}, 'EUR',
              '2026-10-01', ${region}, 'test@FRA', 'test', ${key}, 'test', ${NOW}, ${label},
              ${label === 'NATIONAL' ? ['FRA'] : []}::text[])`.execute(db);
      await flow('1', 'EIB', 'commitment', 1_000_000, 'UA-23', 'COALITION');
      await flow('2', 'EIB', 'disbursement', 250_000, 'UA-23', 'COALITION');
      await flow('3', 'FRA', 'commitment', 500_000, 'UA-23', 'NATIONAL');
      await flow('4', 'EIB', 'commitment', 70_000, null, 'COALITION');
      await sql`insert into unit_population (code, population, year, source, loaded_at)
                values ('UA-23', 1638462, 2022, 'test population', ${NOW})`.execute(db);
      await sql`insert into zone (id, kind, name, geom, created_at, updated_at, rel_kind)
                values ('sector-south', 'sector', 'Sector South',
                  st_setsrid(st_makeenvelope(34.5, 47.3, 36.0, 48.2), 4326), ${NOW}, ${NOW}, 'COALITION')`.execute(
        db,
      );
      await sql`insert into sector_status (sector, as_of, status, reasons, recorded_at)
                values ('sector-south', '2026-11-28', 'fragile', '[]', ${NOW})`.execute(db);
      const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY);
      await insertFixtureIncidents(db, [
        { id: 'inc-1', category: 'explosion_impact', state: 'verified', position: ZAP, start: at(1) },
        { id: 'inc-2', category: 'explosion_impact', state: 'attributed', position: ZAP, start: at(2) },
        { id: 'inc-3', category: 'explosion_impact', state: 'verified', position: ZAP, start: at(3) },
        { id: 'inc-4', category: 'explosion_impact', state: 'reported', position: ZAP, start: at(4) },
        { id: 'inc-5', category: 'explosion_impact', state: 'dismissed', position: ZAP, start: at(4) },
        { id: 'inc-6', category: 'explosion_impact', state: 'verified', position: ZAP, start: at(45) },
        {
          id: 'inc-7',
          category: 'explosion_impact',
          state: 'verified',
          position: ZAP,
          start: at(5),
          relKind: 'NATIONAL',
          relNations: ['FRA'],
        },
      ]);
    });
    afterAll(async () => {
      await h?.close();
    });

    const security = async (user: string) => {
      const res = await h.get(user, '/api/finance/security');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        asOf: string;
        regions: Region[];
        national: { promised: string };
        releasability: string | null;
        populationSource: string | null;
      };
      return { ...body, region: (code: string) => body.regions.find((r) => r.region === code)! };
    };

    it('puts the money booked to a region beside its incidents and its sector, counting only what the reader may see', async () => {
      const usa = await security('usa-liaison');
      expect(usa.asOf).toBe('2026-12-01');
      expect(usa.regions.length).toBeGreaterThanOrEqual(24);
      const zap = usa.region('UA-23');
      expect(zap).toMatchObject({ promised: '1000000.00', delivered: '250000.00', ratio: '0.2500' });
      // Verified and attributed count as verified; dismissed and out-of-window incidents do not count.
      expect(zap.incidents).toEqual({
        verified: 3,
        corroborated: 0,
        reported: 1,
        weighted: 3.25,
        per100k: 0.2,
      });
      expect(zap.sectors).toEqual([
        { id: 'sector-south', name: 'Sector South', status: 'fragile', asOf: '2026-11-28' },
      ]);
      // (0.5 × 0.1 + 0.3 × 0.5) / 0.8 = 0.25: routes are not available and not counted.
      expect(zap.risk.parts.map((p) => [p.input, p.pressure])).toEqual([
        ['incidents', 0.1],
        ['gate', 0.5],
        ['routes', null],
      ]);
      expect(zap.risk.score).toBe(0.25);
      expect(zap.risk.band).toBe('moderate');
      expect(zap.risk.note).toContain('Sector South fragile as of 2026-11-28');
      expect(usa.national.promised).toBe('70000.00');
      expect(usa.releasability).toBe('COALITION');
      expect(usa.populationSource).toBe('test population');
      // A region with no sector over it is unmonitored, not safe.
      expect(usa.region('UA-46').risk.parts[1]).toMatchObject({ input: 'gate', pressure: 0.5 });
      // The note in the reader's language (Accept-Language uk): the same figures, in Ukrainian.
      const ukRes = await h.app.inject({
        method: 'GET',
        url: '/api/finance/security',
        headers: { cookie: h.session('usa-liaison').cookie, 'accept-language': 'uk' },
      });
      expect(ukRes.headers['content-language']).toBe('uk');
      const ukZap = (ukRes.json() as { regions: Region[] }).regions.find((r) => r.region === 'UA-23')!;
      expect(ukZap.risk.score).toBe(0.25);
      expect(ukZap.risk.note).toMatch(/^Ризик: помірний \(0,25\): рівень верифікованих інцидентів — /);
      expect(ukZap.risk.note).toContain('Sector South: нестійкий станом на 28 листопада 2026 р.');

      const fra = await security('fra-finance');
      const fraZap = fra.region('UA-23');
      expect(fraZap.promised).toBe('1500000.00');
      expect(fraZap.incidents.verified).toBe(4);
      // France's figures rest on a record only France may read: so may they.
      expect(fra.releasability).not.toBe('COALITION');
      expect(fra.releasability).toContain('FRA');
    });

    it('breaks promise to delivery down by region for the reader, with the lag', async () => {
      const res = await h.get('usa-liaison', '/api/finance/breakdown?by=region');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as {
        rows: {
          key: string;
          name: string;
          promised: string;
          delivered: string;
          lag: { days: number | null };
        }[];
        releasability: string;
      };
      expect(body.rows.map((r) => [r.key, r.name, r.promised, r.delivered, r.lag.days])).toEqual([
        ['UA-23', 'Zaporizhia Oblast', '1000000.00', '250000.00', null],
        ['national', 'National (no region)', '70000.00', '0.00', null],
      ]);
      expect(body.releasability).toBe('COALITION');
      const fra = (await h.get('fra-finance', '/api/finance/breakdown?by=region')).json() as typeof body;
      expect(fra.rows[0]).toMatchObject({ key: 'UA-23', promised: '1500000.00' });
      for (const by of ['colour', 'month', 'donor,donor', 'donor,sector,region,month', 'donor,']) {
        const bad = await h.get('usa-liaison', `/api/finance/breakdown?by=${by}`);
        expect(bad.statusCode, by).toBe(400);
        expect(bad.json().error.field, by).toBe('querystring.by');
      }
    });

    it('refuses the public, and a day that is not one', async () => {
      expect((await h.app.inject({ method: 'GET', url: '/api/finance/security' })).statusCode).toBe(401);
      const bad = await h.get('usa-liaison', '/api/finance/security?asOf=2026-02-30');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('query.asOf');
    });

    it('lets finance officers set the parameters, refuses others and bad values whole, and audits the change', async () => {
      expect(
        (await h.send('usa-liaison', 'PUT', '/api/finance/risk-parameters', { values: DEFAULTS })).statusCode,
      ).toBe(403);
      const bad = await h.send('fra-finance', 'PUT', '/api/finance/risk-parameters', {
        values: { ...DEFAULTS, weight_gate: 0.9, state_verified: 2 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('values.state_verified');
      expect(bad.json().error.message).toContain('values.state_verified: is a share: 0 to 1');
      const unchanged = await h.get('fra-finance', '/api/finance/risk-parameters');
      expect(unchanged.json().parameters.find((p: { key: string }) => p.key === 'weight_gate').value).toBe(
        0.3,
      );

      const same = await h.send('fra-finance', 'PUT', '/api/finance/risk-parameters', { values: DEFAULTS });
      expect(same.json().changed).toEqual([]);
      const ok = await h.send('fra-finance', 'PUT', '/api/finance/risk-parameters', {
        values: { ...DEFAULTS, weight_gate: 0.9 },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().changed).toEqual(['weight_gate']);
      const gate = ok.json().parameters.find((p: { key: string }) => p.key === 'weight_gate');
      expect(gate).toMatchObject({ value: 0.9, updatedBy: 'fra-finance' });
      const audit = await sql<{ actor: string; before: unknown; after: unknown }>`
        select actor, before, after from audit_log where action = 'finance.risk_parameters'`.execute(
        h.database.db,
      );
      expect(audit.rows).toEqual([
        { actor: 'fra-finance', before: { weight_gate: 0.3 }, after: { weight_gate: 0.9 } },
      ]);
      // (0.5 × 0.1 + 0.9 × 0.5) / 1.4 = 0.357…
      expect((await security('usa-liaison')).region('UA-23').risk.score).toBe(0.36);
    });

    it('books an IATI activity to the one region holding all its location points, and leaves a spread one national', async () => {
      const fixture = readFileSync(
        new URL('../../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url),
        'utf8',
      );
      const res = await h.sendRaw(
        'fra-finance',
        'POST',
        '/api/finance/import/iati?source=located&releasability=COALITION',
        fixture,
        'application/xml',
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().regions).toEqual({ booked: 1, withPoints: 2 });
      const rows = (await h.get('usa-liaison', '/api/finance/breakdown?by=region')).json().rows as {
        key: string;
        promised: string;
        delivered: string;
      }[];
      // Kharkiv grid substations: committed €10,000,000.00, disbursed €4,000,000.50, all in UA-63.
      expect(rows.find((r) => r.key === 'UA-63')).toMatchObject({
        promised: '10000000.00',
        delivered: '4000000.50',
      });
      const security = (await h.get('usa-liaison', '/api/finance/security')).json().regions as {
        region: string;
        delivered: string;
      }[];
      expect(security.find((r) => r.region === 'UA-63')!.delivered).toBe('4000000.50');
    });

    it('opens every breakdown row onto the very records it adds up, as each reader may see them', async () => {
      for (const user of ['usa-liaison', 'fra-finance']) {
        for (const by of [
          'donor',
          'category',
          'sector',
          'region',
          'instrument',
          'donor,sector,month',
          'region,instrument',
        ]) {
          const res = await h.get(user, `/api/finance/breakdown?by=${by}`);
          expect(res.statusCode, res.body).toBe(200);
          const { dimensions, rows } = res.json() as {
            dimensions: string[];
            rows: { key: string; keys: string[]; flows: number }[];
          };
          expect(dimensions.join(',')).toBe(by);
          for (const row of rows) {
            expect(row.keys.join('|')).toBe(row.key);
            const query = new URLSearchParams(dimensions.map((d, i): [string, string] => [d, row.keys[i]!]));
            const flows = await h.get(user, `/api/finance/flows?${query}&limit=5000`);
            expect(flows.statusCode, `${user} ${query}: ${flows.body}`).toBe(200);
            // A record with no rate to convert it is shown with its reason, and not counted in the row.
            const converted = (flows.json().flows as { eur: string | null }[]).filter((f) => f.eur !== null);
            expect(converted.length, `${user} ${query}`).toBe(row.flows);
          }
        }
      }
      // France's NATIONAL commitment in Zaporizhzhia is behind France's figure only.
      const region = async (user: string) =>
        (await h.get(user, '/api/finance/flows?region=UA-23')).json().flows as { sourceKey: string }[];
      expect((await region('usa-liaison')).map((f) => f.sourceKey)).toEqual(['1', '2']);
      expect((await region('fra-finance')).map((f) => f.sourceKey).sort()).toEqual(['1', '2', '3']);
      // Keys combine, and a key that is not one is named.
      const combined = await h.get('usa-liaison', '/api/finance/flows?region=national&donor=EIB');
      expect(combined.json().flows.map((f: { sourceKey: string }) => f.sourceKey)).toEqual(['4']);
      for (const [field, value] of [
        ['sector', '15x'],
        ['region', 'Kharkiv'],
        ['instrument', 'bond'],
      ]) {
        const bad = await h.get('usa-liaison', `/api/finance/flows?${field}=${value}`);
        expect(bad.statusCode, field).toBe(400);
        expect(bad.json().error.field, field).toBe(`querystring.${field}`);
      }
    });

    it('counts the riskiest route segment through a region once a route network is loaded', async () => {
      const demo = await h.post('fra-staff', '/api/logistics/demo', {});
      expect(demo.statusCode, demo.body).toBe(200);
      const regions = (await h.get('usa-liaison', '/api/finance/security')).json().regions as (Region & {
        routeRisk: { score: number; segment: string } | null;
      })[];
      const zap = regions.find((r) => r.region === 'UA-23')!;
      // The illustrative network reaches Zaporizhzhia, where the verified shelling is.
      expect(zap.routeRisk).not.toBeNull();
      expect(zap.routeRisk!.score).toBeGreaterThan(0);
      const routes = zap.risk.parts.find((p) => p.input === 'routes')!;
      expect(routes.pressure).toBe(Math.min(1, Math.round((zap.routeRisk!.score / 10) * 100) / 100));
      expect(zap.risk.note).toContain(`riskiest segment ${zap.routeRisk!.segment}`);
    });
  });
}
