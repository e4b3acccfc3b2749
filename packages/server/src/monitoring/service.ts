import type { GuarantorDatabase } from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { LiveHub } from './live.ts';
import { FusionWorker } from './worker.ts';

/** The monitoring service of one server instance: its live hub, and the fusion worker (leading or standing by). */
export class MonitoringService {
  readonly worker: FusionWorker;
  readonly live: LiveHub;

  constructor(database: GuarantorDatabase, clock: Clock, log: FastifyBaseLogger) {
    this.worker = new FusionWorker(database, clock, log);
    this.live = new LiveHub(database, log);
  }

  async start(): Promise<void> {
    await this.live.start();
    this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.live.stop();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the monitoring routes: the fusion worker and live hub of this instance. */
    monitoring: MonitoringService;
  }
}
