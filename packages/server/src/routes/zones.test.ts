import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});

/** A file as a publisher lays it out: its own name and code properties, no kind, points mixed in. */
const published = (features: number) => ({
  type: 'FeatureCollection',
  features: [
    ...Array.from({ length: features }, (_, i) => ({
      type: 'Feature',
      properties: { NAME_EN: `District ${i}`, CODE: `UA-D${i}` },
      geometry: square(36 + i * 0.2, 48),
    })),
    {
      type: 'Feature',
      properties: { NAME_EN: 'Checkpoint', CODE: 'CP-1' },
      geometry: { type: 'Point', coordinates: [36, 48] },
    },
  ],
});

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`zone import as others publish zones, on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [['fra-staff', 'FRA', ['cell_staff']]],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    const importAs = (query: string, body: unknown, type = 'application/geo+json') =>
      h.sendRaw(
        'fra-staff',
        'POST',
        `/api/zones/import${query}`,
        typeof body === 'string' ? body : JSON.stringify(body),
        type,
      );

    it('refuses the file listing every problem in details, not the first five', async () => {
      const refused = await importAs('', published(8));
      expect(refused.statusCode).toBe(400);
      const error = refused.json().error;
      expect(error.code).toBe('zone.invalid');
      expect(error.message).toContain('9 problems in the zone file, nothing stored');
      expect(error.message).toContain('and 4 more (all in details.problems)');
      expect(error.details.problems).toHaveLength(9);
      expect(error.details.problems[8]).toMatchObject({
        feature: 8,
        field: 'properties.kind',
        code: 'zone.missing',
      });
    });

    it('reads application/geo+json with a kind for all, its own name and id properties, skipping the point when asked', async () => {
      const query = '?kind=sector&nameField=NAME_EN&idField=CODE&skipWrongGeometry=true';
      const stored = await importAs(query, published(8));
      expect(stored.statusCode, stored.body).toBe(200);
      const summary = stored.json();
      expect(summary.created).toHaveLength(8);
      expect(summary.created[0]).toBe('ua-d0@FRA');
      expect(summary.skipped).toEqual([
        expect.objectContaining({ feature: 8, field: 'geometry.type', code: 'zone.wrong_geometry' }),
      ]);
      const bad = await importAs('', '{"type": "FeatureCollection", "features": [', 'application/geo+json');
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().error.message).toMatch(/JSON/i);
    });
  });
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`a zone's versions, on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['fra-monitor', 'FRA', ['monitor']],
          ['deu-staff', 'DEU', ['cell_staff']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('lists each version with who made it; a monitor may read but not edit; a hidden zone is not found', async () => {
      const feature = (name: string) => ({
        type: 'Feature',
        properties: { kind: 'sector', name, releasability: 'NATIONAL FRA' },
        geometry: square(36, 48),
      });
      expect((await h.send('fra-staff', 'PUT', '/api/zones/north', feature('North'))).statusCode).toBe(200);
      const forbidden = await h.send('fra-monitor', 'PUT', '/api/zones/north@FRA', feature('North 2'));
      expect(forbidden.statusCode).toBe(403);
      const edited = await h.send('fra-staff', 'PUT', '/api/zones/north@FRA', feature('North sector'));
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json().updated).toEqual(['north@FRA']);

      const versions = await h.get('fra-monitor', '/api/zones/north@FRA/versions');
      expect(versions.statusCode, versions.body).toBe(200);
      expect(versions.json()).toMatchObject({
        id: 'north@FRA',
        versions: [
          { version: 1, change: 'created', name: 'North', actor: 'fra-staff', releasability: 'NATIONAL FRA' },
          { version: 2, change: 'updated', name: 'North sector', actor: 'fra-staff' },
        ],
      });
      const hidden = await h.get('deu-staff', '/api/zones/north@FRA/versions');
      expect(hidden.statusCode).toBe(404);
      const audit = await h.get('fra-monitor', '/api/audit?entity=zone&entityId=north@FRA');
      expect(audit.json().entries.map((e: { action: string }) => e.action)).toEqual([
        'zone.update',
        'zone.create',
      ]);
      expect(audit.json().entries[0].after.geometry).toBe('Polygon');
      expect((await h.get('deu-staff', '/api/audit?entity=zone&entityId=north@FRA')).json().entries).toEqual(
        [],
      );
    });

    it('violation rules: a new version is kept beside the old and audited; a bad definition lists every problem', async () => {
      const definition = {
        id: 'fom-restriction',
        name: "Restriction of the monitors' freedom of movement, anywhere",
        categories: ['fom_restriction'],
        anywhere: true,
      };
      const first = await h.send('fra-staff', 'POST', '/api/violation-rules', {
        definition: { ...definition, name: 'Freedom of movement' },
      });
      expect(first.statusCode, first.body).toBe(201);
      const added = await h.send('fra-staff', 'POST', '/api/violation-rules', { definition });
      expect(added.json()).toEqual({ id: 'fom-restriction', version: first.json().version + 1 });
      const rules = (await h.get('fra-monitor', '/api/violation-rules')).json().rules;
      expect(rules.find((r: { id: string }) => r.id === 'fom-restriction')).toMatchObject({
        version: added.json().version,
        createdBy: 'fra-staff',
        definition: { name: definition.name },
      });
      expect((await h.send('fra-monitor', 'POST', '/api/violation-rules', { definition })).statusCode).toBe(
        403,
      );
      const audit = await h.get('fra-monitor', '/api/audit?entity=violation_rule&entityId=fom-restriction');
      expect(audit.json().entries.map((e: { action: string }) => e.action)).toContain(
        'violation_rule.version',
      );

      const bad = await h.send('fra-staff', 'POST', '/api/violation-rules', {
        definition: { id: 'X', name: ' ', categories: ['shelling'], zoneKind: 'sector', anywhere: true },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'violation_rule.invalid', field: 'body.definition.id' });
      expect(bad.json().error.details.problems.map((p: { field: string }) => p.field)).toEqual([
        'body.definition.id',
        'body.definition.name',
        'body.definition.categories[0]',
        'body.definition.zoneKind',
      ]);
      // Nothing was stored by the refusal.
      const after = (await h.get('fra-staff', '/api/violation-rules')).json().rules;
      expect(after.map((r: { id: string }) => r.id)).not.toContain('X');
    });
  });
}
