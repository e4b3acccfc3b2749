import type { Offer, Order, OrderOutcome, Plan, User } from '@guarantor/core/api';
import { LINES_OF_EFFORT, REGIONS } from '@guarantor/core/coalition';
import { type FormEvent, useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import {
  ConfirmPanel,
  type FieldProblem,
  hasRole,
  Recorded,
  ReviewThenSend,
  ServerRefusal,
  useLoadKeeping,
} from '../forms.tsx';
import { formatDay, formatUtc } from '../i18n/format.ts';
import { capitalise, lineOfEffortName, regionName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { planningApi } from '../planning/api.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { type OrderInput, phaseName, phasesApi } from './api.ts';
import { type Names, offerTitle, statusWords, useNames, useSectors } from './words.ts';

const statusOfOrder = (o: Order) => (o.state === 'issued' ? 'issued' : (o.live?.status ?? o.gate));

/** Deployment orders with their gate status: liaisons draft them, cell staff issue them when issuable. */
export function OrdersPage({ user }: { readonly user: User }) {
  const [version, setVersion] = useState(0);
  const names = useNames();
  const load = useLoadKeeping(`phases/orders/${version}`, async (signal) => ({
    orders: await phasesApi.orders(signal),
    notifications: await phasesApi.notifications(signal),
  }));
  const [issuing, setIssuing] = useState<Order | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading orders…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { orders, notifications } = load.data;
  const drafts = hasRole(user, 'liaison') || hasRole(user, 'cell_staff');
  const staff = hasRole(user, 'cell_staff');
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>Deployment orders</h1>
        <p className="summary">
          Phase <strong>{phaseName(orders.phase)}</strong> as of {orders.asOf} · {orders.orders.length} order
          {orders.orders.length === 1 ? '' : 's'} you may see
        </p>
      </div>
      <Downloads list="/api/orders" what="the orders" />
      {drafts ? (
        <DraftForm user={user} names={names} onDrafted={() => setVersion((v) => v + 1)} />
      ) : (
        <p className="muted">Orders are drafted by a nation's liaison officer or the cell's staff.</p>
      )}
      {orders.orders.length === 0 ? (
        <p className="banner" data-testid="no-orders">
          No orders yet. Draft one from an offer or a plan.
        </p>
      ) : (
        <table className="grid" data-testid="orders-table">
          <TableHead
            columns={['Order', 'Offer', 'Where', 'Gate', 'What it waits for / why refused', 'Releasability']}
          />
          <tbody>
            {orders.orders.map((o) => (
              <OrderRow key={o.id} order={o} names={names} staff={staff} onIssue={() => setIssuing(o)} />
            ))}
          </tbody>
        </table>
      )}
      {issuing && (
        <IssuePanel
          key={issuing.id}
          order={issuing}
          names={names}
          onDone={() => setVersion((v) => v + 1)}
          onClose={() => setIssuing(null)}
        />
      )}
      <h2 className="section-title">What the cell was told</h2>
      {notifications.notifications.length === 0 ? (
        <p className="muted">
          Nothing yet: the cell is told when an order becomes issuable, a breach or a phase change.
        </p>
      ) : (
        <ul className="notices">
          {notifications.notifications.slice(0, 30).map((n) => (
            <li key={n.id} className={`notice notice-${n.kind}`}>
              <span className="muted">{formatUtc(n.at)}</span> {names.words(n.message)}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function OrderRow({
  order: o,
  names,
  staff,
  onIssue,
}: {
  readonly order: Order;
  readonly names: Names;
  readonly staff: boolean;
  readonly onIssue: () => void;
}) {
  const status = statusOfOrder(o);
  const blockers = o.live?.blockers ?? [];
  return (
    <tr data-testid={`order-${o.id}`}>
      <td>
        <span className="code">{o.id}</span>
        <div className="muted">drafted by {o.draftedBy}</div>
      </td>
      <td title={o.offerId}>
        {names.offer(o.offerId)}
        <div className="muted">
          {o.quantity} for {o.role}
        </div>
      </td>
      <td>
        <span title={o.regionCode}>{regionName(o.regionCode)}</span> ·{' '}
        <span title={o.sector}>{names.sector(o.sector)}</span>
        <div className="muted">{capitalise(lineOfEffortName(o.lineOfEffort))}</div>
      </td>
      <td>
        <span className={`status-pill gate-${status}`} title={status}>
          {statusWords(status)}
        </span>
        {o.override && <span className="override-flag">OVERRIDE</span>}
      </td>
      <td>
        {o.state === 'issued' ? (
          <>
            issued by {o.issuedBy} on {formatDay(o.issuedAt)}
            {o.override && <div className="override-box">Override: {o.override.reason}</div>}
          </>
        ) : (
          <>
            <ul className="blockers">
              {blockers.map((b) => (
                <li key={b.reason} className={b.waitingFor ? 'waits' : 'refuses'}>
                  {names.words(b.waitingFor ? `waits for ${b.waitingFor}` : b.reason)}
                </li>
              ))}
              {blockers.length === 0 && <li className="waits">nothing: the cell may issue it</li>}
            </ul>
            {staff && status === 'issuable' && (
              <button type="button" className="link-button" onClick={onIssue}>
                Issue this order…
              </button>
            )}
          </>
        )}
      </td>
      <td>
        <Releasability label={o.releasability} />
      </td>
    </tr>
  );
}

/** Cell staff issue an issuable order, after a confirmation naming it. */
function IssuePanel({
  order,
  names,
  onDone,
  onClose,
}: {
  readonly order: Order;
  readonly names: Names;
  readonly onDone: () => void;
  readonly onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [issued, setIssued] = useState<Order | null>(null);
  async function send() {
    setBusy(true);
    try {
      setIssued(await phasesApi.issue(order.id));
      onDone();
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
    }
    setBusy(false);
  }
  return (
    <div className="phase-form" data-testid="issue-panel">
      {issued ? (
        <Recorded title={`Issued: order ${issued.id}`}>
          <p>
            Issued by {issued.issuedBy} at {issued.issuedAt ? formatUtc(issued.issuedAt) : ''}.{' '}
            <button type="button" className="link-button" onClick={onClose}>
              Close
            </button>
          </p>
          <AuditTrail entity="deployment_order" entityId={issued.id} refresh={issued.issuedAt ?? ''} />
        </Recorded>
      ) : (
        <ConfirmPanel
          title={`Issue order ${order.id}?`}
          confirmLabel="Issue the order"
          busy={busy}
          onConfirm={() => void send()}
          onCancel={onClose}
        >
          <p>
            {names.offer(order.offerId)}: {order.quantity} deploy to{' '}
            <strong>{regionName(order.regionCode)}</strong> in <strong>{names.sector(order.sector)}</strong>{' '}
            for {lineOfEffortName(order.lineOfEffort)}. Once issued the order cannot be withdrawn here.
          </p>
          {refusal && <ServerRefusal error={refusal} />}
        </ConfirmPanel>
      )}
    </div>
  );
}

const FIELDS = {
  'body.offerId': 'Offer',
  'body.quantity': 'Quantity',
  'body.regionCode': 'Region',
  'body.lineOfEffort': 'Line of effort',
  'body.sector': 'Sector',
} as const;

const UKRAINE = REGIONS.filter((r) => r.kind === 'ukraine_unit');

/** A liaison (or cell staff) drafts an order from an offer, or from an allocation of the adopted plan. */
function DraftForm({
  user,
  names,
  onDrafted,
}: {
  readonly user: User;
  readonly names: Names;
  readonly onDrafted: () => void;
}) {
  const sectors = useSectors();
  const offers = useLoad('offers', (signal) => phasesApi.offers(signal));
  const plan = useLoad('phases/adopted-plan', async (signal): Promise<Plan | null> => {
    const plans = await phasesApi.plans(signal);
    const adopted = plans.plans.find((p) => p.adoptedAt && !p.supersededAt);
    return adopted ? planningApi.plan(adopted.id, signal) : null;
  });
  const [form, setForm] = useState({
    offerId: '',
    quantity: '1',
    regionCode: '',
    lineOfEffort: '',
    sector: '',
  });
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending'>('edit');
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [drafted, setDrafted] = useState<OrderOutcome | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const invalid = (field: string) => problems.some((p) => p.field === field);

  const mine: readonly Offer[] =
    offers.state === 'ready'
      ? offers.data.offers.filter(
          (o) => o.lifecycle !== 'withdrawn' && (hasRole(user, 'cell_staff') || o.nation === user.nation),
        )
      : [];
  const offer = mine.find((o) => o.id === form.offerId);
  const allocations =
    plan.state === 'ready' && plan.data
      ? plan.data.allocations
          .filter((a) => mine.some((o) => o.id === a.offerId))
          .map((a) => ({ ...a, requirement: plan.data!.requirements.find((r) => r.id === a.requirementId) }))
      : [];

  function fromAllocation(index: number) {
    const a = allocations[index];
    if (!a?.requirement) return;
    setForm({
      ...form,
      offerId: a.offerId,
      quantity: String(a.quantity),
      regionCode: a.requirement.region,
      lineOfEffort: a.requirement.lineOfEffort,
    });
  }

  function review(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    const out: FieldProblem[] = [];
    if (!offer) out.push({ field: FIELDS['body.offerId'], message: 'choose the offer the order deploys' });
    const quantity = Number(form.quantity);
    if (!Number.isInteger(quantity) || quantity < 1)
      out.push({ field: FIELDS['body.quantity'], message: 'a whole number, at least 1' });
    else if (offer && quantity > offer.quantity)
      out.push({
        field: FIELDS['body.quantity'],
        message: `the offer holds ${offer.quantity} ${offer.unit}${offer.quantity === 1 ? '' : 's'}; ask for at most that`,
      });
    if (!form.regionCode)
      out.push({ field: FIELDS['body.regionCode'], message: 'choose where the force deploys' });
    if (!form.lineOfEffort)
      out.push({ field: FIELDS['body.lineOfEffort'], message: 'choose the line of effort' });
    if (!form.sector)
      out.push({
        field: FIELDS['body.sector'],
        message: 'choose the ceasefire sector whose status gates the order',
      });
    setProblems(out);
    if (out.length === 0) setStep('confirm');
  }

  async function send() {
    setStep('sending');
    const body: OrderInput = {
      offerId: form.offerId,
      quantity: Number(form.quantity),
      regionCode: form.regionCode,
      lineOfEffort: form.lineOfEffort,
      sector: form.sector,
    };
    try {
      setDrafted(await phasesApi.draftOrder(body));
      setStep('edit');
      onDrafted();
    } catch (error) {
      setRefusal(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setStep('edit');
    }
  }

  const disabled = step !== 'edit';
  return (
    <form className="phase-form" onSubmit={review} noValidate data-testid="order-form">
      <h2>Draft a deployment order</h2>
      <p className="muted">
        The order is checked against the gate at once: issuable, held “ready on gate” until the phase and the
        sector allow it, or refused with every reason.
      </p>
      {allocations.length > 0 && (
        <label className="from-plan">
          From the adopted plan <span className="hint">(fills the form; change what you need)</span>
          <select
            name="allocation"
            value=""
            onChange={(e) => fromAllocation(Number(e.target.value))}
            disabled={disabled}
          >
            <option value="">Choose an allocation…</option>
            {allocations.map((a, i) => (
              <option key={`${a.offerId} ${a.requirementId}`} value={i}>
                {names.offer(a.offerId)} → {a.quantity} in {regionName(a.requirement?.region ?? '')} (
                {lineOfEffortName(a.requirement?.lineOfEffort ?? '')})
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="form-row">
        <Choice
          label={FIELDS['body.offerId']}
          name="offerId"
          value={form.offerId}
          onChange={set('offerId')}
          invalid={invalid(FIELDS['body.offerId'])}
          disabled={disabled}
          placeholder={mine.length === 0 ? 'No offer you may deploy' : 'Choose an offer…'}
          options={mine.map((o) => ({ value: o.id, label: `${offerTitle(o)} · ${o.id}`, title: o.id }))}
        />
        <label>
          {FIELDS['body.quantity']}
          <input
            name="quantity"
            type="number"
            min={1}
            value={form.quantity}
            onChange={set('quantity')}
            aria-invalid={invalid(FIELDS['body.quantity'])}
            disabled={disabled}
          />
        </label>
        <Choice
          label={FIELDS['body.lineOfEffort']}
          name="lineOfEffort"
          value={form.lineOfEffort}
          onChange={set('lineOfEffort')}
          invalid={invalid(FIELDS['body.lineOfEffort'])}
          disabled={disabled}
          options={LINES_OF_EFFORT.map((l) => ({ value: l.id, label: capitalise(l.name) }))}
        />
        <Choice
          label={FIELDS['body.regionCode']}
          name="regionCode"
          value={form.regionCode}
          onChange={set('regionCode')}
          invalid={invalid(FIELDS['body.regionCode'])}
          disabled={disabled}
          options={UKRAINE.map((r) => ({ value: r.code, label: r.name }))}
        />
        <Choice
          label={FIELDS['body.sector']}
          name="sector"
          value={form.sector}
          onChange={set('sector')}
          invalid={invalid(FIELDS['body.sector'])}
          disabled={disabled}
          options={sectors.map((s) => ({ value: s.id, label: s.name }))}
        />
      </div>
      <ReviewThenSend
        problems={problems}
        refusal={refusal}
        fields={FIELDS}
        step={step}
        reviewLabel="Review the order"
        title="Check the order before it is drafted"
        confirmLabel="Draft the order"
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          <strong>{offer ? offerTitle(offer) : form.offerId}</strong>: {form.quantity} to deploy to{' '}
          <strong>{regionName(form.regionCode)}</strong> in sector{' '}
          <strong>{names.sector(form.sector)}</strong>, for {lineOfEffortName(form.lineOfEffort)}. The server
          checks it against the gate now and records the outcome; nothing is issued.
        </p>
      </ReviewThenSend>
      {drafted && <DraftOutcome order={drafted} names={names} />}
    </form>
  );
}

function DraftOutcome({ order, names }: { readonly order: OrderOutcome; readonly names: Names }) {
  const status = statusOfOrder(order);
  const blockers = order.live?.blockers ?? [];
  return (
    <Recorded title={`Drafted order ${order.id}: ${statusWords(status)}`}>
      {status === 'issuable' && <p>Nothing stands in its way: the cell's staff may issue it.</p>}
      {status === 'ready_on_gate' && (
        <p>
          Held ready on gate; it becomes issuable by itself when these are met:{' '}
          {blockers.map((b) => names.words(b.waitingFor ?? b.reason)).join('; ')}.
        </p>
      )}
      {status === 'refused' && (
        <>
          <p>Refused, for these reasons (fix them and draft again):</p>
          <ul data-testid="refusal-reasons">
            {order.reasons.map((r) => (
              <li key={r}>{names.words(r)}</li>
            ))}
          </ul>
        </>
      )}
      <AuditTrail entity="deployment_order" entityId={order.id} refresh={order.draftedAt} />
    </Recorded>
  );
}

/** One of the order form's choices: a labelled select of named options under a "Choose…" line. */
function Choice({
  label,
  name,
  value,
  onChange,
  invalid,
  disabled,
  placeholder = 'Choose…',
  options,
}: {
  readonly label: string;
  readonly name: string;
  readonly value: string;
  readonly onChange: (e: { target: { value: string } }) => void;
  readonly invalid: boolean;
  readonly disabled: boolean;
  readonly placeholder?: string;
  readonly options: readonly { readonly value: string; readonly label: string; readonly title?: string }[];
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={onChange} aria-invalid={invalid} disabled={disabled}>
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
