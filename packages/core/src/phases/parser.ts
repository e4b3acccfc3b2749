import type { Refusal, RefusalKey, RefusalValue } from '../i18n/refusals/index.ts';
import { CATEGORIES, type Category } from '../monitoring/types.ts';
import { RuleError, type SourcePosition, type Token, tokenize } from './syntax.ts';

/** Longest window a rule may look back over; a year and a day covers every sane gate. */
export const MAX_WINDOW_DAYS = 366;
/** Deepest parenthesis nesting and most conditions a rule may hold: keeps evaluation bounded. */
export const MAX_NESTING = 8;
export const MAX_CONDITIONS = 32;
/** Highest daily limit a rule may state; above it "at most" means nothing for a ceasefire. */
export const MAX_DAILY_LIMIT = 100_000;

/** How far an incident got in verification; `all` counts every reported incident. */
export type VerificationLevel = 'all' | 'corroborated' | 'verified';

/** A stable rule identity: analysts edit a rule by adding a version, never by rewriting one. */
export interface RuleRef {
  readonly id: string;
  readonly version: number;
}

/** One version of a trigger rule as analysts write and store it. */
export interface TriggerRule extends RuleRef {
  readonly text: string;
  /** What the rule is for, in the cell's words ("quiet along the line for two weeks"). */
  readonly title?: string;
}

/** The names a rule may refer to; anything else is rejected where it is written. */
export interface RuleVocabulary {
  readonly sectors: readonly string[];
  readonly zones: readonly string[];
  /** Defaults to the monitoring taxonomy, `CATEGORIES`. */
  readonly categories?: readonly string[];
}

/** Which incidents a condition counts. `categories: null` means every category. */
export interface Selection {
  readonly level: VerificationLevel;
  readonly categories: readonly Category[] | null;
  readonly zone: string | null;
}

/** Text span of a construct in the rule source, for explanations. */
export interface Span {
  readonly position: SourcePosition;
  readonly end: number;
  readonly source: string;
}

/** "At most `maxPerDay` selected incidents on each of the last `days` days" (`no …` is max 0). */
export interface DailyLimit {
  readonly kind: 'daily_limit';
  readonly selection: Selection;
  readonly maxPerDay: number;
  readonly days: number;
  readonly span: Span;
}

/** "At least `minPercent`% of the last `days` days were monitored" (`strict`: more than). */
export interface Coverage {
  readonly kind: 'coverage';
  readonly minPercent: number;
  readonly strict: boolean;
  readonly days: number;
  readonly span: Span;
}

/** A condition tree; `all` and `any` are `and` and `or` with every operand at one level. */
export type Condition =
  | DailyLimit
  | Coverage
  | { readonly kind: 'all'; readonly of: readonly Condition[] }
  | { readonly kind: 'any'; readonly of: readonly Condition[] };

/** Which sectors a rule speaks about; `null` means every sector known at evaluation time. */
export interface RuleAst {
  readonly sectors: readonly string[] | null;
  readonly condition: Condition;
}

/** A parsed and checked rule version, ready for `evaluateRule`. */
export interface CompiledRule extends TriggerRule {
  readonly ast: RuleAst;
}

const LEVELS: readonly VerificationLevel[] = ['all', 'corroborated', 'verified'];
const KEYWORDS = new Set([
  'every',
  'sector',
  'sectors',
  'and',
  'or',
  'no',
  'in',
  'of',
  'per',
  'day',
  'days',
  'for',
  'consecutive',
  'over',
  'coverage',
  'violations',
  ...LEVELS,
]);

/** Parses and checks one rule version; throws `RuleError` (and nothing else) on bad input. */
export function compileRule(rule: TriggerRule, vocabulary: RuleVocabulary): CompiledRule {
  return { ...rule, ast: parseRule(rule.text, vocabulary) };
}

/** Parses rule text against the known names; throws `RuleError` with the position of the fault. */
export function parseRule(text: string, vocabulary: RuleVocabulary): RuleAst {
  return new Parser(text, tokenize(text), vocabulary).rule();
}

class Parser {
  private index = 0;
  private conditions = 0;
  private readonly text: string;
  private readonly tokens: readonly Token[];
  private readonly vocabulary: RuleVocabulary;
  private readonly categories: readonly string[];

  constructor(text: string, tokens: readonly Token[], vocabulary: RuleVocabulary) {
    this.text = text;
    this.tokens = tokens;
    this.vocabulary = vocabulary;
    this.categories = vocabulary.categories ?? CATEGORIES;
  }

  rule(): RuleAst {
    const sectors = this.scope();
    const condition = this.expression(0);
    const rest = this.peek();
    if (rest.kind !== 'eof')
      this.fail(rest, `expected 'and', 'or' or the end of the rule, found ${describe(rest)}`, {
        key: 'ruleSyntax.expectedEnd',
        params: { found: found(rest) },
      });
    return { sectors, condition };
  }

  private scope(): readonly string[] | null {
    const first = this.peek();
    if (this.isWord(first, 'every')) {
      this.index++;
      this.expectWord('sector');
      this.expectSymbol(':');
      return null;
    }
    if (!(this.isWord(first, 'sector') || this.isWord(first, 'sectors'))) return null;
    this.index++;
    const sectors = [this.name('sector', this.vocabulary.sectors, 'rule.unknown_sector')];
    while (this.acceptSymbol(','))
      sectors.push(this.name('sector', this.vocabulary.sectors, 'rule.unknown_sector'));
    this.expectSymbol(':');
    return [...new Set(sectors)];
  }

  private expression(depth: number): Condition {
    const of = [this.term(depth)];
    while (this.acceptWord('or')) of.push(this.term(depth));
    return of.length === 1 ? of[0]! : { kind: 'any', of };
  }

  private term(depth: number): Condition {
    const of = [this.factor(depth)];
    while (this.acceptWord('and')) of.push(this.factor(depth));
    return of.length === 1 ? of[0]! : { kind: 'all', of };
  }

  private factor(depth: number): Condition {
    const start = this.peek();
    if (this.acceptSymbol('(')) {
      if (depth + 1 > MAX_NESTING)
        this.fail(
          start,
          `parentheses nest deeper than ${MAX_NESTING} levels`,
          { key: 'ruleSyntax.nesting', params: { max: MAX_NESTING } },
          'rule.too_complex',
        );
      const inner = this.expression(depth + 1);
      this.expectSymbol(')');
      return inner;
    }
    if (++this.conditions > MAX_CONDITIONS) {
      this.fail(
        start,
        `a rule may hold at most ${MAX_CONDITIONS} conditions`,
        { key: 'ruleSyntax.tooManyConditions', params: { max: MAX_CONDITIONS } },
        'rule.too_complex',
      );
    }
    if (this.acceptWord('coverage')) return this.coverage(start);
    if (this.acceptWord('no')) {
      const selection = this.selection();
      return {
        kind: 'daily_limit',
        selection,
        maxPerDay: 0,
        days: this.window('for'),
        span: this.span(start),
      };
    }
    if (start.kind !== 'word') {
      this.fail(
        start,
        `expected a condition ('no …', '… per day <= N …', 'coverage …' or '('), found ${describe(start)}`,
        { key: 'ruleSyntax.expectedCondition', params: { found: found(start) } },
      );
    }
    const selection = this.selection();
    this.expectWord('per');
    this.expectWord('day');
    const op = this.peek();
    const strict = this.acceptSymbol('<');
    if (!strict && !this.acceptSymbol('<=')) {
      this.fail(
        op,
        `expected '<=' or '<' after 'per day' (rules bound violations from above), found ${describe(op)}`,
        { key: 'ruleSyntax.expectedUpperBound', params: { found: found(op) } },
      );
    }
    const limit = this.integer('daily limit', strict ? 1 : 0, MAX_DAILY_LIMIT);
    const maxPerDay = strict ? limit - 1 : limit;
    return { kind: 'daily_limit', selection, maxPerDay, days: this.window('for'), span: this.span(start) };
  }

  private coverage(start: Token): Coverage {
    const op = this.peek();
    const strict = this.acceptSymbol('>');
    if (!strict && !this.acceptSymbol('>='))
      this.fail(op, `expected '>=' or '>' after 'coverage', found ${describe(op)}`, {
        key: 'ruleSyntax.expectedCoverageBound',
        params: { found: found(op) },
      });
    const percentToken = this.peek();
    const minPercent = this.number('coverage percentage');
    if (minPercent > 100 || (strict && minPercent === 100)) {
      this.fail(
        percentToken,
        `coverage can never exceed 100%, so '${op.text} ${percentToken.text}%' could never pass`,
        { key: 'ruleSyntax.coverageOver100', params: { op: op.text, percent: percentToken.text } },
      );
    }
    this.expectSymbol('%');
    return { kind: 'coverage', minPercent, strict, days: this.window('over'), span: this.span(start) };
  }

  /** `for|over N [consecutive] day(s)`: every window is bounded, so every rule terminates. */
  private window(lead: 'for' | 'over'): number {
    this.expectWord(lead);
    const days = this.integer('window', 1, MAX_WINDOW_DAYS);
    this.acceptWord('consecutive');
    if (!this.acceptWord('days') && !this.acceptWord('day'))
      this.fail(this.peek(), `expected 'days', found ${describe(this.peek())}`, {
        key: 'ruleSyntax.expectedDays',
        params: { found: found(this.peek()) },
      });
    return days;
  }

  private selection(): Selection {
    let level: VerificationLevel = 'all';
    let categories: Category[] | null = null;
    const first = this.peek();
    const fused = first.kind === 'word' ? /^(all|corroborated|verified)_violations$/.exec(first.text) : null;
    if (fused) {
      // `verified_violations` reads as `verified violations`: analysts write it both ways.
      this.index++;
      level = fused[1] as VerificationLevel;
    } else {
      const named = LEVELS.find((l) => this.acceptWord(l));
      if (named) level = named;
      if (!this.acceptWord('violations')) {
        categories = [this.category()];
        while (this.acceptSymbol(',')) categories.push(this.category());
      }
    }
    if (!categories && this.acceptWord('of')) {
      categories = [this.category()];
      while (this.acceptSymbol(',')) categories.push(this.category());
    }
    const zone = this.acceptWord('in') ? this.name('zone', this.vocabulary.zones, 'rule.unknown_zone') : null;
    return { level, categories: categories && [...new Set(categories)].sort(), zone };
  }

  private category(): Category {
    return this.name('category', this.categories, 'rule.unknown_category') as Category;
  }

  private name(
    what: 'sector' | 'category' | 'zone',
    known: readonly string[],
    code: 'rule.unknown_sector' | 'rule.unknown_category' | 'rule.unknown_zone',
  ): string {
    const token = this.peek();
    if (token.kind === 'string' || (token.kind === 'word' && !KEYWORDS.has(token.text))) {
      if (!known.includes(token.text)) {
        const near = nearest(token.text, known);
        const keys = NAMED[what];
        this.fail(
          token,
          `unknown ${what} '${token.text}'${near ? `; did you mean '${near}'?` : ''}`,
          near
            ? { key: keys.unknownNear, params: { name: token.text, near } }
            : { key: keys.unknown, params: { name: token.text } },
          code,
        );
      }
      this.index++;
      return token.text;
    }
    return this.fail(token, `expected a ${what} name, found ${describe(token)}`, {
      key: NAMED[what].expected,
      params: { found: found(token) },
    });
  }

  private integer(what: 'daily limit' | 'window', min: number, max: number): number {
    const token = this.peek();
    const value = this.number(what);
    if (!Number.isInteger(value) || value < min || value > max) {
      const why = what === 'window' ? ' (every window must be bounded)' : '';
      this.fail(
        token,
        `${what} must be a whole number from ${min} to ${max}${why}, found ${token.text}`,
        {
          key: what === 'window' ? 'ruleSyntax.windowRange' : 'ruleSyntax.dailyLimitRange',
          params: { min, max, found: token.text },
        },
        'rule.unbounded',
      );
    }
    return value;
  }

  private number(what: 'daily limit' | 'window' | 'coverage percentage'): number {
    const token = this.peek();
    if (token.kind !== 'number')
      this.fail(token, `expected a number for the ${what}, found ${describe(token)}`, {
        key: EXPECTED_NUMBER[what],
        params: { found: found(token) },
      });
    this.index++;
    return Number(token.text);
  }

  private span(start: Token): Span {
    const end = this.tokens[this.index - 1]!.end;
    return { position: start.position, end, source: this.text.slice(start.position.offset, end) };
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text === word;
  }

  private acceptWord(word: string): boolean {
    if (!this.isWord(this.peek(), word)) return false;
    this.index++;
    return true;
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== 'symbol' || token.text !== symbol) return false;
    this.index++;
    return true;
  }

  private expectWord(word: string): void {
    if (!this.acceptWord(word))
      this.fail(this.peek(), `expected '${word}', found ${describe(this.peek())}`, {
        key: 'ruleSyntax.expectedWord',
        params: { word, found: found(this.peek()) },
      });
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol))
      this.fail(this.peek(), `expected '${symbol}', found ${describe(this.peek())}`, {
        key: 'ruleSyntax.expectedSymbol',
        params: { symbol, found: found(this.peek()) },
      });
  }

  private fail(
    token: Token,
    detail: string,
    refusal: Refusal,
    code: RuleError['code'] = 'rule.syntax',
  ): never {
    throw new RuleError(code, token.position, detail, refusal);
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the rule';
  if (token.kind === 'string') return `"${token.text}"`;
  return `'${token.text}'`;
}

/** {@link describe} for a refusal: the token as written, or "the end of the rule" in the reader's words. */
function found(token: Token): RefusalValue {
  return token.kind === 'eof' ? { refusal: { key: 'ruleSyntax.endOfRule' } } : describe(token);
}

/** The keys that name a sector, category or zone the rule does not know, or lacks. */
const NAMED = {
  sector: {
    unknown: 'ruleSyntax.unknownSector',
    unknownNear: 'ruleSyntax.unknownSectorNear',
    expected: 'ruleSyntax.expectedSectorName',
  },
  category: {
    unknown: 'ruleSyntax.unknownCategory',
    unknownNear: 'ruleSyntax.unknownCategoryNear',
    expected: 'ruleSyntax.expectedCategoryName',
  },
  zone: {
    unknown: 'ruleSyntax.unknownZone',
    unknownNear: 'ruleSyntax.unknownZoneNear',
    expected: 'ruleSyntax.expectedZoneName',
  },
} as const satisfies Record<string, Record<string, RefusalKey>>;

const EXPECTED_NUMBER = {
  'daily limit': 'ruleSyntax.expectedDailyLimit',
  window: 'ruleSyntax.expectedWindow',
  'coverage percentage': 'ruleSyntax.expectedCoveragePercentage',
} as const satisfies Record<string, RefusalKey>;

/** The known name a misspelling most likely meant: a near edit, else the one sharing its stem. */
function nearest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const stem = word.slice(0, Math.max(5, word.length - 2));
  const sharing = known.filter((candidate) => candidate.startsWith(stem));
  return best ?? (sharing.length === 1 ? sharing[0] : undefined);
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    row = next;
  }
  return row[b.length]!;
}
