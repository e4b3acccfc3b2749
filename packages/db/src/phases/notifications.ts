/** What the cell is told: orders that became issuable, breaches, phase changes. */
import { labelText } from '../access.ts';
import type { Labelled, NotificationKind } from '../schema.ts';
import { COALITION, type Db, type Trx } from './common.ts';

/** Something the cell is told. */
export interface NotificationRow {
  readonly id: number;
  readonly at: Date;
  readonly kind: NotificationKind;
  /** The English sentence as stored (all a notification older than migration 0039 has). */
  readonly message: string;
  /** What it says as facts (core PhaseNotice's key and params); null on older notifications. */
  readonly notice: { readonly key: string; readonly params: Readonly<Record<string, unknown>> } | null;
  readonly orderId: string | null;
  readonly breachId: string | null;
  readonly reasons: readonly string[];
  readonly releasability: string;
}

/** Stores a notification with the label of what it is about. */
export async function insertNotification(
  trx: Trx,
  n: Omit<NotificationRow, 'id' | 'releasability' | 'notice'> & {
    readonly notice?: NotificationRow['notice'];
  },
  label: Labelled = COALITION,
): Promise<void> {
  await trx
    .insertInto('phase_notification')
    .values({
      at: n.at,
      kind: n.kind,
      message: n.message,
      message_key: n.notice?.key ?? null,
      message_params: n.notice ? JSON.stringify(n.notice.params) : null,
      order_id: n.orderId,
      breach_id: n.breachId,
      reasons: JSON.stringify(n.reasons),
      ...label,
    })
    .execute();
}

/** Notifications the reader may see, newest first. */
export async function listNotifications(
  db: Db,
  page: { readonly limit: number; readonly before?: number } = { limit: 200 },
): Promise<readonly NotificationRow[]> {
  let query = db.selectFrom('phase_notification').selectAll().orderBy('id', 'desc').limit(page.limit);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    kind: r.kind,
    message: r.message,
    notice: r.message_key && r.message_params ? { key: r.message_key, params: r.message_params } : null,
    orderId: r.order_id,
    breachId: r.breach_id,
    reasons: r.reasons,
    releasability: labelText(r),
  }));
}
