import type { ClaimOutcome, Plan, PlanExplanation } from '@guarantor/core/api';
import { quantityInWords } from '@guarantor/core/coalition';
import { useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import {
  capabilityName,
  capitalise,
  humanise,
  lineOfEffortName,
  nationName,
  plural,
  regionName,
} from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { planningApi } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatUtc } from '../i18n/format.ts';
import { TableHead } from '../TableHead.tsx';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function StatusChip({ status }: { status: string }) {
  return <span className={`plan-status plan-${status}`}>{humanise(status)}</span>;
}

/** What a plan's status proves, in a sentence: cell staff should know what they adopt. */
function ProofLine({ plan }: { readonly plan: Plan }) {
  const honoured = plan.claims.filter((c) => c.outcome === 'honoured').length;
  const sentences: Readonly<Record<string, string>> = {
    optimal:
      'Proven optimal: no plan covers more of the requirements, and none with that coverage does better on leads, claims, nations per region and days to deploy.',
    time_limited:
      'Coverage is proven the best the offers allow. Leads, claims and nations per region are the best found within the time limit' +
      (plan.ceiling
        ? `: ${plural(plan.metrics.cellsWithLead ?? 0, 'lead')} where no plan could have more than ${plan.ceiling.leads}, ${plural(honoured, 'claim')} honoured of at most ${plan.ceiling.claims}.`
        : '.') +
      ' A longer time limit may find a better plan.',
    heuristic:
      'The solver did not prove the best coverage, so the greedy plan stands in: nothing in it is proven optimal.',
    greedy: 'Greedy allocation, for comparison: nothing in it is proven optimal.',
  };
  const text = sentences[plan.status];
  return text ? (
    <p className={`plan-proof plan-proof-${plan.status}`} data-testid="plan-proof">
      {text}
    </p>
  ) : null;
}

/** Stored plans, newest first, and a button to compute a new one from what you may see. */
export function PlansPage() {
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(`plans/${refresh}`, (signal) => planningApi.plans(signal));
  const session = useLoad('session', () => api.session());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading plans…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const roles = session.state === 'ready' ? session.data.user.roles : [];
  const canRun = roles.includes('analyst') || roles.includes('cell_staff');
  const { plans } = load.data;

  async function run(method: 'optimal' | 'greedy') {
    setBusy(true);
    setError(null);
    try {
      const latest = plans[0];
      const plan = await planningApi.runPlan({ method, ...(latest ? { basedOn: latest.id } : {}) });
      window.location.hash = `#/plans/${plan.id}`;
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1>Plans</h1>
        {canRun && (
          <div className="editor-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void run('optimal')}>
              {busy ? 'Solving…' : 'Run optimal plan (HiGHS)'}
            </button>
            <button type="button" className="link-button" disabled={busy} onClick={() => void run('greedy')}>
              Run greedy plan
            </button>
          </div>
        )}
      </div>
      <Downloads list="/api/plans" what="the plans" />
      <p className="summary">
        A plan is a proposal computed from the offers and requirements releasable to you. Nothing changes
        until cell staff adopt it. For rotations, handovers and mandates over the coming years, see{' '}
        <a href="#/sustainment">sustainment plans</a>.
      </p>
      {error && <p className="form-error">{error.message}</p>}
      {plans.length === 0 ? (
        <p className="muted">
          No plan yet. Analysts run one with the button above; it allocates the offers you may see to the
          requirements.
        </p>
      ) : (
        <table className="grid" data-testid="plans-table">
          <TableHead
            columns={['Plan', 'Status', { num: 'Coverage' }, 'Created', 'Adopted', 'Releasability']}
          />
          <tbody>
            {plans.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`#/plans/${p.id}`}>{p.id}</a> {p.title && <span className="muted">{p.title}</span>}
                </td>
                <td>
                  <StatusChip status={p.status} />
                </td>
                <td className="num">{pct(p.coverage)}</td>
                <td>
                  {formatUtc(p.createdAt)} · {p.createdBy}
                </td>
                <td>
                  {p.adoptedAt
                    ? `${formatUtc(p.adoptedAt)} · ${p.adoptedBy}${p.supersededAt ? ' (superseded)' : ''}`
                    : '—'}
                </td>
                <td>
                  <Releasability label={p.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function Diff({ plan, others }: { plan: Plan; others: readonly string[] }) {
  const [against, setAgainst] = useState<string>(plan.basedOn ?? others[0] ?? '');
  const load = useLoad(`diff/${plan.id}/${against}`, (signal) =>
    against ? planningApi.diff(plan.id, against, signal) : Promise.resolve(null),
  );
  if (others.length === 0) return null;
  return (
    <section data-testid="plan-diff">
      <h2>
        Compared with{' '}
        <select value={against} onChange={(e) => setAgainst(e.target.value)}>
          {others.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </h2>
      {load.state === 'ready' && load.data && (
        <>
          <p className="muted small">
            Coverage {pct(load.data.metrics.coverage!.before)} → {pct(load.data.metrics.coverage!.after)} ·
            leads {load.data.metrics.cellsWithLead!.before} → {load.data.metrics.cellsWithLead!.after} ·
            nation-region pairs {load.data.metrics.nationRegionPairs!.before} →{' '}
            {load.data.metrics.nationRegionPairs!.after}
          </p>
          {load.data.summary.length === 0 ? (
            <p className="muted">No difference.</p>
          ) : (
            <ul className="diff-list">
              {load.data.summary.slice(0, 40).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {load.data.summary.length > 40 && (
                <li className="muted">… {load.data.summary.length - 40} more</li>
              )}
            </ul>
          )}
        </>
      )}
      {load.state === 'error' && <p className="form-error">{load.error.message}</p>}
    </section>
  );
}

/** Claim outcomes, the ones that did not hold first, each with what it means. */
const OUTCOMES: readonly { readonly outcome: ClaimOutcome; readonly label: string }[] = [
  { outcome: 'forbidden', label: 'Forbidden: the claimant cannot lead this cell' },
  { outcome: 'short', label: 'Short: all its units would not reach the lead share' },
  { outcome: 'outweighed', label: 'Outweighed: another claimant was chosen, or coverage needed its units' },
  { outcome: 'honoured', label: 'Honoured: the claimant leads' },
  { outcome: 'unrequired', label: 'Nothing to lead yet: no requirement in this cell' },
];

/** What became of each lead claim, grouped by outcome, with the sentence that says why. */
function Claims({ claims }: { claims: Plan['claims'] }) {
  // Plans stored before claims were explained have none.
  if (claims.length === 0) return <p className="muted">No lead claim was given to this plan.</p>;
  const groups = OUTCOMES.map((o) => ({
    ...o,
    claims: claims.filter((c) => c.outcome === o.outcome),
  })).filter((g) => g.claims.length > 0);
  return (
    <table className="grid claims-table" data-testid="plan-claims">
      <TableHead columns={['Nation', 'Region', 'Line of effort', { num: 'Share' }, 'Why']} />
      {groups.map((g) => (
        <tbody key={g.outcome} data-testid={`claims-${g.outcome}`}>
          <tr className={`claim-group outcome-${g.outcome}`}>
            <th scope="rowgroup" colSpan={5}>
              {g.label} · {plural(g.claims.length, 'claim')}
            </th>
          </tr>
          {g.claims.map((c) => (
            <tr key={`${c.region}|${c.lineOfEffort}|${c.nation}`}>
              <td>
                <b>{c.nation}</b>
              </td>
              <td>
                {regionName(c.region)} <span className="muted code nowrap">{c.region}</span>
              </td>
              <td>{capitalise(lineOfEffortName(c.lineOfEffort))}</td>
              <td className="num">{pct(c.share)}</td>
              <td className="small">{c.message}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

/** One plan: its figures, why each unmet requirement is unmet, the diff, and the adopt step. */
export function PlanPage({ id }: { readonly id: string }) {
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(`plan/${id}/${refresh}`, (signal) => planningApi.plan(id, signal));
  const plans = useLoad('plans', (signal) => planningApi.plans(signal));
  const session = useLoad('session', () => api.session());
  const [error, setError] = useState<ApiError | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading {id}…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const plan = load.data;
  const staff = session.state === 'ready' && session.data.user.roles.includes('cell_staff');
  const reqs = new Map(plan.requirements.map((r) => [r.id, r]));
  const others = plans.state === 'ready' ? plans.data.plans.map((p) => p.id).filter((x) => x !== id) : [];

  async function adopt() {
    setError(null);
    try {
      await planningApi.adopt(id);
      setRefresh((n) => n + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    }
  }

  const m = plan.metrics;
  return (
    <main className="page">
      <p className="crumbs">
        <a href="#/plans">Plans</a> / {plan.id}
      </p>
      <div className="page-head">
        <h1>
          {plan.id} <StatusChip status={plan.status} />
        </h1>
        <Releasability label={plan.releasability} />
      </div>
      <dl className="facts plan-facts">
        <div>
          <dt>Coverage (priority-weighted)</dt>
          <dd data-testid="coverage">{pct(m.coverage ?? 0)}</dd>
        </div>
        <div>
          <dt>Allocated of required</dt>
          <dd data-testid="unit-totals">
            {plan.unitTotals
              .map((u) => `${u.allocated} of ${quantityInWords(u.required, u.unit)}`)
              .join(' · ') || 'nothing required'}
          </dd>
        </div>
        <div>
          <dt>Cells with a lead</dt>
          <dd>
            {m.cellsWithLead} of {m.activeCells}
          </dd>
        </div>
        <div>
          <dt>Adoption</dt>
          <dd>
            {plan.adoptedAt ? (
              `adopted ${formatUtc(plan.adoptedAt)} by ${plan.adoptedBy}${plan.supersededAt ? ', since superseded' : ''}`
            ) : staff ? (
              <button type="button" className="primary" onClick={() => void adopt()}>
                Adopt this plan
              </button>
            ) : (
              'not adopted; cell staff adopt plans'
            )}
          </dd>
        </div>
      </dl>
      <ProofLine plan={plan} />
      {error && <p className="form-error">{error.message}</p>}
      <p className="muted small">
        Planned from {plural(plan.inputCounts.offers, 'offer')},{' '}
        {plural(plan.inputCounts.requirements, 'requirement')} and{' '}
        {plural(plan.inputCounts.leadClaims, 'lead claim')} releasable to whoever ran it.
      </p>
      {plan.notes.length > 0 && (
        <details className="solver-notes">
          <summary>How the solver got there</summary>
          <ul className="small">
            {plan.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}

      <h2>Unmet requirements and why</h2>
      {plan.shortfalls.length === 0 ? (
        <p className="muted">Every requirement is met.</p>
      ) : (
        <div className="shortfalls" data-testid="shortfalls">
          {plan.shortfalls.map((s) => {
            const r = reqs.get(s.requirementId);
            return (
              <article key={s.requirementId} className="shortfall">
                <h3>
                  {r ? (
                    <>
                      {capitalise(capabilityName(r.capability))} in {regionName(r.region)}: {s.allocated} of{' '}
                      {s.required}{' '}
                      <span className="muted small">
                        {lineOfEffortName(r.lineOfEffort)} · priority {r.priority} ·{' '}
                        <span className="code" title="requirement id">
                          {s.requirementId}
                        </span>
                      </span>
                    </>
                  ) : (
                    <>
                      <span className="code">{s.requirementId}</span> {s.allocated} of {s.required}
                    </>
                  )}
                </h3>
                <Explanation planId={plan.id} requirementId={s.requirementId} count={s.candidateCount} />
              </article>
            );
          })}
        </div>
      )}

      <h2>Lead claims and what became of them</h2>
      <Claims claims={plan.claims ?? []} />

      <Diff plan={plan} others={others} />

      <h2>Leads</h2>
      <p className="small">
        {plan.leads
          .map((l) => `${regionName(l.region)}, ${lineOfEffortName(l.lineOfEffort)}: ${nationName(l.nation)}`)
          .join(' · ') || 'None.'}
      </p>
    </main>
  );
}

/**
 * Why one requirement is unmet, offer by offer: read from the server when the reader opens it
 * (a stress plan names hundreds of thousands of offers in all; sending them at once took minutes).
 */
function Explanation(props: {
  readonly planId: string;
  readonly requirementId: string;
  readonly count: number;
}) {
  const [open, setOpen] = useState(false);
  if (props.count === 0) return <p className="muted">No offer of this capability is releasable to you.</p>;
  return (
    <details
      className="explanation"
      data-testid={`explanation-${props.requirementId}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Why, offer by offer ({plural(props.count, 'offer')})</summary>
      {open && <ExplanationBody {...props} />}
    </details>
  );
}

function ExplanationBody({
  planId,
  requirementId,
}: {
  readonly planId: string;
  readonly requirementId: string;
}) {
  const [retry, setRetry] = useState(0);
  const load = useLoad(`plan/${planId}/explanation/${requirementId}/${retry}`, (signal) =>
    planningApi.explanation(planId, requirementId, signal),
  );
  if (load.state === 'loading') return <p className="muted small">Loading the explanation…</p>;
  if (load.state === 'error')
    return (
      <p className="form-error small" role="alert">
        The explanation could not be loaded: {load.error.message}{' '}
        <button type="button" onClick={() => setRetry((n) => n + 1)}>
          Try again
        </button>
      </p>
    );
  return <Candidates explanation={load.data} />;
}

function Candidates({ explanation }: { readonly explanation: PlanExplanation }) {
  if (explanation.met) return <p className="muted">The plan meets this requirement in full.</p>;
  return (
    <ul>
      {explanation.candidates.map((c) => (
        <li key={c.offerId} className={`reason reason-${c.reason.kind}`}>
          <b title={`offer ${c.offerId}`}>
            {nationName(c.nation)}’s offer {c.offerId}
          </b>{' '}
          <span className="reason-kind">{REASON_WORDS[c.reason.kind] ?? humanise(c.reason.kind)}</span>{' '}
          <span title={c.reason.message}>{c.reason.words}</span>
        </li>
      ))}
    </ul>
  );
}

/** Why an offer did not close a shortfall, as a short label before the sentence. */
const REASON_WORDS: Readonly<Record<string, string>> = {
  caveat: 'its caveats forbid it:',
  readiness: 'not ready in time:',
  capacity: 'its units went to higher priorities:',
  unused: 'left unused:',
};
