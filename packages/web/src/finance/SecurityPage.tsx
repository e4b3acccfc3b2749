import type { RegionSecurity, RiskParameter, User } from '@guarantor/core/api';
import { RISK_PARAMETER_KEYS, type RiskParameters, riskParameterProblems } from '@guarantor/core/finance';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import {
  ConfirmPanel,
  type FieldProblem,
  hasRole,
  type Outcome,
  OutcomeBanner,
  ProblemList,
  refusal,
} from '../forms.tsx';
import {
  formatDay,
  formatFixed,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  formatUtc,
} from '../i18n/format.ts';
import { textsUnder } from '../i18n/index.ts';
import { localRegionName } from '../i18n/places.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { financeApi } from './api.ts';

const t = textsUnder('finance:security.');

/** A parameter's meaning in the reader's words (the stored description is English). */
function parameterName(key: string): string {
  return t(`parameter.${key}`);
}

/** A parameter's unit in the reader's words. */
function parameterUnit(key: string): string {
  return t(`unit.${key}`);
}

/** The worst status of the sectors over a region, or null when none has one. */
function worstSector(r: RegionSecurity) {
  const order = { holding: 0, fragile: 1, broken: 2 } as const;
  return r.sectors
    .filter((s) => s.status !== null)
    .reduce<RegionSecurity['sectors'][number] | null>(
      (worst, s) => (worst === null || order[s.status!] > order[worst.status!] ? s : worst),
      null,
    );
}

/**
 * Why an input has its value, in the reader's words, from the region's own figures and the
 * parameters (the API's `because` is the same sentence in English).
 */
export function because(
  r: RegionSecurity,
  input: 'incidents' | 'gate' | 'routes',
  p: Record<string, number>,
): string {
  if (input === 'incidents') {
    const counts = t('because.incidents', {
      verified: formatNumber(r.incidents.verified),
      corroborated: formatNumber(r.incidents.corroborated),
      reported: formatNumber(r.incidents.reported),
      count: p.window_days ?? 30,
      weighted: formatFixed(r.incidents.weighted, 2),
    });
    return r.incidents.per100k === null
      ? `${counts} ${t('because.noPopulation', { saturation: formatNumber(p.incidents_saturation_count ?? 0) })}`
      : `${counts}: ${t('because.per100k', {
          rate: formatFixed(r.incidents.per100k, 2),
          saturation: formatNumber(p.incidents_saturation_per_100k ?? 0),
        })}`;
  }
  if (input === 'gate') {
    if (r.sectors.length === 0) return t('because.unmonitored');
    const worst = worstSector(r);
    if (!worst) return t('because.noStatus', { sectors: r.sectors.map((s) => s.name).join(', ') });
    const rated = r.sectors.filter((s) => s.status !== null).length;
    return t(rated > 1 ? 'because.gateWorst' : 'because.gate', {
      sector: worst.name,
      status: t(`status.${worst.status}`),
      day: formatDay(worst.asOf),
      count: rated,
    });
  }
  if (!r.routeRisk) return t('because.noRoutes');
  return t('because.routes', {
    segment: r.routeRisk.segment,
    score: formatFixed(r.routeRisk.score, 2),
    saturation: formatNumber(p.routes_saturation ?? 0),
  });
}

/**
 * Security beside money: per region of Ukraine, the money promised and delivered there next to
 * its verified incident rate, the ceasefire status of the sectors over it and the risk on its
 * routes, with an investment-risk note that shows every input and weight. Finance officers and
 * cell staff set the note's parameters on the same page.
 */
export function SecurityPage({ user }: { readonly user: User }) {
  useTranslation('finance');
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const load = useLoad(`finance/security/${reload}`, (signal) => financeApi.security(signal));
  if (load.state === 'loading') return <p className="page-status">{t('loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const s = load.data;
  const params = Object.fromEntries(s.parameters.map((p) => [p.key, p.value]));
  const rank = (r: RegionSecurity) => r.risk.score ?? -1;
  const regions = [...s.regions].sort(
    (a, b) => rank(b) - rank(a) || Number(b.promised) - Number(a.promised) || a.name.localeCompare(b.name),
  );
  const booked = s.regions.filter((r) => r.flows > 0).length;
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="summary">
          {t('summary', { count: s.regions.length, day: formatDay(s.asOf), days: s.windowDays })}{' '}
          {s.releasability ? (
            <>
              {t('mayGo')} <Releasability label={s.releasability} />.
            </>
          ) : (
            t('nothingCounted')
          )}
        </p>
      </div>
      <p className="muted">{t('how')}</p>
      <Downloads list="/api/finance/security" what={t('downloadWhat')} />
      {booked === 0 && (
        <p className="notice">
          {t('noRegionFlows')} <a href="#/finance">{t('toPromise')}</a>
        </p>
      )}
      <div className="table-scroll">
        <table className="grid">
          <TableHead
            columns={[
              t('col.region'),
              { num: t('col.promised') },
              { num: t('col.delivered') },
              { num: t('col.incidents') },
              t('col.sectors'),
              t('col.routes'),
              t('col.risk'),
            ]}
          />
          <tbody>
            {regions.map((r) => (
              <Fragment key={r.region}>
                <tr data-testid={`security-${r.region}`}>
                  <td>{localRegionName(r.region, r.name)}</td>
                  <td className="num" title={`€${r.promised}`}>
                    {formatMoneyShort(r.promised)}
                  </td>
                  <td className="num" title={`€${r.delivered}`}>
                    {formatMoneyShort(r.delivered)}
                    {r.ratio !== null && <div className="muted small">{formatPercent(r.ratio)}</div>}
                  </td>
                  <td className="num">
                    {formatNumber(r.incidents.verified)} · {formatNumber(r.incidents.corroborated)} ·{' '}
                    {formatNumber(r.incidents.reported)}
                    <div className="muted small">
                      {r.incidents.per100k === null
                        ? t('weighted', { n: formatFixed(r.incidents.weighted, 2) })
                        : t('per100kShort', { n: formatFixed(r.incidents.per100k, 2) })}
                    </div>
                  </td>
                  <td className="small">
                    {r.sectors.length === 0 ? (
                      <span className="muted">{t('unmonitored')}</span>
                    ) : (
                      r.sectors.map((sector) => (
                        <div key={sector.id} title={sector.asOf ? formatDay(sector.asOf) : ''}>
                          {sector.name}:{' '}
                          {sector.status ? (
                            <span className={`sector-${sector.status}`}>{t(`status.${sector.status}`)}</span>
                          ) : (
                            <span className="muted">{t('noStatusShort')}</span>
                          )}
                        </div>
                      ))
                    )}
                  </td>
                  <td className="small">
                    {r.routeRisk ? (
                      `${formatFixed(r.routeRisk.score, 2)} (${r.routeRisk.segment})`
                    ) : (
                      <span className="muted">{t('noNetwork')}</span>
                    )}
                  </td>
                  <td>
                    <span className={`badge risk-${r.risk.band}`}>{t(`band.${r.risk.band}`)}</span>{' '}
                    {r.risk.score !== null && <span className="muted">{formatFixed(r.risk.score, 2)}</span>}{' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open === r.region}
                      onClick={() => setOpen(open === r.region ? null : r.region)}
                    >
                      {open === r.region ? t('hideWhy') : t('why')}
                    </button>
                  </td>
                </tr>
                {open === r.region && (
                  <tr>
                    <td colSpan={7}>
                      <RiskParts region={r} params={params} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            <tr>
              <td>{t('national')}</td>
              <td className="num">{formatMoneyShort(s.national.promised)}</td>
              <td className="num">{formatMoneyShort(s.national.delivered)}</td>
              <td colSpan={4} className="muted">
                {t('flows', { count: s.national.flows })}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {s.unconverted.length > 0 && (
        <p className="notice">
          {t('unconverted')}{' '}
          {s.unconverted
            .map((u) => `${u.amount} ${u.currency}, ${formatDay(u.date)} (${u.region})`)
            .join('; ')}
          .
        </p>
      )}
      <p className="muted small">
        {s.populationSource ? t('population', { source: s.populationSource }) : t('populationNone')}
      </p>
      <Parameters
        parameters={s.parameters}
        canEdit={hasRole(user, 'finance') || hasRole(user, 'cell_staff')}
        onSaved={() => setReload((n) => n + 1)}
      />
    </main>
  );
}

/** A region's note, input by input. */
function RiskParts({
  region,
  params,
}: {
  readonly region: RegionSecurity;
  readonly params: Record<string, number>;
}) {
  const band = t(`band.${region.risk.band}`);
  return (
    <div className="risk-parts" data-testid="risk-parts">
      <p>
        {region.risk.score === null
          ? t('noteUnknown')
          : t('note', { band, score: formatFixed(region.risk.score, 2) })}
      </p>
      <table className="grid compact">
        <TableHead
          columns={[
            t('part.input'),
            { num: t('part.value') },
            { num: t('part.weight') },
            { num: t('part.share') },
            t('part.because'),
          ]}
        />
        <tbody>
          {region.risk.parts.map((p) => (
            <tr key={p.input}>
              <td>{t(`input.${p.input}`)}</td>
              <td className="num">{p.pressure === null ? t('notAvailable') : formatFixed(p.pressure, 2)}</td>
              <td className="num">{formatFixed(p.weight, 2)}</td>
              <td className="num">
                {p.pressure === null ? t('notCounted') : formatFixed(p.contribution, 2)}
              </td>
              <td>{because(region, p.input, params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The note's parameters, and for finance officers and cell staff a form to change them. */
function Parameters({
  parameters,
  canEdit,
  onSaved,
}: {
  readonly parameters: readonly RiskParameter[];
  readonly canEdit: boolean;
  readonly onSaved: () => void;
}) {
  const current = Object.fromEntries(parameters.map((p) => [p.key, String(p.value)]));
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [confirming, setConfirming] = useState<RiskParameters | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const values = draft ?? current;
  const changes = (next: RiskParameters) =>
    RISK_PARAMETER_KEYS.filter((k) => Number(current[k]) !== next[k]).map((k) => ({
      key: k,
      from: current[k],
      to: next[k],
    }));

  function review() {
    // A decimal comma is a decimal point: people type the way their language writes numbers.
    const numbers = Object.fromEntries(
      RISK_PARAMETER_KEYS.map((k) => [k, Number(values[k]?.trim().replace(',', '.') || Number.NaN)]),
    );
    const found = riskParameterProblems(numbers).map((p) => ({
      field: parameterName(p.key),
      message: t(`problem.${problemKey(p.message)}`),
    }));
    setProblems(found);
    if (found.length === 0) setConfirming(numbers as RiskParameters);
  }

  async function send(next: RiskParameters) {
    setBusy(true);
    try {
      const saved = await financeApi.putRiskParameters(next);
      setOutcome({
        ok: true,
        text:
          saved.changed.length === 0
            ? t('savedNothing')
            : t('saved', { names: saved.changed.map((k) => parameterName(k)).join('; ') }),
      });
      setDraft(null);
      setConfirming(null);
      onSaved();
    } catch (error) {
      setOutcome(refusal(error, (field) => parameterName(field.replace(/^values\./, ''))));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h2>{t('parameters')}</h2>
      <OutcomeBanner outcome={outcome} />
      <table className="grid compact">
        <TableHead
          columns={[t('param.name'), { num: t('param.value') }, t('param.unit'), t('param.changed')]}
        />
        <tbody>
          {parameters.map((p) => (
            <tr key={p.key}>
              <td>
                <label htmlFor={`risk-${p.key}`}>{parameterName(p.key)}</label>
              </td>
              <td className="num">
                {draft ? (
                  <input
                    id={`risk-${p.key}`}
                    inputMode="decimal"
                    size={7}
                    value={values[p.key] ?? ''}
                    onChange={(e) => setDraft({ ...values, [p.key]: e.target.value })}
                  />
                ) : (
                  formatNumber(p.value, { maximumFractionDigits: 4 })
                )}
              </td>
              <td className="muted">{parameterUnit(p.key)}</td>
              <td className="muted small">
                {p.updatedBy && p.updatedAt
                  ? t('changedBy', { user: p.updatedBy, at: formatUtc(p.updatedAt) })
                  : t('asInstalled')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && !draft && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOutcome(null);
            setDraft(current);
          }}
        >
          {t('change')}
        </button>
      )}
      {draft && !confirming && (
        <>
          <ProblemList problems={problems} />
          <button type="button" className="primary" onClick={review}>
            {t('review')}
          </button>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(null);
              setProblems([]);
            }}
          >
            {t('cancel')}
          </button>
        </>
      )}
      {confirming && (
        <ConfirmPanel
          title={t('confirmTitle')}
          confirmLabel={t('confirmSave')}
          busy={busy}
          onConfirm={() => void send(confirming)}
          onCancel={() => setConfirming(null)}
        >
          {changes(confirming).length === 0 ? (
            <p>{t('confirmNothing')}</p>
          ) : (
            <ul>
              {changes(confirming).map((c) => (
                <li key={c.key}>
                  {parameterName(c.key)}: {formatNumber(Number(c.from), { maximumFractionDigits: 4 })} →{' '}
                  {formatNumber(c.to, { maximumFractionDigits: 4 })}
                </li>
              ))}
            </ul>
          )}
          <p>{t('confirmWhat')}</p>
        </ConfirmPanel>
      )}
    </section>
  );
}

/** core's problem message as a catalogue key. */
function problemKey(message: string): string {
  if (message.startsWith('is a share')) return 'share';
  if (message.startsWith('must be a whole number')) return 'window';
  if (message.startsWith('must be more than 0')) return 'divides';
  if (message.startsWith('at least one weight')) return 'weights';
  return 'number';
}
