import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CATALOGUES, LANGUAGES } from '@guarantor/core/i18n';
import { describe, expect, it } from 'vitest';
import { cliWords } from './messages.ts';

describe('the command line speaks the language of its environment', () => {
  it('reads GUARANTOR_LANG, then LC_ALL and LANG, English by default', () => {
    expect(cliWords({ LANG: 'uk_UA.UTF-8' }).language).toBe('uk');
    expect(cliWords({ LC_ALL: 'fr_FR.UTF-8', LANG: 'uk_UA.UTF-8' }).language).toBe('fr');
    expect(cliWords({ GUARANTOR_LANG: 'fr', LANG: 'uk_UA.UTF-8' }).language).toBe('fr');
    expect(cliWords({ LANG: 'C.UTF-8' }).language).toBe('en');
    expect(cliWords({}).language).toBe('en');
  });

  it('says what it did in that language', () => {
    const values = { username: 'fra.liaison', nation: 'FRA', roles: 'liaison' };
    expect(cliWords({}).t('cli.userCreated', values)).toBe('user fra.liaison (FRA; liaison) created');
    expect(cliWords({ LANG: 'uk_UA.UTF-8' }).t('cli.userCreated', values)).toBe(
      'створено користувача fra.liaison (FRA; liaison)',
    );
    expect(cliWords({ LANG: 'fr_FR.UTF-8' }).t('cli.auditIntact', { count: 12 })).toBe(
      'chaîne du journal d’audit intacte\u202f: entrées vérifiées\u202f: 12',
    );
  });

  it('has every message the CLI commands say, in every language', () => {
    const source = [
      'main.ts',
      'accounts.ts',
      'cellwork-command.ts',
      'logistics-command.ts',
      'sustainment-command.ts',
    ]
      .map((f) => readFileSync(resolve(import.meta.dirname, f), 'utf8'))
      .join('\n');
    const keys = [...new Set([...source.matchAll(/say\('([a-zA-Z]+)'/g)].map((m) => m[1]!))];
    // say(disabled ? 'userDisabled' : 'userEnabled', …) names its keys in a conditional.
    keys.push('userDisabled', 'userEnabled');
    // sustainment-command.ts names its status and cause keys in tables.
    keys.push(
      ...['planStatusOptimal', 'planStatusTimeLimited', 'planStatusHeuristic', 'planStatusGreedy'],
      ...['causeMandateEnd', 'causeMandateRenewal', 'causeRotation', 'causeDuration'],
    );
    expect(keys.length).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const cli = CATALOGUES[language].cli as Record<string, string>;
      // A plural key is there in its forms (overdueCount_one, …).
      const has = (k: string) => typeof cli[k] === 'string' || typeof cli[`${k}_other`] === 'string';
      expect([language, keys.filter((k) => !has(k))]).toEqual([language, []]);
    }
  });
});
