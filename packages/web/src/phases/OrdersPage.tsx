import type { Order } from '@guarantor/core/api';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { phaseName, phasesApi } from './api.ts';

const GATE_LABEL: Readonly<Record<string, string>> = {
  issuable: 'issuable',
  ready_on_gate: 'ready on gate',
  refused: 'refused',
};

/** Deployment orders with their gate status, and what the cell was told. */
export function OrdersPage() {
  const load = useLoad('phases/orders', async (signal) => ({
    orders: await phasesApi.orders(signal),
    notifications: await phasesApi.notifications(signal),
  }));
  if (load.state === 'loading') return <p className="page-status">Loading orders…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { orders, notifications } = load.data;
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Deployment orders</h1>
        <p className="summary">
          Phase <strong>{phaseName(orders.phase)}</strong> as of {orders.asOf} · {orders.orders.length} orders
          you may see
        </p>
      </div>
      <table className="grid" data-testid="orders-table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Offer</th>
            <th scope="col">Where</th>
            <th scope="col">Gate</th>
            <th scope="col">What it waits for / why refused</th>
            <th scope="col">Releasability</th>
          </tr>
        </thead>
        <tbody>
          {orders.orders.map((o) => (
            <OrderRow key={o.id} order={o} />
          ))}
        </tbody>
      </table>
      <h2 className="section-title">What the cell was told</h2>
      <ul className="notices">
        {notifications.notifications.slice(0, 30).map((n) => (
          <li key={n.id} className={`notice notice-${n.kind}`}>
            <span className="muted">{n.at.slice(0, 16).replace('T', ' ')}</span> {n.message}
          </li>
        ))}
      </ul>
    </main>
  );
}

function OrderRow({ order: o }: { readonly order: Order }) {
  const status = o.state === 'issued' ? 'issued' : (o.live?.status ?? o.gate);
  const blockers = o.live?.blockers ?? [];
  return (
    <tr>
      <td>
        <span className="code">{o.id}</span>
        <div className="muted">drafted by {o.draftedBy}</div>
      </td>
      <td>
        {o.offerId} · {o.quantity}
        <div className="muted">{o.role}</div>
      </td>
      <td>
        {o.regionCode} · sector {o.sector}
        <div className="muted">{o.lineOfEffort.replaceAll('_', ' ')}</div>
      </td>
      <td>
        <span className={`status-pill gate-${status}`}>
          {status === 'issued' ? 'issued' : GATE_LABEL[status]}
        </span>
        {o.override && <span className="override-flag">OVERRIDE</span>}
      </td>
      <td>
        {o.state === 'issued' ? (
          <>
            issued by {o.issuedBy} on {o.issuedAt?.slice(0, 10)}
            {o.override && <div className="override-box">Override: {o.override.reason}</div>}
          </>
        ) : (
          <ul className="blockers">
            {blockers.map((b) => (
              <li key={b.reason} className={b.waitingFor ? 'waits' : 'refuses'}>
                {b.waitingFor ? `waits for ${b.waitingFor}` : b.reason}
              </li>
            ))}
            {blockers.length === 0 && <li className="waits">nothing: the cell may issue it</li>}
          </ul>
        )}
      </td>
      <td>
        <Releasability label={o.releasability} />
      </td>
    </tr>
  );
}
