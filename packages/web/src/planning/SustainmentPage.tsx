/**
 * Sustainment (issue 19): plans over years. The list page runs a plan over a horizon of months
 * and edits the time fields (an offer's rotation and mandate, a requirement's months and size
 * changes), each after a confirmation in words. The plan page shows the requirement × month
 * timeline coloured by nation with handovers marked, the mandate cliffs, each nation's units
 * over time, and why each short month is short.
 */
import type {
  SustainmentPlanView,
  SustainmentRotation,
  SustainmentSettings,
  SustainmentTimeline,
} from '@guarantor/core/api';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type Outcome, OutcomeBanner, refusal } from '../forms.tsx';
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { nationColour, textOn } from '../map/palette.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { planningApi } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatUtc } from '../i18n/format.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mar 2027". */
const monthName = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

const FIELDS: Readonly<Record<string, string>> = {
  availableFrom: 'Available from',
  monthsDeployed: 'Months deployed',
  monthsRecovering: 'Months to recover',
  rotationalUnits: 'Rotational units behind it',
  mandateEnds: 'Mandate ends',
  maxMonths: 'Committed for at most (months)',
  start: 'First month',
  end: 'Last month',
  horizonStart: 'Horizon starts',
  horizonMonths: 'Horizon (months)',
};
const fieldName = (field: string) =>
  FIELDS[field] ?? (field.startsWith('sizeChanges') ? 'Size changes' : undefined);

function DemoNote() {
  return (
    <p className="muted small" data-testid="demo-note">
      The demo's rotations, mandate dates and requirement months are made up for illustration; they are not
      statements from the source document.
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
  if (plans.state === 'loading' || settings.state === 'loading')
    return <p className="page-status">Loading sustainment plans…</p>;
  if (plans.state === 'error') return <ErrorPanel error={plans.error} />;
  if (settings.state === 'error') return <ErrorPanel error={settings.error} />;
  const roles = session.state === 'ready' ? session.data.user.roles : [];
  const nation = session.state === 'ready' ? session.data.user.nation : '';
  return (
    <main className="page sustainment">
      <div className="page-head">
        <h1>Sustainment: plans over years</h1>
        <a href="#/plans">Plans for now →</a>
      </div>
      <Downloads list="/api/sustainment-plans" what="the sustainment plans" />
      <p className="summary">
        Who covers each requirement month by month: rotations (one contingent deployed, one preparing, one
        recovering), handovers with an overlap for relief in place, national mandates that end, and the cliffs
        the cell must raise with capitals early.
      </p>
      <DemoNote />
      {(roles.includes('analyst') || roles.includes('cell_staff')) && (
        <RunForm onDone={(id) => (window.location.hash = `#/sustainment/${id}`)} />
      )}
      {plans.data.plans.length === 0 ? (
        <p className="muted">No sustainment plan yet.</p>
      ) : (
        <table className="grid" data-testid="sustainment-plans">
          <TableHead
            columns={['Plan', 'Status', 'Horizon', { num: 'Coverage' }, 'Created', 'Releasability']}
          />
          <tbody>
            {plans.data.plans.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`#/sustainment/${p.id}`}>{p.title || p.id}</a>
                </td>
                <td>{p.statusText}</td>
                <td>
                  {monthName(p.horizonStart)}, {plural(p.horizonMonths, 'month')}
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
      <h2>Run a plan</h2>
      <label>
        Title <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </label>
      <label>
        Horizon starts (month){' '}
        <input
          type="month"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          placeholder="next month"
        />
      </label>
      <label>
        Months{' '}
        <input
          type="number"
          min={1}
          max={60}
          value={months}
          onChange={(e) => setMonths(Number(e.target.value))}
        />
      </label>
      <label>
        Relief-in-place overlap (days){' '}
        <input
          type="number"
          min={0}
          max={60}
          value={overlap}
          onChange={(e) => setOverlap(Number(e.target.value))}
        />
      </label>
      <label>
        <input type="checkbox" checked={renewal} onChange={(e) => setRenewal(e.target.checked)} /> Count on
        mandate renewals that nations expect
      </label>
      <label>
        Planner{' '}
        <select value={method} onChange={(e) => setMethod(e.target.value as 'optimal' | 'greedy')}>
          <option value="optimal">HiGHS over all months (up to 10 s)</option>
          <option value="greedy">Month by month (rolling horizon)</option>
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Review the run
      </button>
      {confirming && (
        <Confirm
          question={`Compute and store a plan over ${plural(months, 'month')} from ${start ? monthName(start) : 'next month'}, with ${overlap} days of overlap at each relief in place, ${renewal ? 'counting on' : 'not counting on'} expected mandate renewals? It uses the offers and requirements releasable to you; nothing is put in force.`}
          confirmLabel="Run and store the plan"
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
  return (
    <section className="sustainment-fields">
      <h2>Offers over time</h2>
      <table className="grid" data-testid="rotations">
        <TableHead
          columns={[
            'Offer',
            'Available from',
            'Tour',
            'Recovery',
            'Rotational units',
            'Mandate ends',
            'Duration',
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
      <h2>Requirements over time</h2>
      <table className="grid" data-testid="timelines">
        <TableHead columns={['Requirement', 'Months', 'Size changes', '']} />
        <tbody>
          {settings.timelines.map((t) => (
            <TimelineRow key={t.requirementId} timeline={t} editable={canTimeline} onSaved={onSaved} />
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
      setOutcome({ ok: true, text: `Rotation of ${r.offerName} recorded.` });
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
      aria-label={FIELDS[key]}
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
            aria-label={FIELDS['availableFrom']}
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
            aria-label={FIELDS['mandateEnds']}
            value={draft.mandateEnds ?? ''}
            onChange={(e) => setDraft({ ...draft, mandateEnds: e.target.value || null })}
          />
          <label className="small">
            <input
              type="checkbox"
              checked={draft.renewalExpected}
              onChange={(e) => setDraft({ ...draft, renewalExpected: e.target.checked })}
            />{' '}
            renewal expected
          </label>
        </td>
        <td>
          <input
            type="number"
            aria-label={FIELDS['maxMonths']}
            value={draft.maxMonths ?? ''}
            onChange={(e) =>
              setDraft({ ...draft, maxMonths: e.target.value === '' ? null : Number(e.target.value) })
            }
            style={{ width: '4.5em' }}
          />
        </td>
        <td>
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            Review
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {confirming && (
            <Confirm
              question={`Record for ${r.offerName}: available from ${monthName(draft.availableFrom || r.availableFrom)}, ${plural(draft.monthsDeployed, 'month')} deployed then ${plural(draft.monthsRecovering, 'month')} to recover, ${plural(draft.rotationalUnits, 'rotational unit')} behind it, ${draft.mandateEnds ? `mandate to ${draft.mandateEnds}${draft.renewalExpected ? ' (renewal expected)' : ' (no renewal expected)'}` : 'no mandate end stated'}${draft.maxMonths ? `, committed for at most ${plural(draft.maxMonths, 'month')}` : ''}?`}
              confirmLabel="Record the rotation"
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
      <td>{stated ? monthName(r.availableFrom) : <span className="muted">not stated</span>}</td>
      <td>
        {stated ? (
          plural(r.monthsDeployed, 'month')
        ) : (
          <span className="muted">one tour of {plural(r.monthsDeployed, 'month')}</span>
        )}
      </td>
      <td>{stated ? plural(r.monthsRecovering, 'month') : '—'}</td>
      <td>{stated ? r.rotationalUnits : '—'}</td>
      <td>
        {r.mandateEnds
          ? `${r.mandateEnds}${r.renewalExpected ? ', renewal expected' : ', no renewal expected'}`
          : '—'}
      </td>
      <td>{r.maxMonths ? `at most ${plural(r.maxMonths, 'month')}` : '—'}</td>
      <td>
        {editable && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <OutcomeBanner outcome={outcome} />
      </td>
    </tr>
  );
}

function TimelineRow({
  timeline: t,
  editable,
  onSaved,
}: {
  readonly timeline: SustainmentTimeline;
  readonly editable: boolean;
  readonly onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [start, setStart] = useState(t.start);
  const [end, setEnd] = useState(t.end ?? '');
  const [changes, setChanges] = useState(
    t.sizeChanges.map((c) => `${c.from}..${c.to ?? ''}=${c.quantity}`).join(', '),
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
      await planningApi.setTimeline(t.requirementId, {
        version: t.version,
        start,
        end: end || null,
        sizeChanges: parsed,
      });
      setOutcome({ ok: true, text: `Months of ${t.requirementName} recorded.` });
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
      ? 'none'
      : list
          .map((c) => `${c.quantity} from ${monthName(c.from)}${c.to ? ` to ${monthName(c.to)}` : ' on'}`)
          .join('; ');
  if (editing)
    return (
      <tr>
        <td>{t.requirementName}</td>
        <td>
          <input
            type="month"
            aria-label="First month"
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />{' '}
          to{' '}
          <input type="month" aria-label="Last month" value={end} onChange={(e) => setEnd(e.target.value)} />
          <div className="muted small">Leave the last month empty for open-ended.</div>
        </td>
        <td>
          <input
            aria-label="Size changes"
            value={changes}
            onChange={(e) => setChanges(e.target.value)}
            placeholder="2028-01..2028-06=6, 2029-01..=2"
            size={32}
          />
          <div className="muted small">
            From..to=units, comma-separated; an empty end runs to the last month.
          </div>
          {unreadable && <p className="form-error">Write each size change as 2028-01..2028-06=6.</p>}
        </td>
        <td>
          <button type="button" className="primary" disabled={unreadable} onClick={() => setConfirming(true)}>
            Review
          </button>{' '}
          <button type="button" className="link-button" onClick={() => setEditing(false)}>
            Cancel
          </button>
          {confirming && (
            <Confirm
              question={`Record that ${t.requirementName} is needed from ${monthName(start)} ${end ? `to ${monthName(end)}` : 'with no end'} at ${t.quantity}, with size changes: ${describe(parsed.filter((c) => c !== null))}?`}
              confirmLabel="Record the months"
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
      <td>{t.requirementName}</td>
      <td>
        {t.version === 0 ? (
          <span className="muted">every month of a plan's horizon</span>
        ) : (
          `${monthName(t.start)} to ${t.end ? monthName(t.end) : 'open-ended'}`
        )}
      </td>
      <td>{describe(t.sizeChanges)}</td>
      <td>
        {editable && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        <OutcomeBanner outcome={outcome} />
      </td>
    </tr>
  );
}

const PROOF: Readonly<Record<string, string>> = {
  optimal: 'Proven best within the solver gap: no plan over these months covers more of the requirements.',
  time_limited:
    'The best plan found before the time limit, not proven best. No plan can cover more than the ceiling below; the gap says how far the solver still was from proof.',
  heuristic: 'The solver gave no plan, so the month-by-month plan stands in: nothing in it is proven best.',
  greedy: 'Month-by-month plan (no look-ahead), for comparison: nothing in it is proven best.',
};

const CAUSE: Readonly<Record<string, string>> = {
  mandate_end: 'Mandate ends',
  mandate_renewal: 'Renewal at risk',
  rotation: 'Rotations run out',
  duration: 'Commitment ends',
};

/** One sustainment plan: timeline, cliffs, nations over time, shortfalls. */
export function SustainmentPlanPage({ id }: { readonly id: string }) {
  const load = useLoad(`sustainment-plan/${id}`, (signal) => planningApi.sustainmentPlan(id, signal));
  if (load.state === 'loading') return <p className="page-status">Loading plan…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const plan: SustainmentPlanView = load.data;
  return (
    <main className="page sustainment">
      <div className="page-head">
        <h1>{plan.title || `Sustainment plan ${plan.id}`}</h1>
        <a href={`/api/sustainment-plans/${encodeURIComponent(plan.id)}/export.xlsx`} download>
          Download as a spreadsheet (XLSX)
        </a>
      </div>
      <p className="summary">
        {plan.statusText}. {plural(plan.horizonMonths, 'month')} from {monthName(plan.horizonStart)}; coverage{' '}
        {pct(plan.metrics.coverage)} (no plan can exceed {pct(plan.proof.coverageCeiling)})
        {plan.proof.gap !== null && plan.status !== 'optimal' ? `, solver gap ${pct(plan.proof.gap)}` : ''};{' '}
        {plural(plan.metrics.reliefsInPlace, 'relief in place', 'reliefs in place')} with {plan.overlapDays}{' '}
        days of overlap, {plural(plan.metrics.rotations, 'rotation')},{' '}
        {plural(plan.metrics.leadChanges, 'lead change')}. <Releasability label={plan.releasability} />
      </p>
      <p className={`plan-proof plan-proof-${plan.status}`}>{PROOF[plan.status]}</p>
      <DemoNote />
      <h2>Timeline</h2>
      <Timeline plan={plan} />
      <h2>Mandate cliffs</h2>
      {plan.cliffs.length === 0 ? (
        <p className="muted">No month where coverage falls because a mandate ends or rotations run out.</p>
      ) : (
        <ul className="cliffs" data-testid="cliffs">
          {plan.cliffs.map((c) => (
            <li key={`${c.month}-${c.nation}-${c.cause}`}>
              <strong>
                {monthName(c.month)} · {c.nationName} · {CAUSE[c.cause]}
              </strong>
              <div>{c.message}</div>
            </li>
          ))}
        </ul>
      )}
      <h2>Each nation's units over time</h2>
      <NationsOverTime plan={plan} />
      <h2>Why months are short</h2>
      {plan.uncovered.length === 0 ? (
        <p className="muted">Every requirement is met in every month.</p>
      ) : (
        <ul className="uncovered" data-testid="uncovered">
          {plan.uncovered.slice(0, 200).map((u) => (
            <li key={`${u.requirementId}-${u.from}`}>
              <details>
                <summary>{u.summary}</summary>
                <ul>
                  {u.candidates.map((c) => (
                    <li key={c.offerId}>
                      {c.offerName} {c.text}.
                    </li>
                  ))}
                  {u.omitted > 0 && <li className="muted">{plural(u.omitted, 'other offer')} not listed.</li>}
                </ul>
              </details>
            </li>
          ))}
          {plan.uncovered.length > 200 && (
            <li className="muted">{plural(plan.uncovered.length - 200, 'more span')} in the spreadsheet.</li>
          )}
        </ul>
      )}
      {plan.rejected.length > 0 && (
        <>
          <h2>Left out</h2>
          <ul>
            {plan.rejected.map((r) => (
              <li key={`${r.kind}-${r.id}`}>
                {r.kind === 'offer' ? 'Offer' : 'Requirement'} {r.id}: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Solver notes</summary>
        <ul>
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </details>
    </main>
  );
}

/** Requirement × month, each cell coloured by the nation with the most units there. */
function Timeline({ plan }: { readonly plan: SustainmentPlanView }) {
  return (
    <div className="timeline-scroll">
      <table className="timeline" data-testid="timeline">
        <thead>
          <tr>
            <th>Requirement</th>
            {plan.months.map((m) => (
              <th key={m} title={monthName(m)}>
                {m.endsWith('-01') ? m.slice(0, 4) : ''}
                <div className="small">{MONTHS[Number(m.slice(5, 7)) - 1]!.charAt(0)}</div>
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
                const title =
                  c.needed === 0
                    ? `${monthName(plan.months[i]!)}: not needed`
                    : `${monthName(plan.months[i]!)}: ${c.units} of ${c.needed}${c.nations.length > 0 ? ` (${c.nations.join(', ')})` : ''}${c.handover === 'relief_in_place' ? '; relief in place' : c.handover === 'rotation' ? '; rotation' : ''}`;
                return (
                  <td
                    key={plan.months[i]}
                    title={title}
                    className={`${c.needed > 0 && c.units < c.needed ? 'short' : ''} ${c.handover ?? ''}`}
                    style={{ background: colour, color: lead ? textOn(colour) : undefined }}
                  >
                    {c.handover === 'relief_in_place'
                      ? '⇄'
                      : c.handover === 'rotation'
                        ? '↻'
                        : c.needed > 0 && c.units < c.needed
                          ? '!'
                          : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Colour: the nation with most units there. ⇄ relief in place between contingents, ↻ rotation within one
        nation's offer, ! fewer units than needed (pale red: none).
      </p>
      <p className="legend">
        {[
          ...new Set(
            plan.timeline.flatMap((r) => r.cells.map((c) => c.nations[0]).filter((n): n is string => !!n)),
          ),
        ]
          .sort()
          .map((n) => (
            <span key={n} className="legend-item">
              <span className="swatch" style={{ background: nationColour(n) }} />{' '}
              {plan.nations.find((x) => x.nation === n)?.nationName ?? n}
            </span>
          ))}
      </p>
    </div>
  );
}

function NationsOverTime({ plan }: { readonly plan: SustainmentPlanView }) {
  return (
    <div className="timeline-scroll">
      <table className="timeline nations-over-time" data-testid="nations-over-time">
        <thead>
          <tr>
            <th>Nation</th>
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
              <th scope="row">{n.nationName}</th>
              {n.units.map((u, i) => (
                <td
                  key={plan.months[i]}
                  className="num"
                  title={`${n.nationName}, ${monthName(plan.months[i]!)}: ${plural(u, 'unit')}`}
                >
                  {u || ''}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Coverage</th>
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
