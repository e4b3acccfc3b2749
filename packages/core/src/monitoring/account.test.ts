import { describe, expect, it } from 'vitest';
import { phrasing } from '../i18n/words/index.ts';
import { accountInWords, type StoredAccountLine } from './account.ts';
import { createIndexedFusionEngine } from './indexed.ts';
import type { Observation } from './types.ts';

const T = Date.UTC(2026, 10, 26, 6);
const report = (uid: string, sourceId: string, lng: number, extra: Partial<Observation> = {}): Observation =>
  ({
    uid,
    category: 'explosion_impact',
    count: 1,
    source: { kind: 'patrol', id: sourceId, nation: 'FRA' },
    location: { kind: 'point', position: [lng, 48.6], radiusM: 200 },
    time: { startMs: T, endMs: T + 60_000 },
    reportedAtMs: T + 120_000,
    ...extra,
  }) as Observation;

describe("the fusion engine's account, as data put in words", () => {
  it('reads in English exactly as the engine always wrote it', () => {
    const engine = createIndexedFusionEngine();
    engine.add(report('a', 'p-1', 38));
    engine.add(report('b', 'p-2', 38.004, { category: 'explosion_undetermined' }));
    engine.add(report('c', 'p-2', 38.008, { time: { startMs: T + 600_000, endMs: T + 660_000 } }));
    const incident = engine.incidentOf('a')!;
    const lines = engine.explanationOf(incident);
    expect(lines[0]).toBe('a opens the incident (smallest uid)');
    expect(lines).toContain('b, c: one source (p-2), counted once');
    expect(lines.at(-1)).toBe('corroborated by 2 independent sources');
    expect(lines.some((l) => /^[bc] joined [abc]: (same|compatible) category \(/.test(l))).toBe(true);
    // The data and the words agree line by line.
    expect(accountInWords(engine.accountOf(incident))).toEqual(lines);
  });

  const account: readonly StoredAccountLine[] = [
    { kind: 'opens', uid: 'a@FRA' },
    { kind: 'joinedMany', count: 12_345, limit: 5_000 },
    {
      kind: 'join',
      uid: 'b@FRA',
      via: 'a@FRA',
      rule: 'same_category',
      categories: ['muzzle_flash', 'muzzle_flash'],
      geometry: 'disc-sector',
      distanceM: 420.4,
      toleranceM: 1500,
      gapMs: 30_000,
      toleranceMs: 300_000,
      vague: 'attached',
    },
    { kind: 'party', party: 'RUS', uids: ['c', 'd', 'e', 'f', 'g'], more: 3 },
    { kind: 'submitter', submitter: 'usa-api', uids: ['h', 'i'], more: 0 },
    { kind: 'reported', sources: 1 },
    'an English sentence stored before the account was data',
  ];

  it('in English, word for word as before', () => {
    expect(accountInWords(account)).toEqual([
      'a@FRA opens the incident (smallest uid)',
      '12,345 observations joined, one to another; which joined which is listed only up to 5,000 observations',
      'b@FRA joined a@FRA: same category (muzzle_flash, muzzle_flash); disc-sector regions 420 m apart (tolerance 1.5 km); times 30 s apart (tolerance 5 min); vague report, attached to its closest precise report only',
      'c, d, e, f, g and 3 more: claim by party RUS, kept but not corroborating',
      'h, i: one submitter (usa-api), counted once whatever sources it names',
      'reported: 1 independent non-party source(s); corroboration needs 2',
      'an English sentence stored before the account was data',
    ]);
  });

  it('in Ukrainian, with names, plurals and decimal commas', () => {
    const uk = accountInWords(account, phrasing('uk'));
    expect(uk[0]).toBe('a@FRA відкриває інцидент (найменший uid)');
    expect(uk[1]).toBe(
      'Об’єднано 12\u00a0345 спостережень, одне з одним; хто до кого приєднався, наведено лише для інцидентів до 5\u00a0000 спостережень',
    );
    expect(uk[2]).toBe(
      'b@FRA приєднано до a@FRA: та сама категорія (дульний спалах; дульний спалах); області розташування (коло й сектор) на відстані 420 м (допуск 1,5 км); проміжок у часі 30 с (допуск 5 хв); неточне повідомлення, приєднане лише до найближчого точного',
    );
    expect(uk[3]).toBe('c, d, e, f, g та ще 3: заява сторони (Росія), збережена, але не є підтвердженням');
    expect(uk[5]).toBe('повідомлено: 1 незалежне джерело, що не є стороною; для підтвердження потрібно 2');
    expect(accountInWords([{ kind: 'corroborated', sources: 5 }], phrasing('uk'))).toEqual([
      'підтверджено 5 незалежними джерелами',
    ]);
    // No English template word is left (the stored English sentence aside, shown as it is).
    for (const line of uk.slice(0, -1))
      expect(line).not.toMatch(/\b(opens|joined|apart|tolerance|source|claim|reported|corroborat)/);
  });

  it('in French', () => {
    const fr = accountInWords(account, phrasing('fr'));
    expect(fr[2]).toBe(
      'b@FRA a rejoint a@FRA : même catégorie (lueur de départ de coup, lueur de départ de coup) ; zones de localisation (disque et secteur) distantes de 420 m (tolérance 1,5 km) ; écart dans le temps 30 s (tolérance 5 min) ; signalement imprécis, rattaché seulement au signalement précis le plus proche',
    );
    expect(fr[3]).toBe(
      'c, d, e, f, g et 3 de plus : allégation de la partie Russie, conservée mais sans valeur de corroboration',
    );
    expect(fr[5]).toBe(
      'signalé : 1 source indépendante qui n’est pas une partie ; la corroboration en demande 2',
    );
  });
});
