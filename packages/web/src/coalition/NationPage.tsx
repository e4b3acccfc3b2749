import type { Offer } from '@guarantor/core/api';
import { useState } from 'react';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatNumber } from '../i18n/format.ts';
import { capitalise, delegationLevelLabel, humanise, lineOfEffortName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { Illustrative } from './NationsPage.tsx';
import { OfferEditor } from './OfferEditor.tsx';

function days(value: number | null): string {
  return value === null ? '—' : `${value} d`;
}

function Caveats({ offer }: { readonly offer: Offer }) {
  if (offer.caveats.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="caveats">
      {offer.caveats.map((caveat) => (
        <li key={`${caveat.kind}:${caveat.text}`} title={caveat.kind}>
          {caveat.text ? capitalise(caveat.text) : humanise(caveat.kind)}
        </li>
      ))}
    </ul>
  );
}

/** One nation: its delegation, what it leads, its offers and the missions it takes part in. */
export function NationPage({ iso3 }: { readonly iso3: string }) {
  const [saves, setSaves] = useState(0);
  const load = useLoad(`nation/${iso3}/${saves}`, (signal) => api.nation(iso3, signal));
  if (load.state === 'loading') return <p className="page-status">Loading {iso3}…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { nation, offers, missions } = load.data;
  return (
    <main className="page">
      <p className="crumbs">
        <a href="#/nations">Nations</a> / {nation.iso3}
      </p>
      <div className="page-head">
        <h1>
          {nation.name} <span className="code">{nation.iso3}</span>
          {nation.illustrative && <Illustrative />}
        </h1>
        <Releasability label={nation.releasability} />
      </div>
      <dl className="facts">
        <div>
          <dt>Delegation level</dt>
          <dd>{delegationLevelLabel(nation.delegationLevel)}</dd>
        </div>
        <div>
          <dt>Head of delegation</dt>
          <dd>{nation.delegationHead ?? '—'}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{nation.role ?? '—'}</dd>
        </div>
        <div>
          <dt>Leads</dt>
          <dd>
            {nation.leads.length === 0
              ? '—'
              : nation.leads
                  .map((lead) => `${lead.regionName} (${lineOfEffortName(lead.lineOfEffort)})`)
                  .join('; ')}
          </dd>
        </div>
      </dl>

      <h2>Offers</h2>
      <Downloads list="/api/offers" what="these offers" query={{ nation: nation.iso3 }} />
      {offers.length === 0 ? (
        <p className="muted">
          No offer of this nation is releasable to you. Its liaison officer records offers here; an offer
          shared only with the nation stays hidden from others.
        </p>
      ) : (
        <table className="grid" data-testid="offers-table">
          <TableHead
            columns={[
              'Capability',
              { num: 'Quantity' },
              { num: 'Days to deploy' },
              { num: 'Duration' },
              'Readiness',
              'Lifecycle',
              'Caveats',
              'Releasability',
            ]}
          />
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.id}>
                <td>
                  <div className="cell-title">
                    {capitalise(offer.capabilityLabel)}
                    {offer.illustrative && <Illustrative />}
                  </div>
                  {offer.description && <div className="muted small">{offer.description}</div>}
                </td>
                <td className="num">
                  {formatNumber(offer.quantity)} <span className="muted">{offer.unit}</span>
                </td>
                <td className="num">{days(offer.daysToDeploy)}</td>
                <td className="num">{days(offer.durationDays)}</td>
                <td>{humanise(offer.readiness)}</td>
                <td>
                  <span className={`lifecycle lifecycle-${offer.lifecycle}`}>
                    {humanise(offer.lifecycle)}
                  </span>
                </td>
                <td>
                  <Caveats offer={offer} />
                </td>
                <td>
                  <Releasability label={offer.releasability} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <OfferEditor iso3={nation.iso3} offers={offers} onSaved={() => setSaves((n) => n + 1)} />

      {missions.length > 0 && (
        <>
          <h2>Missions</h2>
          <table className="grid">
            <TableHead columns={['Mission', 'Kind', 'Role', 'Condition']} />
            <tbody>
              {missions.map((mission) => (
                <tr key={mission.id}>
                  <td>
                    <div className="cell-title">{mission.name}</div>
                    {mission.description && <div className="muted small">{mission.description}</div>}
                  </td>
                  <td>{humanise(mission.kind)}</td>
                  {/* The API allows a mission without a role; this page has always assumed one (left as it was). */}
                  <td>{capitalise(mission.role!)}</td>
                  <td>{mission.condition ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
