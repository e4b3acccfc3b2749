import type { Refusal } from '../i18n/refusals/index.ts';

/** Where in a rule's text something is: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** What kind of mistake a rule holds; stable codes for the API's error catalogue. */
export type RuleErrorCode =
  | 'rule.syntax'
  | 'rule.unknown_sector'
  | 'rule.unknown_category'
  | 'rule.unknown_zone'
  | 'rule.unbounded'
  | 'rule.too_complex';

/** The only error the rule parser throws: what was wrong, and where. */
export class RuleError extends Error {
  override readonly name = 'RuleError';
  readonly code: RuleErrorCode;
  readonly position: SourcePosition;
  /** The message without the position prefix, for showing beside the offending text. */
  readonly detail: string;
  /** `detail` as a catalogue key and values, for the reader's language (ADR 0051). */
  readonly detailRefusal: Refusal;
  /** `message` (position and detail) as a catalogue key and values. */
  readonly refusal: Refusal;

  constructor(code: RuleErrorCode, position: SourcePosition, detail: string, detailRefusal: Refusal) {
    super(`rule error at line ${position.line}, column ${position.column}: ${detail}`);
    this.code = code;
    this.position = position;
    this.detail = detail;
    this.detailRefusal = detailRefusal;
    this.refusal = {
      key: 'ruleSyntax.at',
      params: { line: position.line, column: position.column, detail: { refusal: detailRefusal } },
    };
  }
}

/** Rules longer than this are refused before lexing: no legitimate rule needs more. */
export const MAX_RULE_LENGTH = 4000;

export type TokenKind = 'word' | 'string' | 'number' | 'symbol' | 'eof';

/** One lexeme; `word` covers keywords and names alike, the parser tells them apart. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: SourcePosition;
  /** Offset just past the token, so a construct's source can be sliced for explanations. */
  readonly end: number;
}

const SYMBOLS = ['<=', '>=', '<', '>', ':', ',', '(', ')', '%'] as const;
// Names may hold hyphens (sector S-3) because the language has no minus sign.
const WORD = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /\d+(\.\d+)?/y;
/** What a number glued to letters ("14days") reads as, for the error message. */
const RUN = /[A-Za-z0-9_.-]+/y;

function match(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}

/** Splits rule text into tokens; `#` starts a comment that runs to the end of the line. */
export function tokenize(text: string): readonly Token[] {
  if (text.length > MAX_RULE_LENGTH) {
    throw new RuleError(
      'rule.too_complex',
      { line: 1, column: 1, offset: 0 },
      `rule is ${text.length} characters long; the limit is ${MAX_RULE_LENGTH}`,
      { key: 'ruleSyntax.tooLong', params: { length: text.length, max: MAX_RULE_LENGTH } },
    );
  }
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourcePosition => ({ line, column: offset - lineStart + 1, offset });
  while (offset < text.length) {
    const ch = text[offset]!;
    if (ch === '\n') {
      offset++;
      line++;
      lineStart = offset;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      offset++;
      continue;
    }
    if (ch === '#') {
      while (offset < text.length && text[offset] !== '\n') offset++;
      continue;
    }
    const start = here();
    const take = (kind: TokenKind, length: number, value = text.slice(offset, offset + length)) => {
      offset += length;
      tokens.push({ kind, text: value, position: start, end: offset });
    };
    const word = match(WORD, text, offset);
    if (word) {
      take('word', word.length);
      continue;
    }
    const number = match(NUMBER, text, offset);
    if (number) {
      const run = match(RUN, text, offset)!;
      if (run !== number) {
        throw new RuleError(
          'rule.syntax',
          start,
          `'${run}' is neither a number nor a name: put a space after the number, or quote a name that starts with a digit`,
          { key: 'ruleSyntax.numberGlued', params: { run } },
        );
      }
      take('number', number.length);
      continue;
    }
    if (ch === '"') {
      const close = text.indexOf('"', offset + 1);
      const newline = text.indexOf('\n', offset + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        throw new RuleError(
          'rule.syntax',
          start,
          'unterminated string: a quoted name must close on the same line',
          { key: 'ruleSyntax.unterminated' },
        );
      }
      take('string', close - offset + 1, text.slice(offset + 1, close));
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, offset));
    if (symbol) {
      take('symbol', symbol.length);
      continue;
    }
    throw new RuleError('rule.syntax', start, `unexpected character ${JSON.stringify(ch)}`, {
      key: 'ruleSyntax.unexpectedCharacter',
      params: { character: JSON.stringify(ch) },
    });
  }
  tokens.push({ kind: 'eof', text: '', position: here(), end: offset });
  return tokens;
}
