import { admits, type Reader } from '@guarantor/core/access';
import { type GuarantorDatabase, INCIDENTS_CHANNEL, type IncidentChange, labelOf } from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import { type Listening, listenChannel } from './listen.ts';

/** Someone who wants incident changes: an SSE client, the CoT out feed. */
export interface LiveSubscriber {
  readonly reader: Reader;
  send(change: IncidentChange): void;
  /**
   * Called when LISTEN is back after the database was away: changes made meanwhile (by another
   * instance, or fusion catching up) were not heard, so what the subscriber shows may be stale.
   */
  resync?(): void;
}

/**
 * Incident changes from LISTEN guarantor_incidents, fanned out to this instance's subscribers.
 * Every instance listens, whichever one fuses, so a browser on any instance hears every
 * change. Each subscriber gets only the changes its reader's nation may read (core's admits,
 * the rule row-level security states in SQL).
 */
export class LiveHub {
  readonly #subscribers = new Set<LiveSubscriber>();
  #listening: Listening | undefined;

  private readonly database: GuarantorDatabase;
  private readonly log: FastifyBaseLogger;
  constructor(database: GuarantorDatabase, log: FastifyBaseLogger) {
    this.database = database;
    this.log = log;
  }

  async start(): Promise<void> {
    this.#listening ??= await listenChannel(
      this.database,
      INCIDENTS_CHANNEL,
      (payload) => this.#dispatch(payload),
      (error) => this.log.warn({ err: error }, 'live updates: LISTEN connection lost; reconnecting'),
      () => this.#resync(),
    );
  }

  async stop(): Promise<void> {
    await this.#listening?.close();
    this.#listening = undefined;
    this.#subscribers.clear();
  }

  /** Adds a subscriber; the function returned removes it. */
  subscribe(subscriber: LiveSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  get size(): number {
    return this.#subscribers.size;
  }

  #resync(): void {
    this.log.info(
      { subscribers: this.#subscribers.size },
      'live updates: LISTEN is back; subscribers resync',
    );
    for (const subscriber of this.#subscribers) this.#deliver(subscriber, () => subscriber.resync?.());
  }

  /** Runs one delivery; a subscriber whose delivery throws is dropped. */
  #deliver(subscriber: LiveSubscriber, deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      this.log.warn({ err: error }, 'live updates: a subscriber failed; dropping it');
      this.#subscribers.delete(subscriber);
    }
  }

  #dispatch(payload: string): void {
    let changes: IncidentChange[];
    try {
      changes = JSON.parse(payload) as IncidentChange[];
    } catch {
      this.log.warn({ payload: payload.slice(0, 200) }, 'live updates: unreadable notification dropped');
      return;
    }
    for (const change of changes) {
      const label = labelOf({ rel_kind: change.rel_kind, rel_nations: [...change.rel_nations] });
      for (const subscriber of this.#subscribers) {
        if (!admits(label, subscriber.reader)) continue;
        this.#deliver(subscriber, () => subscriber.send(change));
      }
    }
  }
}
