import { BlockList, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { parseReleasability, type Reader, type Releasability } from '@guarantor/core/access';
import { type CotFrame, CotStreamFramer, incidentToCot } from '@guarantor/core/cot';
import { isIso3 } from '@guarantor/core/reference';
import {
  asReader,
  type GuarantorDatabase,
  type IncidentFilter,
  type IncidentListKey,
  type IncidentRecord,
  isCoalitionMember,
  listIncidents,
  listZones,
} from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { ConnectionLimiter, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits.ts';
import { cotInput, incidentDeleteCot, stripDeclaration } from './cot-out.ts';
import { ingestCot } from './intake.ts';
import type { MonitoringService } from './service.ts';

/** A network allowed to send CoT, and the nation its senders report for. */
export interface CotNetwork {
  readonly cidr: string;
  readonly nation: string;
}

/**
 * Parses `COT_ALLOW`: comma-separated `address/prefix=ISO3` entries, e.g.
 * `10.20.0.0/16=FRA,127.0.0.1/32=USA`. CoT carries no nation and TAK clients send no
 * credentials on a plain stream, so the network a connection comes from names its nation.
 */
export function parseCotNetworks(text: string): readonly CotNetwork[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([0-9a-fA-F:.]+)\/(\d{1,3})=([A-Z]{3})$/.exec(entry);
      if (!match || !isIso3(match[3]!)) {
        throw new ConfigError(`COT_ALLOW: "${entry}" is not address/prefix=ISO3, e.g. 10.20.0.0/16=FRA`);
      }
      return { cidr: `${match[1]}/${match[2]}`, nation: match[3]! };
    });
}

/** One sector feed of COT_OUT_SECTOR_PORTS. */
export interface CotSectorPort {
  readonly sector: string;
  readonly port: number;
}

/**
 * Parses `COT_OUT_SECTOR_PORTS`: comma-separated `sector-id=port` entries, e.g.
 * `sector-north=8090,sector-south=8091`. Each sector once, each port once (0, a port the
 * system chooses, may repeat).
 */
export function parseCotSectorPorts(text: string): readonly CotSectorPort[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^([a-z0-9][a-z0-9_-]{1,63})=(\d{1,5})$/.exec(entry);
      const port = Number(match?.[2]);
      if (!match || port > 65535) {
        throw new ConfigError(
          `COT_OUT_SECTOR_PORTS: "${entry}" is not sector-id=port (a sector zone id, then a port up to 65535; 0 lets the system choose one), e.g. sector-north=8090`,
        );
      }
      return { sector: match[1]!, port };
    });
  const twice = (key: (e: CotSectorPort) => string | number) =>
    entries.find((e, i) => entries.findIndex((f) => key(f) === key(e)) !== i);
  const sectorTwice = twice((e) => e.sector);
  if (sectorTwice)
    throw new ConfigError(`COT_OUT_SECTOR_PORTS: sector "${sectorTwice.sector}" is listed twice`);
  const portTwice = twice((e) => e.port || `free-${e.sector}`);
  if (portTwice) throw new ConfigError(`COT_OUT_SECTOR_PORTS: port ${portTwice.port} is listed twice`);
  return entries;
}

function nationOf(networks: readonly CotNetwork[], address: string): string | undefined {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  for (const network of networks) {
    const [net, prefix] = network.cidr.split('/');
    const list = new BlockList();
    const type = isIPv6(net!) ? 'ipv6' : 'ipv4';
    try {
      list.addSubnet(net!, Number(prefix), type);
      if (list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4')) return network.nation;
    } catch {
      // A malformed entry matches nothing; parseCotNetworks refuses it at boot.
    }
  }
  return undefined;
}

/** A running TCP service. */
export interface TcpService {
  readonly port: number;
  close(): Promise<void>;
}

/** Bytes a TAK feed subscriber may fall behind before it is dropped. */
const MAX_FEED_BACKLOG = 4 * 1024 * 1024;

/**
 * Takes a place for the socket under the service's caps, giving it back on close; false (and
 * the socket destroyed) when a cap is full.
 */
function admit(limiter: ConnectionLimiter, socket: Socket, log: FastifyBaseLogger, what: string): boolean {
  const admitted = limiter.admit(socket.remoteAddress ?? '');
  if ('refused' in admitted) {
    log.warn(
      { peer: `${socket.remoteAddress}:${socket.remotePort}`, cap: admitted.refused },
      `${what}: connection refused: ${admitted.refused === 'total' ? 'too many connections' : 'too many connections from this address'}`,
    );
    socket.destroy();
    return false;
  }
  socket.once('close', admitted.release);
  return true;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * CoT in over plain TCP. Each connection has its own framer (bounded to one event of 64 KiB
 * plus the latest chunk) and is processed in order with the socket paused, so a slow
 * database pushes back on the sender rather than filling memory. A connection from outside
 * COT_ALLOW is closed at once; a bad event is dropped and logged; a cut stream loses only
 * the half event; other connections never notice.
 */
export async function startCotIntake(options: {
  readonly database: GuarantorDatabase;
  readonly monitoring: MonitoringService;
  readonly log: FastifyBaseLogger;
  readonly host: string;
  readonly port: number;
  readonly networks: readonly CotNetwork[];
  readonly label: Releasability;
  readonly limits?: ConnectionLimits;
}): Promise<TcpService> {
  const { database, monitoring, log, networks, label } = options;
  const limits = options.limits ?? DEFAULT_CONNECTION_LIMITS;
  const limiter = new ConnectionLimiter(limits);
  const sockets = new Set<Socket>();
  const members = new Map<string, boolean>();
  let closing = false;
  const server = createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const nation = nationOf(networks, socket.remoteAddress ?? '');
    if (!nation) {
      log.warn({ peer }, 'CoT: connection from outside COT_ALLOW refused');
      socket.destroy();
      return;
    }
    if (!admit(limiter, socket, log, 'CoT')) return;
    sockets.add(socket);
    // A deadline for the next complete event, re-armed only when one arrives.
    let deadline: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => {
        log.warn({ peer }, 'CoT: no complete event within COT_EVENT_TIMEOUT_SECONDS; disconnected');
        socket.destroy();
      }, limits.eventTimeoutMs);
    };
    arm();
    const framer = new CotStreamFramer();
    let chain: Promise<void> = Promise.resolve();
    const handle = (frames: CotFrame[]) => {
      if (frames.length === 0) return;
      if (frames.some((f) => f.kind === 'event')) arm();
      socket.pause();
      const store = async () => {
        let coalitionMember = members.get(nation);
        if (coalitionMember === undefined) {
          coalitionMember = await isCoalitionMember(database.db, nation);
          members.set(nation, coalitionMember);
        }
        const reader: Reader = { nation, coalitionMember };
        const results = await ingestCot(
          database,
          frames,
          {
            reader,
            nation,
            senderId: `tcp:${socket.remoteAddress}`,
            label,
            submittedBy: `cot-tcp:${peer}`,
            // One peer address is one submitter, however many connections or device uids it uses.
            submitter: `cot-tcp:${socket.remoteAddress}`,
          },
          monitoring.worker.fresh,
        );
        for (const r of results) {
          if (r.kind === 'rejected' || r.kind === 'dropped')
            log.warn({ peer, uid: r.uid, code: r.code, reason: r.message }, 'CoT: event dropped');
        }
        monitoring.worker.wake();
      };
      chain = chain
        .then(() => storeThroughOutage(store, log, peer, () => closing))
        .catch((error: unknown) => log.error({ peer, err: error }, 'CoT: storing events failed'))
        .finally(() => {
          if (!socket.destroyed) socket.resume();
        });
    };
    socket.on('data', (chunk: Buffer) => handle(framer.push(chunk)));
    socket.on('end', () => handle(framer.end()));
    socket.on('error', (error) => log.debug({ peer, err: error }, 'CoT: connection error'));
    socket.on('close', () => {
      clearTimeout(deadline);
      sockets.delete(socket);
    });
  });
  let port: number;
  try {
    port = await listen(server, options.host, options.port);
  } catch (error) {
    throw bindError('CoT intake (COT_PORT)', options.host, options.port, error);
  }
  log.info({ port }, 'CoT intake listening (plain TCP; terminate TLS in front, see docs/operations.md)');
  return {
    port,
    close: () => {
      closing = true;
      return closeServer(server, sockets);
    },
  };
}

const OUTAGE_RETRY_FIRST_MS = 250;
const OUTAGE_RETRY_MAX_MS = 5_000;

/**
 * Stores a batch of events, waiting out a database outage: CoT has no acknowledgement, so an
 * event given up on is an event lost. While the database is away the batch is retried (250 ms,
 * doubling to 5 s) with the socket still paused, so the sender's TCP window fills and it waits,
 * and nothing more is read into memory. A batch already read is kept even if its connection
 * closes meanwhile; only the service closing gives up on it. Storing is idempotent (a resent
 * uid with the same content is `unchanged`), so a retry after a commit whose answer was lost
 * stores nothing twice. Any other error is not retried.
 */
async function storeThroughOutage(
  store: () => Promise<void>,
  log: FastifyBaseLogger,
  peer: string,
  closing: () => boolean,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await store();
      if (attempt > 0)
        log.info({ peer, attempts: attempt + 1 }, 'CoT: events stored after the database came back');
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || closing()) throw error;
      if (attempt === 0)
        log.warn({ peer, err: error }, 'CoT: the database is away; holding the events and retrying');
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(OUTAGE_RETRY_MAX_MS, OUTAGE_RETRY_FIRST_MS * 2 ** Math.min(attempt, 5))),
      );
    }
  }
}

const FEED_STATES = ['verified', 'attributed'] as const;
/** How long TAK clients keep showing an incident the feed has not resent (its CoT `stale`). */
export const FEED_STALE_MS = 2 * 60 * 60 * 1000;
/** How often the feed resends every live incident, well before FEED_STALE_MS runs out. */
export const FEED_REFRESH_MS = 30 * 60 * 1000;
const FEED_PAGE = 5000;

/**
 * CoT out: a TCP feed of verified and attributed incidents for TAK clients (ATAK "streaming
 * TCP" input). A subscriber gets the current ones on connect, then each change as it happens,
 * with the incident's stable uid so the marker updates in place. An incident dismissed, or
 * joined into another by fusion, is withdrawn with a CoT delete (`t-x-d-d`). Every
 * `refreshMs` the feed resends the live incidents (so markers do not go stale while the
 * feed runs, and do once it stops) and deletes the ones a subscriber holds that are no longer
 * served, e.g. ones whose label no longer admits the reader. It serves what `reader` may read
 * (COT_OUT_NATION).
 */
export async function startCotFeed(options: {
  readonly database: GuarantorDatabase;
  readonly monitoring: MonitoringService;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly host: string;
  readonly port: number;
  readonly reader: Reader;
  /**
   * A sector zone's id: the feed serves only incidents the sector covers, so a team's TAK
   * clients subscribe to its own sector (COT_OUT_SECTOR_PORTS). Unset: every sector.
   */
  readonly sector?: string;
  readonly refreshMs?: number;
  readonly limits?: Pick<ConnectionLimits, 'maxConnections' | 'maxPerAddress'>;
}): Promise<TcpService> {
  const { database, monitoring, clock, log, reader, sector } = options;
  const served: IncidentFilter = { states: [...FEED_STATES], ...(sector === undefined ? {} : { sector }) };
  const limiter = new ConnectionLimiter(options.limits ?? DEFAULT_CONNECTION_LIMITS);
  /** Each subscriber, with the incidents its client shows and a queue that keeps writes in order. */
  const subscribers = new Map<Socket, { shown: Set<string>; queue: Promise<void> }>();
  const write = (socket: Socket, xml: string) => {
    if (socket.destroyed) return;
    if (socket.writableLength > MAX_FEED_BACKLOG) {
      log.warn({ peer: socket.remoteAddress }, 'CoT feed: subscriber too slow; disconnected');
      socket.destroy();
      return;
    }
    socket.write(`${stripDeclaration(xml)}\n`);
  };
  const show = (socket: Socket, incident: IncidentRecord, nowMs: number) => {
    subscribers.get(socket)?.shown.add(incident.id);
    write(socket, incidentToCot(cotInput(incident), { nowMs, staleAfterMs: FEED_STALE_MS }));
  };
  const withdraw = (socket: Socket, id: string, nowMs: number) => {
    const shown = subscribers.get(socket)?.shown;
    if (!shown?.delete(id)) return;
    write(socket, incidentDeleteCot(id, nowMs));
  };
  const enqueue = (socket: Socket, job: () => Promise<void>) => {
    const subscriber = subscribers.get(socket);
    if (!subscriber) return;
    subscriber.queue = subscriber.queue
      .then(job)
      .catch((error: unknown) => log.error({ err: error }, 'CoT feed: reading incidents failed'));
  };
  const live = async (): Promise<IncidentRecord[]> => {
    const all: IncidentRecord[] = [];
    let after: IncidentListKey | undefined;
    for (;;) {
      const page = await asReader(database.db, reader, (trx) =>
        listIncidents(trx, served, { limit: FEED_PAGE, after }),
      );
      all.push(...page.incidents);
      if (!page.next) return all;
      after = page.next;
    }
  };
  /** Sends every live incident and withdraws what the subscriber shows beyond them. */
  const resend = (socket: Socket, incidents: readonly IncidentRecord[]) => {
    const nowMs = clock.now().getTime();
    const current = new Set(incidents.map((i) => i.id));
    for (const id of [...(subscribers.get(socket)?.shown ?? [])])
      if (!current.has(id)) withdraw(socket, id, nowMs);
    for (const incident of incidents) show(socket, incident, nowMs);
  };
  const server = createServer((socket) => {
    if (!admit(limiter, socket, log, 'CoT feed')) return;
    subscribers.set(socket, { shown: new Set(), queue: Promise.resolve() });
    // TAK clients send their own position reports up the feed; they are not read here.
    socket.on('data', () => {});
    socket.on('error', () => socket.destroy());
    const unsubscribe = monitoring.live.subscribe({
      reader,
      send: (change) =>
        enqueue(socket, async () => {
          const nowMs = clock.now().getTime();
          if (change.mergedInto || !(FEED_STATES as readonly string[]).includes(change.state)) {
            withdraw(socket, change.id, nowMs);
            return;
          }
          // The same filter as the whole picture, narrowed to the one incident: its state, and
          // for a sector feed whether the sector still covers it (an incident can move out).
          const page = await asReader(database.db, reader, (trx) =>
            listIncidents(trx, { ...served, ids: [change.id] }, { limit: 1 }),
          );
          const incident = page.incidents[0];
          if (incident) show(socket, incident, nowMs);
          else withdraw(socket, change.id, nowMs);
        }),
      // Changes made while the database was away were not heard: send the whole picture again.
      resync: () => enqueue(socket, async () => resend(socket, await live())),
    });
    socket.on('close', () => {
      unsubscribe();
      subscribers.delete(socket);
    });
    enqueue(socket, async () => resend(socket, await live()));
  });
  const refresh = setInterval(() => {
    if (subscribers.size === 0) return;
    void live()
      .then((incidents) => {
        for (const socket of subscribers.keys()) enqueue(socket, async () => resend(socket, incidents));
      })
      .catch((error: unknown) => log.error({ err: error }, 'CoT feed: refresh failed'));
  }, options.refreshMs ?? FEED_REFRESH_MS);
  refresh.unref();
  let port: number;
  try {
    port = await listen(server, options.host, options.port);
  } catch (error) {
    clearInterval(refresh);
    throw bindError(
      sector === undefined ? 'CoT feed (COT_OUT_PORT)' : `CoT feed of ${sector} (COT_OUT_SECTOR_PORTS)`,
      options.host,
      options.port,
      error,
    );
  }
  log.info({ port, nation: reader.nation, sector: sector ?? 'all' }, 'CoT feed listening');
  return {
    port,
    close: () => {
      clearInterval(refresh);
      return closeServer(server, new Set(subscribers.keys()));
    },
  };
}

/** A listener that could not bind, named with its setting, address and port. */
export class CotBindError extends Error {
  readonly port: number;
  constructor(message: string, port: number, options?: ErrorOptions) {
    super(message, options);
    this.port = port;
    this.name = 'CotBindError';
  }
}

function bindError(what: string, host: string, port: number, error: unknown): CotBindError {
  const code = (error as { code?: string }).code;
  const why =
    code === 'EADDRINUSE'
      ? 'the port is in use by another process'
      : code === 'EACCES'
        ? 'permission denied (ports below 1024 need privileges)'
        : (error as Error).message;
  return new CotBindError(
    `${what}: cannot listen on ${host}:${port}: ${why}; choose another port, or leave it unset to turn the listener off`,
    port,
    { cause: error },
  );
}

/** What the CoT TCP services read from the configuration. */
export interface CotConfig {
  readonly HOST: string;
  readonly COT_PORT?: number | undefined;
  readonly COT_ALLOW: string;
  readonly COT_LABEL: string;
  readonly COT_OUT_PORT?: number | undefined;
  readonly COT_OUT_NATION?: string | undefined;
  readonly COT_OUT_SECTOR_PORTS?: string | undefined;
  readonly COT_MAX_CONNECTIONS: number;
  readonly COT_MAX_CONNECTIONS_PER_ADDRESS: number;
  readonly COT_EVENT_TIMEOUT_SECONDS: number;
}

/** Starts the CoT listeners the configuration asks for; close() stops them. */
export async function startCotServices(options: {
  readonly config: CotConfig;
  readonly database: GuarantorDatabase;
  readonly monitoring: MonitoringService;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
}): Promise<{
  readonly intake?: TcpService;
  readonly feed?: TcpService;
  /** The sector feeds of COT_OUT_SECTOR_PORTS, each with its port. */
  readonly sectorFeeds: readonly (TcpService & { readonly sector: string })[];
  close(): Promise<void>;
}> {
  const { config } = options;
  const limits: ConnectionLimits = {
    maxConnections: config.COT_MAX_CONNECTIONS,
    maxPerAddress: config.COT_MAX_CONNECTIONS_PER_ADDRESS,
    eventTimeoutMs: config.COT_EVENT_TIMEOUT_SECONDS * 1000,
  };
  let intake: TcpService | undefined;
  let feed: TcpService | undefined;
  if (config.COT_PORT) {
    let label: Releasability;
    try {
      label = parseReleasability(config.COT_LABEL);
    } catch (error) {
      throw new ConfigError(`COT_LABEL: ${(error as Error).message}`);
    }
    intake = await startCotIntake({
      ...options,
      host: config.HOST,
      port: config.COT_PORT,
      networks: parseCotNetworks(config.COT_ALLOW),
      label,
      limits,
    });
  }
  const sectorFeeds: (TcpService & { readonly sector: string })[] = [];
  const closeAll = async () => {
    await intake?.close();
    await feed?.close();
    for (const f of sectorFeeds) await f.close();
  };
  try {
    const sectorPorts = parseCotSectorPorts(config.COT_OUT_SECTOR_PORTS ?? '');
    if (config.COT_OUT_PORT || sectorPorts.length > 0) {
      const nation = config.COT_OUT_NATION;
      if (!nation || !isIso3(nation)) {
        throw new ConfigError(
          `COT_OUT_NATION: set the ISO 3166-1 alpha-3 nation whose releasability the CoT feed serves (${config.COT_OUT_PORT ? 'COT_OUT_PORT' : 'COT_OUT_SECTOR_PORTS'} is set)`,
        );
      }
      const reader: Reader = {
        nation,
        coalitionMember: await isCoalitionMember(options.database.db, nation),
      };
      if (config.COT_OUT_PORT) {
        feed = await startCotFeed({
          ...options,
          host: config.HOST,
          port: config.COT_OUT_PORT,
          limits,
          reader,
        });
      }
      if (sectorPorts.length > 0) {
        const known = await asReader(options.database.db, reader, (trx) =>
          listZones(trx, { kinds: ['sector'] }),
        );
        for (const { sector, port } of sectorPorts) {
          if (!known.some((z) => z.id === sector)) {
            const ids = known.map((z) => z.id).join(', ') || 'none';
            throw new ConfigError(
              `COT_OUT_SECTOR_PORTS: "${sector}" is not a sector ${nation} may read (sectors: ${ids})`,
            );
          }
          const service = await startCotFeed({ ...options, host: config.HOST, port, limits, reader, sector });
          sectorFeeds.push({ ...service, sector });
        }
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    ...(intake ? { intake } : {}),
    ...(feed ? { feed } : {}),
    sectorFeeds,
    close: closeAll,
  };
}
