/**
 * What the cell is told about its work: the in-app list (as the reader), each user's
 * preferences, and the owner-side jobs of the mail worker: fanning notifications out to the
 * outbox, reminders before due dates and overdue notices, and the actions a breach makes.
 * The owner-side functions bypass row-level security, so each writes the label of what it is
 * about and fans out only to users whose nation that label admits.
 */
import { admits } from '@guarantor/core/access';
import {
  CELL_EVENT_NAMES,
  type CellEvent,
  isNoticeKey,
  type Notice,
  preferenceTakes,
  reminderFor,
  reminderNotice,
} from '@guarantor/core/cellwork';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { labelOf, labelText } from '../access.ts';
import type { Database, Labelled } from '../schema.ts';
import { type ActionRow, actionOf, type CellActor, insertAction, insertCellNotification } from './work.ts';

type Trx = Transaction<Database>;
type Db = Kysely<Database> | Trx;

/** A notification as a reader sees it. */
export interface CellNotificationRow {
  readonly id: number;
  readonly at: Date;
  readonly event: CellEvent;
  /** The English sentence as stored (all a row from before migration 0031 has). */
  readonly message: string;
  /** What it says as facts, to be put in the reader's words; null on older rows. */
  readonly notice: Notice | null;
  readonly subjectKind: 'decision' | 'action' | 'meeting';
  readonly subjectId: string;
  readonly sector: string | null;
  readonly releasability: string;
}

/** The stored key and parameters as a notice this version can put in words, else null. */
export function storedNotice(key: string | null, params: unknown): Notice | null {
  if (!isNoticeKey(key) || params === null || typeof params !== 'object') return null;
  return { key, params: params as Record<string, string> };
}

const notificationOf = (r: Selectable<Database['cell_notification']>): CellNotificationRow => ({
  id: Number(r.id),
  at: r.at,
  event: r.event,
  message: r.message,
  notice: storedNotice(r.message_key, r.message_params),
  subjectKind: r.subject_kind,
  subjectId: r.subject_id,
  sector: r.sector,
  releasability: labelText(r),
});

/** Notifications the reader may read, newest first. */
export async function listCellNotifications(
  trx: Db,
  page: { readonly limit: number; readonly before?: number; readonly ids?: readonly number[] },
): Promise<readonly CellNotificationRow[]> {
  let q = trx.selectFrom('cell_notification').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (page.before !== undefined) q = q.where('id', '<', page.before);
  if (page.ids) q = page.ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('id', 'in', [...page.ids]);
  return (await q.execute()).map(notificationOf);
}

/** A user's choice of what to be told and how. */
export interface CellPreference {
  readonly email: string | null;
  readonly emailEnabled: boolean;
  readonly inApp: boolean;
  readonly events: readonly CellEvent[];
  readonly sectors: readonly string[];
}

/** Every event, every sector, in-app only: what a user who never chose is told. */
export const DEFAULT_PREFERENCE: CellPreference = {
  email: null,
  emailEnabled: false,
  inApp: true,
  events: Object.keys(CELL_EVENT_NAMES) as CellEvent[],
  sectors: [],
};

export async function getPreference(db: Db, username: string): Promise<CellPreference> {
  const r = await db
    .selectFrom('cell_preference')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!r) return DEFAULT_PREFERENCE;
  return {
    email: r.email,
    emailEnabled: r.email_enabled,
    inApp: r.in_app,
    events: r.events as CellEvent[],
    sectors: r.sectors,
  };
}

export async function putPreference(trx: Trx, username: string, p: CellPreference, at: Date): Promise<void> {
  const row = {
    email: p.email,
    email_enabled: p.emailEnabled,
    in_app: p.inApp,
    events: [...p.events],
    sectors: [...p.sectors],
    updated_at: at,
  };
  await trx
    .insertInto('cell_preference')
    .values({ username, ...row })
    .onConflict((oc) => oc.column('username').doUpdateSet(row))
    .execute();
}

// ---------------------------------------------------------------- owner side (the mail worker)

const ADVISORY_KEY = 0x63656c6c; // 'cell'

/** What an e-mail about a notification says, before it is put in words. */
export interface MailFacts {
  readonly event: CellEvent;
  readonly subjectKind: 'decision' | 'action' | 'meeting';
  readonly subjectId: string;
  /** The notification's English sentence as the cell recorded it. */
  readonly message: string;
  /** What it says as facts, for the recipient's language; null on rows older than migration 0031. */
  readonly notice: Notice | null;
  readonly releasability: string;
  /** Where the web app shows the subject: `/cell/actions/A-12`. */
  readonly path: string;
}

/** Puts a notification's e-mail in words, in the recipient's language (null: not chosen). */
export type ComposeMail = (
  facts: MailFacts,
  language: 'en' | 'uk' | 'fr' | null,
) => { readonly subject: string; readonly body: string };

/** The English e-mail, for a caller that gives no composer. */
export const englishMail: ComposeMail = (f) => ({
  subject: `[Guarantor] ${CELL_EVENT_NAMES[f.event]}: ${f.subjectId}`,
  body: [
    f.message,
    '',
    `Releasability: ${f.releasability}`,
    `Open it in Guarantor: ${f.path}`,
    '',
    'You get this e-mail because of your notification settings in Guarantor (Cell work, Settings).',
  ].join('\n'),
});

/**
 * Sends reminders and overdue notices that are due by `now` (each once per action), then
 * writes one outbox e-mail per notification and user whose nation its label admits and whose
 * preferences take it, in the user's language (`compose`). Runs as the owner, one instance at
 * a time (advisory lock).
 */
export async function fanOut(
  db: Kysely<Database>,
  now: Date,
  compose: ComposeMail = englishMail,
): Promise<{ reminders: number; queued: number }> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${ADVISORY_KEY}) as ok`.execute(
      trx,
    );
    if (!lock.rows[0]?.ok) return { reminders: 0, queued: 0 };
    let reminders = 0;
    const open = await trx
      .selectFrom('cell_action')
      .selectAll()
      .where('status', 'in', ['open', 'in_progress'])
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('overdue_notified_at', 'is', null)]))
      .execute();
    for (const row of open) {
      const a = actionOf(row);
      const due = reminderFor(
        {
          status: a.status,
          dueAtMs: a.dueAt.getTime(),
          remindBeforeHours: a.remindBeforeHours,
          remindedAtMs: a.remindedAt?.getTime() ?? null,
          overdueNotifiedAtMs: a.overdueNotifiedAt?.getTime() ?? null,
        },
        now.getTime(),
      );
      if (!due) continue;
      await insertCellNotification(
        trx,
        {
          at: now,
          event: due === 'overdue' ? 'action_overdue' : 'action_due_soon',
          notice: reminderNotice(due, a),
          subjectKind: 'action',
          subjectId: a.id,
          sector: a.sector,
        },
        a.label,
      );
      await trx
        .updateTable('cell_action')
        .set(
          due === 'overdue'
            ? { overdue_notified_at: now, reminded_at: a.remindedAt ?? now }
            : { reminded_at: now },
        )
        .where('id', '=', a.id)
        .execute();
      reminders += 1;
    }

    const pending = await trx
      .selectFrom('cell_notification')
      .selectAll()
      .where('fanned_out', '=', false)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (pending.length === 0) return { reminders, queued: 0 };
    const members = new Set(
      (await trx.selectFrom('coalition_nation').select('iso3').execute()).map((r) => r.iso3),
    );
    const users = await trx
      .selectFrom('app_user')
      .innerJoin('cell_preference', 'cell_preference.username', 'app_user.username')
      .select([
        'app_user.username',
        'app_user.nation',
        'app_user.language',
        'cell_preference.email',
        'cell_preference.events',
        'cell_preference.sectors',
      ])
      .where('app_user.disabled_at', 'is', null)
      .where('cell_preference.email_enabled', '=', true)
      .where('cell_preference.email', 'is not', null)
      .execute();
    let queued = 0;
    for (const n of pending) {
      const label = labelOf(n);
      for (const u of users) {
        if (!admits(label, { nation: u.nation, coalitionMember: members.has(u.nation) })) continue;
        if (!preferenceTakes(u, { event: n.event, sector: n.sector })) continue;
        const mail = compose(
          {
            event: n.event,
            subjectKind: n.subject_kind,
            subjectId: n.subject_id,
            message: n.message,
            notice: storedNotice(n.message_key, n.message_params),
            releasability: labelText(n),
            path: `/cell/${n.subject_kind}s/${encodeURIComponent(n.subject_id)}`,
          },
          u.language,
        );
        const inserted = await trx
          .insertInto('mail_outbox')
          .values({
            notification_id: n.id,
            username: u.username,
            to_address: u.email!,
            subject: mail.subject,
            body: mail.body,
            created_at: now,
            next_attempt_at: now,
            rel_kind: n.rel_kind,
            rel_nations: n.rel_nations,
          })
          .onConflict((oc) => oc.columns(['notification_id', 'username']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted) queued += 1;
      }
    }
    await trx
      .updateTable('cell_notification')
      .set({ fanned_out: true })
      .where(
        'id',
        'in',
        pending.map((n) => n.id),
      )
      .execute();
    return { reminders, queued };
  });
}

/** An e-mail waiting to go. */
export interface OutboxMail {
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly attempts: number;
}

/**
 * Sends each e-mail due by `now` through `send`, one transaction per message with the row
 * locked (skip locked: another instance takes the others). A failure is kept with its error
 * and tried again after `delayMs(attempts)`; nothing is dropped.
 */
export async function deliverOutbox(
  db: Kysely<Database>,
  now: Date,
  send: (mail: OutboxMail) => Promise<void>,
  delayMs: (attempts: number) => number,
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('mail_outbox')
        .selectAll()
        .where('sent_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return 'empty' as const;
      const mail: OutboxMail = {
        id: Number(row.id),
        to: row.to_address,
        subject: row.subject,
        body: row.body,
        attempts: row.attempts,
      };
      try {
        await send(mail);
        await trx
          .updateTable('mail_outbox')
          .set({ sent_at: now, attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
        return 'sent' as const;
      } catch (error) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('mail_outbox')
          .set({
            attempts,
            last_error: String((error as Error).message ?? error).slice(0, 500),
            next_attempt_at: new Date(now.getTime() + delayMs(attempts)),
          })
          .where('id', '=', row.id)
          .execute();
        return 'failed' as const;
      }
    });
    if (done === 'empty') break;
    if (done === 'sent') sent += 1;
    else failed += 1;
  }
  return { sent, failed };
}

/** The outbox as an admin or a test reads it (owner). */
export async function outboxState(
  db: Db,
): Promise<
  readonly { to: string; subject: string; attempts: number; sent: boolean; lastError: string | null }[]
> {
  const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    to: r.to_address,
    subject: r.subject,
    attempts: r.attempts,
    sent: r.sent_at !== null,
    lastError: r.last_error,
  }));
}

/**
 * The actions a breach makes: one per nation committed to the rung that answers it, due when
 * the rung says the response is due. Called by the gate's re-evaluation, which runs as the owner
 * and bypasses row-level security: each action carries the breach's own label, so it is no
 * more releasable than the breach (and its incidents). A nation the label does not admit gets
 * no action (it could not read it); the result says which were left out.
 */
export async function actionsForBreach(
  trx: Trx,
  breach: {
    readonly id: string;
    readonly sector: string;
    readonly ruleId: string;
    readonly asOf: string;
    readonly explanation: string;
  },
  rung: {
    readonly id: string;
    readonly title: string;
    readonly respondWithinHours: number;
    readonly nations: readonly string[];
  },
  label: Labelled,
  actor: CellActor,
  now: Date,
): Promise<{ created: readonly ActionRow[]; notAdmitted: readonly string[] }> {
  const created: ActionRow[] = [];
  const notAdmitted: string[] = [];
  const members = new Set(
    (await trx.selectFrom('coalition_nation').select('iso3').execute()).map((r) => r.iso3),
  );
  for (const nation of rung.nations) {
    if (!admits(labelOf(label), { nation, coalitionMember: members.has(nation) })) {
      notAdmitted.push(nation);
      continue;
    }
    const action = await insertAction(
      trx,
      {
        title: `${rung.title}: respond to the breach of rule ${breach.ruleId} in ${breach.sector} (${breach.asOf})`,
        detail: breach.explanation,
        ownerNation: nation,
        ownerPerson: null,
        dueAt: new Date(now.getTime() + rung.respondWithinHours * 3_600_000),
        remindBeforeHours: Math.min(24, Math.max(1, Math.floor(rung.respondWithinHours / 4))),
        origin: 'breach',
        decisionId: null,
        incidentId: null,
        breachId: breach.id,
        meetingId: null,
        sector: breach.sector,
        label,
      },
      actor,
      now,
    );
    if (action) created.push(action);
  }
  return { created, notAdmitted };
}
