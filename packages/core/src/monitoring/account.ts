/**
 * The fusion engine's account of an incident as data (who opened it, who joined whom by which
 * rule and how far apart, which reports count once, whether it is corroborated), put in words in
 * the reader's language when it is read (ADR 0052). The account is stored as these lines, so a
 * Ukrainian reader of the incident page or a spot report reads it in Ukrainian; older incidents
 * stored English sentences, which are shown as they are.
 */

import { ENGLISH_WORDS } from '../i18n/english.ts';
import type { Phrasing } from '../i18n/words/index.ts';
import type { JoinEdge } from './types.ts';

/** The uids of a line that names many reports: the first few, and how many more there are. */
export interface UidList {
  readonly uids: readonly string[];
  readonly more: number;
}

/** One line of the engine's account. */
export type AccountLine =
  | { readonly kind: 'opens'; readonly uid: string }
  | { readonly kind: 'joinedMany'; readonly count: number; readonly limit: number }
  | {
      readonly kind: 'join';
      readonly uid: string;
      readonly via: string;
      readonly rule: JoinEdge['rule'];
      /** The categories the two reports give: the joining one's, then `via`'s. */
      readonly categories: readonly [string, string];
      readonly geometry: JoinEdge['geometry'];
      readonly distanceM: number;
      readonly toleranceM: number;
      readonly gapMs: number;
      readonly toleranceMs: number;
      readonly vague?: JoinEdge['vague'];
    }
  | ({ readonly kind: 'party'; readonly party: string } & UidList)
  | ({ readonly kind: 'submitter'; readonly submitter: string } & UidList)
  | ({ readonly kind: 'source'; readonly source: string } & UidList)
  | { readonly kind: 'corroborated' | 'reported'; readonly sources: number };

/** What the incident stores: account lines, or (before the account was data) English sentences. */
export type StoredAccountLine = AccountLine | string;

/** A decimal number as the language writes it: English keeps toFixed's point, Ukrainian and French a comma. */
const decimal = (p: AccountPhrasing, text: string) => (p.language === 'en' ? text : text.replace('.', ','));

const distance = (p: AccountPhrasing, m: number) =>
  m < 1000
    ? p.say('fusion.metres', { n: Math.round(m) })
    : p.say('fusion.kilometres', { n: decimal(p, (m / 1000).toFixed(1)) });

const duration = (p: AccountPhrasing, ms: number) =>
  ms < 60_000
    ? p.say('fusion.seconds', { n: Math.round(ms / 1000) })
    : p.say('fusion.minutes', { n: (ms / 60_000).toFixed(0) });

/** A count as the account has always written it in English ("12,345"), else as the language groups digits. */
const count = (p: AccountPhrasing, n: number) =>
  p.language === 'en' ? n.toLocaleString('en') : p.words.number(n);

/** A category: its id in English (as the account always wrote it), its name in other languages. */
const category = (p: AccountPhrasing, id: string) =>
  p.language === 'en' ? id : p.words.t(`common.category.${id}`, { defaultValue: id.replaceAll('_', ' ') });

/** A party: its code in English (as before), its name in other languages. */
const party = (p: AccountPhrasing, code: string) => (p.language === 'en' ? code : p.nation(code));

function uidList(p: AccountPhrasing, list: UidList): string {
  const shown = list.uids.join(', ');
  return list.more > 0 ? p.say('fusion.andMore', { uids: shown, more: count(p, list.more) }) : shown;
}

/** One account line in words. */
export function accountLine(line: StoredAccountLine, p: AccountPhrasing): string {
  if (typeof line === 'string') return line;
  switch (line.kind) {
    case 'opens':
      return p.say('fusion.opens', { uid: line.uid });
    case 'joinedMany':
      return p.say('fusion.joinedMany', {
        count: line.count,
        n: count(p, line.count),
        limit: count(p, line.limit),
      });
    case 'join': {
      const vague = line.vague ? p.say(`fusion.vague.${line.vague}`) : '';
      return p.say('fusion.join', {
        uid: line.uid,
        via: line.via,
        rule: p.say(`fusion.rule.${line.rule}`),
        a: category(p, line.categories[0]),
        b: category(p, line.categories[1]),
        geometry: p.say(`fusion.geometry.${line.geometry}`),
        distance: distance(p, line.distanceM),
        tolerance: distance(p, line.toleranceM),
        gap: duration(p, line.gapMs),
        timeTolerance: duration(p, line.toleranceMs),
        vague,
      });
    }
    case 'party':
      return p.say('fusion.party', { uids: uidList(p, line), party: party(p, line.party) });
    case 'submitter':
      return p.say('fusion.submitter', { uids: uidList(p, line), submitter: line.submitter });
    case 'source':
      return p.say('fusion.source', { uids: uidList(p, line), source: line.source });
    case 'corroborated':
    case 'reported':
      // English wrote the bare number here, never grouped.
      return p.say(`fusion.${line.kind}`, {
        count: line.sources,
        n: p.language === 'en' ? String(line.sources) : p.words.number(line.sources),
      });
  }
}

/** What the account's words need of a phrasing: English needs only its templates. */
type AccountPhrasing = Pick<Phrasing, 'language' | 'say' | 'nation'> & {
  readonly words: Pick<Phrasing['words'], 'number' | 't'>;
};

/** English from the English catalogues alone (no i18next in the browser), nations left as codes. */
const ENGLISH: AccountPhrasing = {
  language: 'en',
  say: (key, values) => ENGLISH_WORDS.t(`words.${key}`, values),
  nation: (iso3) => iso3,
  words: { number: (n) => n.toLocaleString('en'), t: ENGLISH_WORDS.t },
};

/** The account in words, line by line: English unless a phrasing is given. */
export function accountInWords(lines: readonly StoredAccountLine[], p: AccountPhrasing = ENGLISH): string[] {
  return lines.map((line) => accountLine(line, p));
}
