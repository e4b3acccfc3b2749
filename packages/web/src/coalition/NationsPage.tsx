import { api } from '../api.ts';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { delegationLevelLabel, lineOfEffortName } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { href } from '../router.ts';
import { TableHead } from '../TableHead.tsx';

/** The coalition: every nation the user may see, with its delegation and what it leads. */
export function NationsPage() {
  const load = useLoad('nations', (signal) => api.nations(signal));
  if (load.state === 'loading') return <p className="page-status">Loading nations…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const { summary } = load.data;
  const nations = [...load.data.nations].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return (
    <main className="page">
      <div className="page-head">
        <h1>Coalition nations</h1>
        <p className="summary" data-testid="nations-summary">
          <strong>{summary.nations}</strong> nations represented, <strong>{summary.ledByHeads}</strong> of{' '}
          {summary.nations} led by heads of state or government
        </p>
      </div>
      <Downloads list="/api/nations" what="the nations" />
      <table className="grid" data-testid="nations-table">
        <TableHead
          columns={[
            'Nation',
            'Delegation level',
            'Head of delegation',
            'Role',
            'Leads',
            { num: 'Offers' },
            'Releasability',
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
                      {lead.regionName} <span className="code">{lead.regionCode}</span>
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
        Rows marked <Illustrative /> are plausible demo content, not statements from the source document.
      </p>
    </main>
  );
}

/** Marks demo content that the source document does not state. */
export function Illustrative() {
  return (
    <span className="badge badge-illustrative" title="Illustrative demo data, not from the source document">
      illustrative
    </span>
  );
}
