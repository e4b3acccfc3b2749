/**
 * Sustainment (issue 19): plans over years. The list page runs a plan over a horizon of months
 * and edits the time fields (an offer's rotation and mandate, a requirement's months and size
 * changes), each after a confirmation in words. The plan page shows the requirement × month
 * timeline coloured by nation with handovers marked, the mandate cliffs, each nation's units
 * over time, and why each short month is short: read from the server offer by offer when a short
 * span or a short cell of the timeline is opened (ADR 0046).
 */
import type {
  SustainmentExplanation,
  SustainmentPlanView,
  SustainmentRotation,
  SustainmentSettings,
  SustainmentTimeline,
} from '@guarantor/core/api';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type Outcome, OutcomeBanner, refusal } from '../forms.tsx';
import { nationName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { nationColour, textOn } from '../map/palette.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { planningApi } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatDay, formatMonth, formatMonthInitial, formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';

const pct = (x: number) =>
  formatNumber(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** "Mar 2027", "бер. 2027 р.", "mars 2027". */
const monthName = formatMonth;
const t = i18n.getFixedT(null, 'planning');
const months = (count: number) => t('count.months', { count });

/** The server's field names → the forms' words (keys `planning:sfield.*`). */
const FIELD_KEYS = [
  'availableFrom',
  'monthsDeployed',
  'monthsRecovering',
  'rotationalUnits',
  'mandateEnds',
  'maxMonths',
  'start',
  'end',
  'horizonStart',
  'horizonMonths',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];
const fieldLabel = (key: FieldKey) => i18n.t(`planning:sfield.${key}`);
const fieldName = (field: string) =>
  (FIELD_KEYS as readonly string[]).includes(field)
    ? fieldLabel(field as FieldKey)
    : field.startsWith('sizeChanges')
      ? i18n.t('planning:sfield.sizeChanges')
      : undefined;

function DemoNote() {
  const { t } = useTranslation('planning');
  return (
    <p className="muted small" data-testid="demo-note">
      {t('sus.demo')}
    </p>
  );
}

/** Stored sustainment plans, the run form and the time-field editors. */
export function SustainmentPage() {
  const [refresh, setRefresh] = useState(0);
  const plans = useLoad(`sustainment-plans/${refresh}`, (signal) => planningApi.sustainmentPlans(signal));
  const settings = useLoad(`sustainment-settings/${refresh}`, (signal) =>
    planningApi.sustainmentSettings(signal),
  );
  const session = useLoad('session', () => api.session());
  const { t } = useTranslation('planning');
  if (plans.state === 'loading' || settings.state === 'loading')
    return <p className="page-status">{t('sus.loading')}</p>;
  if (plans.state === 'error') return <ErrorPanel error={plans.error} />;
  if (settings.state === 'error') return <ErrorPanel error={settings.error} />;
  const roles = session.state === 'ready' ? session.data.user.roles : [];
  const nation = session.state === 'ready' ? session.data.user.nation : '';
  return (
    <main className="page sustainment">
      <div className="page-head">
        <h1>{t('sus.title')}</h1>
        <a href="#/plans">{t('sus.forNow')}</a>
      </div>
      <Downloads list="/api/sustainment-plans" what="the sustainment plans" />
      <p className="summary">{t('sus.summary')}</p>
      <DemoNote />
      {(roles.includes('analyst') || roles.includes('cell_staff')) && (
        <RunForm onDone={(id) => (window.location.hash = `#/sustainment/${id}`)} />
      )}
      {plans.data.plans.length === 0 ? (
        <p className="muted">{t('sus.none')}</p>
      ) : (
        <table className="grid" data-testid="sustainment-plans">
          <TableHead
            columns={[
              t('plans.col.plan'),
              t('plans.col.status'),
              t('sus.col.horizon'),
              { num: t('plans.col.coverage') },
              t('plans.col.created'),
              t('col.releasability'),
            ]}
          />
          <tbody>
            {plans.data.plans.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`#/sustainment/${p.id}`}>{p.title || p.id}</a>
                </td>
                <td>{t(`sstatus.${p.status}`)}</td>
                <td>
                  {t('sus.horizon', { start: monthName(p.horizonStart), months: months(p.horizonMonths) })}
                </td>
                <td className="num">{pct(p.coverage)}</td>
                <td>
                  {formatUtc(p.createdAt)} · {p.createdBy}
                </td>
                <td>
                  <Releasability label={p.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TimeFields
        settings={settings.data}
        canRotate={roles.includes('liaison')}
        nation={nation}
        canTimeline={roles.includes('cell_staff')}
        onSaved={() => setRefresh((n) => n + 1)}
      />
    </main>
  );
}

function RunForm({ onDone }: { readonly onDone: (id: string) => void }) {
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [months, setMonths] = useState(36);
  const [overlap, setOverlap] = useState(14);
  const [renewal, setRenewal] = useState(true);
  const [method, setMethod] = useState<'optimal' | 'greedy'>('optimal');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { t } = useTranslation('planning');
  async function send() {
    setBusy(true);
    try {
      const plan = await planningApi.runSustainment({
        title,
        method,
        horizonMonths: months,
        overlapDays: overlap,
        assumeRenewal: renewal,
        ...(start ? { horizonStart: start } : {}),
      });
      onDone(plan.id);
    } catch (e) {
      setOutcome(refusal(e, fieldName));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <form
      className="editor sustainment-run"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h2>{t('run.title')}</h2>
      <label>
        {t('run.titleField')}{' '}
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </label>
      <label>
        {t('run.start')}{' '}
        <input
          type="month"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          placeholder={t('run.nextMonth')}
        />
      </label>
      <label>
        {t('run.months')}{' '}
        <input
          type="number"
          min={1}
          max={60}
          value={months}
          onChange={(e) => setMonths(Number(e.target.value))}
        />
      </label>
      <label>
        {t('run.overlap')}{' '}
        <input
          type="number"
          min={0}
          max={60}
          value={overlap}
          onChange={(e) => setOverlap(Number(e.target.value))}
        />
      </label>
      <label>
        <input type="checkbox" checked={renewal} onChange={(e) => setRenewal(e.target.checked)} />{' '}
        {t('run.renewal')}
      </label>
      <label>
        {t('run.planner')}{' '}
        <select value={method} onChange={(e) => setMethod(e.target.value as 'optimal' | 'greedy')}>
          <option value="optimal">{t('run.optimal')}</option>
          <option value="greedy">{t('run.greedy')}</option>
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('run.review')}
      </button>
      {confirming && (
        <Confirm
          question={t('run.question', {
            months: t('count.months', { count: months }),
            start: start ? monthName(start) : t('run.nextMonth'),
            overlap,
            renewal: renewal ? t('run.countingOn') : t('run.notCountingOn'),
          })}
          confirmLabel={t('run.confirm')}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        />
      )}
      <OutcomeBanner outcome={outcome} />
    </form>
  );
}

/** The time fields of offers (liaisons, their own nation) and requirements (cell staff). */
function TimeFields({
  settings,
  canRotate,
  nation,
  canTimeline,
  onSaved,
}: {
  readonly settings: SustainmentSettings;
  readonly canRotate: boolean;
  readonly nation: string;
  readonly canTimeline: boolean;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation('planning');
  return (
    <section className="sustainment-fields">
      <h2>{t('fields.offersTitle')}</h2>
      <table className="grid" data-testid="rotations">
        <TableHead
          columns={[
            t('fields.col.offer'),
            t('sfield.availableFrom'),
            t('fields.col.tour'),
            t('fields.col.recovery'),
            t('fields.col.rotationalUnits'),
            t('sfield.mandateEnds'),
            t('fields.col.duration'),
            '',
          ]}
        />
        <tbody>
          {settings.rotations.map((r) => (
            <RotationRow
              key={r.offerId}
              rotation={r}
              editable={canRotate && r.nation === nation}
              onSaved={onSaved}
            />
          ))}
        </tbody>
      </table>
      <h2>{t('fields.requirementsTitle')}</h2>
      <table className="grid" data-testid="timelines">
        <TableHead
          columns={[t('fields.col.requirement'), t('fields.col.months'), t('sfield.sizeChanges'), '']}
        />
        <tbody>
          {settings.timelines.map((line) => (
            <TimelineRow key={line.requirementId} timeline={line} editable={canTimeline} onSaved={onSaved} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RotationRow({
  rotation: r,
  editable,
  onSaved,
}: {
  readonly rotation: SustainmentRotation;
  readonly editable: boolean;
  readonly onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(r);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { t } = useTranslation(['planning', 'common']);
  const stated = r.version > 0;
  async function send() {
    setBusy(true);
    try {
      await planningApi.setRotation(r.offerId, {
        version: r.version,
        availableFrom: draft.availableFrom,
        monthsDeployed: draft.monthsDeployed,
        monthsRecovering: draft.monthsRecovering,
        rotationalUnits: draft.rotationalUnits,
        mandateEnds: draft.mandateEnds || null,
        renewalExpected: draft.renewalExpected,
        maxMonths: draft.maxMonths,
      });
      setOutcome({ ok: true, text: t('rot.recorded', { offer: r.offerName }) });
      setEditing(false);
      onSaved();
    } catch (e) {
      setOutcome(refusal(e, fieldName));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const num = (key: 'monthsDeployed' | 'monthsRecovering' | 'rotationalUnits') => (
    <input
      type="number"
      aria-label={fieldLabel(key)}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
      style={{ width: '4.5em' }}
    />
  );
  if (editing)
    return (
      <tr>
        <td>{r.offerName}</td>
        <td>
          <input
            type="month"
            aria-label={fieldLabel('availableFrom')}
            value={draft.availableFrom}
            onChange={(e) => setDraft({ ...draft, availableFrom: e.target.value })}
          />
        </td>
        <td>{num('monthsDeployed')}</td>
        <td>{num('monthsRecovering')}</td>
        <td>{num('rotationalUnits')}</td>
        <td>
          <input
            type="date"
            aria-label={fieldLabel('mandateEnds')}
            value={draft.mandateEnds ?? ''}
            onChange={(e) => setDraft({ ...draft, mandateEnds: e.target.value || null })}
          />
          <label className="small">
            <input
              type="checkbox"
              checked={draft.renewalExpected}
              onChange={(e) => setDraft({ ...draft, renewalExpected: e.target.checked })}
            />{' '}
            {t('rot.renewalExpected')}
          </label>
        </td>
        <td>
          <input
            type="number"
            aria-label={fieldLabel('maxMonths')}
            value={draft.maxMonths ?? ''}
            onChange={(e) =>
              setDraft({ ...draft, maxMonths: e.target.value === '' ? null : Number(e.target.value) })
            }
            style={{ width: '4.5em' }}
          />
        </td>
        <td>
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('rot.review')}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setEditing(false)}>
            {t('common:cancel')}
          </button>
          {confirming && (
            <Confirm
              question={t('rot.question', {
                offer: r.offerName,
                from: monthName(draft.availableFrom || r.availableFrom),
                deployed: months(draft.monthsDeployed),
                recovering: months(draft.monthsRecovering),
                units: t('count.rotationalUnits', { count: draft.rotationalUnits }),
                mandate: draft.mandateEnds
                  ? t('rot.mandateTo', {
                      date: formatDay(draft.mandateEnds),
                      renewal: draft.renewalExpected ? t('rot.withRenewal') : t('rot.withoutRenewal'),
                    })
                  : t('rot.noMandateEnd'),
                max: draft.maxMonths ? t('rot.atMostCommitted', { months: months(draft.maxMonths) }) : '',
              })}
              confirmLabel={t('rot.confirm')}
              busy={busy}
              onConfirm={() => void send()}
              onCancel={() => setConfirming(false)}
            />
          )}
          <OutcomeBanner outcome={outcome} />
        </td>
      </tr>
    );
  return (
    <tr>
      <td>{r.offerName}</td>
      <td>{stated ? monthName(r.availableFrom) : <span className="muted">{t('rot.notStated')}</span>}</td>
      <td>
        {stated ? (
          months(r.monthsDeployed)
        ) : (
          <span className="muted">{t('rot.oneTour', { months: months(r.monthsDeployed) })}</span>
        )}
      </td>
      <td>{stated ? months(r.monthsRecovering) : '—'}</td>
      <td>{stated ? r.rotationalUnits : '—'}</td>
      <td>
        {r.mandateEnds
          ? `${formatDay(r.mandateEnds)}${r.renewalExpected ? t('rot.mandateRenewal') : t('rot.mandateNoRenewal')}`
          : '—'}
      </td>
      <td>{r.maxMonths ? t('rot.atMost', { months: months(r.maxMonths) }) : '—'}</td>
      <td>
        {editable && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
        )}
        <OutcomeBanner outcome={outcome} />
      </td>
    </tr>
  );
}

function TimelineRow({
  timeline: line,
  editable,
  onSaved,
}: {
  readonly timeline: SustainmentTimeline;
  readonly editable: boolean;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation(['planning', 'common']);
  const [editing, setEditing] = useState(false);
  const [start, setStart] = useState(line.start);
  const [end, setEnd] = useState(line.end ?? '');
  const [changes, setChanges] = useState(
    line.sizeChanges.map((c) => `${c.from}..${c.to ?? ''}=${c.quantity}`).join(', '),
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const parsed = changes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})?=(-?\d+)$/.exec(s);
      return m ? { from: m[1]!, to: m[2] ?? null, quantity: Number(m[3]) } : null;
    });
  const unreadable = parsed.some((c) => c === null);
  async function send() {
    setBusy(true);
    try {
      await planningApi.setTimeline(line.requirementId, {
        version: line.version,
        start,
        end: end || null,
        sizeChanges: parsed,
      });
      setOutcome({ ok: true, text: t('tl.recorded', { requirement: line.requirementName }) });
      setEditing(false);
      onSaved();
    } catch (e) {
      setOutcome(refusal(e, fieldName));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  const describe = (list: readonly { from: string; to: string | null; quantity: number }[]) =>
    list.length === 0
      ? t('tl.none')
      : list
          .map((c) =>
            t('tl.change', {
              quantity: c.quantity,
              from: monthName(c.from),
              to: c.to ? t('tl.changeTo', { to: monthName(c.to) }) : t('tl.changeOn'),
            }),
          )
          .join('; ');
  if (editing)
    return (
      <tr>
        <td>{line.requirementName}</td>
        <td>
          <input
            type="month"
            aria-label={fieldLabel('start')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />{' '}
          {t('tl.to')}{' '}
          <input
            type="month"
            aria-label={fieldLabel('end')}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
          />
          <div className="muted small">{t('tl.openEndedHint')}</div>
        </td>
        <td>
          <input
            aria-label={t('sfield.sizeChanges')}
            value={changes}
            onChange={(e) => setChanges(e.target.value)}
            placeholder="2028-01..2028-06=6, 2029-01..=2"
            size={32}
          />
          <div className="muted small">{t('tl.changesHint')}</div>
          {unreadable && <p className="form-error">{t('tl.unreadable')}</p>}
        </td>
        <td>
          <button type="button" className="primary" disabled={unreadable} onClick={() => setConfirming(true)}>
            {t('rot.review')}
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setEditing(false)}>
            {t('common:cancel')}
          </button>
          {confirming && (
            <Confirm
              question={t('tl.question', {
                requirement: line.requirementName,
                start: monthName(start),
                end: end ? t('tl.toEnd', { end: monthName(end) }) : t('tl.noEnd'),
                quantity: line.quantity,
                changes: describe(parsed.filter((c) => c !== null)),
              })}
              confirmLabel={t('tl.confirm')}
              busy={busy}
              onConfirm={() => void send()}
              onCancel={() => setConfirming(false)}
            />
          )}
          <OutcomeBanner outcome={outcome} />
        </td>
      </tr>
    );
  return (
    <tr>
      <td>{line.requirementName}</td>
      <td>
        {line.version === 0 ? (
          <span className="muted">{t('tl.everyMonth')}</span>
        ) : (
          t('tl.range', {
            start: monthName(line.start),
            end: line.end ? monthName(line.end) : t('tl.openEnded'),
          })
        )}
      </td>
      <td>{describe(line.sizeChanges)}</td>
      <td>
        {editable && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('edit')}
          </button>
        )}
        <OutcomeBanner outcome={outcome} />
      </td>
    </tr>
  );
}

/** A `planning` key for a code, else the code itself. */
function codeWord(group: 'sproof' | 'cause', code: string): string {
  const key = `planning:${group}.${code}`;
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : code;
}

/** One sustainment plan: timeline, cliffs, nations over time, shortfalls. */
export function SustainmentPlanPage({ id }: { readonly id: string }) {
  const load = useLoad(`sustainment-plan/${id}`, (signal) => planningApi.sustainmentPlan(id, signal));
  const session = useLoad('session', () => api.session());
  const { t } = useTranslation('planning');
  if (load.state === 'loading') return <p className="page-status">{t('splan.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const plan: SustainmentPlanView = load.data;
  const roles = session.state === 'ready' ? session.data.user.roles : [];
  return (
    <main className="page sustainment">
      <div className="page-head">
        <h1>{plan.title || t('splan.title', { id: plan.id })}</h1>
        <a href={`/api/sustainment-plans/${encodeURIComponent(plan.id)}/export.xlsx`} download>
          {t('splan.download')}
        </a>
      </div>
      <p className="summary">
        {t('splan.summary', {
          status: t(`sstatus.${plan.status}`),
          months: months(plan.horizonMonths),
          start: monthName(plan.horizonStart),
          coverage: pct(plan.metrics.coverage),
          ceiling: pct(plan.proof.coverageCeiling),
          gap:
            plan.proof.gap !== null && plan.status !== 'optimal'
              ? t('splan.gap', { gap: pct(plan.proof.gap) })
              : '',
          reliefs: t('count.reliefs', { count: plan.metrics.reliefsInPlace }),
          overlap: plan.overlapDays,
          rotations: t('count.rotations', { count: plan.metrics.rotations }),
          leadChanges: t('count.leadChanges', { count: plan.metrics.leadChanges }),
        })}{' '}
        <Releasability label={plan.releasability} />
      </p>
      <p className={`plan-proof plan-proof-${plan.status}`}>{codeWord('sproof', plan.status)}</p>
      <DemoNote />
      <h2>{t('splan.timeline')}</h2>
      <Timeline plan={plan} />
      <h2>{t('splan.cliffs')}</h2>
      {plan.cliffs.length === 0 ? (
        <p className="muted">{t('splan.noCliffs')}</p>
      ) : (
        <ul className="cliffs" data-testid="cliffs">
          {plan.cliffs.map((c) => (
            <li key={`${c.month}-${c.nation}-${c.cause}`}>
              <strong>
                {monthName(c.month)} · {nationName(c.nation)} · {codeWord('cause', c.cause)}
              </strong>
              <div>{c.message}</div>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('splan.nationsTitle')}</h2>
      <NationsOverTime plan={plan} />
      <h2>{t('sorders.title')}</h2>
      <MonthOrders plan={plan} canDraft={roles.includes('cell_staff')} />
      <h2>{t('splan.shortTitle')}</h2>
      <ShortSpans plan={plan} />
      {plan.rejected.length > 0 && (
        <>
          <h2>{t('splan.leftOut')}</h2>
          <ul>
            {plan.rejected.map((r) => (
              <li key={`${r.kind}-${r.id}`}>
                {r.kind === 'offer' ? t('splan.offer') : t('splan.requirement')} {r.id}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>{t('splan.solverNotes')}</summary>
        {/* The solver's log is technical and stays in English, marked so for screen readers. */}
        <ul lang="en">
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </main>
  );
}

type Short = SustainmentPlanView['uncovered'][number];

/** The plan's short spans: the first page came with the plan; the reader asks for the next ones. */
function ShortSpans({ plan }: { readonly plan: SustainmentPlanView }) {
  const { t } = useTranslation('planning');
  const [spans, setSpans] = useState<readonly Short[]>(plan.uncovered);
  const [next, setNext] = useState(plan.uncoveredNext);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (plan.uncoveredTotal === 0) return <p className="muted">{t('splan.allMet')}</p>;
  const more = async () => {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      const page = await planningApi.sustainmentUncovered(plan.id, next);
      setSpans((shown) => [...shown, ...page.uncovered]);
      setNext(page.next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="muted" data-testid="uncovered-count">
        {t('splan.spansShown', { shown: spans.length, count: plan.uncoveredTotal })}
      </p>
      <ul className="uncovered" data-testid="uncovered">
        {spans.map((u) => (
          <li key={`${u.requirementId}-${u.from}`}>
            <ShortSpan planId={plan.id} span={u} />
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" onClick={more} disabled={busy}>
          {t('splan.showMoreSpans', { n: Math.min(200, plan.uncoveredTotal - spans.length) })}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** One short span: its summary, and its offers read when the reader opens it. */
function ShortSpan({ planId, span }: { readonly planId: string; readonly span: Short }) {
  const [open, setOpen] = useState(false);
  const { t } = useTranslation('planning');
  if (span.candidateCount === 0 && span.omitted === 0)
    return (
      <>
        {span.summary} <span className="muted">{t('explain.noOffer')}</span>
      </>
    );
  return (
    <details
      className="explanation"
      data-testid={`explanation-${span.requirementId}-${span.from}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        {span.summary}{' '}
        <span className="muted">
          ({t('sexplain.why', { offers: t('count.offers', { count: span.candidateCount + span.omitted }) })})
        </span>
      </summary>
      {open && (
        <ExplanationBody
          planId={planId}
          requirementId={span.requirementId}
          month={span.from}
          render={(x) => <Spans explanation={x} from={span.from} />}
        />
      )}
    </details>
  );
}

/** Reads one requirement's explanation (in one month), with a loading line and a retry. */
function ExplanationBody({
  planId,
  requirementId,
  month,
  render,
}: {
  readonly planId: string;
  readonly requirementId: string;
  readonly month: string;
  readonly render: (explanation: SustainmentExplanation) => ReactNode;
}) {
  const [retry, setRetry] = useState(0);
  const { t } = useTranslation('planning');
  const load = useLoad(
    `sustainment-plan/${planId}/explanation/${requirementId}/${month}/${retry}`,
    (signal) => planningApi.sustainmentExplanation(planId, requirementId, month, signal),
  );
  if (load.state === 'loading') return <p className="muted small">{t('explain.loading')}</p>;
  if (load.state === 'error')
    return (
      <p className="form-error small" role="alert">
        {t('explain.failed', { message: load.error.message })}{' '}
        <button type="button" onClick={() => setRetry((n) => n + 1)}>
          {t('explain.retry')}
        </button>
      </p>
    );
  return render(load.data);
}

/** The offers of the spans read (only the one starting at `from`, when given). */
function Spans({ explanation, from }: { readonly explanation: SustainmentExplanation; from?: string }) {
  const { t } = useTranslation('planning');
  const spans = explanation.spans.filter((s) => from === undefined || s.from === from);
  if (spans.length === 0) return <p className="muted">{t('sexplain.met')}</p>;
  return (
    <>
      {spans.map((s) => (
        <ul key={s.from} data-testid="candidates">
          {s.candidates.map((c) => (
            <li key={c.offerId}>
              {c.offerName} {c.text}.
            </li>
          ))}
          {s.omitted > 0 && <li className="muted">{t('count.otherOffers', { count: s.omitted })}</li>}
        </ul>
      ))}
    </>
  );
}

/** Why one requirement is short in one month, opened from a cell of the timeline. */
function CellExplanation({
  planId,
  requirementName,
  requirementId,
  month,
  onClose,
}: {
  readonly planId: string;
  readonly requirementName: string;
  readonly requirementId: string;
  readonly month: string;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation('planning');
  return (
    <section className="cell-explanation" data-testid="cell-explanation" aria-live="polite">
      <h3>{t('sexplain.cellTitle', { requirement: requirementName, month: monthName(month) })}</h3>
      <ExplanationBody
        planId={planId}
        requirementId={requirementId}
        month={month}
        render={(x) => (
          <>
            {x.spans.map((s) => (
              <p key={s.from}>{s.summary}</p>
            ))}
            <Spans explanation={x} />
          </>
        )}
      />
      <button type="button" className="link-button" onClick={onClose}>
        {t('sexplain.close')}
      </button>
    </section>
  );
}

/** This month, `YYYY-MM`, by the browser's clock (the server checks again). */
const thisMonth = () => new Date().toISOString().slice(0, 7);

/**
 * Orders for a month of the plan: which nation's unit covers which requirement that month, in
 * which sector; cell staff draft them after a confirmation, and they wait ready on gate for the
 * ceasefire gate and for the month.
 */
function MonthOrders({ plan, canDraft }: { readonly plan: SustainmentPlanView; readonly canDraft: boolean }) {
  const { t } = useTranslation('planning');
  const future = plan.months.filter((m) => m >= thisMonth());
  const [month, setMonth] = useState(future[0] ?? plan.months[0]!);
  const [refresh, setRefresh] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const preview = useLoad(`sustainment-orders/${plan.id}/${month}/${refresh}`, (signal) =>
    planningApi.sustainmentOrders(plan.id, month, signal),
  );
  const ready = preview.state === 'ready' ? preview.data.lines.filter((l) => l.problem === null) : [];
  async function draft() {
    setBusy(true);
    try {
      const done = await planningApi.draftSustainmentOrders(plan.id, month);
      const waiting = done.orders.filter((o) => o.state === 'ready_on_gate').length;
      setOutcome({
        ok: true,
        text: (
          <>
            {t('sorders.drafted', {
              orders: t('count.orders', { count: done.orders.length }),
              month: monthName(month),
              waiting,
            })}{' '}
            <a href="#/orders">{t('sorders.toOrders')}</a>
          </>
        ),
      });
      setRefresh((n) => n + 1);
    } catch (e) {
      setOutcome(refusal(e, (f) => (f === 'month' ? t('sorders.month') : undefined)));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <section className="month-orders" data-testid="month-orders">
      <p className="muted small">{t('sorders.intro')}</p>
      <label>
        {t('sorders.month')}{' '}
        <select
          value={month}
          onChange={(e) => {
            setMonth(e.target.value);
            setOutcome(null);
          }}
        >
          {plan.months.map((m) => (
            <option key={m} value={m}>
              {monthName(m)}
              {m < thisMonth() ? ` (${t('sorders.past')})` : ''}
            </option>
          ))}
        </select>
      </label>
      {preview.state === 'loading' && <p className="muted small">{t('sorders.loading')}</p>}
      {preview.state === 'error' && <ErrorPanel error={preview.error} />}
      {preview.state === 'ready' && (
        <>
          {preview.data.lines.length === 0 ? (
            <p className="muted">{t('sorders.noUnits', { month: monthName(month) })}</p>
          ) : (
            <table className="grid" data-testid="month-order-lines">
              <TableHead
                columns={[
                  t('sorders.col.requirement'),
                  t('sorders.col.nation'),
                  t('sorders.col.offer'),
                  { num: t('sorders.col.units') },
                  t('sorders.col.sector'),
                ]}
              />
              <tbody>
                {preview.data.lines.map((l) => (
                  <tr key={`${l.offerId}-${l.requirementId}`} className={l.problem ? 'muted' : undefined}>
                    <td>{l.requirementName}</td>
                    <td>{nationName(l.nation)}</td>
                    <td>{l.offerName}</td>
                    <td className="num">{formatNumber(l.quantity)}</td>
                    <td>
                      {l.sectorName ?? (
                        <span title={l.problem ?? undefined}>
                          {t('sorders.notOrdered', { why: l.problem })}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.data.drafted.length > 0 ? (
            <p data-testid="month-orders-drafted">
              {t('sorders.already', {
                orders: t('count.orders', { count: preview.data.drafted.length }),
                month: monthName(month),
                waiting: preview.data.drafted.filter((o) => o.state === 'ready_on_gate').length,
              })}{' '}
              <a href="#/orders">{t('sorders.toOrders')}</a>
            </p>
          ) : (
            canDraft &&
            ready.length > 0 &&
            month >= preview.data.currentMonth && (
              <button type="button" className="primary" onClick={() => setConfirming(true)}>
                {t('sorders.review', { orders: t('count.orders', { count: ready.length }) })}
              </button>
            )
          )}
          {confirming && (
            <Confirm
              question={t('sorders.question', {
                orders: t('count.orders', { count: ready.length }),
                month: monthName(month),
                plan: plan.title || plan.id,
                nations: [...new Set(ready.map((l) => nationName(l.nation)))].join(', '),
              })}
              confirmLabel={t('sorders.confirm')}
              busy={busy}
              onConfirm={() => void draft()}
              onCancel={() => setConfirming(false)}
            />
          )}
        </>
      )}
      <OutcomeBanner outcome={outcome} />
    </section>
  );
}

/** Requirement × month, each cell coloured by the nation with the most units there; a short cell opens why. */
function Timeline({ plan }: { readonly plan: SustainmentPlanView }) {
  const { t } = useTranslation('planning');
  const [open, setOpen] = useState<{ requirementId: string; requirementName: string; month: string } | null>(
    null,
  );
  return (
    <div className="timeline-scroll">
      <table className="timeline" data-testid="timeline">
        <thead>
          <tr>
            <th>{t('tline.requirement')}</th>
            {plan.months.map((m) => (
              <th key={m} title={monthName(m)}>
                {m.endsWith('-01') ? m.slice(0, 4) : ''}
                <div className="small">{formatMonthInitial(m)}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.timeline.map((row) => (
            <tr key={row.requirementId}>
              <th scope="row">{row.requirementName}</th>
              {row.cells.map((c, i) => {
                const lead = c.nations[0];
                const colour = lead ? nationColour(lead) : c.needed > 0 ? '#f2dede' : 'transparent';
                const month = monthName(plan.months[i]!);
                const title =
                  c.needed === 0
                    ? t('tline.notNeeded', { month })
                    : `${t('tline.cell', { month, units: c.units, needed: c.needed })}${c.nations.length > 0 ? ` (${c.nations.join(', ')})` : ''}${c.handover === 'relief_in_place' ? t('tline.relief') : c.handover === 'rotation' ? t('tline.rotation') : ''}`;
                return (
                  <td
                    key={plan.months[i]}
                    title={title}
                    className={`${c.needed > 0 && c.units < c.needed ? 'short' : ''} ${c.handover ?? ''}`}
                    style={{ background: colour, color: lead ? textOn(colour) : undefined }}
                  >
                    {c.needed > 0 && c.units < c.needed ? (
                      <button
                        type="button"
                        className="cell-button"
                        aria-label={t('sexplain.cellTitle', { requirement: row.requirementName, month })}
                        onClick={() =>
                          setOpen({
                            requirementId: row.requirementId,
                            requirementName: row.requirementName,
                            month: plan.months[i]!,
                          })
                        }
                      >
                        {c.handover === 'relief_in_place' ? '⇄' : c.handover === 'rotation' ? '↻' : '!'}
                      </button>
                    ) : c.handover === 'relief_in_place' ? (
                      '⇄'
                    ) : c.handover === 'rotation' ? (
                      '↻'
                    ) : (
                      ''
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <CellExplanation
          key={`${open.requirementId}-${open.month}`}
          planId={plan.id}
          {...open}
          onClose={() => setOpen(null)}
        />
      )}
      <p className="muted small">{t('tline.legend')}</p>
      <p className="legend">
        {[
          ...new Set(
            plan.timeline.flatMap((r) => r.cells.map((c) => c.nations[0]).filter((n): n is string => !!n)),
          ),
        ]
          .sort()
          .map((n) => (
            <span key={n} className="legend-item">
              <span className="swatch" style={{ background: nationColour(n) }} /> {nationName(n)}
            </span>
          ))}
      </p>
    </div>
  );
}

function NationsOverTime({ plan }: { readonly plan: SustainmentPlanView }) {
  const { t } = useTranslation('planning');
  return (
    <div className="timeline-scroll">
      <table className="timeline nations-over-time" data-testid="nations-over-time">
        <thead>
          <tr>
            <th>{t('tline.nation')}</th>
            {plan.months.map((m) => (
              <th key={m} title={monthName(m)}>
                {m.endsWith('-01') ? m.slice(0, 4) : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.nations.map((n) => (
            <tr key={n.nation}>
              <th scope="row">{nationName(n.nation)}</th>
              {n.units.map((u, i) => (
                <td
                  key={plan.months[i]}
                  className="num"
                  title={`${nationName(n.nation)}, ${monthName(plan.months[i]!)}: ${t('count.units', { count: u })}`}
                >
                  {u || ''}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('tline.coverage')}</th>
            {plan.coverageByMonth.map((c, i) => (
              <td key={plan.months[i]} className="num small" title={pct(c)}>
                {Math.round(c * 100)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
