import type { Offer, Order, OrderOutcome, Plan, User } from '@guarantor/core/api';
import { LINES_OF_EFFORT, REGIONS } from '@guarantor/core/coalition';
import { type FormEvent, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
import { formatDay, formatMonth, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { capabilityRoleName, capitalise, lineOfEffortName, quantityWords, regionName } from '../labels.ts';
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
  const { t } = useTranslation('phases');
  if (load.state === 'loading') return <p className="page-status">{t('orders.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { orders, notifications } = load.data;
  const drafts = hasRole(user, 'liaison') || hasRole(user, 'cell_staff');
  const staff = hasRole(user, 'cell_staff');
  return (
    <main className="page phases-page">
      <div className="page-head">
        <h1>{t('orders.title')}</h1>
        <p className="summary">
          <Trans
            t={t}
            i18nKey="orders.summary"
            count={orders.orders.length}
            values={{
              phase: phaseName(orders.phase),
              date: formatDay(orders.asOf),
              count: orders.orders.length,
            }}
            components={{ b: <strong /> }}
          />
        </p>
      </div>
      <Downloads list="/api/orders" what="the orders" />
      {drafts ? (
        <DraftForm user={user} names={names} onDrafted={() => setVersion((v) => v + 1)} />
      ) : (
        <p className="muted">{t('orders.whoDrafts')}</p>
      )}
      {orders.orders.length === 0 ? (
        <p className="banner" data-testid="no-orders">
          {t('orders.none')}
        </p>
      ) : (
        <table className="grid" data-testid="orders-table">
          <TableHead
            columns={[
              t('orders.col.order'),
              t('orders.col.offer'),
              t('orders.col.where'),
              t('orders.col.gate'),
              t('orders.col.waits'),
              i18n.t('common:releasability.title'),
            ]}
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
      <h2 className="section-title">{t('orders.told')}</h2>
      <Downloads list="/api/notifications" what="the notifications" testId="notifications-downloads" />
      {notifications.notifications.length === 0 ? (
        <p className="muted">{t('orders.nothingTold')}</p>
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
  const { t } = useTranslation('phases');
  return (
    <tr data-testid={`order-${o.id}`}>
      <td>
        <span className="code">{o.id}</span>
        <div className="muted">{t('orders.draftedBy', { by: o.draftedBy })}</div>
        {o.sustainment && (
          <div className="muted" data-testid="order-sustainment">
            <a href={`#/sustainment/${encodeURIComponent(o.sustainment.planId)}`}>
              {t('orders.fromSustainment', {
                plan: o.sustainment.planId,
                month: formatMonth(o.sustainment.month),
              })}
            </a>
          </div>
        )}
      </td>
      <td title={o.offerId}>
        {names.offer(o.offerId)}
        <div className="muted">
          {t('orders.forRole', { quantity: o.quantity, role: capabilityRoleName(o.role) })}
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
        {o.override && <span className="override-flag">{t('orders.override')}</span>}
      </td>
      <td>
        {o.state === 'issued' ? (
          <>
            {t('orders.issuedBy', { by: o.issuedBy, date: formatDay(o.issuedAt) })}
            {o.override && (
              <div className="override-box">{t('orders.overrideReason', { reason: o.override.reason })}</div>
            )}
          </>
        ) : (
          <>
            <ul className="blockers">
              {blockers.map((b) => (
                <li key={b.reason} className={b.waitingFor ? 'waits' : 'refuses'}>
                  {b.waitingFor
                    ? t('orders.waitsFor', { what: names.words(b.waitingFor) })
                    : names.words(b.reason)}
                </li>
              ))}
              {blockers.length === 0 && <li className="waits">{t('orders.nothing')}</li>}
            </ul>
            {staff && status === 'issuable' && (
              <button type="button" className="link-button" onClick={onIssue}>
                {t('orders.issue')}
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
  const { t } = useTranslation('phases');
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
        <Recorded title={t('issue.issued', { id: issued.id })}>
          <p>
            {t('issue.issuedBy', {
              by: issued.issuedBy,
              when: issued.issuedAt ? formatUtc(issued.issuedAt) : '',
            })}{' '}
            <button type="button" className="link-button" onClick={onClose}>
              {t('issue.close')}
            </button>
          </p>
          <AuditTrail entity="deployment_order" entityId={issued.id} refresh={issued.issuedAt ?? ''} />
        </Recorded>
      ) : (
        <ConfirmPanel
          title={t('issue.title', { id: order.id })}
          confirmLabel={t('issue.confirm')}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={onClose}
        >
          <p>
            <Trans
              t={t}
              i18nKey="issue.text"
              values={{
                offer: names.offer(order.offerId),
                quantity: order.quantity,
                region: regionName(order.regionCode),
                sector: names.sector(order.sector),
                line: lineOfEffortName(order.lineOfEffort),
              }}
              components={{ b: <strong /> }}
            />
          </p>
          {refusal && <ServerRefusal error={refusal} />}
        </ConfirmPanel>
      )}
    </div>
  );
}

/** The server's field names → the form's labels, in the reader's language. */
const fieldWords = () => ({
  'body.offerId': i18n.t('phases:ofield.offerId'),
  'body.quantity': i18n.t('phases:ofield.quantity'),
  'body.regionCode': i18n.t('phases:ofield.regionCode'),
  'body.lineOfEffort': i18n.t('phases:ofield.lineOfEffort'),
  'body.sector': i18n.t('phases:ofield.sector'),
});

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
  const { t } = useTranslation('phases');
  const FIELDS = fieldWords();
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
    if (!offer) out.push({ field: FIELDS['body.offerId'], message: t('oprob.offer') });
    const quantity = Number(form.quantity);
    if (!Number.isInteger(quantity) || quantity < 1)
      out.push({ field: FIELDS['body.quantity'], message: t('oprob.quantity') });
    else if (offer && quantity > offer.quantity)
      out.push({
        field: FIELDS['body.quantity'],
        message: t('oprob.tooMany', { what: quantityWords(offer.quantity, offer.unit) }),
      });
    if (!form.regionCode) out.push({ field: FIELDS['body.regionCode'], message: t('oprob.region') });
    if (!form.lineOfEffort) out.push({ field: FIELDS['body.lineOfEffort'], message: t('oprob.line') });
    if (!form.sector) out.push({ field: FIELDS['body.sector'], message: t('oprob.sector') });
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
      <h2>{t('oform.title')}</h2>
      <p className="muted">{t('oform.intro')}</p>
      {allocations.length > 0 && (
        <label className="from-plan">
          {t('oform.fromPlan')} <span className="hint">{t('oform.fromPlanHint')}</span>
          <select
            name="allocation"
            value=""
            onChange={(e) => fromAllocation(Number(e.target.value))}
            disabled={disabled}
          >
            <option value="">{t('oform.chooseAllocation')}</option>
            {allocations.map((a, i) => (
              <option key={`${a.offerId} ${a.requirementId}`} value={i}>
                {t('oform.allocation', {
                  offer: names.offer(a.offerId),
                  quantity: a.quantity,
                  region: regionName(a.requirement?.region ?? ''),
                  line: lineOfEffortName(a.requirement?.lineOfEffort ?? ''),
                })}
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
          placeholder={mine.length === 0 ? t('oform.noOffer') : t('oform.chooseOffer')}
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
          options={LINES_OF_EFFORT.map((l) => ({ value: l.id, label: capitalise(lineOfEffortName(l.id)) }))}
        />
        <Choice
          label={FIELDS['body.regionCode']}
          name="regionCode"
          value={form.regionCode}
          onChange={set('regionCode')}
          invalid={invalid(FIELDS['body.regionCode'])}
          disabled={disabled}
          options={UKRAINE.map((r) => ({ value: r.code, label: regionName(r.code) }))}
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
        reviewLabel={t('oform.review')}
        title={t('oform.check')}
        confirmLabel={t('oform.draft')}
        onConfirm={() => void send()}
        onCancel={() => setStep('edit')}
      >
        <p>
          <Trans
            t={t}
            i18nKey="oform.summary"
            values={{
              offer: offer ? offerTitle(offer) : form.offerId,
              quantity: form.quantity,
              region: regionName(form.regionCode),
              sector: names.sector(form.sector),
              line: lineOfEffortName(form.lineOfEffort),
            }}
            components={{ b: <strong /> }}
          />
        </p>
      </ReviewThenSend>
      {drafted && <DraftOutcome order={drafted} names={names} />}
    </form>
  );
}

function DraftOutcome({ order, names }: { readonly order: OrderOutcome; readonly names: Names }) {
  const status = statusOfOrder(order);
  const blockers = order.live?.blockers ?? [];
  const { t } = useTranslation('phases');
  return (
    <Recorded title={t('drafted.title', { id: order.id, status: statusWords(status) })}>
      {status === 'issuable' && <p>{t('drafted.issuable')}</p>}
      {status === 'ready_on_gate' && (
        <p>
          {t('drafted.ready', {
            what: blockers.map((b) => names.words(b.waitingFor ?? b.reason)).join('; '),
          })}
        </p>
      )}
      {status === 'refused' && (
        <>
          <p>{t('drafted.refused')}</p>
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
  placeholder = i18n.t('phases:oform.choose'),
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
