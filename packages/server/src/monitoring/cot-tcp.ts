import { BlockList, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { parseReleasability, type Reader, type Releasability } from '@guarantor/core/access';
import { type CotFrame, CotStreamFramer, incidentToCot } from '@guarantor/core/cot';
import { isIso3 } from '@guarantor/core/reference';
import {
  asReader,
  type GuarantorDatabase,
  getIncident,
  isCoalitionMember,
  listIncidents,
} from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { cotInput, stripDeclaration } from '../routes/monitoring.ts';
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
/** A CoT sender silent this long is disconnected (TAK clients reconnect on their own). */
const IDLE_MS = 15 * 60 * 1000;

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
}): Promise<TcpService> {
  const { database, monitoring, log, networks, label } = options;
  const sockets = new Set<Socket>();
  const members = new Map<string, boolean>();
  const server = createServer((socket) => {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const nation = nationOf(networks, socket.remoteAddress ?? '');
    if (!nation) {
      log.warn({ peer }, 'CoT: connection from outside COT_ALLOW refused');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    const framer = new CotStreamFramer();
    let chain: Promise<void> = Promise.resolve();
    const handle = (frames: CotFrame[]) => {
      if (frames.length === 0) return;
      socket.pause();
      chain = chain
        .then(async () => {
          let coalitionMember = members.get(nation);
          if (coalitionMember === undefined) {
            coalitionMember = await isCoalitionMember(database.db, nation);
            members.set(nation, coalitionMember);
          }
          const reader: Reader = { nation, coalitionMember };
          const results = await ingestCot(database, frames, {
            reader,
            nation,
            senderId: `tcp:${socket.remoteAddress}`,
            label,
            submittedBy: `cot-tcp:${peer}`,
          });
          for (const r of results) {
            if (r.kind === 'rejected' || r.kind === 'dropped')
              log.warn({ peer, uid: r.uid, code: r.code, reason: r.message }, 'CoT: event dropped');
          }
          monitoring.worker.wake();
        })
        .catch((error: unknown) => log.error({ peer, err: error }, 'CoT: storing events failed'))
        .finally(() => {
          if (!socket.destroyed) socket.resume();
        });
    };
    socket.on('data', (chunk: Buffer) => handle(framer.push(chunk)));
    socket.on('end', () => handle(framer.end()));
    socket.on('error', (error) => log.debug({ peer, err: error }, 'CoT: connection error'));
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.host, options.port);
  log.info({ port }, 'CoT intake listening (plain TCP; terminate TLS in front, see docs/operations.md)');
  return { port, close: () => closeServer(server, sockets) };
}

const FEED_STATES = ['verified', 'attributed'] as const;

/**
 * CoT out: a TCP feed of verified and attributed incidents for TAK clients (ATAK "streaming
 * TCP" input). A subscriber gets the current ones on connect, then each change as it happens,
 * with the incident's stable uid so the marker updates in place. It serves what `reader`
 * may read (COT_OUT_NATION).
 */
export async function startCotFeed(options: {
  readonly database: GuarantorDatabase;
  readonly monitoring: MonitoringService;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
  readonly host: string;
  readonly port: number;
  readonly reader: Reader;
}): Promise<TcpService> {
  const { database, monitoring, clock, log, reader } = options;
  const sockets = new Set<Socket>();
  const write = (socket: Socket, xml: string) => {
    if (socket.writableLength > MAX_FEED_BACKLOG) {
      log.warn({ peer: socket.remoteAddress }, 'CoT feed: subscriber too slow; disconnected');
      socket.destroy();
      return;
    }
    socket.write(`${stripDeclaration(xml)}\n`);
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    // TAK clients send their own position reports up the feed; they are not read here.
    socket.on('data', () => {});
    socket.on('error', () => socket.destroy());
    const unsubscribe = monitoring.live.subscribe({
      reader,
      send: (change) => {
        if (change.mergedInto || !(FEED_STATES as readonly string[]).includes(change.state)) return;
        void asReader(database.db, reader, (trx) => getIncident(trx, change.id))
          .then((incident) => {
            if (incident && !socket.destroyed)
              write(socket, incidentToCot(cotInput(incident), { nowMs: clock.now().getTime() }));
          })
          .catch((error: unknown) => log.error({ err: error }, 'CoT feed: reading an incident failed'));
      },
    });
    socket.on('close', () => {
      unsubscribe();
      sockets.delete(socket);
    });
    void asReader(database.db, reader, (trx) =>
      listIncidents(trx, { states: [...FEED_STATES] }, { limit: 5000, offset: 0 }),
    )
      .then((incidents) => {
        const nowMs = clock.now().getTime();
        for (const incident of incidents) write(socket, incidentToCot(cotInput(incident), { nowMs }));
      })
      .catch((error: unknown) => log.error({ err: error }, 'CoT feed: initial incidents failed'));
  });
  const port = await listen(server, options.host, options.port);
  log.info({ port, nation: reader.nation }, 'CoT feed listening');
  return { port, close: () => closeServer(server, sockets) };
}

/** What the CoT TCP services read from the configuration. */
export interface CotConfig {
  readonly HOST: string;
  readonly COT_PORT?: number | undefined;
  readonly COT_ALLOW: string;
  readonly COT_LABEL: string;
  readonly COT_OUT_PORT?: number | undefined;
  readonly COT_OUT_NATION?: string | undefined;
}

/** Starts the CoT listeners the configuration asks for; close() stops them. */
export async function startCotServices(options: {
  readonly config: CotConfig;
  readonly database: GuarantorDatabase;
  readonly monitoring: MonitoringService;
  readonly clock: Clock;
  readonly log: FastifyBaseLogger;
}): Promise<{ readonly intake?: TcpService; readonly feed?: TcpService; close(): Promise<void> }> {
  const { config } = options;
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
    });
  }
  if (config.COT_OUT_PORT) {
    const nation = config.COT_OUT_NATION;
    if (!nation || !isIso3(nation)) {
      await intake?.close();
      throw new ConfigError(
        'COT_OUT_NATION: set the ISO 3166-1 alpha-3 nation whose releasability the CoT feed serves (COT_OUT_PORT is set)',
      );
    }
    feed = await startCotFeed({
      ...options,
      host: config.HOST,
      port: config.COT_OUT_PORT,
      reader: { nation, coalitionMember: await isCoalitionMember(options.database.db, nation) },
    });
  }
  return {
    ...(intake ? { intake } : {}),
    ...(feed ? { feed } : {}),
    async close() {
      await intake?.close();
      await feed?.close();
    },
  };
}
