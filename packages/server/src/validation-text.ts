/**
 * A request validation problem (one zod issue, as fastify-type-provider-zod hands it to the
 * error handler) in the reader's language. zod's own messages are put in words again by zod's
 * locale for that language; the messages our schemas give (`'a date YYYY-MM-DD'`) are looked up
 * in the refusal catalogue's `validation` section by their English text (ADR 0051).
 */
import type { Language } from '@guarantor/core/i18n';
import { REFUSALS } from '@guarantor/core/i18n/refusals';
import { validatorCompiler } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { wordsFor } from './i18n.ts';

/** One validation problem as the error handler sees it. */
export interface ValidationProblem {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

const locales: Readonly<Record<Language, ReturnType<typeof z.locales.en>>> = {
  en: z.locales.en(),
  uk: z.locales.uk(),
  fr: z.locales.fr(),
};

// Our schemas' own messages, English text → key in the refusal catalogue.
const ours = new Map<string, string>(
  Object.entries(REFUSALS.en.validation).map(([key, text]) => [text as string, `validation.${key}`]),
);

/**
 * Type names zod's Ukrainian locale leaves in English ("очікується число, отримано string"): its
 * dictionary names only numbers, arrays and NaN. French names them all.
 */
const UKRAINIAN_TYPES: Readonly<Record<string, string>> = {
  string: 'рядок',
  number: 'число',
  int: 'ціле число',
  boolean: 'логічне значення',
  bigint: 'велике ціле число',
  symbol: 'символ',
  undefined: 'відсутнє значення',
  null: 'null',
  object: 'об’єкт',
  array: 'масив',
  date: 'дата',
  function: 'функція',
  file: 'файл',
  map: 'відображення (Map)',
  set: 'множина (Set)',
  promise: 'проміс',
  nan: 'NaN',
};

/** zod's Ukrainian for a wrong type, with both types named in Ukrainian. */
function ukrainianInvalidType(issue: { expected?: unknown; input?: unknown }): string | undefined {
  const expected = String(issue.expected);
  if (/^[A-Z]/.test(expected)) return undefined; // instanceof a class: zod's own wording
  const received = z.core.util.parsedType(issue.input);
  return `Неправильні вхідні дані: очікується ${UKRAINIAN_TYPES[expected] ?? expected}, отримано ${UKRAINIAN_TYPES[received] ?? received}`;
}

/** The problem in words: zod's message in the language, our schema's message from the catalogue, else as written. */
export function validationText(problem: ValidationProblem, language: Language): string {
  const english = problem.message ?? 'is invalid';
  if (language === 'en') return english;
  const issue = {
    ...problem.params,
    code: problem.keyword,
    path: problem.instancePath.split('/').filter(Boolean),
    input: problem.params.input,
  } as unknown as Parameters<(typeof locales)['en']['localeError']>[0];
  const byZod = (l: Language) => {
    const made = locales[l].localeError(issue);
    return typeof made === 'string' ? made : made?.message;
  };
  // A message zod wrote itself reads the same as zod's English for the issue.
  if (byZod('en') === english)
    return (
      (language === 'uk' && problem.keyword === 'invalid_type' ? ukrainianInvalidType(issue) : undefined) ??
      byZod(language) ??
      english
    );
  const key = ours.get(english);
  return key ? wordsFor(language).t(`refusals:${key}`) : english;
}

/**
 * fastify-type-provider-zod's validator, with each problem's input put back (zod leaves it out of
 * its issues), so zod's locales can say what was received ("received string") in any language.
 */
export const validatorWithInputs: typeof validatorCompiler = (route) => {
  const check = validatorCompiler(route);
  return (data: unknown) => {
    const result = check(data) as { error?: ValidationProblem[] };
    for (const problem of result.error ?? []) {
      if ('input' in problem.params) continue;
      let value: unknown = data;
      for (const part of problem.instancePath.split('/').filter(Boolean))
        value =
          typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
      problem.params.input = value;
    }
    return result as ReturnType<ReturnType<typeof validatorCompiler>>;
  };
};
