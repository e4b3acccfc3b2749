import type { RegionSecurity, RiskParameter, User } from '@guarantor/core/api';
import { RISK_PARAMETER_KEYS, type RiskParameters, riskParameterProblems } from '@guarantor/core/finance';
import { Fragment, useState } from 'react';
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
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { financeApi } from './api.ts';
import { moneyShort, percent } from './money.ts';

const BAND_WORDS: Readonly<Record<RegionSecurity['risk']['band'], string>> = {
  low: 'Low',
  moderate: 'Moderate',
  elevated: 'Elevated',
  high: 'High',
  unknown: 'Unknown',
};

const INPUT_WORDS: Readonly<Record<'incidents' | 'gate' | 'routes', string>> = {
  incidents: 'Verified incident rate',
  gate: 'Ceasefire status of the sectors',
  routes: 'Risk on supply routes',
};

const STATUS_WORDS: Readonly<Record<string, string>> = {
  holding: 'holding',
  fragile: 'fragile',
  broken: 'broken',
};

/** The parameter's description, the words a form shows for its key. */
function parameterName(parameters: readonly RiskParameter[], key: string): string {
  return parameters.find((p) => p.key === key)?.description ?? key;
}

/**
 * Security beside money: per region of Ukraine, the money promised and delivered there next to
 * its verified incident rate, the ceasefire status of the sectors over it and the risk on its
 * routes, with an investment-risk note that shows every input and weight. Finance officers and
 * cell staff set the note's parameters on the same page.
 */
export function SecurityPage({ user }: { readonly user: User }) {
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const load = useLoad(`finance/security/${reload}`, (signal) => financeApi.security(signal));
  if (load.state === 'loading') return <p className="page-status">Loading security beside money…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const s = load.data;
  const rank = (r: RegionSecurity) => r.risk.score ?? -1;
  const regions = [...s.regions].sort(
    (a, b) => rank(b) - rank(a) || Number(b.promised) - Number(a.promised) || a.name.localeCompare(b.name),
  );
  const booked = s.regions.filter((r) => r.flows > 0).length;
  return (
    <main className="page">
      <div className="page-head">
        <h1>Security beside money</h1>
        <p className="summary">
          {plural(s.regions.length, 'region')} of Ukraine on {s.asOf}, money in euros, incidents over the last{' '}
          {plural(s.windowDays, 'day')}.{' '}
          {s.releasability ? (
            <>
              These figures may go as far as <Releasability label={s.releasability} />.
            </>
          ) : (
            'No record counted yet.'
          )}
        </p>
      </div>
      <p className="muted">
        The investment-risk note is a weighted mean of three inputs, each from 0 (no pressure) to 1: the
        verified incident rate per 100,000 residents (corroborated and reported incidents count for less), the
        worst ceasefire status of the sectors over the region (a region no monitored sector covers counts as
        unmonitored, not safe), and the risk on its supply routes. An input that is not available is left out
        and the note says so. Open a region's note to see each input, its figures and its weight; the weights
        are listed below.
      </p>
      {booked === 0 && (
        <p className="notice">
          No flow is booked to a region yet: the Kiel tracker gives national figures only. Import IATI
          activities with recipient regions on the <a href="#/finance">Promise to delivery</a> page to see
          money per region.
        </p>
      )}
      <table className="grid">
        <TableHead
          columns={[
            'Region',
            { num: 'Promised' },
            { num: 'Delivered' },
            { num: 'Delivered of promised' },
            { num: 'Incidents (verified · corroborated · reported)' },
            { num: 'Weighted per 100,000' },
            'Sectors over it',
            'Route risk',
            'Investment risk',
          ]}
        />
        <tbody>
          {regions.map((r) => (
            <Fragment key={r.region}>
              <tr data-testid={`security-${r.region}`}>
                <td>
                  {r.name}
                  {r.nameUk && <div className="muted small">{r.nameUk}</div>}
                </td>
                <td className="num" title={`€${r.promised}`}>
                  {moneyShort(r.promised)}
                </td>
                <td className="num" title={`€${r.delivered}`}>
                  {moneyShort(r.delivered)}
                </td>
                <td className="num">{percent(r.ratio)}</td>
                <td className="num">
                  {r.incidents.verified} · {r.incidents.corroborated} · {r.incidents.reported}
                </td>
                <td className="num">{r.incidents.per100k ?? <span className="muted">no population</span>}</td>
                <td>
                  {r.sectors.length === 0 ? (
                    <span className="muted">none: unmonitored</span>
                  ) : (
                    r.sectors.map((sector) => (
                      <div key={sector.id}>
                        {sector.name}:{' '}
                        {sector.status
                          ? `${STATUS_WORDS[sector.status]} as of ${sector.asOf}`
                          : 'no status yet'}
                      </div>
                    ))
                  )}
                </td>
                <td>
                  {r.routeRisk ? (
                    `${r.routeRisk.score} (${r.routeRisk.segment})`
                  ) : (
                    <span className="muted">no route network</span>
                  )}
                </td>
                <td>
                  <span className={`badge risk-${r.risk.band}`}>{BAND_WORDS[r.risk.band]}</span>{' '}
                  {r.risk.score !== null && <span className="muted">{r.risk.score.toFixed(2)}</span>}{' '}
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === r.region}
                    onClick={() => setOpen(open === r.region ? null : r.region)}
                  >
                    {open === r.region ? 'Hide why' : 'Why'}
                  </button>
                </td>
              </tr>
              {open === r.region && (
                <tr>
                  <td colSpan={9}>
                    <RiskParts region={r} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
          <tr>
            <td>Not booked to a region (national)</td>
            <td className="num">{moneyShort(s.national.promised)}</td>
            <td className="num">{moneyShort(s.national.delivered)}</td>
            <td colSpan={6} className="muted">
              {plural(s.national.flows, 'flow')}
            </td>
          </tr>
        </tbody>
      </table>
      {s.unconverted.length > 0 && (
        <p className="notice">
          Left out, no exchange rate loaded (never guessed):{' '}
          {s.unconverted.map((u) => `${u.amount} ${u.currency} of ${u.date} (${u.region})`).join('; ')}.
        </p>
      )}
      <p className="muted small">
        Population:{' '}
        {s.populationSource ?? 'none loaded; incident counts are compared with a fixed saturation instead'}.
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
function RiskParts({ region }: { readonly region: RegionSecurity }) {
  return (
    <div className="risk-parts" data-testid="risk-parts">
      <p>{region.risk.note}</p>
      <table className="grid compact">
        <TableHead
          columns={[
            'Input',
            { num: 'Value (0–1)' },
            { num: 'Weight' },
            { num: 'Share of the score' },
            'Because',
          ]}
        />
        <tbody>
          {region.risk.parts.map((p) => (
            <tr key={p.input}>
              <td>{INPUT_WORDS[p.input]}</td>
              <td className="num">{p.pressure ?? 'not available'}</td>
              <td className="num">{p.weight}</td>
              <td className="num">{p.pressure === null ? 'not counted' : p.contribution}</td>
              <td>{p.because}</td>
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
    const numbers = Object.fromEntries(
      RISK_PARAMETER_KEYS.map((k) => [k, Number(values[k]?.trim() || Number.NaN)]),
    );
    const found = riskParameterProblems(numbers).map((p) => ({
      field: parameterName(parameters, p.key),
      message: p.message,
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
            ? 'Nothing changed: the values were already these.'
            : `Saved: ${saved.changed.map((k) => parameterName(parameters, k)).join('; ')}. The change is in the audit trail.`,
      });
      setDraft(null);
      setConfirming(null);
      onSaved();
    } catch (error) {
      setOutcome(refusal(error, (field) => parameterName(parameters, field.replace(/^values\./, ''))));
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h2>How the note weighs its inputs</h2>
      <OutcomeBanner outcome={outcome} />
      <table className="grid compact">
        <TableHead columns={['Parameter', { num: 'Value' }, 'Unit', 'Last changed']} />
        <tbody>
          {parameters.map((p) => (
            <tr key={p.key}>
              <td>
                <label htmlFor={`risk-${p.key}`}>{p.description}</label>
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
                  p.value
                )}
              </td>
              <td className="muted">{p.unit}</td>
              <td className="muted small">
                {p.updatedBy
                  ? `${p.updatedBy}, ${p.updatedAt?.slice(0, 16).replace('T', ' ')} UTC`
                  : 'as installed'}
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
          Change the parameters
        </button>
      )}
      {draft && !confirming && (
        <>
          <ProblemList problems={problems} />
          <button type="button" className="primary" onClick={review}>
            Review the change
          </button>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(null);
              setProblems([]);
            }}
          >
            Cancel
          </button>
        </>
      )}
      {confirming && (
        <ConfirmPanel
          title="Change how every region's note is weighed"
          confirmLabel="Save the parameters"
          busy={busy}
          onConfirm={() => void send(confirming)}
          onCancel={() => setConfirming(null)}
        >
          {changes(confirming).length === 0 ? (
            <p>No value differs from the current ones: nothing will change.</p>
          ) : (
            <ul>
              {changes(confirming).map((c) => (
                <li key={c.key}>
                  {parameterName(parameters, c.key)}: {c.from} → {c.to}
                </li>
              ))}
            </ul>
          )}
          <p>
            The notes of every region are recomputed with these values for every reader. The change is
            audited.
          </p>
        </ConfirmPanel>
      )}
    </section>
  );
}
