import { describe, expect, it } from 'vitest';
import { leaves, pluralBase, shapeOf, variables } from '../../../../../test/support/catalogues.ts';
import { createI18n, LANGUAGES, type Language, pluralCategories } from '../index.ts';
import { REFUSALS, refusalText } from './index.ts';

describe('the refusal catalogues', () => {
  const byLanguage = new Map(LANGUAGES.map((l) => [l, leaves(REFUSALS[l])]));
  const shape = (l: Language) => shapeOf(byLanguage.get(l)!);

  it('hold the same keys in English, Ukrainian and French', () => {
    const en = [...shape('en').keys()].sort();
    for (const l of ['uk', 'fr'] as const) expect([l, [...shape(l).keys()].sort()]).toEqual([l, en]);
  });

  it('give every plural the forms its language has', () => {
    for (const l of LANGUAGES) {
      const needed = [...pluralCategories(l)].sort();
      for (const [base, forms] of shape(l)) {
        if (forms.size === 0) continue;
        expect([l, base, [...forms].sort()]).toEqual([l, base, needed]);
      }
    }
  });

  it('use the same interpolation variables in every language', () => {
    const enVars = new Map<string, string[]>();
    for (const [key, text] of byLanguage.get('en')!)
      enVars.set(pluralBase(key)?.base ?? key, variables(text));
    for (const l of ['uk', 'fr'] as const) {
      for (const [key, text] of byLanguage.get(l)!) {
        expect([l, key, variables(text)]).toEqual([l, key, enVars.get(pluralBase(key)?.base ?? key)]);
      }
    }
  });

  it('name no variable as i18next names its options', () => {
    const reserved = ['lng', 'lngs', 'ns', 'context', 'defaultValue', 'replace', 'ordinal', 'returnObjects'];
    for (const [key, text] of byLanguage.get('en')!) {
      expect([key, variables(text).filter((v) => reserved.includes(v))]).toEqual([key, []]);
    }
  });

  it('leave no English prose in Ukrainian (field names, codes and formats aside)', () => {
    // Field paths (body.x), parameters (acceptPartial=true), media types, formats and markings are
    // code: they stay as written in every language.
    const code =
      /^(API|URL|JSON|CSV|UTF|XML|XLSX|IATI|HXL|CoT|DAC|ISO|alpha|Guarantor|POST|GET|PLAN|id|cookie|admin|body|query|cursor|next|month|asOf|horizonStart|national|unspecified|en|uk|fr|null|http|s|km|FRA|EU|UA|YYYY|MM|DD|x|y|west|south|east|north|from|to|logistics|incidents|false|mvt|type|event|org|adm|code|sector|hxlstandard|org|api|lead|claims|reassert|territory|control|areas|import|against|n|csrf|token|decisionId|incidentId|meetingId|overCommitmentReason|Content|Type|value|other|U|Z)$/;
    const english: [string, string[]][] = [];
    for (const [key, text] of byLanguage.get('uk')!) {
      const prose = text
        .replace(/\{\{[^}]*\}\}/g, '')
        .replace(/\b[\w-]+(\.[\w[\]-]+)+\b/g, '')
        .replace(/\b[\w-]+=[^\s,;]*/g, '')
        .replace(/\b\w+\/[\w+.-]+/g, '')
        .replace(/`[^`]*`/g, '')
        .replace(/\b[a-z]-[a-z]\b/g, '')
        // Codes and acronyms in capitals (POL, BLACK_SEA, JSON).
        .replace(/\b[A-Z][A-Z0-9_]+\b/g, '');
      const words = prose.match(/[A-Za-z]+/g) ?? [];
      const left = words.filter((w) => !code.test(w));
      if (left.length > 0) english.push([key, left]);
    }
    expect(english).toEqual([]);
  });
});

describe('refusalText', () => {
  it('words a refusal in each language, nations and terms too', () => {
    const i18n = createI18n();
    const refusal = { key: 'cellwork.actionOtherNation', params: { nation: { nation: 'GBR' } } } as const;
    expect(refusalText(i18n.words('en'), refusal)).toBe(
      'this action belongs to United Kingdom: only its liaison or cell staff may change it',
    );
    expect(refusalText(i18n.words('uk'), refusal)).toContain('Велика Британія');
    expect(refusalText(i18n.words('fr'), refusal)).toContain('Royaume-Uni');
    const status = {
      key: 'cellwork.actionStatusAlready',
      params: { status: { term: 'common.actionStatus.done', lower: true } },
    } as const;
    expect(refusalText(i18n.words('en'), status)).toBe('the action is already done');
    const plural = { key: 'rules.unknown', params: { count: 2, rules: 'a, b' } } as const;
    expect(refusalText(i18n.words('en'), plural)).toBe('unknown rules a, b; add the rule first');
    expect(refusalText(i18n.words('uk'), plural)).toBe('невідомі правила a, b; спершу додайте правила');
  });

  it('answers a refusal missing in a language in English, and reports it once', () => {
    const auth = REFUSALS.uk.auth as Record<string, unknown>;
    const saved = auth.noRole;
    delete auth.noRole;
    try {
      const missing: string[] = [];
      const i18n = createI18n({ onMissing: (l, key) => missing.push(`${l}:${key}`) });
      const uk = i18n.words('uk');
      expect(refusalText(uk, { key: 'auth.noRole' })).toBe('no role');
      expect(refusalText(uk, { key: 'auth.noRole' })).toBe('no role');
      expect(missing).toEqual(['uk:refusals:auth.noRole']);
    } finally {
      auth.noRole = saved;
    }
  });
});
