/**
 * The reader's sentence words (ADR 0052): core's phrasing in the language reports use
 * (`?lang=`, else the user's chosen language, else Accept-Language, else English), with
 * Ukraine's units named from the reference data (data/ukraine-adm1.geojson's Ukrainian names).
 */
import { LANGUAGES, type Language, type Words } from '@guarantor/core/i18n';
import { type Phrasing, phrasing } from '@guarantor/core/i18n/words';
import type { GuarantorDatabase } from '@guarantor/db';
import { userLanguage } from '@guarantor/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from './auth/context.ts';
import { answerLanguage, wordsFor } from './i18n.ts';
import { shippedUnits } from './places.ts';

/** `?lang=` of a route whose sentences are written in the reader's language. */
export const Lang = z
  .enum(LANGUAGES, { error: 'must be en, uk or fr' })
  .optional()
  .describe(
    "the language of the sentences; default the user's chosen language, else the browser's (Accept-Language), else en",
  );

const cache = new Map<Language, Phrasing>();
let ukrainian: ReadonlyMap<string, string> | undefined;

/** The phrasing of one language, Ukraine's units named as the reference data names them. */
export function phrasingFor(language: Language): Phrasing {
  let p = cache.get(language);
  if (!p) {
    p = phrasing(wordsFor(language), {
      ukrainianRegion: (code) => {
        ukrainian ??= new Map(shippedUnits().features.map((f) => [f.properties.code, f.properties.nameUk]));
        return ukrainian.get(code);
      },
    });
    cache.set(language, p);
  }
  return p;
}

/** The signed-in reader's phrasing: `asked` (`?lang=`), else their chosen language, else Accept-Language. */
export async function readerPhrasing(
  database: Pick<GuarantorDatabase, 'db'>,
  request: FastifyRequest,
  asked?: Language,
): Promise<Phrasing> {
  const { user } = requireUser(request);
  const chosen = asked ? null : await userLanguage(database.db, user.id);
  return phrasingFor(answerLanguage(asked, chosen, request.headers['accept-language']));
}

/**
 * The signed-in reader's words, for reasons inside a 2xx answer (an import's rejected rows):
 * their chosen language, else Accept-Language, else English.
 */
export async function readerWords(database: GuarantorDatabase, request: FastifyRequest): Promise<Words> {
  return (await readerPhrasing(database, request)).words;
}
