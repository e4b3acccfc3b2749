import type { Offer } from '@guarantor/core/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { i18n } from '../i18n/index.ts';
import {
  capabilityName,
  capitalise,
  delegationLevelLabel,
  humanise,
  lineOfEffortName,
  nationName,
  quantityWords,
  regionName,
} from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { Illustrative } from './NationsPage.tsx';
import { OfferEditor } from './OfferEditor.tsx';

function days(value: number | null): string {
  return value === null ? '—' : i18n.t('coalition:nation.days', { n: value });
}

/** A code of the coalition namespace in words ("readiness.rapid" → "Rapid"), else the code humanised. */
export function coalitionWord(
  group: 'readiness' | 'lifecycle' | 'caveatKind' | 'mandateStatus',
  code: string,
): string {
  const key = `coalition:${group}.${code}`;
  return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : humanise(code);
}

function Caveats({ offer }: { readonly offer: Offer }) {
  const { t } = useTranslation('coalition');
  if (offer.caveats.length === 0) return <span className="muted">{t('nation.noCaveats')}</span>;
  return (
    <ul className="caveats">
      {offer.caveats.map((caveat) => (
        <li key={`${caveat.kind}:${caveat.text}`} title={caveat.kind}>
          {caveat.text ? capitalise(caveat.text) : coalitionWord('caveatKind', caveat.kind)}
        </li>
      ))}
    </ul>
  );
}

/** One nation: its delegation, what it leads, its offers and the missions it takes part in. */
export function NationPage({ iso3 }: { readonly iso3: string }) {
  const [saves, setSaves] = useState(0);
  const load = useLoad(`nation/${iso3}/${saves}`, (signal) => api.nation(iso3, signal));
  const { t } = useTranslation('coalition');
  if (load.state === 'loading') return <p className="page-status">{t('nation.loading', { iso3 })}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { nation, offers, missions } = load.data;
  return (
    <main className="page">
      <p className="crumbs">
        <a href="#/nations">{t('nation.crumb')}</a> / {nation.iso3}
      </p>
      <div className="page-head">
        <h1>
          {nationName(nation.iso3)} <span className="code">{nation.iso3}</span>
          {nation.illustrative && <Illustrative />}
        </h1>
        <Releasability label={nation.releasability} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('col.delegationLevel')}</dt>
          <dd>{delegationLevelLabel(nation.delegationLevel)}</dd>
        </div>
        <div>
          <dt>{t('col.delegationHead')}</dt>
          <dd>{nation.delegationHead ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('col.role')}</dt>
          <dd>{nation.role ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('col.leads')}</dt>
          <dd>
            {nation.leads.length === 0
              ? '—'
              : nation.leads
                  .map((lead) => `${regionName(lead.regionCode)} (${lineOfEffortName(lead.lineOfEffort)})`)
                  .join('; ')}
          </dd>
        </div>
      </dl>

      <h2>{t('nation.offers')}</h2>
      <Downloads list="/api/offers" what="these offers" query={{ nation: nation.iso3 }} />
      {offers.length === 0 ? (
        <p className="muted">{t('nation.noOffers')}</p>
      ) : (
        <table className="grid" data-testid="offers-table">
          <TableHead
            columns={[
              t('col.capability'),
              { num: t('col.quantity') },
              { num: t('col.daysToDeploy') },
              { num: t('col.duration') },
              t('col.readiness'),
              t('col.lifecycle'),
              t('col.caveats'),
              t('col.releasability'),
            ]}
          />
          <tbody>
            {offers.map((offer) => (
              <tr key={offer.id}>
                <td>
                  <div className="cell-title">
                    {capitalise(capabilityName(offer.capability))}
                    {offer.illustrative && <Illustrative />}
                  </div>
                  {offer.description && <div className="muted small">{offer.description}</div>}
                </td>
                <td className="num">{quantityWords(offer.quantity, offer.unit)}</td>
                <td className="num">{days(offer.daysToDeploy)}</td>
                <td className="num">{days(offer.durationDays)}</td>
                <td>{coalitionWord('readiness', offer.readiness)}</td>
                <td>
                  <span className={`lifecycle lifecycle-${offer.lifecycle}`}>
                    {coalitionWord('lifecycle', offer.lifecycle)}
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
          <h2>{t('missions.title')}</h2>
          <table className="grid">
            <TableHead columns={[t('col.mission'), t('col.kind'), t('col.role'), t('col.condition')]} />
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
