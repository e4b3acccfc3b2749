import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const KIEL_HEADER =
  '"country","iso","year","month","total","financial","humanitarian","military","commitments","to_be_allocated"';
const OBSERVATION_HEADER =
  'uid,source_kind,source_id,nation,start,end,category,count,lng,lat,radius_m,observer_lng,observer_lat,bearing_deg,spread_deg,min_distance_m,max_distance_m,remarks';

/** A 2.03 activity file whose one activity carries an element the schema does not know. */
const IATI_WITH_STRAY_ELEMENT = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="EUR">
  <iati-identifier>XM-EXAMPLE-9</iati-identifier>
  <reporting-org ref="XM-EXAMPLE" type="10"><narrative>Example Fund</narrative></reporting-org>
  <title><narrative>Repairs</narrative></title>
  <description><narrative>Repairs</narrative></description>
  <participating-org role="1" ref="XM-EXAMPLE"/>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2026-01-01"/>
  <stray-element/>
 </iati-activity>
</iati-activities>`;

/**
 * Reasons written by core's own checks (an import's rows, a missing rate, an IATI element, a
 * rotation's values) answered in the reader's language: the same code and field in every
 * language, the English text word for word as before.
 */
for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`reasons in the reader's language on ${engine.name}`, () => {
    let h: ApiHarness;
    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        users: [
          ['deu-finance', 'DEU', ['finance']],
          ['ukr-monitor', 'UKR', ['monitor']],
          ['fra-liaison', 'FRA', ['liaison']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    const inLanguage = (
      language: string,
      user: string,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: string,
      type?: string,
    ) =>
      h.app.inject({
        method,
        url,
        headers: {
          cookie: h.session(user).cookie,
          'x-csrf-token': h.session(user).csrf,
          'accept-language': language,
          ...(type ? { 'content-type': type } : {}),
        },
        ...(body === undefined ? {} : { payload: body }),
      });

    it('words a finance file’s row problems, and their details, in Ukrainian and French', async () => {
      const bad = [KIEL_HEADER, '"France","FRA",2023,6,0.3,-0.1,0.05,0.15,0.5,0.2'].join('\n');
      const url = '/api/finance/import/kiel?source=bad';
      const en = await inLanguage('en', 'deu-finance', 'POST', url, bad, 'text/csv');
      const uk = await inLanguage('uk', 'deu-finance', 'POST', url, bad, 'text/csv');
      const fr = await inLanguage('fr', 'deu-finance', 'POST', url, bad, 'text/csv');
      expect(en.json().error).toMatchObject({
        code: 'import.rows_rejected',
        field: 'body',
        message:
          "1 problem in 1 rows, so nothing was stored (row 2, financial: '-0.1' is negative; amounts are EUR billions ≥ 0); fix the file and send it again",
      });
      expect(en.json().error.details.rejected).toEqual([
        { row: 2, field: 'financial', reason: "'-0.1' is negative; amounts are EUR billions ≥ 0" },
      ]);
      for (const res of [uk, fr]) {
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'import.rows_rejected', field: 'body' });
      }
      expect(uk.json().error.message).toContain('«-0.1» від’ємне; суми — це мільярди EUR ≥ 0');
      expect(uk.json().error.details.rejected).toEqual([
        { row: 2, field: 'financial', reason: '«-0.1» від’ємне; суми — це мільярди EUR ≥ 0' },
      ]);
      expect(fr.json().error.details.rejected[0].reason).toBe(
        '«\u202f-0.1\u202f» est négatif\u202f; les montants sont en milliards d’EUR ≥ 0',
      );
    });

    it('words a missing exchange rate in Ukrainian and French', async () => {
      const rates = await inLanguage(
        'en',
        'deu-finance',
        'POST',
        '/api/finance/import/rates',
        'Date,USD,\n2025-05-09,1.1252,\n',
        'text/csv',
      );
      expect(rates.statusCode, rates.body).toBe(200);
      const url = '/api/finance/summary?currency=USD&rateDate=2025-05-10';
      const en = await inLanguage('en', 'deu-finance', 'GET', url);
      const uk = await inLanguage('uk', 'deu-finance', 'GET', url);
      const fr = await inLanguage('fr', 'deu-finance', 'GET', url);
      for (const res of [en, uk, fr])
        expect(res.json().error).toMatchObject({ code: 'finance.rate_missing', field: 'query.rateDate' });
      expect(en.json().error.message).toBe(
        "no euro reference rate for USD on 2025-05-10; load one for that date (the ECB publishes business days only, and not UAH): Guarantor does not take another day's rate",
      );
      expect(uk.json().error.message).toMatch(/^немає референтного курсу євро для USD на 2025-05-10;/);
      expect(fr.json().error.message).toMatch(
        /^aucun taux de change de référence de l’euro pour USD au 2025-05-10\u202f;/,
      );
    });

    it('words an IATI file’s bad element in Ukrainian and French', async () => {
      const url = '/api/finance/import/iati?source=stray&releasability=PUBLIC';
      const answers = await Promise.all(
        ['en', 'uk', 'fr'].map((l) =>
          inLanguage(l, 'deu-finance', 'POST', url, IATI_WITH_STRAY_ELEMENT, 'application/xml'),
        ),
      );
      for (const res of answers) {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'iati.invalid', field: 'body' });
        expect(res.json().error.details.rejected.map((p: { element: string }) => p.element)).toEqual([
          'iati-activity[1] (XM-EXAMPLE-9)/stray-element',
        ]);
      }
      const [en, uk, fr] = answers.map((res) => res.json().error.details.rejected[0].reason);
      expect(en).toBe(
        '<stray-element> is not an element of IATI 2.03 (an extension needs its own namespace)',
      );
      expect(uk).toBe(
        '<stray-element> не є елементом IATI 2.03 (розширення потребує власного простору імен)',
      );
      expect(fr).toBe(
        '<stray-element> n’est pas un élément d’IATI 2.03 (une extension a besoin de son propre espace de noms)',
      );
    });

    it('words a CSV import’s rejected rows, each with its code, in Ukrainian and French', async () => {
      const file = [
        OBSERVATION_HEADER,
        'UKR9-1,patrol,team-7,UKR,2026-11-19T10:00:00Z,,explosion_impact,1,37.8,48.6,500,,,,,,,',
        'UKR9-2,patrol,team-7,UKR,soon,,explosion_impact,1,37.8,48.6,500,,,,,,,',
      ].join('\n');
      const url = '/api/observations/import?acceptPartial=true';
      const answers = [];
      for (const l of ['en', 'uk', 'fr'])
        answers.push(await inLanguage(l, 'ukr-monitor', 'POST', url, file, 'text/csv'));
      const rejected = answers.map((res) => {
        expect(res.statusCode, res.body).toBe(200);
        return res.json().rejected;
      });
      expect(rejected[0]).toEqual([
        {
          row: 3,
          field: 'start',
          code: 'importChecks.notTime',
          reason:
            "'soon' is not a time: write 2026-11-26T10:00:00Z, or a date such as 2026-11-26 or 26.11.2026 with a zone",
        },
      ]);
      expect(rejected[1]).toEqual([
        {
          row: 3,
          field: 'start',
          code: 'importChecks.notTime',
          reason:
            '«soon» не є часом: пишіть `2026-11-26T10:00:00Z` або дату на кшталт 2026-11-26 чи 26.11.2026 з часовим поясом',
        },
      ]);
      expect(rejected[2][0]).toMatchObject({ row: 3, field: 'start', code: 'importChecks.notTime' });
      expect(rejected[2][0].reason).toMatch(/^«\u202fsoon\u202f» n’est pas une heure\u202f:/);
    });

    it('words rows the observation checks and intake refuse, in Ukrainian and French', async () => {
      const file = [
        OBSERVATION_HEADER,
        'UKR8-1,patrol,team-7,UKR,2026-11-19T10:00:00Z,,explosion_impact,1,37.8,48.6,500,,,,,,,',
        'UKR8-2,patrol,team-7,UKR,2026-11-19T10:00:00Z,,explosion_impact,1,37.8,91,500,,,,,,,',
        'UKR8-3,patrol,team-7,UKR,2026-11-19T10:00:00Z,,explosion_impact,1,37.8,48.6,-5,,,,,,,',
        'UKR8-4,patrol,team-7,FRA,2026-11-19T10:00:00Z,,explosion_impact,1,37.8,48.6,500,,,,,,,',
      ].join('\n');
      const url = '/api/observations/import?acceptPartial=true';
      const answers = [];
      for (const l of ['en', 'uk', 'fr'])
        answers.push(await inLanguage(l, 'ukr-monitor', 'POST', url, file, 'text/csv'));
      type Row = { row: number; field: string; code?: string; reason: string };
      const [en, uk, fr] = answers.map((res) => {
        expect(res.statusCode, res.body).toBe(200);
        return res.json().rejected as Row[];
      }) as [Row[], Row[], Row[]];
      const where = (rows: Row[]) => rows.map((r) => [r.row, r.field, r.code]);
      expect(en.map((r) => r.row)).toEqual([3, 4, 5]);
      expect(where(uk)).toEqual(where(en));
      expect(where(fr)).toEqual(where(en));
      expect(en.map((r) => r.reason)).toEqual([
        '91 is outside [-90, 90] degrees of latitude',
        '-5 is outside [0, 20000000] metres',
        "you report for Ukraine; source team-7 of France reports with its own nation's account (only a party_claim names another nation)",
      ]);
      expect(uk.map((r) => r.reason)).toEqual([
        '91 поза межами [-90, 90] градусів широти',
        '-5 поза межами [0, 20000000] м',
        'ви звітуєте від імені: Україна; джерело team-7 держави Франція звітує через обліковий запис своєї держави (лише заява сторони (`party_claim`) може називати іншу державу)',
      ]);
      for (const r of fr) expect(r.reason).not.toMatch(/outside|you report|metres/);
    });

    it('words a logistics feature’s bad field in Ukrainian and French', async () => {
      const body = JSON.stringify({
        name: 'x',
        layer: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [30, 50] } }],
        },
      });
      const answers = await Promise.all(
        ['en', 'uk', 'fr'].map((l) =>
          inLanguage(l, 'fra-staff', 'POST', '/api/logistics/networks', body, 'application/json'),
        ),
      );
      for (const res of answers)
        expect(res.json().error).toMatchObject({
          code: 'logistics.refused',
          field: 'body.layer.features[0].geometry.type',
        });
      expect(answers.map((res) => res.json().error.message)).toEqual([
        'body.layer.features[0].geometry.type: a Point is not a route: only LineString and MultiLineString are; nothing stored',
        expect.stringContaining('Point не є маршрутом: маршрутом є лише `LineString` і `MultiLineString`'),
        expect.stringContaining(
          'un Point n’est pas un itinéraire\u202f: seuls LineString et MultiLineString le sont',
        ),
      ]);
    });

    it('words a mapping’s problems (the import query’s map and zone) in Ukrainian and French', async () => {
      const url = '/api/observations/import?map=when%3Dx&zone=Mars%2FOlympus';
      const file = `${OBSERVATION_HEADER}\n`;
      const [en, uk, fr] = await Promise.all(
        ['en', 'uk', 'fr'].map((l) => inLanguage(l, 'ukr-monitor', 'POST', url, file, 'text/csv')),
      );
      for (const res of [en, uk, fr])
        expect(res!.json().error).toMatchObject({ code: 'request.invalid', field: 'query' });
      expect(en!.json().error.message).toContain(
        "--map when=x: 'when' is not a field; fields: uid, source_kind",
      );
      expect(en!.json().error.message).toContain(
        '--zone Mars/Olympus: not a time zone; write e.g. Europe/Kyiv or UTC',
      );
      expect(uk!.json().error.message).toContain('--map when=x: «when» не є полем; поля: uid, source_kind');
      expect(uk!.json().error.message).toContain('--zone Mars/Olympus: не є часовим поясом');
      expect(fr!.json().error.message).toContain('n’est pas un fuseau horaire');
    });

    it('words a stored network’s import report and its skipped feature in Ukrainian and French', async () => {
      const line = (coordinates: number[][]) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates },
      });
      const body = JSON.stringify({
        name: 'report words',
        layer: {
          type: 'FeatureCollection',
          features: [
            line([
              [30, 50],
              [30.1, 50],
            ]),
            { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [30, 50] } },
          ],
        },
      });
      const made = await inLanguage(
        'en',
        'fra-staff',
        'POST',
        '/api/logistics/networks',
        body,
        'application/json',
      );
      expect(made.statusCode, made.body).toBeLessThan(300);
      const id = made.json().network.id as string;
      type Network = { id: string; report: string[]; skipped: { reason: string }[] };
      const [en, uk, fr] = (await Promise.all(
        ['en', 'uk', 'fr'].map(async (l) => {
          const res = await inLanguage(l, 'fra-staff', 'GET', '/api/logistics/networks');
          return (res.json().networks as Network[]).find((n) => n.id === id)!;
        }),
      )) as [Network, Network, Network];
      expect(en.report[0]).toBe(
        '2 features read: 1 segments between 2 nodes (ends within 25 m joined).'.replace(
          '25',
          String(made.json().network.toleranceM),
        ),
      );
      expect(en.skipped[0]!.reason).toMatch(/^a Point is not a route/);
      expect(uk.report[0]).toMatch(/^Прочитано 2 об’єкти: 1 сегм\. між 2 вузлами/);
      expect(uk.skipped[0]!.reason).toMatch(/Point не є маршрутом/);
      expect(uk.report.at(-1)).toMatch(/^Об’єкт 1, geometry\.type: пропущено: Point не є маршрутом/);
      expect(fr.report[0]).toMatch(/^2 objets lus/);
      expect(fr.skipped[0]!.reason).toMatch(/n’est pas un itinéraire/);
    });

    it('words a rotation’s bad value in Ukrainian and French', async () => {
      const body = JSON.stringify({
        version: 1,
        availableFrom: '2027-01',
        monthsDeployed: 6,
        monthsRecovering: 12,
        rotationalUnits: -1,
        mandateEnds: '2028-12-31',
        renewalExpected: true,
        maxMonths: null,
      });
      const answers = await Promise.all(
        ['en', 'uk', 'fr'].map((l) =>
          inLanguage(l, 'fra-liaison', 'PUT', '/api/offers/FRA-2/rotation', body, 'application/json'),
        ),
      );
      for (const res of answers)
        expect(res.json().error).toMatchObject({
          code: 'sustainment.invalid_value',
          field: 'body.rotationalUnits',
        });
      expect(answers.map((res) => res.json().error.message)).toEqual([
        'rotationalUnits must be a whole number of at least 0, got -1',
        'rotationalUnits має бути цілим числом, не меншим за 0; отримано -1',
        'rotationalUnits doit être un nombre entier d’au moins 0\u202f; reçu -1',
      ]);
    });
  });
}
