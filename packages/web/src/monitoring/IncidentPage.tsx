import type { IncidentDetail, IncidentObservation, User } from '@guarantor/core/api';
import { useState } from 'react';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { categoryName, incidentStateName } from '../words.ts';
import { type IncidentAction, monitoringApi } from './api.ts';
import { IncidentMiniMap } from './IncidentMiniMap.tsx';
import { categoryColour } from './style.ts';

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`);
const gap = (ms: number) => (ms === 0 ? 'at overlapping times' : `${Math.round(ms / 60_000)} min apart`);

/**
 * Where each action applies (the server's rule, `server/src/monitoring/states.ts`): verify a
 * reported or corroborated incident, attribute a verified one, dismiss any not yet attributed.
 */
const ACTION_FROM: Readonly<Record<IncidentAction, readonly string[]>> = {
  verify: ['reported', 'corroborated'],
  attribute: ['verified'],
  dismiss: ['reported', 'corroborated', 'verified'],
};
const ACTION_WORDS: Readonly<Record<IncidentAction, { readonly verb: string; readonly past: string }>> = {
  verify: { verb: 'Verify', past: 'verified' },
  attribute: { verb: 'Attribute to a party', past: 'attributed' },
  dismiss: { verb: 'Dismiss', past: 'dismissed' },
};

/** An observation's source in words: "patrol patrol-3 (FRA)". */
const sourceOf = (o: IncidentObservation) => `${o.sourceKind.replace('_', ' ')} ${o.sourceId} (${o.nation})`;

/** Why each observation is part of the incident, as sentences; the engine's own lines stay one click away. */
function fusionSentences(observations: readonly IncidentObservation[]): string[] {
  const byUid = new Map(observations.map((o) => [o.uid, o]));
  return observations
    .filter((o) => o.join)
    .map((o) => {
      const j = o.join!;
      const via = byUid.get(j.via);
      const kind = j.rule === 'same_category' ? 'the same kind of event' : 'a compatible kind of event';
      return `The report of ${sourceOf(o)} joins the report of ${via ? sourceOf(via) : 'another source'}: ${kind}, ${
        j.distanceM === 0 ? 'places overlapping' : `${km(j.distanceM)} apart`
      }, ${gap(j.gapMs)}.`;
    });
}

/** One incident: what fusion made of its observations and why, its state history, the parties' claims, analyst actions. */
export function IncidentPage({ id, user }: { readonly id: string; readonly user: User }) {
  const [version, setVersion] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const detail = useLoad<IncidentDetail>(`incident/${id}/${version}`, (signal) =>
    monitoringApi.incident(id, signal),
  );
  // Further pages of observations, after the detail's first page ("Show more").
  const [more, setMore] = useState<{
    readonly of: IncidentDetail;
    readonly observations: readonly IncidentObservation[];
    readonly next: string | null;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState<ApiError | 'loading' | null>(null);
  if (detail.state === 'error') return <ErrorPanel error={detail.error} />;
  if (detail.state === 'loading') return <p className="page-status">Loading incident…</p>;
  const { incident: i, where, explanation, history, claims, observationsTotal } = detail.data;
  const extra = more?.of === detail.data ? more : null;
  const observations = [...detail.data.observations, ...(extra?.observations ?? [])];
  const next = extra ? extra.next : detail.data.observationsNext;
  const showMore = async () => {
    if (!next) return;
    setLoadingMore('loading');
    try {
      const page = await monitoringApi.incidentObservations(i.id, next);
      setMore({
        of: detail.data,
        observations: [...(extra?.observations ?? []), ...page.observations],
        next: page.next,
      });
      setLoadingMore(null);
    } catch (error) {
      setLoadingMore(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
    }
  };
  const analyst = user.roles.includes('analyst');
  const sentences = fusionSentences(observations);
  return (
    <main className="page incident-page">
      <p>
        <a href="#/monitoring">← Monitoring map</a>
      </p>
      <h1 data-testid="incident-title">
        <span className="swatch" style={{ background: categoryColour(i.category), borderRadius: '50%' }} />{' '}
        <span title={`incident ${i.id}; category ${i.category}`}>{categoryName(i.category)}</span>
      </h1>
      <p className="chips">
        <span className={`chip state-${i.state}`} data-testid="incident-state" title={i.state}>
          {incidentStateName(i.state)}
        </span>
        <span className="chip">{i.releasability}</span>
        {i.attributedParty && <span className="chip">attributed to {i.attributedParty}</span>}
      </p>
      <div className="incident-head">
        <table className="incident-facts">
          <tbody>
            <tr>
              <th>When</th>
              <td>
                {utc(i.start)} – {utc(i.end)}
              </td>
            </tr>
            <tr>
              <th>Where</th>
              <td>
                <span data-testid="incident-where">{where.sentence}</span>
                <br />
                <span className="muted small">
                  {i.position[1].toFixed(4)}° N, {i.position[0].toFixed(4)}° E ± {km(i.radiusM)} (
                  {i.locationMethod})
                </span>
              </td>
            </tr>
            <tr>
              <th>Count</th>
              <td>
                {i.count.best} (between {i.count.low} and {i.count.high})
              </td>
            </tr>
            <tr>
              <th>Sources</th>
              <td>
                {i.independentSources} independent, {plural(i.observationCount, 'observation')}, confidence{' '}
                {(i.confidence * 100).toFixed(0)}%
                {i.partyClaimNations.length > 0 && `; party claims from ${i.partyClaimNations.join(', ')}`}
              </td>
            </tr>
          </tbody>
        </table>
        <IncidentMiniMap position={i.position} radiusM={i.radiusM} category={i.category} where={where} />
      </div>
      <p>
        Spot report:{' '}
        <a
          href={`/api/reports/spot/${encodeURIComponent(i.id)}?format=html`}
          target="_blank"
          rel="noreferrer"
        >
          HTML
        </a>{' '}
        ·{' '}
        <a href={`/api/reports/spot/${encodeURIComponent(i.id)}?format=pdf`} target="_blank" rel="noreferrer">
          PDF
        </a>
      </p>
      <OutcomeBanner outcome={outcome} />
      {analyst && (
        <AnalystActions
          id={i.id}
          title={categoryName(i.category)}
          state={i.state}
          version={i.version}
          onDone={(o) => {
            setOutcome(o);
            if (o.ok) setVersion((v) => v + 1);
          }}
        />
      )}
      <h2>Why these reports are one incident</h2>
      <Downloads list={`/api/incidents/${encodeURIComponent(i.id)}/observations`} what="its reports" geo />
      {observationsTotal <= 1 ? (
        <p className="muted">One report so far; a second, independent report nearby would corroborate it.</p>
      ) : (
        <>
          <p>
            {plural(observationsTotal, 'report')} from {plural(i.independentSources, 'independent source')}{' '}
            were judged to describe one event: each is close enough to another in place and time for its kind
            of event.
          </p>
          <ul data-testid="fusion-sentences">
            {sentences.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {explanation.length > 0 && (
        <details>
          <summary>The fusion engine's own account</summary>
          <ol data-testid="explanation">
            {explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      <h2>
        Observations (
        {observations.length < observationsTotal
          ? `${observations.length.toLocaleString('en-GB')} of ${observationsTotal.toLocaleString('en-GB')} shown`
          : observationsTotal.toLocaleString('en-GB')}
        )
      </h2>
      {observationsTotal === 0 && <p className="muted">None of its reports is releasable to you.</p>}
      <table className="table" hidden={observationsTotal === 0}>
        <thead>
          <tr>
            <th>Source</th>
            <th>Category</th>
            <th className="n">Count</th>
            <th>Time</th>
            <th>From the report it joined</th>
            <th>Label</th>
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => (
            <tr key={o.uid}>
              <td title={`report ${o.uid}`}>{sourceOf(o)}</td>
              <td title={o.category}>{categoryName(o.category)}</td>
              <td className="n">{o.count}</td>
              <td>{utc(o.start)}</td>
              <td title={o.join ? `${o.join.via}: ${o.join.rule}, ${o.join.geometry}` : undefined}>
                {o.join ? `${km(o.join.distanceM)}, ${gap(o.join.gapMs)}` : 'first report'}
              </td>
              <td>{o.releasability}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <p>
          <button
            type="button"
            onClick={() => void showMore()}
            disabled={loadingMore === 'loading'}
            data-testid="more-observations"
          >
            {loadingMore === 'loading'
              ? 'Loading…'
              : `Show ${Math.min(200, observationsTotal - observations.length).toLocaleString('en-GB')} more`}
          </button>
        </p>
      )}
      {loadingMore instanceof ApiError && <ErrorPanel error={loadingMore} />}
      <h2>State history</h2>
      {history.length === 0 ? (
        <p className="muted">No change recorded.</p>
      ) : (
        <table className="table" data-testid="history">
          <thead>
            <tr>
              <th>At</th>
              <th>Change</th>
              <th>By</th>
              <th>Reason, assessment, evidence</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={`${h.at}-${h.to}`}>
                <td>{utc(h.at)}</td>
                <td>
                  {h.from ? incidentStateName(h.from) : '—'} → {incidentStateName(h.to)}
                  {h.attributedParty && h.to === 'attributed' ? ` (${h.attributedParty})` : ''}
                </td>
                <td>
                  {h.by}
                  {h.nation ? ` (${h.nation})` : ''}
                </td>
                <td>
                  {[h.reason, h.assessment].filter(Boolean).join(' · ')}
                  {h.evidence.map((e) => (
                    <div key={e}>
                      <a href={e} target="_blank" rel="noreferrer">
                        {e}
                      </a>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Claims by the parties</h2>
      {claims.length === 0 ? (
        <p className="muted">No claim recorded.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>At</th>
              <th>Party</th>
              <th>Claim</th>
              <th>Monitors' assessment</th>
              <th>Evidence</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c) => (
              <tr key={c.id}>
                <td>{utc(c.at)}</td>
                <td>{c.party}</td>
                <td>{c.claim}</td>
                <td>{c.assessment ?? '—'}</td>
                <td>
                  {c.evidence.map((e) => (
                    <div key={e}>
                      <a href={e} target="_blank" rel="noreferrer">
                        {e}
                      </a>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AuditTrail
        title="Audit entries of this incident"
        entity="incident"
        entityId={i.id}
        refresh={version}
        empty="No analyst has acted on this incident yet."
      />
    </main>
  );
}

/**
 * The analyst's actions that apply to the incident's state, each checked whole (every missing
 * field named), confirmed, and reported as what was recorded.
 */
function AnalystActions({
  id,
  title,
  state,
  version,
  onDone,
}: {
  readonly id: string;
  readonly title: string;
  readonly state: string;
  readonly version: number;
  readonly onDone: (outcome: Outcome) => void;
}) {
  const [action, setAction] = useState<IncidentAction | null>(null);
  const [reason, setReason] = useState('');
  const [party, setParty] = useState('');
  const [assessment, setAssessment] = useState('');
  const [evidence, setEvidence] = useState('');
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const offered = (Object.keys(ACTION_FROM) as IncidentAction[]).filter((a) =>
    ACTION_FROM[a].includes(state),
  );
  const links = evidence.split(/\s+/).filter(Boolean);

  function check(a: IncidentAction): FieldProblem[] {
    const found: FieldProblem[] = [];
    if (a === 'dismiss' && !reason.trim())
      found.push({ field: 'Reason', message: 'say why the incident is dismissed' });
    if (a === 'attribute') {
      if (!party.trim()) found.push({ field: 'Party', message: 'name the party responsible' });
      if (!assessment.trim())
        found.push({ field: "Monitors' assessment", message: 'say what the monitors concluded and why' });
      if (links.length === 0)
        found.push({ field: 'Evidence links', message: 'give at least one link to the evidence' });
    }
    for (const l of links)
      if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(l))
        found.push({
          field: 'Evidence links',
          message: `“${l}” is not a link; give it in full, e.g. https://…`,
        });
    return found;
  }

  async function submit(a: IncidentAction) {
    setBusy(true);
    try {
      const result = await monitoringApi.act(id, {
        action: a,
        version,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(a === 'attribute' ? { party: party.trim(), assessment: assessment.trim() } : {}),
        evidence: links,
      });
      const now = result.incident;
      setAction(null);
      onDone({
        ok: true,
        text: `Recorded: you ${ACTION_WORDS[a].past} this incident${a === 'attribute' ? ` to ${party.trim()}` : ''}. It is now ${incidentStateName(now.state)} (version ${now.version}). The state history and the audit entries below show it.`,
      });
    } catch (e) {
      onDone(refusal(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  if (offered.length === 0)
    return (
      <p className="muted" data-testid="no-actions">
        This incident is {incidentStateName(state)}: it is closed, and no analyst action applies to it any
        more.
      </p>
    );

  return (
    <section className="analyst-actions" aria-label="Analyst actions">
      <div className="button-row">
        {offered.map((a) => (
          <button
            key={a}
            type="button"
            disabled={busy}
            aria-pressed={action === a}
            onClick={() => {
              setAction(a);
              setProblems([]);
              setConfirming(false);
            }}
          >
            {ACTION_WORDS[a].verb}…
          </button>
        ))}
      </div>
      {action && (
        <form
          className="form-card"
          noValidate
          aria-label={ACTION_WORDS[action].verb}
          onSubmit={(e) => {
            e.preventDefault();
            const found = check(action);
            setProblems(found);
            setConfirming(found.length === 0);
          }}
        >
          <ProblemList problems={problems} />
          {action === 'attribute' && (
            <>
              <label className="field">
                Party
                <input name="party" value={party} onChange={(e) => setParty(e.target.value)} />
              </label>
              <label className="field">
                Monitors' assessment
                <textarea
                  name="assessment"
                  value={assessment}
                  onChange={(e) => setAssessment(e.target.value)}
                />
              </label>
            </>
          )}
          <label className="field">
            Reason{action === 'dismiss' ? '' : ' (optional)'}
            <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label className="field">
            Evidence links (one per line){action === 'attribute' ? '' : ' (optional)'}
            <textarea name="evidence" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Check…
            </button>
            <button type="button" className="link-button" onClick={() => setAction(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {action && confirming && (
        <Confirm
          question={
            action === 'verify'
              ? `Verify the ${title}? You confirm the monitors' reports describe a real event; it then counts as verified in the sector's figures.`
              : action === 'attribute'
                ? `Attribute the ${title} to ${party.trim()}, with ${plural(links.length, 'evidence link')}? This closes the incident.`
                : `Dismiss the ${title}? It stops counting as a violation; this closes the incident.`
          }
          confirmLabel={`${ACTION_WORDS[action].verb.split(' ')[0]} the incident`}
          busy={busy}
          onConfirm={() => void submit(action)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
