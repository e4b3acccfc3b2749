import type { IncidentDetail, IncidentObservation, User } from '@guarantor/core/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ApiError } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { Confirm, type FieldProblem, type Outcome, OutcomeBanner, ProblemList, refusal } from '../forms.tsx';
import { formatCount, formatFixed, formatNumber, formatUtc } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { useLoad } from '../load.ts';
import { categoryName, incidentStateName } from '../words.ts';
import { type IncidentAction, monitoringApi } from './api.ts';
import { IncidentMiniMap } from './IncidentMiniMap.tsx';
import { categoryColour } from './style.ts';

const utc = formatUtc;
const km = (m: number) =>
  m < 1000
    ? i18n.t('monitoring:incident.metres', { n: formatCount(m) })
    : i18n.t('monitoring:incident.km', { n: formatFixed(m / 1000, 1) });
const gap = (ms: number) =>
  ms === 0
    ? i18n.t('monitoring:incident.gapOverlap')
    : i18n.t('monitoring:incident.gapMinutes', { n: formatCount(ms / 60_000) });

/**
 * Where each action applies (the server's rule, `server/src/monitoring/states.ts`): verify a
 * reported or corroborated incident, attribute a verified one, dismiss any not yet attributed.
 */
const ACTION_FROM: Readonly<Record<IncidentAction, readonly string[]>> = {
  verify: ['reported', 'corroborated'],
  attribute: ['verified'],
  dismiss: ['reported', 'corroborated', 'verified'],
};
/** An observation's source in words: "patrol patrol-3 (FRA)". */
const sourceOf = (o: IncidentObservation) =>
  i18n.t('monitoring:incident.source', {
    kind: i18n.t(`monitoring:sourceKind.${o.sourceKind}` as 'monitoring:sourceKind.patrol', {
      defaultValue: o.sourceKind.replace('_', ' '),
    }),
    id: o.sourceId,
    nation: o.nation,
  });

/** Why each observation is part of the incident, as sentences; the engine's own lines stay one click away. */
function fusionSentences(observations: readonly IncidentObservation[]): string[] {
  const byUid = new Map(observations.map((o) => [o.uid, o]));
  return observations
    .filter((o) => o.join)
    .map((o) => {
      const j = o.join!;
      const via = byUid.get(j.via);
      return i18n.t('monitoring:fusion.sentence', {
        source: sourceOf(o),
        via: via ? sourceOf(via) : i18n.t('monitoring:fusion.anotherSource'),
        kind: i18n.t(
          j.rule === 'same_category' ? 'monitoring:fusion.sameKind' : 'monitoring:fusion.compatibleKind',
        ),
        distance:
          j.distanceM === 0
            ? i18n.t('monitoring:fusion.overlapping')
            : i18n.t('monitoring:fusion.apart', { distance: km(j.distanceM) }),
        gap: gap(j.gapMs),
      });
    });
}

/** One incident: what fusion made of its observations and why, its state history, the parties' claims, analyst actions. */
export function IncidentPage({ id, user }: { readonly id: string; readonly user: User }) {
  const { t } = useTranslation('monitoring');
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
  if (detail.state === 'loading') return <p className="page-status">{t('incident.loading')}</p>;
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
        <a href="#/monitoring">← {t('incident.back')}</a>
      </p>
      <h1 data-testid="incident-title">
        <span className="swatch" style={{ background: categoryColour(i.category), borderRadius: '50%' }} />{' '}
        <span title={t('incident.titleTip', { id: i.id, category: i.category })}>
          {categoryName(i.category)}
        </span>
      </h1>
      <p className="chips">
        <span className={`chip state-${i.state}`} data-testid="incident-state" title={i.state}>
          {incidentStateName(i.state)}
        </span>
        <span className="chip">{i.releasability}</span>
        {i.attributedParty && (
          <span className="chip">{t('incident.attributedTo', { party: i.attributedParty })}</span>
        )}
      </p>
      <div className="incident-head">
        <table className="incident-facts">
          <tbody>
            <tr>
              <th>{t('incident.when')}</th>
              <td>
                {utc(i.start)} – {utc(i.end)}
              </td>
            </tr>
            <tr>
              <th>{t('incident.where')}</th>
              <td>
                <span data-testid="incident-where">{where.sentence}</span>
                <br />
                <span className="muted small">
                  {t('incident.position', {
                    lat: formatFixed(i.position[1], 4),
                    lon: formatFixed(i.position[0], 4),
                    radius: km(i.radiusM),
                  })}{' '}
                  (
                  {t(`locationMethod.${i.locationMethod}` as 'locationMethod.point', {
                    defaultValue: i.locationMethod,
                  })}
                  )
                </span>
              </td>
            </tr>
            <tr>
              <th>{t('incident.count')}</th>
              <td>
                {t('incident.countRange', {
                  best: formatCount(i.count.best),
                  low: formatCount(i.count.low),
                  high: formatCount(i.count.high),
                })}
              </td>
            </tr>
            <tr>
              <th>{t('incident.sources')}</th>
              <td>
                {t('incident.sourcesText', {
                  independent: i.independentSources,
                  observations: t('incident.observations', { count: i.observationCount }),
                  confidence: formatNumber(i.confidence, { style: 'percent', maximumFractionDigits: 0 }),
                })}
                {i.partyClaimNations.length > 0 &&
                  t('incident.partyClaims', { nations: i.partyClaimNations.join(', ') })}
              </td>
            </tr>
          </tbody>
        </table>
        <IncidentMiniMap position={i.position} radiusM={i.radiusM} category={i.category} where={where} />
      </div>
      <p>
        {t('incident.spotReport')}{' '}
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
      <h2>{t('fusion.title')}</h2>
      <Downloads list={`/api/incidents/${encodeURIComponent(i.id)}/observations`} what="its reports" geo />
      {observationsTotal <= 1 ? (
        <p className="muted">{t('fusion.oneReport')}</p>
      ) : (
        <>
          <p>
            {t('fusion.judged', {
              reports: t('fusion.reports', { count: observationsTotal }),
              sources: t('fusion.independentSources', { count: i.independentSources }),
            })}
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
          <summary>{t('fusion.engine')}</summary>
          <ol data-testid="explanation">
            {explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </details>
      )}
      <h2>
        {t('obs.title')} (
        {observations.length < observationsTotal
          ? t('obs.someShown', {
              shown: formatNumber(observations.length),
              total: formatNumber(observationsTotal),
            })
          : formatNumber(observationsTotal)}
        )
      </h2>
      {observationsTotal === 0 && <p className="muted">{t('obs.noneReleasable')}</p>}
      <table className="table" hidden={observationsTotal === 0}>
        <thead>
          <tr>
            <th>{t('obs.source')}</th>
            <th>{t('obs.category')}</th>
            <th className="n">{t('incident.count')}</th>
            <th>{t('obs.time')}</th>
            <th>{t('obs.fromJoined')}</th>
            <th>{t('obs.label')}</th>
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => (
            <tr key={o.uid}>
              <td title={t('obs.reportTip', { uid: o.uid })}>{sourceOf(o)}</td>
              <td title={o.category}>{categoryName(o.category)}</td>
              <td className="n">{formatCount(o.count)}</td>
              <td>{utc(o.start)}</td>
              <td title={o.join ? `${o.join.via}: ${o.join.rule}, ${o.join.geometry}` : undefined}>
                {o.join ? `${km(o.join.distanceM)}, ${gap(o.join.gapMs)}` : t('obs.firstReport')}
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
              ? t('obs.loading')
              : t('obs.showMore', {
                  n: formatNumber(Math.min(200, observationsTotal - observations.length)),
                })}
          </button>
        </p>
      )}
      {loadingMore instanceof ApiError && <ErrorPanel error={loadingMore} />}
      <h2>{t('history.title')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <table className="table" data-testid="history">
          <thead>
            <tr>
              <th>{t('history.at')}</th>
              <th>{t('history.change')}</th>
              <th>{t('history.by')}</th>
              <th>{t('history.details')}</th>
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
                  {h.by === 'fusion' && !h.nation ? t('history.byFusion') : h.by}
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
      <h2>{t('claims.title')}</h2>
      {claims.length === 0 ? (
        <p className="muted">{t('claims.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('history.at')}</th>
              <th>{t('claims.party')}</th>
              <th>{t('claims.claim')}</th>
              <th>{t('claims.assessment')}</th>
              <th>{t('claims.evidence')}</th>
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
        title={t('incident.auditTitle')}
        entity="incident"
        entityId={i.id}
        refresh={version}
        empty={t('incident.auditEmpty')}
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
  const { t } = useTranslation('monitoring');
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
      found.push({ field: t('action.reason'), message: t('action.needReason') });
    if (a === 'attribute') {
      if (!party.trim()) found.push({ field: t('claims.party'), message: t('action.needParty') });
      if (!assessment.trim())
        found.push({ field: t('claims.assessment'), message: t('action.needAssessment') });
      if (links.length === 0) found.push({ field: t('action.links'), message: t('action.needLink') });
    }
    for (const l of links)
      if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(l))
        found.push({ field: t('action.links'), message: t('action.notLink', { link: l }) });
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
        text: t(`action.done.${a}`, {
          party: party.trim(),
          state: incidentStateName(now.state),
          version: now.version,
        }),
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
        {t('action.closed', { state: incidentStateName(state) })}
      </p>
    );

  return (
    <section className="analyst-actions" aria-label={t('action.label')}>
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
            {t(`action.verb.${a}`)}…
          </button>
        ))}
      </div>
      {action && (
        <form
          className="form-card"
          noValidate
          aria-label={t(`action.verb.${action}`)}
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
                {t('claims.party')}
                <input name="party" value={party} onChange={(e) => setParty(e.target.value)} />
              </label>
              <label className="field">
                {t('claims.assessment')}
                <textarea
                  name="assessment"
                  value={assessment}
                  onChange={(e) => setAssessment(e.target.value)}
                />
              </label>
            </>
          )}
          <label className="field">
            {action === 'dismiss' ? t('action.reason') : t('action.reasonOptional')}
            <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <label className="field">
            {action === 'attribute' ? t('action.linksField') : t('action.linksFieldOptional')}
            <textarea name="evidence" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('action.check')}
            </button>
            <button type="button" className="link-button" onClick={() => setAction(null)}>
              {t('action.cancel')}
            </button>
          </div>
        </form>
      )}
      {action && confirming && (
        <Confirm
          question={
            action === 'verify'
              ? t('action.confirm.verify', { title })
              : action === 'attribute'
                ? t('action.confirm.attribute', {
                    title,
                    party: party.trim(),
                    links: t('action.evidenceLinks', { count: links.length }),
                  })
                : t('action.confirm.dismiss', { title })
          }
          confirmLabel={t(`action.confirmLabel.${action}`)}
          busy={busy}
          onConfirm={() => void submit(action)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
