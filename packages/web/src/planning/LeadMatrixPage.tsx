import type { CellState, MatrixCell } from '@guarantor/core/api';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiError, api } from '../api.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { capabilityName, capitalise, lineOfEffortName, nationName, regionName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { nationColour, textOn } from '../map/palette.ts';
import { Releasability } from '../Releasability.tsx';
import { planningApi } from './api.ts';
import { PresenceBadge, PresencePanel } from './PresencePanel.tsx';
import './planning.css';
import { Downloads } from '../Downloads.tsx';
import { formatDay, formatNumber } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { TableHead } from '../TableHead.tsx';

/** Every cell state, in the legend's order. */
const STATES: readonly CellState[] = ['conflict', 'forbidden', 'gap', 'no_lead', 'led', 'claimed'];
const stateLabel = (s: CellState) => i18n.t(`planning:state.${s}`);
const claimStatus = (s: string) =>
  i18n.exists(`planning:claimStatus.${s}`) ? i18n.t(`planning:claimStatus.${s as 'active'}`) : s;

/** The claims that count: declined and withdrawn ones are kept only for the record. */
const activeClaims = (c: MatrixCell) => c.claims.filter((x) => x.status === 'active');

/** The lead a cell shows: the plan's choice, else a single claimant. */
function leadOf(c: MatrixCell): string | null {
  const active = activeClaims(c);
  return c.plannedLead ?? (active.length === 1 ? active[0]!.nation : null);
}

/** "Kyiv Oblast · reassurance force" for a cell, in the reader's language. */
const cellPlace = (cell: MatrixCell) => ({
  region: regionName(cell.region),
  line: lineOfEffortName(cell.lineOfEffort),
});

function CellBox({ cell, onOpen, open }: { cell: MatrixCell; onOpen: () => void; open: boolean }) {
  const place = cellPlace(cell);
  const lead = leadOf(cell);
  const ok = cell.state === 'led' || cell.state === 'claimed';
  const style =
    ok && lead ? { background: nationColour(lead), color: textOn(nationColour(lead)) } : undefined;
  const text =
    cell.state === 'conflict'
      ? activeClaims(cell)
          .map((c) => c.nation)
          .join('/')
      : (lead ?? '—');
  return (
    <button
      type="button"
      className={`matrix-cell state-${cell.state}${open ? ' open' : ''}`}
      style={style}
      title={`${place.region} · ${place.line}: ${stateLabel(cell.state)}${
        lead
          ? ` (${nationName(lead)})`
          : cell.state === 'conflict'
            ? ` (${activeClaims(cell)
                .map((c) => nationName(c.nation))
                .join(', ')})`
            : ''
      }`}
      onClick={onOpen}
      data-testid={`cell-${cell.region}-${cell.lineOfEffort}`}
    >
      {text}
    </button>
  );
}

/** Who may act on a cell's claims: the signed-in user's nation and roles. */
interface Actor {
  readonly nation: string;
  readonly liaison: boolean;
  readonly staff: boolean;
}

function CellDetail({
  cell,
  actor,
  onChanged,
}: {
  cell: MatrixCell;
  actor: Actor | null;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { t } = useTranslation('planning');
  const place = cellPlace(cell);
  // Below 1280 px the panel follows the matrix: bring it into view when a cell is opened.
  const panel = useRef<HTMLElement>(null);
  const cellKey = `${cell.region}|${cell.lineOfEffort}`;
  useEffect(() => {
    if (cellKey && window.matchMedia('(max-width: 1279px)').matches)
      panel.current?.scrollIntoView({ block: 'start' });
  }, [cellKey]);
  const act = async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const own = actor ? cell.claims.find((c) => c.nation === actor.nation) : undefined;
  const contested = activeClaims(cell).length > 1;
  const resolve = (nation: string) => {
    // Choosing a lead whose caveats forbid the cell is allowed (the flag stays), but not unawares.
    const forbidden = cell.flags.find((f) => f.kind === 'lead_forbidden' && f.nation === nation);
    const warning = forbidden ? `${t('matrix.note', { words: forbidden.words })}\n\n` : '';
    const reason = window.prompt(
      `${warning}${t('matrix.why', { nation: nationName(nation), line: place.line, region: place.region })}`,
    );
    if (reason) void act(() => planningApi.resolveConflict(cell.region, cell.lineOfEffort, nation, reason));
  };
  return (
    <aside className="matrix-detail" data-testid="cell-detail" ref={panel}>
      <h2>
        {place.region} · {capitalise(place.line)}
      </h2>
      <p>
        <span className={`state-chip state-${cell.state}`}>{stateLabel(cell.state)}</span>{' '}
        <Releasability label={cell.releasability} />
      </p>
      {cell.flags.length > 0 && (
        <ul className="flag-list">
          {cell.flags.map((f) => (
            <li key={f.message} className={`flag-${f.kind}`} title={f.message}>
              {f.words}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('matrix.leadClaims')}</h3>
      {cell.claims.length === 0 ? (
        <p className="muted">{t('matrix.noClaims')}</p>
      ) : (
        <ul>
          {cell.claims.map((c) => (
            <li key={c.leadRoleId}>
              <span className="swatch-inline" style={{ background: nationColour(c.nation) }} />{' '}
              <b title={c.nation}>{nationName(c.nation)}</b>
              {c.contributors.length > 0 && (
                <> {t('matrix.with', { nations: c.contributors.map(nationName).join(', ') })}</>
              )}
              {c.status !== 'active' && (
                <span className={`claim-status claim-${c.status}`} data-testid="claim-status">
                  {' '}
                  {claimStatus(c.status)}
                </span>
              )}
              {c.note && <div className="muted small">{c.note}</div>}
              {c.status !== 'active' && (
                <div className="muted small">
                  {t('matrix.statusBy', {
                    status: claimStatus(c.status),
                    by: c.statusBy,
                    on: formatDay(c.statusAt),
                  })}
                  {c.statusNote && <>: {c.statusNote}</>}
                </div>
              )}
              {actor?.staff && contested && c.status === 'active' && (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  onClick={() => resolve(c.nation)}
                >
                  {t('matrix.choose', { nation: nationName(c.nation) })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {actor?.liaison &&
        (own ? (
          <>
            {own.status !== 'withdrawn' && (
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => void act(() => planningApi.withdrawClaim(own.leadRoleId))}
              >
                {t('matrix.withdraw', { nation: nationName(actor.nation) })}
              </button>
            )}
            {own.status !== 'active' && (
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => void act(() => planningApi.reassertClaim(own.leadRoleId))}
              >
                {t('matrix.reassert', { nation: nationName(actor.nation) })}
              </button>
            )}
          </>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => planningApi.claimLead(cell.region, cell.lineOfEffort))}
          >
            {t('matrix.claim', { nation: nationName(actor.nation) })}
          </button>
        ))}
      {error && <ErrorPanel error={error} />}
      {cell.plannedLead && (
        <p title={cell.plannedLead}>
          <Trans
            t={t}
            i18nKey="matrix.plannedLead"
            values={{ nation: nationName(cell.plannedLead) }}
            components={{ b: <b /> }}
          />
        </p>
      )}
      <h3>{t('matrix.requirements')}</h3>
      {cell.requirements.length === 0 ? (
        <p className="muted">{t('matrix.none')}</p>
      ) : (
        <ul>
          {cell.requirements.map((r) => (
            <li key={r.id}>
              {t('matrix.requirementLine', {
                capability: capitalise(capabilityName(r.capability)),
                allocated: r.allocated,
                quantity: r.quantity,
                priority: r.priority,
              })}{' '}
              <span className="code muted small">{r.id}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('matrix.offersBehind')}</h3>
      {cell.offers.length === 0 ? (
        <p className="muted">{t('matrix.noOffers')}</p>
      ) : (
        <table className="grid compact cell-offers">
          <TableHead
            columns={[
              t('matrix.col.offer'),
              t('matrix.col.for'),
              { num: t('matrix.col.planned') },
              t('matrix.col.canServe'),
            ]}
          />
          <tbody>
            {cell.offers.map((o) => (
              <tr key={`${o.offerId}|${o.requirementId}`}>
                <td>
                  <a href={`#/nations/${o.nation}`} title={o.offerId}>
                    {o.offerTitle}
                  </a>
                </td>
                <td className="code">{o.requirementId}</td>
                <td className="num">{o.allocated}</td>
                <td className={o.refusal ? 'refused' : 'usable'} title={o.refusal ?? undefined}>
                  {o.refusalWords ? t('matrix.no', { words: o.refusalWords }) : t('matrix.yes')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}

/** Regions × lines of effort, coloured by lead, gap or conflict; a click opens what is behind a cell. */
export function LeadMatrixPage() {
  const [plan, setPlan] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);
  const load = useLoad(`lead-matrix/${plan ?? ''}/${refresh}`, (signal) =>
    planningApi.leadMatrix(plan, signal),
  );
  const session = useLoad('session', () => api.session());
  const actor: Actor | null =
    session.state === 'ready'
      ? {
          nation: session.data.user.nation,
          liaison: session.data.user.roles.includes('liaison'),
          staff: session.data.user.roles.includes('cell_staff'),
        }
      : null;
  const plans = useLoad('plans', (signal) => planningApi.plans(signal));
  const presence = useLoad(`presence/${refresh}`, (signal) => planningApi.presence(signal));
  const presenceOf = new Map(
    presence.state === 'ready' ? presence.data.regions.map((p) => [p.regionCode, p] as const) : [],
  );
  const roles = session.state === 'ready' ? session.data.user.roles : [];
  const { t } = useTranslation('planning');
  if (load.state === 'loading') return <p className="page-status">{t('matrix.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const m = load.data;
  const byKey = new Map(m.cells.map((c) => [`${c.region}|${c.lineOfEffort}`, c]));
  const usedLines = m.linesOfEffort.filter((l) => m.cells.some((c) => c.lineOfEffort === l.id));
  const usedRegions = m.regions.filter((r) => m.cells.some((c) => c.region === r.code));
  const counts = (s: CellState) => m.cells.filter((c) => c.state === s).length;
  const query = plan ? `?plan=${encodeURIComponent(plan)}` : '';
  const selected = open ? byKey.get(open) : undefined;

  return (
    <main className="page matrix-page">
      <div className="page-head">
        <h1>{t('matrix.title')}</h1>
        <div className="matrix-tools">
          <label>
            {t('matrix.allocationsFrom')}{' '}
            <select value={plan ?? ''} onChange={(e) => setPlan(e.target.value || null)}>
              <option value="">
                {t('matrix.adoptedPlan')}
                {m.basis && !plan ? ` (${m.basis.planId})` : ''}
              </option>
              {plans.state === 'ready' &&
                plans.data.plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.id} · {p.status} ·{' '}
                    {formatNumber(p.coverage, { style: 'percent', maximumFractionDigits: 0 })}
                  </option>
                ))}
            </select>
          </label>
          <a href={`/api/lead-matrix.csv${query}`} download>
            HXL CSV
          </a>
          <a href={`/api/lead-matrix.xlsx${query}`} download>
            XLSX
          </a>
        </div>
      </div>
      <Downloads list="/api/lead-claims" what="every lead claim" />
      <p className="summary">
        {m.basis
          ? t('matrix.contributions', {
              plan: m.basis.planId,
              adopted: m.basis.adopted ? t('matrix.adopted') : t('matrix.notAdopted'),
              status: m.basis.status,
            })
          : t('matrix.noPlan')}{' '}
        {t('matrix.conflicts', { count: counts('conflict') })} ·{' '}
        {t('matrix.forbiddenLeads', { count: counts('forbidden') })} ·{' '}
        {t('matrix.gaps', { count: counts('gap') })} ·{' '}
        {t('matrix.tail', { noLead: counts('no_lead'), led: counts('led') })}
      </p>
      <div className="matrix-legend">
        {STATES.map((s) => (
          <span key={s} className="legend-entry">
            <span className={`matrix-cell mini state-${s}`} /> {stateLabel(s)}
          </span>
        ))}
      </div>
      <div className="matrix-layout">
        <div className="matrix-scroll">
          <table className="matrix" data-testid="lead-matrix">
            <thead>
              <tr>
                <th scope="col">{t('matrix.region')}</th>
                <th scope="col" title={t('matrix.presenceTitle')}>
                  {t('matrix.presence')}
                </th>
                {usedLines.map((l) => (
                  <th key={l.id} scope="col" className="matrix-col">
                    <span>{capitalise(lineOfEffortName(l.id))}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {usedRegions.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    {regionName(r.code)} <span className="muted code">{r.code}</span>
                  </th>
                  <td className="presence-cell">
                    <PresenceBadge presence={presenceOf.get(r.code)} />
                  </td>
                  {usedLines.map((l) => {
                    const key = `${r.code}|${l.id}`;
                    const cell = byKey.get(key);
                    return (
                      <td key={l.id}>
                        {cell && <CellBox cell={cell} open={open === key} onOpen={() => setOpen(key)} />}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selected ? (
          <CellDetail cell={selected} actor={actor} onChanged={() => setRefresh((n) => n + 1)} />
        ) : (
          <aside className="matrix-detail muted">{t('matrix.clickCell')}</aside>
        )}
      </div>
      {presence.state === 'ready' && (
        <PresencePanel
          regions={presence.data.regions}
          canImport={roles.includes('cell_staff') || roles.includes('analyst')}
          onImported={() => setRefresh((n) => n + 1)}
        />
      )}
    </main>
  );
}
