/**
 * The cell's notifications on one server instance: live streams (LISTEN guarantor_cell, each
 * new notification sent only to readers its label admits and whose preferences take it) and the mail worker (reminders, fan-out to the outbox, delivery over SMTP with
 * retries). E-mail goes through nodemailer; with no SMTP_URL it stays in the outbox.
 */
import { admits, type Reader } from '@guarantor/core/access';
import { CELL_EVENT_NAMES, preferenceTakes, retryDelayMs } from '@guarantor/core/cellwork';
import { type GuarantorDatabase, labelOf, labelText } from '@guarantor/db';
import {
  type CellNotificationRow,
  type CellPreference,
  deliverOutbox,
  fanOut,
  storedNotice,
} from '@guarantor/db/cellwork';
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type Listening, listenChannel } from '../monitoring/listen.ts';
import { mailInLanguage } from './mail.ts';

/** The channel the notification trigger (migration 0019) speaks on. */
export const CELL_CHANNEL = 'guarantor_cell';

/** A live stream's reader and what they chose to be told. */
export interface CellSubscriber {
  readonly reader: Reader & { readonly nation: string | null };
  readonly preference: () => CellPreference;
  send(n: CellNotificationRow & { eventName: string }): void;
}

/** What one pass of the mail worker did. */
export interface MailPass {
  readonly reminders: number;
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
}

export class CellworkService {
  readonly #subscribers = new Set<CellSubscriber>();
  #listening: Listening | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<MailPass> | undefined;
  // nodemailer is imported with the first e-mail (0.06 s of every start otherwise, ADR 0041).
  #transport: Promise<Transporter> | undefined;

  private readonly database: GuarantorDatabase;
  private readonly clock: Clock;
  private readonly config: Config;
  private readonly log: FastifyBaseLogger;
  constructor(database: GuarantorDatabase, clock: Clock, config: Config, log: FastifyBaseLogger) {
    this.database = database;
    this.clock = clock;
    this.config = config;
    this.log = log;
  }

  async start(): Promise<void> {
    this.#listening ??= await listenChannel(
      this.database,
      CELL_CHANNEL,
      (payload) => this.#dispatch(payload),
      (error) => this.log.warn({ err: error }, 'cell notifications: LISTEN connection lost; reconnecting'),
    );
    if (this.config.MAIL_POLL_SECONDS > 0) {
      this.#timer = setInterval(() => void this.runOnce(), this.config.MAIL_POLL_SECONDS * 1000);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
    await this.#listening?.close();
    this.#listening = undefined;
    this.#subscribers.clear();
    (await this.#transport?.catch(() => undefined))?.close();
  }

  /** Adds a live subscriber; the function returned removes it. */
  subscribe(s: CellSubscriber): () => void {
    this.#subscribers.add(s);
    return () => this.#subscribers.delete(s);
  }

  /**
   * One pass: reminders and overdue notices, fan-out to the outbox, then delivery of what is
   * due. Passes never overlap on an instance; across instances the database serialises them.
   */
  runOnce(): Promise<MailPass> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<MailPass> {
    try {
      const now = this.clock.now();
      const { reminders, queued } = await fanOut(this.database.db, now, mailInLanguage);
      const url = this.config.SMTP_URL;
      if (!url) return { reminders, queued, sent: 0, failed: 0 };
      this.#transport ??= import('nodemailer').then((m) =>
        m.default.createTransport(url, { from: this.config.SMTP_FROM }),
      );
      const transport = await this.#transport;
      const { sent, failed } = await deliverOutbox(
        this.database.db,
        now,
        async (mail) => {
          await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.body });
        },
        retryDelayMs,
      );
      if (failed > 0)
        this.log.warn({ failed }, 'cell e-mail: SMTP refused or unreachable; kept in the outbox for a retry');
      return { reminders, queued, sent, failed };
    } catch (error) {
      this.log.warn({ err: error }, 'cell e-mail: the mail pass failed; it runs again at the next poll');
      return { reminders: 0, queued: 0, sent: 0, failed: 0 };
    }
  }

  #dispatch(payload: string): void {
    let n: {
      id: number;
      at: string;
      event: CellNotificationRow['event'];
      message: string;
      message_key?: string | null;
      message_params?: Record<string, string> | null;
      subject_kind: CellNotificationRow['subjectKind'];
      subject_id: string;
      sector: string | null;
      rel_kind: 'PUBLIC' | 'COALITION' | 'REL' | 'NATIONAL';
      rel_nations: string[] | null;
    };
    try {
      n = JSON.parse(payload);
    } catch {
      this.log.warn(
        { payload: payload.slice(0, 200) },
        'cell notifications: unreadable notification dropped',
      );
      return;
    }
    const row = { rel_kind: n.rel_kind, rel_nations: n.rel_nations ?? [] };
    const label = labelOf(row);
    const note: CellNotificationRow & { eventName: string } = {
      id: Number(n.id),
      at: new Date(n.at),
      event: n.event,
      eventName: CELL_EVENT_NAMES[n.event] ?? n.event,
      message: n.message,
      notice: storedNotice(n.message_key ?? null, n.message_params ?? null),
      subjectKind: n.subject_kind,
      subjectId: n.subject_id,
      sector: n.sector,
      releasability: labelText(row),
    };
    for (const s of this.#subscribers) {
      if (!admits(label, s.reader)) continue;
      const pref = s.preference();
      if (!pref.inApp || !preferenceTakes(pref, { event: note.event, sector: note.sector })) continue;
      try {
        s.send(note);
      } catch {
        this.#subscribers.delete(s);
      }
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the cell-work routes: live notifications and the mail worker of this instance. */
    cellwork: CellworkService;
  }
}
