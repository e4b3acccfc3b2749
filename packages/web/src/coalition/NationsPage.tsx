import { Trans, useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { intlLocale } from '../i18n/format.ts';
import { delegationLevelLabel, lineOfEffortName, nationName, regionName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { href } from '../router.ts';
import { TableHead } from '../TableHead.tsx';

/** The coalition: every nation the user may see, with its delegation and what it leads. */
export function NationsPage() {
  const load = useLoad('nations', (signal) => api.nations(signal));
  const { t } = useTranslation('coalition');
  if (load.state === 'loading') return <p className="page-status">{t('nations.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { summary } = load.data;
  const collator = new Intl.Collator(intlLocale());
  const nations = load.data.nations
    .map((n) => ({ ...n, name: nationName(n.iso3) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('nations.title')}</h1>
        <p className="summary" data-testid="nations-summary">
          <Trans
            t={t}
            i18nKey="nations.summary"
            count={summary.nations}
            values={{ n: summary.nations, heads: summary.ledByHeads }}
            components={{ b: <strong /> }}
          />
        </p>
      </div>
      <Downloads list="/api/nations" what="the nations" />
      <table className="grid" data-testid="nations-table">
        <TableHead
          columns={[
            t('col.nation'),
            t('col.delegationLevel'),
            t('col.delegationHead'),
            t('col.role'),
            t('col.leads'),
            { num: t('col.offers') },
            t('col.releasability'),
          ]}
        />
        <tbody>
          {nations.map((nation) => (
            <tr key={nation.iso3}>
              <td>
                <a href={href({ page: 'nation', iso3: nation.iso3 })}>{nation.name}</a>{' '}
                <span className="code">{nation.iso3}</span>
                {nation.illustrative && <Illustrative />}
              </td>
              <td>
                <span
                  className={
                    nation.delegationLevel === 'head_of_state_or_government' ? 'level level-head' : 'level'
                  }
                >
                  {delegationLevelLabel(nation.delegationLevel)}
                </span>
              </td>
              <td>{nation.delegationHead ?? <span className="muted">—</span>}</td>
              <td>{nation.role ?? <span className="muted">—</span>}</td>
              <td>
                {nation.leads.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  nation.leads.map((lead) => (
                    <div key={`${lead.regionCode}/${lead.lineOfEffort}`} className="lead">
                      {regionName(lead.regionCode)} <span className="code">{lead.regionCode}</span>
                      <span className="muted"> · {lineOfEffortName(lead.lineOfEffort)}</span>
                    </div>
                  ))
                )}
              </td>
              <td className="num">{nation.offerCount}</td>
              <td>
                <Releasability label={nation.releasability} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="footnote">
        <Trans t={t} i18nKey="nations.footnote" components={{ badge: <Illustrative /> }} />
      </p>
    </main>
  );
}

/** Marks demo content that the source document does not state. */
export function Illustrative() {
  const { t } = useTranslation('common');
  return (
    <span className="badge badge-illustrative" title={t('illustrative.title')}>
      {t('illustrative.badge')}
    </span>
  );
}
