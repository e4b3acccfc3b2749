import type { ClaimOutcome, Plan, PlanExplanation } from '@guarantor/core/api';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import {
  capabilityName,
  capitalise,
  humanise,
  lineOfEffortName,
  nationName,
  quantityWords,
  regionName,
} from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { planningApi } from './api.ts';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { TableHead } from '../TableHead.tsx';

const pct = (x: number) =>
  formatNumber(x, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A `planning` key's translation for a code, else the code humanised. */
function planningWord(group: 'planStatus' | 'reason', code: string): string {
  const key = `planning:${group}.${code}`;
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : humanise(code);
}

function StatusChip({ status }: { status: string }) {
  return <span className={`plan-status plan-${status}`}>{planningWord('planStatus', status)}</span>;
}

/** What a plan's status proves, in a sentence: cell staff should know what they adopt. */
function ProofLine({ plan }: { readonly plan: Plan }) {
  const { t } = useTranslation('planning');
  const honoured = plan.claims.filter((c) => c.outcome === 'honoured').length;
  const sentences: Readonly<Record<string, string>> = {
    optimal: t('proof.optimal'),
    time_limited: t('proof.timeLimited', {
      ceiling: plan.ceiling
        ? t('proof.ceiling', {
            leads: t('count.leads', { count: plan.metrics.cellsWithLead ?? 0 }),
            maxLeads: plan.ceiling.leads,
            claims: t('count.claims', { count: honoured }),
            maxClaims: plan.ceiling.claims,
          })
        : t('proof.end'),
    }),
    heuristic: t('proof.heuristic'),
    greedy: t('proof.greedy'),
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
  const { t } = useTranslation('planning');
  if (load.state === 'loading') return <p className="page-status">{t('plans.loading')}</p>;
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
        <h1>{t('plans.title')}</h1>
        {canRun && (
          <div className="editor-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void run('optimal')}>
              {busy ? t('plans.solving') : t('plans.runOptimal')}
            </button>
            <button type="button" className="link-button" disabled={busy} onClick={() => void run('greedy')}>
              {t('plans.runGreedy')}
            </button>
          </div>
        )}
      </div>
      <Downloads list="/api/plans" what="the plans" />
      <p className="summary">
        <Trans
          t={t}
          i18nKey="plans.summary"
          components={{ link: <a href="#/sustainment">sustainment plans</a> }}
        />
      </p>
      {error && <p className="form-error">{error.message}</p>}
      {plans.length === 0 ? (
        <p className="muted">{t('plans.none')}</p>
      ) : (
        <table className="grid" data-testid="plans-table">
          <TableHead
            columns={[
              t('plans.col.plan'),
              t('plans.col.status'),
              { num: t('plans.col.coverage') },
              t('plans.col.created'),
              t('plans.col.adopted'),
              t('col.releasability'),
            ]}
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
                    ? `${formatUtc(p.adoptedAt)} · ${p.adoptedBy}${p.supersededAt ? t('plans.superseded') : ''}`
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
  const { t } = useTranslation('planning');
  if (others.length === 0) return null;
  return (
    <section data-testid="plan-diff">
      <h2>
        {t('diff.comparedWith')}{' '}
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
            {t('diff.metrics', {
              c1: pct(load.data.metrics.coverage!.before),
              c2: pct(load.data.metrics.coverage!.after),
              l1: load.data.metrics.cellsWithLead!.before,
              l2: load.data.metrics.cellsWithLead!.after,
              p1: load.data.metrics.nationRegionPairs!.before,
              p2: load.data.metrics.nationRegionPairs!.after,
            })}
          </p>
          {load.data.summary.length === 0 ? (
            <p className="muted">{t('diff.none')}</p>
          ) : (
            <ul className="diff-list">
              {load.data.summary.slice(0, 40).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {load.data.summary.length > 40 && (
                <li className="muted">{t('diff.more', { n: load.data.summary.length - 40 })}</li>
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
const OUTCOMES: readonly ClaimOutcome[] = ['forbidden', 'short', 'outweighed', 'honoured', 'unrequired'];

/** What became of each lead claim, grouped by outcome, with the sentence that says why. */
function Claims({ claims }: { claims: Plan['claims'] }) {
  const { t } = useTranslation('planning');
  // Plans stored before claims were explained have none.
  if (claims.length === 0) return <p className="muted">{t('claims.noneGiven')}</p>;
  const groups = OUTCOMES.map((outcome) => ({
    outcome,
    label: t(`outcome.${outcome}`),
    claims: claims.filter((c) => c.outcome === outcome),
  })).filter((g) => g.claims.length > 0);
  return (
    <table className="grid claims-table" data-testid="plan-claims">
      <TableHead
        columns={[
          t('claims.col.nation'),
          t('col.region'),
          t('col.lineOfEffort'),
          { num: t('claims.col.share') },
          t('claims.col.why'),
        ]}
      />
      {groups.map((g) => (
        <tbody key={g.outcome} data-testid={`claims-${g.outcome}`}>
          <tr className={`claim-group outcome-${g.outcome}`}>
            <th scope="rowgroup" colSpan={5}>
              {g.label} · {t('count.claims', { count: g.claims.length })}
            </th>
          </tr>
          {g.claims.map((c) => (
            <tr key={`${c.region}|${c.lineOfEffort}|${c.nation}`}>
              <td>
                <b title={nationName(c.nation)}>{c.nation}</b>
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
  const { t } = useTranslation('planning');
  if (load.state === 'loading') return <p className="page-status">{t('plan.loading', { id })}</p>;
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
        <a href="#/plans">{t('plans.title')}</a> / {plan.id}
      </p>
      <div className="page-head">
        <h1>
          {plan.id} <StatusChip status={plan.status} />
        </h1>
        <Releasability label={plan.releasability} />
      </div>
      <dl className="facts plan-facts">
        <div>
          <dt>{t('plan.coverage')}</dt>
          <dd data-testid="coverage">{pct(m.coverage ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('plan.allocatedOfRequired')}</dt>
          <dd data-testid="unit-totals">
            {plan.unitTotals
              .map((u) =>
                t('plan.allocatedOf', {
                  allocated: formatNumber(u.allocated),
                  required: quantityWords(u.required, u.unit),
                }),
              )
              .join(' · ') || t('plan.nothingRequired')}
          </dd>
        </div>
        <div>
          <dt>{t('plan.cellsWithLead')}</dt>
          <dd>{t('plan.allocatedOf', { allocated: m.cellsWithLead, required: m.activeCells })}</dd>
        </div>
        <div>
          <dt>{t('plan.adoption')}</dt>
          <dd>
            {plan.adoptedAt ? (
              `${t('plan.adoptedBy', { when: formatUtc(plan.adoptedAt), by: plan.adoptedBy })}${plan.supersededAt ? t('plan.sinceSuperseded') : ''}`
            ) : staff ? (
              <button type="button" className="primary" onClick={() => void adopt()}>
                {t('plan.adopt')}
              </button>
            ) : (
              t('plan.notAdopted')
            )}
          </dd>
        </div>
      </dl>
      <ProofLine plan={plan} />
      {error && <p className="form-error">{error.message}</p>}
      <p className="muted small">
        {t('plan.plannedFrom', {
          offers: t('count.offers', { count: plan.inputCounts.offers }),
          requirements: t('count.requirements', { count: plan.inputCounts.requirements }),
          claims: t('count.leadClaims', { count: plan.inputCounts.leadClaims }),
        })}
      </p>
      {plan.notes.length > 0 && (
        <details className="solver-notes">
          <summary>{t('plan.solverNotes')}</summary>
          {/* The solver's log is technical and stays in English, marked so for screen readers. */}
          <ul className="small" lang="en">
            {plan.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </details>
      )}

      <h2>{t('plan.unmet')}</h2>
      {plan.shortfalls.length === 0 ? (
        <p className="muted">{t('plan.allMet')}</p>
      ) : (
        <div className="shortfalls" data-testid="shortfalls">
          {plan.shortfalls.map((s) => {
            const r = reqs.get(s.requirementId);
            return (
              <article key={s.requirementId} className="shortfall">
                <h3>
                  {r ? (
                    <>
                      {t('plan.shortfall', {
                        capability: capitalise(capabilityName(r.capability)),
                        region: regionName(r.region),
                        allocated: s.allocated,
                        required: s.required,
                      })}{' '}
                      <span className="muted small">
                        {lineOfEffortName(r.lineOfEffort)} · {t('plan.priority', { n: r.priority })} ·{' '}
                        <span className="code" title={t('plan.requirementId')}>
                          {s.requirementId}
                        </span>
                      </span>
                    </>
                  ) : (
                    <>
                      <span className="code">{s.requirementId}</span>{' '}
                      {t('plan.allocatedOf', { allocated: s.allocated, required: s.required })}
                    </>
                  )}
                </h3>
                <Explanation planId={plan.id} requirementId={s.requirementId} count={s.candidateCount} />
              </article>
            );
          })}
        </div>
      )}

      <h2>{t('plan.claimsTitle')}</h2>
      <Claims claims={plan.claims ?? []} />

      <Diff plan={plan} others={others} />

      <h2>{t('plan.leads')}</h2>
      <p className="small">
        {plan.leads
          .map((l) => `${regionName(l.region)}, ${lineOfEffortName(l.lineOfEffort)}: ${nationName(l.nation)}`)
          .join(' · ') || t('plan.none')}
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
  const { t } = useTranslation('planning');
  if (props.count === 0) return <p className="muted">{t('explain.noOffer')}</p>;
  return (
    <details
      className="explanation"
      data-testid={`explanation-${props.requirementId}`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{t('explain.why', { offers: t('count.offers', { count: props.count }) })}</summary>
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
  const { t } = useTranslation('planning');
  const load = useLoad(`plan/${planId}/explanation/${requirementId}/${retry}`, (signal) =>
    planningApi.explanation(planId, requirementId, signal),
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
  return <Candidates explanation={load.data} />;
}

function Candidates({ explanation }: { readonly explanation: PlanExplanation }) {
  const { t } = useTranslation('planning');
  if (explanation.met) return <p className="muted">{t('explain.met')}</p>;
  return (
    <ul>
      {explanation.candidates.map((c) => (
        <li key={c.offerId} className={`reason reason-${c.reason.kind}`}>
          <b title={`offer ${c.offerId}`}>
            {t('explain.offerOf', { nation: nationName(c.nation), id: c.offerId })}
          </b>{' '}
          <span className="reason-kind">{planningWord('reason', c.reason.kind)}</span>{' '}
          <span title={c.reason.message}>{c.reason.words}</span>
        </li>
      ))}
    </ul>
  );
}
