import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Everything the server reads from its environment, validated once at boot. */
export const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default(resolve(REPO_ROOT, 'var/db')),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** A session unused for this long is over, whatever SESSION_TTL_HOURS allows. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60 * 30)
    .default(60),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Failed sign-ins for one username, from any address, that lock it for the window. */
  LOGIN_LOCKOUT_FAILURES: z.coerce.number().int().positive().default(10),
  /** The window in which LOGIN_LOCKOUT_FAILURES count, and the lock's length. */
  LOGIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** How often an open live stream re-checks that its session or token still holds. */
  LIVE_RECHECK_SECONDS: z.coerce.number().positive().max(3600).default(15),
  /** How long the public transparency page's answers are kept in the server (0: computed every time). */
  PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  WEB_DIR: z.string().default(resolve(REPO_ROOT, 'packages/web/dist')),
  /** Secure cookies need HTTPS; on by default outside localhost. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** CoT in over plain TCP (ATAK/WinTAK/iTAK); 0 or unset: off. `guarantor serve` defaults it to 8087. */
  COT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Networks allowed to send CoT, each with the nation its senders report for: `10.20.0.0/16=FRA,…`. */
  COT_ALLOW: z.string().default('127.0.0.1/32=USA,::1/128=USA'),
  /** Releasability of observations that arrive over the CoT stream. */
  COT_LABEL: z.string().default('COALITION'),
  /** Connections each CoT listener (in and out) holds at once, from all addresses together. */
  COT_MAX_CONNECTIONS: z.coerce.number().int().positive().default(512),
  /** Connections each CoT listener holds at once from one address. */
  COT_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().positive().default(16),
  /** A CoT sender that completes no event for this long (partial bytes do not count) is disconnected. */
  COT_EVENT_TIMEOUT_SECONDS: z.coerce.number().positive().max(86_400).default(300),
  /** CoT out: a TCP feed of verified incidents for TAK clients; 0 or unset: off. */
  COT_OUT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The nation whose releasability the CoT feed serves (required with COT_OUT_PORT). */
  COT_OUT_NATION: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .optional(),
  /**
   * One more CoT feed per sector, so a team's TAK clients subscribe to its own sector only:
   * `sector-north=8090,sector-south=8091` (a sector zone id, then the port). Same nation as
   * COT_OUT_NATION.
   */
  COT_OUT_SECTOR_PORTS: z.string().default(''),
  /**
   * The host name TAK clients reach the CoT feeds at, written into TAK data packages; unset:
   * the host name the package was downloaded from.
   */
  COT_PUBLIC_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or an address')
    .optional(),
  /** SMTP server for the cell's e-mail notifications (smtp://host:port or smtps://user:pass@host); unset: e-mail off, kept in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  /** The From address of those e-mails. */
  SMTP_FROM: z.string().min(3).default('Guarantor <guarantor@localhost>'),
  /** How often the mail worker sends reminders, fans notifications out and tries the outbox. 0: never by itself (tests run it). */
  MAIL_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /**
   * The most rows one list export (GET <list>.csv|.xlsx|.geojson|.gpkg) gives; past it the export
   * answers 413 export.too_large and the caller narrows the filters (ADR 0045).
   */
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(200_000),
  /**
   * A PMTiles v3 archive (vector or raster tiles) the server serves as the map's base map at
   * /api/basemap/{z}/{x}/{y}.<type> (ADR 0038); unset: the map keeps its offline GeoJSON style.
   */
  BASEMAP_PMTILES: z
    .string()
    .superRefine((path, ctx) => {
      const problem = pmtilesProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', message: `${path}: ${problem}` });
    })
    .optional(),
});

/** Why the file is not a PMTiles v3 archive the server can serve; undefined when it is one. */
function pmtilesProblem(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return 'is not a file; give the path of a .pmtiles archive';
    fd = openSync(path, 'r');
    const head = Buffer.alloc(127);
    const read = readSync(fd, head, 0, 127, 0);
    if (read < 127 || head.toString('ascii', 0, 7) !== 'PMTiles')
      return 'is not a PMTiles archive (no "PMTiles" header); make one with pmtiles convert or tippecanoe';
    if (head[7] !== 3)
      return `is PMTiles version ${head[7]}; the server reads version 3 (pmtiles convert upgrades it)`;
    return undefined;
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); give the path of a .pmtiles archive, or unset BASEMAP_PMTILES`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** Raised at boot with every problem in the configuration, each naming its variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the configuration from environment variables, with command-line flags (already
 * parsed, as the same names) taking precedence. Unknown variables are ignored; a bad value
 * stops the boot with a message naming it.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  flags: Partial<Record<keyof Config, string>> = {},
): Config {
  // An empty variable (`DATABASE_URL=`) means unset, as shells and .env files write it.
  const given = (source: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const merged = { ...given(env), ...given(flags) };
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`configuration is invalid:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}
