/**
 * Reasons written by core's own checks — offer caveats and moves, gate rule syntax, violation
 * rules, truce windows — reach the reader in their language, with the same code and field
 * (ADR 0051, "Reasons from core's checks"). Every request here is refused: nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const NNBSP = '\u202f';

type Refusal = { code: string; message: string; field?: string; details?: unknown };

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`reasons from core's checks on ${engine.name}`, () => {
    let api: ApiHarness;
    beforeAll(async () => {
      // No demo scenario: every request here is refused, and the offer it moves is made below.
      api = await openApiHarness(engine, {
        now: NOW,
        seed: false,
        users: [
          ['fra-liaison', 'FRA', ['liaison']],
          ['usa-analyst', 'USA', ['analyst']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
    });
    afterAll(() => api?.close());

    /** The same refused request in English (no header), Ukrainian and French; code and field never change. */
    const inEachLanguage = async (
      username: string,
      url: string,
      payload: unknown,
      status: number,
    ): Promise<Record<'en' | 'uk' | 'fr', Refusal>> => {
      const [en, uk, fr] = await Promise.all(
        [undefined, 'uk-UA,uk;q=0.9', 'fr-FR'].map((language) =>
          api.app.inject({
            method: 'POST',
            url,
            headers: {
              cookie: api.session(username).cookie,
              'x-csrf-token': api.session(username).csrf,
              ...(language ? { 'accept-language': language } : {}),
            },
            payload: payload as object,
          }),
        ),
      );
      for (const r of [en!, uk!, fr!]) expect(r.statusCode, r.body).toBe(status);
      const out = { en: en!.json().error, uk: uk!.json().error, fr: fr!.json().error };
      for (const r of [out.uk, out.fr]) expect([r.code, r.field]).toEqual([out.en.code, out.en.field]);
      return out;
    };

    it('an offer caveat that contradicts another', async () => {
      const r = await inEachLanguage(
        'fra-liaison',
        '/api/offers',
        {
          nation: 'FRA',
          capability: 'field_hospital',
          quantity: 1,
          daysToDeploy: 1,
          durationDays: 10,
          caveats: [
            { kind: 'allowed_regions', regions: ['UA-14'] },
            { kind: 'allowed_regions', regions: ['UA-63'] },
          ],
        },
        400,
      );
      expect(r.en).toMatchObject({
        code: 'offer.caveat_invalid',
        field: 'body.caveats[1]',
        message:
          "caveat 2 ('only in UA-63') conflicts with caveat 1 of the same kind ('only in UA-14'); keep one",
      });
      expect(r.uk.message).toBe(
        'застереження 2 («лише в межах: UA-63») суперечить застереженню 1 того самого виду («лише в межах: UA-14»); залиште одне',
      );
      expect(r.fr.message).toBe(
        `restriction 2 («${NNBSP}uniquement dans${NNBSP}: UA-63${NNBSP}») contredit la restriction 1 du même type («${NNBSP}uniquement dans${NNBSP}: UA-14${NNBSP}»)${NNBSP}; n’en gardez qu’une`,
      );
    });

    it('a caveat of the wrong shape', async () => {
      const r = await inEachLanguage(
        'fra-liaison',
        '/api/offers',
        {
          nation: 'FRA',
          capability: 'field_hospital',
          quantity: 1,
          daysToDeploy: 1,
          durationDays: 10,
          caveats: [{ kind: 'min_distance_from_contact', minDistanceKm: '50' }],
        },
        400,
      );
      expect(r.en).toMatchObject({
        code: 'offer.caveat_invalid',
        field: 'body.caveats[0].minDistanceKm',
        message: 'caveat 1 (min_distance_from_contact): minDistanceKm must be a number of kilometres',
      });
      expect(r.uk.message).toBe(
        'застереження 1 (min_distance_from_contact): у полі minDistanceKm очікується число кілометрів',
      );
      expect(r.fr.message).toBe(
        `restriction 1 (min_distance_from_contact)${NNBSP}: minDistanceKm doit être un nombre de kilomètres`,
      );
    });

    it('a readiness stage skipped, and a lifecycle move out of order', async () => {
      const made = await api.post('fra-liaison', '/api/offers', {
        nation: 'FRA',
        capability: 'field_hospital',
        quantity: 1,
        daysToDeploy: 1,
        durationDays: 10,
      });
      expect(made.statusCode, made.body).toBe(201);
      const { id, version } = made.json();
      const skip = await inEachLanguage(
        'fra-liaison',
        `/api/offers/${id}/readiness`,
        { version, to: 'aligned' },
        409,
      );
      expect(skip.en).toMatchObject({
        code: 'offer.transition_refused',
        field: 'body.to',
        message: `offer ${id} cannot go from pledged to aligned: it must be assessed first`,
      });
      expect(skip.uk.message).toBe(
        `готовність пропозиції ${id} не може перейти з «заявлено» до «узгоджено з потребою»: спершу має бути «оцінено»`,
      );
      expect(skip.fr.message).toBe(
        `l’offre ${id} ne peut pas passer de «${NNBSP}annoncée${NNBSP}» à «${NNBSP}alignée${NNBSP}»${NNBSP}: elle doit d’abord être «${NNBSP}évaluée${NNBSP}»`,
      );
      const move = await inEachLanguage(
        'fra-liaison',
        `/api/offers/${id}/lifecycle`,
        { version, to: 'deployed' },
        409,
      );
      expect(move.en.message).toBe(
        `offer ${id} cannot go from proposed to deployed; next is confirmed or withdrawn`,
      );
      expect(move.uk.message).toBe(
        `пропозиція ${id} не може перейти зі стану «запропоновано» до стану «розгорнуто»; наступний стан: підтверджено або виведено`,
      );
      expect(move.fr.message).toContain('l’étape suivante est confirmée ou retirée');
    });

    it('a malformed gate rule, its detail beside the text worded too', async () => {
      const r = await inEachLanguage(
        'usa-analyst',
        '/api/phases/rules',
        { id: 'quiet-9', text: 'no heavy_weapons for 7 days' },
        400,
      );
      expect(r.en).toMatchObject({
        code: 'rule.invalid',
        field: 'body.text',
        message:
          "rule error at line 1, column 4: unknown category 'heavy_weapons'; did you mean 'heavy_weapon_sighting'?",
        details: {
          code: 'rule.unknown_category',
          detail: "unknown category 'heavy_weapons'; did you mean 'heavy_weapon_sighting'?",
          line: 1,
          column: 4,
        },
      });
      expect(r.uk.message).toBe(
        'помилка в правилі, рядок 1, позиція 4: невідома категорія «heavy_weapons»; можливо, малася на увазі «heavy_weapon_sighting»?',
      );
      expect(r.uk.details).toMatchObject({
        code: 'rule.unknown_category',
        detail: 'невідома категорія «heavy_weapons»; можливо, малася на увазі «heavy_weapon_sighting»?',
      });
      expect(r.fr.message).toBe(
        `erreur dans la règle à la ligne 1, colonne 4${NNBSP}: catégorie inconnue «${NNBSP}heavy_weapons${NNBSP}»${NNBSP}; vouliez-vous dire «${NNBSP}heavy_weapon_sighting${NNBSP}»${NNBSP}?`,
      );
      const end = await inEachLanguage(
        'usa-analyst',
        '/api/phases/rules/preview',
        { text: 'no other for 7 days and' },
        400,
      );
      expect(end.en.message).toBe(
        "rule error at line 1, column 24: expected a condition ('no …', '… per day <= N …', 'coverage …' or '('), found the end of the rule",
      );
      expect(end.uk.message).toMatch(/знайдено: кінець правила$/);
      expect(end.fr.message).toMatch(/trouvé\u202f: la fin de la règle$/);
    });

    it('a violation rule that does not hold together, each problem worded', async () => {
      const r = await inEachLanguage(
        'fra-staff',
        '/api/violation-rules',
        {
          definition: {
            id: 'ok-1',
            name: ' ',
            categories: ['other'],
            anywhere: true,
            weaponClassMatch: true,
          },
        },
        400,
      );
      expect(r.en).toMatchObject({
        code: 'violation_rule.invalid',
        field: 'body.definition.name',
        message:
          'violation rule refused: name: is required; weaponClassMatch: applies only to zoneKind weapons_withdrawal',
        details: {
          problems: [
            { field: 'body.definition.name', message: 'is required' },
            {
              field: 'body.definition.weaponClassMatch',
              message: 'applies only to zoneKind weapons_withdrawal',
            },
          ],
        },
      });
      expect(r.uk.message).toBe(
        'правило виявлення порушень відхилено: name: обов’язкове; weaponClassMatch: застосовується лише з `zoneKind` `weapons_withdrawal`',
      );
      expect(r.uk.details).toEqual({
        problems: [
          { field: 'body.definition.name', message: 'обов’язкове' },
          {
            field: 'body.definition.weaponClassMatch',
            message: 'застосовується лише з `zoneKind` `weapons_withdrawal`',
          },
        ],
      });
      expect(r.fr.message).toBe(
        `règle de violation refusée${NNBSP}: name${NNBSP}: est obligatoire${NNBSP}; weaponClassMatch${NNBSP}: s’applique uniquement à zoneKind weapons_withdrawal`,
      );
    });

    it('a truce window that ends before it starts', async () => {
      const r = await inEachLanguage(
        'fra-staff',
        '/api/phases/truces',
        {
          site: 'Pivdenna pumping station',
          location: [37.8, 48.1],
          radiusM: 500,
          start: '2026-11-26T18:00:00Z',
          end: '2026-11-26T06:00:00Z',
          purpose: 'repair crews',
        },
        400,
      );
      const start = Date.parse('2026-11-26T18:00:00Z');
      const end = Date.parse('2026-11-26T06:00:00Z');
      expect(r.en).toMatchObject({
        code: 'request.invalid',
        field: 'body',
        message: `truce window at Pivdenna pumping station: the window ends (${end}) before it starts (${start})`,
      });
      expect(r.uk.message).toBe(
        `режим тиші (місце: Pivdenna pumping station): режим тиші закінчується (${end}) раніше, ніж починається (${start})`,
      );
      expect(r.fr.message).toBe(
        `trêve locale à Pivdenna pumping station${NNBSP}: la trêve se termine (${end}) avant de commencer (${start})`,
      );
      expect((await api.get('fra-staff', '/api/phases/truces')).json().truces).not.toContainEqual(
        expect.objectContaining({ site: 'Pivdenna pumping station' }),
      );
    });

    it('a zone file with problems, each worded in the list and in details', async () => {
      const r = await inEachLanguage(
        'fra-staff',
        '/api/zones/import',
        {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { kind: 'buffer_zone', name: 'Buffer east' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [30, 95],
                    [31, 50],
                    [31, 51],
                    [30, 95],
                  ],
                ],
              },
            },
            { type: 'Feature', properties: { kind: 'moat', name: 'Moat west' }, geometry: null },
          ],
        },
        400,
      );
      expect(r.en).toMatchObject({
        code: 'zone.invalid',
        field: 'body.features[0].geometry.coordinates[0][0]',
      });
      expect(r.en.message).toMatch(
        /^2 problems in the zone file, nothing stored: feature 0, geometry.coordinates\[0\]\[0\]: latitude 95 is outside \[-90, 90\]; GeoJSON puts longitude first; feature 1, properties.kind: 'moat' is unknown; use one of /,
      );
      expect(r.uk.message).toMatch(
        /^2 проблеми у файлі зон, нічого не збережено: об’єкт 0, geometry.coordinates\[0\]\[0\]: широта 95 поза межами \[-90, 90\]; у `GeoJSON` довгота йде першою; об’єкт 1, properties.kind: «moat» — невідомий вид; використайте один із: /,
      );
      expect(r.fr.message).toContain(
        `entité 1, properties.kind${NNBSP}: «${NNBSP}moat${NNBSP}» est inconnu${NNBSP}; utilisez l’un de${NNBSP}: `,
      );
      const problems = (e: Refusal) =>
        (e.details as { problems: { code: string; message: string }[] }).problems;
      expect(problems(r.en).map((p) => p.code)).toEqual(['zone.bad_coordinates', 'zone.unknown_value']);
      expect(problems(r.en)[0]!.message).toBe(
        'latitude 95 is outside [-90, 90]; GeoJSON puts longitude first',
      );
      expect(problems(r.uk)[0]!.message).toBe(
        'широта 95 поза межами [-90, 90]; у `GeoJSON` довгота йде першою',
      );
      expect(problems(r.fr)[0]!.message).toBe(
        `la latitude 95 est hors de [-90, 90]${NNBSP}; GeoJSON place la longitude en premier`,
      );
    });
  });
}
