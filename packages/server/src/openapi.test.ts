import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../test/support/api.ts';
import { testEngines } from '../../../test/support/databases.ts';

/**
 * The API describes itself (issue 15): /openapi.json passes Redocly's recommended rules, and no
 * request or response body of a route is `{}` where data is expected, so a client author never
 * has to read the source.
 */
type Schema = { readonly [key: string]: unknown };
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
]);

/** Paths inside a schema where it says nothing of its data: `{}`, or an object with no properties named. */
function vagueParts(schema: unknown, at: string, out: string[]): string[] {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as Schema;
  if (Object.keys(s).every((k) => ANNOTATIONS.has(k))) out.push(at);
  if (
    s['type'] === 'object' &&
    !('properties' in s) &&
    !('additionalProperties' in s) &&
    !('patternProperties' in s)
  )
    out.push(`${at} (an object naming nothing)`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties' || key === 'patternProperties')
      for (const [name, sub] of Object.entries(value as Schema)) vagueParts(sub, `${at}.${name}`, out);
    else if (key === 'items') vagueParts(value, `${at}[${key}]`, out);
    // More properties than those named may come (a zone file's own properties): allowed when some are named.
    else if (key === 'additionalProperties' && !('properties' in s)) vagueParts(value, `${at}[${key}]`, out);
    else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf')
      (value as unknown[]).forEach((sub, i) => {
        vagueParts(sub, `${at}|${key}[${i}]`, out);
      });
    else if (key === 'prefixItems')
      (value as unknown[]).forEach((sub, i) => {
        vagueParts(sub, `${at}[${i}]`, out);
      });
  }
  return out;
}

/**
 * Parts that are free-form by design, each with why: a rule's parameters and a record's free
 * metadata are the caller's own, and the error's details vary by error.
 */
const FREE_FORM: Readonly<Record<string, string>> = {
  'error.details': 'what an error adds depends on the error (a refused file lists its problems)',
  // GET /api/audit: the audited record's state either side, shaped as that kind of record is (entity).
  'entries[items].before': "the audited record's state before the change, in its own kind's shape",
  'entries[items].after': "the audited record's state after the change, in its own kind's shape",
};

const [engine] = await testEngines();

describe.skipIf(!engine || engine.skip)('the OpenAPI document', () => {
  let h: ApiHarness;
  let document: {
    paths: Record<string, Record<string, { requestBody?: Schema; responses?: Record<string, Schema> }>>;
  };
  beforeAll(async () => {
    h = await openApiHarness(engine!, { now: new Date('2026-11-20T12:00:00Z'), seed: false });
    document = (await h.app.inject('/openapi.json')).json();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("passes Redocly's recommended rules, with an operationId and error answers on every operation", async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        'operation-operationId': 'error',
        'operation-4xx-response': 'error',
        // The project has not chosen a licence yet; the document says none rather than invent one.
        'info-license': 'off',
      },
    });
    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: '/openapi.json',
      config,
    });
    const shown = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(shown).toEqual([]);
  });

  it('describes every request and response body: no {} where data is expected', () => {
    const vague: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const parts: [string, unknown][] = [];
        const request = operation.requestBody as
          | { content?: Record<string, { schema?: unknown }> }
          | undefined;
        for (const [type, media] of Object.entries(request?.content ?? {}))
          parts.push([`request ${type}`, media.schema]);
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const content = (response as { content?: Record<string, { schema?: unknown }> }).content ?? {};
          for (const [type, media] of Object.entries(content))
            if (type.includes('json')) parts.push([`${status} ${type}`, media.schema]);
        }
        for (const [where, schema] of parts) {
          bodies++;
          for (const part of vagueParts(schema, '', []))
            if (!Object.keys(FREE_FORM).some((free) => part.startsWith(`.${free}`)))
              vague.push(`${method.toUpperCase()} ${path} ${where}${part}`);
        }
      }
    }
    console.log(`OpenAPI: ${Object.keys(document.paths).length} paths, ${bodies} JSON bodies described`);
    expect(vague).toEqual([]);
  });
});
