import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Language, Words } from '@guarantor/core/i18n';
import { type Refusal, refusalText } from '@guarantor/core/i18n/refusals';
import { type GuarantorDatabase, userLanguage } from '@guarantor/db';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler } from 'fastify-type-provider-zod';
import { registerAuth } from './auth/plugin.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import {
  AppError,
  ERRORS,
  type ErrorBody,
  fromDatabaseError,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
} from './errors.ts';
import { answerLanguage, useI18nLogger, wordsFor } from './i18n.ts';
import { documentTransform } from './openapi-document.ts';
import { registerTextGuard } from './request-text.ts';
import { recordRoutes } from './route-table.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { basemapRoutes } from './routes/basemap.ts';
import { cellworkRoutes } from './routes/cellwork/index.ts';
import { coalitionRoutes } from './routes/coalition.ts';
import { exportRoutes } from './routes/exports.ts';
import { financeBreakdownRoutes } from './routes/finance/breakdown.ts';
import { financeRoutes } from './routes/finance/index.ts';
import { financeReleaseRoutes } from './routes/finance/release.ts';
import { financeSecurityRoutes } from './routes/finance/security.ts';
import { healthRoutes } from './routes/health.ts';
import { landOptionRoutes } from './routes/land-options.ts';
import { logisticsRoutes } from './routes/logistics.ts';
import { mapRoutes } from './routes/map.ts';
import { monitoringRoutes } from './routes/monitoring/index.ts';
import { offerRoutes } from './routes/offers.ts';
import { ogcRoutes } from './routes/ogc.ts';
import { phasesRoutes } from './routes/phases/index.ts';
import { planningRoutes } from './routes/planning/index.ts';
import { presenceRoutes } from './routes/presence.ts';
import { reportsRoutes } from './routes/reports.ts';
import { takRoutes } from './routes/tak.ts';
import { territoryRoutes } from './routes/territory.ts';
import { transparencyRoutes } from './routes/transparency.ts';
import { userRoutes } from './routes/users.ts';
import { zonesRoutes } from './routes/zones/index.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { validationText, validatorWithInputs } from './validation-text.ts';

/** What the server is built from; tests pass their own database and clock. */
export interface AppDeps {
  readonly database: GuarantorDatabase;
  readonly clock: Clock;
  readonly config: Config;
}

/** The parts every route plugin receives. */
export type RouteDeps = AppDeps;

/**
 * The composition root: builds the Fastify app from real parts. It knows nothing of which
 * database engine runs; `database` hides that.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
    // The router refuses a URL it cannot decode, or a path parameter over its length limit,
    // before any handler runs: answer in the catalogue's shape all the same.
    frameworkErrors: (error, request, reply) => {
      const tooLong = (error as { code?: string }).code === 'FST_ERR_MAX_PARAM_LENGTH';
      const code = tooLong ? 'request.url_too_long' : 'request.invalid';
      // App hooks do not run on these answers: the request id header is set here.
      return (reply as FastifyReply)
        .status(ERRORS[code])
        .header('x-request-id', request.id)
        .send({
          error: {
            code,
            message: refusalText(
              wordsFor(answerLanguage(undefined, undefined, request.headers['accept-language'])),
              { key: tooLong ? 'request.pathParamTooLong' : 'request.urlNotDecodable' },
            ),
            field: 'params',
            requestId: request.id,
          },
        } satisfies ErrorBody);
    },
  });
  recordRoutes(app);
  // A translation missing in uk or fr is answered in English and logged here, once per key.
  useI18nLogger(app.log);
  registerTextGuard(app);
  registerSecurityHeaders(app);
  app.setValidatorCompiler(validatorWithInputs);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  /**
   * The language refusals are written in: the signed-in user's chosen language, else the
   * browser's (Accept-Language), else English (ADR 0051). The choice is read only when a request
   * is refused, and not at all when the database is what failed.
   */
  const refusalWords = async (request: FastifyRequest, error: unknown): Promise<Words> => {
    let chosen: Language | null = null;
    const user = request.principal?.user;
    const databaseDown =
      isDatabaseUnavailable(error) || (error instanceof AppError && error.code === 'database.unavailable');
    if (user && !databaseDown) {
      try {
        chosen = await userLanguage(deps.database.db, user.id);
      } catch {
        // The refusal is answered all the same, in the browser's language.
      }
    }
    return wordsFor(answerLanguage(undefined, chosen, request.headers['accept-language']));
  };

  app.setErrorHandler(async (error: Error, request, reply) => {
    const w = await refusalWords(request, error);
    const send = (status: number, body: Omit<ErrorBody['error'], 'requestId'>) => {
      const retryAfter = RETRY_AFTER_SECONDS[body.code];
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      return reply.status(status).send({ error: { ...body, requestId: request.id } } satisfies ErrorBody);
    };
    const say = (refusal: Refusal) => refusalText(w, refusal);
    if (error instanceof AppError) {
      return send(error.status, {
        code: error.code,
        message: error.messageIn(w),
        ...(error.field ? { field: error.field } : {}),
        ...(error.details !== undefined ? { details: error.detailsIn(w) } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const where = error.validationContext ?? 'body';
      const field = path ? `${where}.${path}` : where;
      const unknownKeys =
        issue?.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
      const message = unknownKeys
        ? say({
            key: 'request.unknownFields',
            params: { field, count: unknownKeys.length, keys: unknownKeys.join(', ') },
          })
        : say({
            key: 'request.fieldInvalid',
            params: { field, problem: issue ? validationText(issue, w.language) : undefined },
          });
      return send(400, {
        code: 'request.invalid',
        message,
        field: unknownKeys ? `${field}.${unknownKeys[0]}` : field,
      });
    }
    const fastifyCode = (error as { code?: string }).code;
    if (
      fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400)
    ) {
      return send(400, {
        code: 'request.malformed_json',
        message: say({ key: 'request.malformedJson', params: { reason: error.message } }),
        field: 'body',
      });
    }
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(413, {
        code: 'request.too_large',
        message: say({ key: 'request.bodyTooLarge' }),
      });
    }
    if ((error as { statusCode?: number }).statusCode === 429) {
      return send(429, {
        code: 'auth.rate_limited',
        message: say({ key: 'common.reason', params: { reason: error.message } }),
      });
    }
    const mapped = fromDatabaseError(error);
    if (mapped) return send(mapped.status, { code: mapped.code, message: mapped.messageIn(w) });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return send(status, {
        code: 'request.invalid',
        message: say({ key: 'common.reason', params: { reason: error.message } }),
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, {
      code: 'internal',
      message: say({ key: 'request.internal', params: { id: request.id } }),
    });
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !existsSync(config.WEB_DIR)) {
      return reply.status(404).send({
        error: {
          code: 'not_found',
          message: refusalText(
            wordsFor(answerLanguage(undefined, undefined, request.headers['accept-language'])),
            {
              key: 'request.noRoute',
              params: { method: request.method, path: request.url.split('?')[0] },
            },
          ),
          requestId: request.id,
        },
      });
    }
    // The web app routes in the browser: unknown paths get its page.
    return reply.sendFile('index.html');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guarantor API',
        version: '0.1.0',
        description:
          'Coordination of a post-ceasefire security guarantee: coalition offers, roles, monitoring, phases. ' +
          'Browsers authenticate with the session cookie from POST /api/auth/login and send x-csrf-token on writes; ' +
          'machine clients send Authorization: Bearer <API token>. Errors are {"error":{"code","message","field","requestId"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'guarantor_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
      servers: [{ url: '/', description: 'this server' }],
    },
    transform: documentTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, deps.database, deps.clock, {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    recheckMs: config.LIVE_RECHECK_SECONDS * 1000,
  });
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(coalitionRoutes(deps));
  await app.register(offerRoutes(deps));
  await app.register(planningRoutes(deps));
  await app.register(mapRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(zonesRoutes(deps));
  await app.register(presenceRoutes(deps));
  await app.register(financeRoutes(deps));
  await app.register(financeSecurityRoutes(deps));
  await app.register(financeBreakdownRoutes(deps));
  await app.register(financeReleaseRoutes(deps));
  await app.register(reportsRoutes(deps));
  await app.register(phasesRoutes(deps));
  await app.register(monitoringRoutes(deps));
  await app.register(ogcRoutes(deps));
  await app.register(territoryRoutes(deps));
  await app.register(takRoutes(deps));
  await app.register(transparencyRoutes(deps));
  await app.register(landOptionRoutes(deps));
  await app.register(logisticsRoutes(deps));
  await app.register(cellworkRoutes(deps));
  await app.register(exportRoutes(deps));
  await app.register(basemapRoutes(deps));

  if (existsSync(config.WEB_DIR)) {
    await app.register(fastifyStatic, { root: config.WEB_DIR });
  }
  return app;
}
