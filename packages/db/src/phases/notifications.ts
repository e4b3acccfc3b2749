/** What the cell is told: orders that became issuable, breaches, phase changes. */
import { labelText } from '../access.ts';
import type { Labelled, NotificationKind } from '../schema.ts';
import { COALITION, type Db, type Trx } from './common.ts';

/** Something the cell is told. */
export interface NotificationRow {
  readonly id: number;
  readonly at: Date;
  readonly kind: NotificationKind;
  readonly message: string;
  readonly orderId: string | null;
  readonly breachId: string | null;
  readonly reasons: readonly string[];
  readonly releasability: string;
}

/** Stores a notification with the label of what it is about. */
export async function insertNotification(
  trx: Trx,
  n: Omit<NotificationRow, 'id' | 'releasability'>,
  label: Labelled = COALITION,
): Promise<void> {
  await trx
    .insertInto('phase_notification')
    .values({
      at: n.at,
      kind: n.kind,
      message: n.message,
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
    orderId: r.order_id,
    breachId: r.breach_id,
    reasons: r.reasons,
    releasability: labelText(r),
  }));
}
