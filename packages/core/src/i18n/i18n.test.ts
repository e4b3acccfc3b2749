import { describe, expect, it } from 'vitest';
import { leaves, pluralBase, shapeOf, variables } from '../../../../test/support/catalogues.ts';
import {
  actionNotice,
  actionStatusNotice,
  decisionNotice,
  meetingNotice,
  NOTICE_KEYS,
  type Notice,
  reminderNotice,
} from '../cellwork/index.ts';
import {
  CATALOGUES,
  createI18n,
  LANGUAGES,
  type Language,
  languageFromAcceptLanguage,
  languageFromEnvironment,
  noticeText,
  pluralCategories,
} from './index.ts';

describe('the catalogues', () => {
  const byLanguage = new Map(LANGUAGES.map((l) => [l, leaves(CATALOGUES[l])]));
  const shape = (l: Language) => shapeOf(byLanguage.get(l)!);

  it('hold the same keys in English, Ukrainian and French', () => {
    const en = [...shape('en').keys()].sort();
    for (const l of ['uk', 'fr'] as const) expect([...shape(l).keys()].sort()).toEqual(en);
  });

  it('give every plural the forms its language has (Ukrainian: one, few, many, other)', () => {
    expect(pluralCategories('uk')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    for (const l of LANGUAGES) {
      const needed = [...pluralCategories(l)].sort();
      for (const [base, forms] of shape(l)) {
        if (forms.size === 0) continue;
        expect([base, [...forms].sort()]).toEqual([base, needed]);
      }
    }
  });

  it('name no variable as i18next names its options (lng would switch the language)', () => {
    const reserved = [
      'lng',
      'lngs',
      'ns',
      'context',
      'defaultValue',
      'replace',
      'ordinal',
      'returnObjects',
      'fallbackLng',
    ];
    for (const [key, text] of byLanguage.get('en')!) {
      expect([key, variables(text).filter((v) => reserved.includes(v))]).toEqual([key, []]);
    }
  });

  it('use the same interpolation variables in every language', () => {
    const en = byLanguage.get('en')!;
    const enVars = new Map<string, string[]>();
    for (const [key, text] of en) enVars.set(pluralBase(key)?.base ?? key, variables(text));
    for (const l of ['uk', 'fr'] as const) {
      for (const [key, text] of byLanguage.get(l)!) {
        const base = pluralBase(key)?.base ?? key;
        expect([l, key, variables(text)]).toEqual([l, key, enVars.get(base)]);
      }
    }
  });

  it('leave no English behind in Ukrainian (no Latin word outside names and codes)', () => {
    const allowed =
      /^(uid|OSINT|CoT|Guarantor|UTC|illustrative|PostgreSQL|API|OpenAPI|Paris|coalition|demo|analyst|date|format|pdf|html|lang|en|uk|fr|ISO|alpha|FRA|GBR|UKR|SIGINT|SIGTERM|guarantor)$/i;
    for (const [key, text] of byLanguage.get('uk')!) {
      // Commands to type (guarantor user list), options (--time-limit), arguments (<id>), file
      // names and option values (optimal, greedy) are code, not English.
      const prose = text
        .replace(/\{\{[^}]*\}\}/g, '')
        .replace(/guarantor( [a-z-]+)+/g, '')
        .replace(/--[a-z-]+|<[a-z]+>|\S+\.xlsx\b|\b(optimal|greedy)\b/g, '');
      const words = prose.match(/[A-Za-z]+/g) ?? [];
      expect([key, words.filter((w) => !allowed.test(w))]).toEqual([key, []]);
    }
  });
});

describe('createI18n', () => {
  it('translates with plurals and formats per locale', () => {
    const i18n = createI18n();
    const uk = i18n.words('uk');
    expect(uk.t('report.daily.sourceCount', { count: 1 })).toBe('1 джерело');
    expect(uk.t('report.daily.sourceCount', { count: 3 })).toBe('3 джерела');
    expect(uk.t('report.daily.sourceCount', { count: 11 })).toBe('11 джерел');
    expect(uk.t('report.daily.sourceCount', { count: 21 })).toBe('21 джерело');
    expect(i18n.words('fr').t('report.daily.sourceCount', { count: 0 })).toBe('0 source');
    expect(uk.longDate('2026-11-26')).toBe('26 листопада 2026 р.');
    expect(i18n.words('fr').longDate('2026-11-26')).toBe('26 novembre 2026');
    expect(i18n.words('en').longDate('2026-11-26')).toBe('26 November 2026');
    expect(uk.number(1234567)).toBe('1\u00a0234\u00a0567');
    expect(i18n.words('fr').number(1234.5, 1)).toBe('1\u202f234,5');
    expect(i18n.words('en').money(1_250_000, 'EUR')).toBe('€12,500.00');
    expect(i18n.words('fr').money(1_250_000, 'EUR')).toBe('12\u202f500,00\u00a0€');
    expect(uk.nation('FRA')).toBe('Франція');
    expect(i18n.words('fr').nation('UKR')).toBe('Ukraine');
    expect(uk.utc(new Date('2026-11-26T06:05:00Z'))).toMatch(/^26 лист\. 2026 р\., 06:05 UTC$/);
  });

  it('falls back to English for a missing key and reports it once', () => {
    const missing: string[] = [];
    const i18n = createI18n({
      onMissing: (l, k) => missing.push(`${l}:${k}`),
      catalogues: {
        en: { a: { hello: 'Hello {{name}}', bye: 'Bye' } },
        uk: { a: { bye: 'Бувай' } },
        fr: { a: { hello: 'Bonjour {{name}}', bye: 'Au revoir' } },
      },
    });
    expect(i18n.words('uk').t('a.hello', { name: 'Olena' })).toBe('Hello Olena');
    expect(i18n.words('uk').t('a.hello', { name: 'Taras' })).toBe('Hello Taras');
    expect(i18n.words('uk').t('a.bye')).toBe('Бувай');
    expect(i18n.words('fr').t('a.hello', { name: 'Anne' })).toBe('Bonjour Anne');
    expect(missing).toEqual(['uk:a.hello']);
    // Missing everywhere: the key itself, reported too.
    expect(i18n.words('en').t('a.nothing')).toBe('a.nothing');
    expect(missing).toEqual(['uk:a.hello', 'en:a.nothing']);
  });
});

describe('choosing a language', () => {
  it('from Accept-Language, by quality then order, by primary subtag', () => {
    expect(languageFromAcceptLanguage('uk-UA,uk;q=0.9,en;q=0.8')).toBe('uk');
    expect(languageFromAcceptLanguage('de-DE, fr-CA;q=0.7, en;q=0.5')).toBe('fr');
    expect(languageFromAcceptLanguage('en;q=0.2, fr;q=0.9')).toBe('fr');
    expect(languageFromAcceptLanguage('de, pl')).toBeUndefined();
    expect(languageFromAcceptLanguage('fr;q=0, *')).toBeUndefined();
    expect(languageFromAcceptLanguage(undefined)).toBeUndefined();
  });

  it('from the environment: GUARANTOR_LANG, then LC_ALL, LC_MESSAGES, LANG', () => {
    expect(languageFromEnvironment({ LANG: 'uk_UA.UTF-8' })).toBe('uk');
    expect(languageFromEnvironment({ LANG: 'fr_FR' })).toBe('fr');
    expect(languageFromEnvironment({ LC_ALL: 'fr_FR.UTF-8', LANG: 'uk_UA.UTF-8' })).toBe('fr');
    expect(languageFromEnvironment({ LC_ALL: 'C', LANG: 'uk_UA.UTF-8' })).toBe('en');
    expect(languageFromEnvironment({ GUARANTOR_LANG: 'uk', LC_ALL: 'fr_FR.UTF-8' })).toBe('uk');
    expect(languageFromEnvironment({ GUARANTOR_LANG: 'de', LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(languageFromEnvironment({})).toBe('en');
  });
});

describe('notices of the cell put in words', () => {
  const i18n = createI18n({
    onMissing: (l, k) => {
      throw new Error(`missing ${l}:${k}`);
    },
  });
  const due = new Date('2026-11-25T12:00:00Z');
  const notices: Notice[] = [
    decisionNotice({ id: 'DEC-FRA-1', title: 'T1', nation: 'FRA', decidedBy: 'B', decidedOn: '2026-11-20' }),
    meetingNotice({ id: 'MTG-FRA-1', title: 'T2', startsAt: due, place: '' }),
    meetingNotice({ id: 'MTG-FRA-2', title: 'T3', startsAt: due, place: 'Paris' }),
    actionNotice({ id: 'ACT-FRA-1', title: 'T4', ownerNation: 'DEU', ownerPerson: null, dueAt: due }),
    actionNotice({ id: 'ACT-FRA-2', title: 'T5', ownerNation: 'DEU', ownerPerson: 'P', dueAt: due }),
    actionStatusNotice({ id: 'ACT-FRA-3', title: 'T6' }, 'in_progress', ''),
    actionStatusNotice({ id: 'ACT-FRA-4', title: 'T7' }, 'done', 'a note'),
    reminderNotice('due_soon', { id: 'ACT-FRA-5', title: 'T8', ownerNation: 'POL', dueAt: due }),
    reminderNotice('overdue', { id: 'ACT-FRA-6', title: 'T9', ownerNation: 'POL', dueAt: due }),
  ];

  it('has a sentence for every key, in every language, with every part filled', () => {
    expect(new Set(notices.map((n) => n.key))).toEqual(new Set(NOTICE_KEYS));
    for (const language of LANGUAGES) {
      for (const n of notices) {
        const text = noticeText(i18n.words(language), n);
        expect(text).not.toContain('{{');
        expect(text).toContain(n.params.id);
        expect(text).toContain(n.params.title);
        for (const part of ['place', 'person', 'note'] as const)
          if (n.params[part]) expect(text).toContain(n.params[part]);
      }
    }
  });

  it('names nations, times and statuses in the reader’s language', () => {
    const uk = i18n.words('uk');
    expect(noticeText(uk, notices[4]!)).toBe(
      'Доручення ACT-FRA-2 для держави Німеччина (P): T5, термін 25 лист. 2026 р., 12:00 UTC',
    );
    expect(noticeText(i18n.words('en'), notices[5]!)).toBe('Action ACT-FRA-3 (T6) is now in progress');
    expect(noticeText(i18n.words('fr'), notices[0]!)).toBe(
      'Décision DEC-FRA-1\u202f: T1 (France, B, 20 novembre 2026)',
    );
  });
});
