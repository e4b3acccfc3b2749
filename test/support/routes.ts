import type { FastifyInstance } from 'fastify';
import type { JsonSchema } from './json-schema-arbitrary.ts';

/** One route as the router holds it: `GET /api/offers/:id`. */
export interface RouteKey {
  readonly method: string;
  readonly url: string;
  readonly key: string;
}

/**
 * Every route the app's router holds (HEAD, which Fastify adds beside each GET, left out),
 * read from the router itself (`printRoutes`), so routes hidden from the OpenAPI document are
 * listed too.
 */
export function listRoutes(app: FastifyInstance): readonly RouteKey[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  const stack: string[] = [];
  const out: RouteKey[] = [];
  for (const line of lines) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') out.push({ method, url, key: `${method} ${url}` });
    }
  }
  return out;
}

/** A route's request schemas from the OpenAPI document, by router key (`:id` for `{id}`). */
export interface RouteSchemas {
  readonly body?: JsonSchema;
  readonly bodyContentTypes: readonly string[];
  readonly params: readonly { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
}

/** The OpenAPI document's operations, keyed as `listRoutes` keys them. */
export function openApiSchemas(app: FastifyInstance): ReadonlyMap<string, RouteSchemas> {
  const spec = app.swagger() as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  const out = new Map<string, RouteSchemas>();
  for (const [path, operations] of Object.entries(spec.paths)) {
    const url = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(operations)) {
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']?.schema;
      out.set(`${method.toUpperCase()} ${url}`, {
        ...(body ? { body } : {}),
        bodyContentTypes: Object.keys(content),
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({
            name: p.name,
            in: p.in as 'path' | 'query',
            required: p.required === true,
            schema: p.schema ?? {},
          })),
      });
    }
  }
  return out;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
}
