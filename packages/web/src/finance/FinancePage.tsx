import type { FinanceCategory, FinanceNeed, FinanceSummaryRow } from '@guarantor/core/api';
import { lazy, Suspense, useState } from 'react';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { financeApi } from './api.ts';
import { IatiImport, type Outcome } from './IatiImport.tsx';
import { moneyShort, percent } from './money.ts';

// Plot and its share of d3 load with the charts only.
const FinanceCharts = lazy(() => import('./FinanceCharts.tsx'));

/** A summary category in words. */
export function financeCategoryName(category: FinanceCategory): string {
  switch (category) {
    case 'all':
      return 'All categories';
    case 'military':
      return 'Military';
    case 'financial':
      return 'Financial';
    case 'humanitarian':
      return 'Humanitarian';
    case 'unsplit':
      return 'Not split by category';
  }
}

const STAGE_WORDS: Readonly<Record<string, string>> = {
  pledge: 'pledged',
  commitment: 'committed',
  allocation: 'allocated',
  disbursement: 'disbursed',
  expenditure: 'spent',
};

/**
 * Reconstruction finance: promise to delivery per donor and category, needs coverage per
 * sector, and the records behind a donor's figures. Figures are in euros; a figure converted
 * from another currency says the rate and its date.
 */
export function FinancePage() {
  const [reload, setReload] = useState(0);
  const [iatiOutcome, setIatiOutcome] = useState<Outcome | null>(null);
  const load = useLoad(`finance/summary/${reload}`, (signal) => financeApi.summary(signal));
  const [open, setOpen] = useState<{ donor: string; category: FinanceCategory } | null>(null);
  if (load.state === 'loading') return <p className="page-status">Loading reconstruction finance…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const s = load.data;
  const donorRows = s.rows.filter((r) => r.category === 'all');
  return (
    <main className="page">
      <div className="page-head">
        <h1>Promise to delivery</h1>
        <p className="summary">
          {plural(donorRows.length, 'donor')}, in euros.{' '}
          {s.releasability && (
            <>
              These figures may go as far as <Releasability label={s.releasability} />.
            </>
          )}{' '}
          {s.rows.length > 0 && (
            <>
              Download:{' '}
              <a href="/api/finance/summary.csv" download>
                summary (CSV)
              </a>
              {' · '}
              <a href="/api/finance/flows.csv" download>
                every flow (HXL CSV)
              </a>
              {' · '}
              <a href="/api/finance/flows.xlsx" download>
                every flow (XLSX)
              </a>
              {' · '}
              <a href="/api/finance/activities.xml" download>
                IATI 2.03 XML
              </a>
              .{' '}
            </>
          )}
          <a href="/public">The public page</a> shows what is released as PUBLIC.
        </p>
      </div>
      {s.rows.length === 0 ? (
        <p className="banner" data-testid="finance-empty">
          No money flows are recorded yet. A finance officer or cell staff imports them: the Kiel Ukraine
          Support Tracker's data-explorer CSV (<code>POST /api/finance/import/kiel</code>), euro reference
          rates from the ECB (<code>/api/finance/import/rates</code>) and needs per sector (
          <code>/api/finance/import/needs</code>). The demo scenario holds no finance data, so nothing here is
          made up.
        </p>
      ) : (
        <>
          <p className="muted small">
            Promised is what is committed, or pledged where nothing is committed yet; delivered is what is
            disbursed, or allocated where nothing is disbursed (the Kiel tracker reports allocations). Stages
            are never added together: a commitment restates its pledge.
            {s.conversions.map((c) => (
              <span key={c.currency}>
                {' '}
                {plural(c.flows, 'flow')} in {c.currency} converted at each one's own day's rate (
                {c.firstRateDate} to {c.lastRateDate}).
              </span>
            ))}
          </p>
          {s.unconverted.length > 0 && (
            <p className="banner" data-testid="finance-unconverted">
              Left out, no rate loaded (Guarantor never takes another day's rate):{' '}
              {s.unconverted.map((u) => `${u.amount} ${u.currency} of ${u.donor} on ${u.date}`).join('; ')}.
            </p>
          )}
          <table className="grid" data-testid="finance-summary">
            <TableHead
              columns={[
                'Donor',
                'Category',
                { num: 'Promised' },
                { num: 'Delivered' },
                { num: 'Delivered of promised' },
                '',
              ]}
            />
            <tbody>
              {s.rows.map((row) => (
                <SummaryLine
                  key={`${row.donor}/${row.category}/${row.month}`}
                  row={row}
                  open={open?.donor === row.donor && open.category === row.category}
                  onToggle={() =>
                    setOpen(
                      open?.donor === row.donor && open.category === row.category
                        ? null
                        : { donor: row.donor, category: row.category },
                    )
                  }
                />
              ))}
            </tbody>
          </table>
        </>
      )}
      {s.rows.length > 0 && (
        <Suspense fallback={<p className="page-status">Loading the charts…</p>}>
          <FinanceCharts />
        </Suspense>
      )}
      <Needs needs={s.needs} />
      <IatiImport
        onImported={() => setReload((n) => n + 1)}
        outcome={iatiOutcome}
        setOutcome={setIatiOutcome}
      />
    </main>
  );
}

const isZero = (amount: string) => /^0+(\.0+)?$/.test(amount);

/**
 * A category row's zero is a dash: the source did not split that stage by category (the Kiel
 * tracker's commitments), which is not the same as nothing.
 */
function amountCell(amount: string, whole: boolean): string {
  return !whole && isZero(amount) ? '—' : moneyShort(amount);
}

function SummaryLine({
  row,
  open,
  onToggle,
}: {
  readonly row: FinanceSummaryRow;
  readonly open: boolean;
  readonly onToggle: () => void;
}) {
  const whole = row.category === 'all';
  return (
    <>
      <tr className={whole ? 'strong' : ''}>
        <td>{whole ? <strong>{row.donorName}</strong> : ''}</td>
        <td>{financeCategoryName(row.category)}</td>
        <td className="num" title={`€${row.promised}`}>
          {amountCell(row.promised, whole)}
        </td>
        <td className="num" title={`€${row.delivered}`}>
          {amountCell(row.delivered, whole)}
        </td>
        <td className="num">
          {whole || (isZero(row.promised) === false && !isZero(row.delivered)) ? percent(row.ratio) : '—'}
        </td>
        <td>
          <button type="button" className="link" onClick={onToggle} aria-expanded={open}>
            {open ? 'Hide records' : `${plural(row.flows, 'record')}`}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <Flows donor={row.donor} category={row.category} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The records behind one figure, each with its source and the rate it was converted at. */
function Flows({ donor, category }: { readonly donor: string; readonly category: FinanceCategory }) {
  const load = useLoad(`finance/flows/${donor}/${category}`, (signal) =>
    financeApi.flows(donor, category, signal),
  );
  if (load.state === 'loading') return <p className="page-status">Loading records…</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  return (
    <table className="grid" data-testid="finance-flows">
      <TableHead
        columns={[
          'Date',
          'Stage',
          'Category',
          { num: 'Amount' },
          { num: 'In euros' },
          'Source',
          'Releasability',
        ]}
      />
      <tbody>
        {load.data.flows.map((f) => (
          <tr key={f.id}>
            <td>{f.date.slice(0, 7)}</td>
            <td>
              {STAGE_WORDS[f.stage] ?? f.stage}
              {f.iatiTransactionType !== null && (
                <span className="muted small"> (IATI {f.iatiTransactionType})</span>
              )}
            </td>
            <td>{financeCategoryName(f.category)}</td>
            <td className="num">
              {f.amount} {f.currency}
            </td>
            <td className="num">
              {f.eur === null
                ? f.conversionProblem
                : f.currency === 'EUR'
                  ? '—'
                  : `€${f.eur} at ${f.rate?.ratePerEur} ${f.currency}/EUR on ${f.rate?.rateDate}`}
            </td>
            <td>
              {f.sourceDocument} <span className="muted small">({f.sourceKey})</span>
            </td>
            <td>
              <Releasability label={f.releasability} />
            </td>
          </tr>
        ))}
      </tbody>
      {load.data.more && (
        <caption className="muted small">The first 500 records; the CSV export has every figure.</caption>
      )}
    </table>
  );
}

/** Needs per sector beside what is promised and delivered toward them. */
function Needs({ needs }: { readonly needs: readonly FinanceNeed[] }) {
  return (
    <section>
      <h2>Needs coverage</h2>
      {needs.length === 0 ? (
        <p className="banner" data-testid="needs-empty">
          No reconstruction needs are loaded. Import the Rapid Damage and Needs Assessment figures per sector
          (<code>POST /api/finance/import/needs</code>), each row with its source.
        </p>
      ) : (
        <>
          <p className="muted small">
            Money counts toward a sector when its record carries an OECD-DAC sector code of that sector; the
            Kiel tracker's records carry categories (military, financial, humanitarian), not sectors, so they
            count toward none.
          </p>
          <table className="grid" data-testid="finance-needs">
            <TableHead
              columns={[
                'Assessment',
                'Sector',
                { num: 'Need' },
                { num: 'In euros' },
                { num: 'Promised' },
                { num: 'Delivered' },
                { num: 'Covered' },
                'Source',
              ]}
            />
            <tbody>
              {needs.map((n) => (
                <tr key={`${n.source}/${n.assessment}/${n.sector}`}>
                  <td title={n.assessmentTitle}>{n.assessment}</td>
                  <td>{n.sector === 'TOTAL' ? <strong>All sectors</strong> : n.sector}</td>
                  <td className="num" title={n.asStated}>
                    {moneyShort(n.needs, n.currency)}
                    {n.rounded && <span className="muted small"> (rounded by its source)</span>}
                  </td>
                  <td className="num">
                    {n.needsEur === null ? (
                      <span className="muted small" title={n.conversionProblem ?? ''}>
                        {(n.conversionProblem ?? '').split(/[;:]/)[0]}: not converted
                      </span>
                    ) : (
                      <>
                        {moneyShort(n.needsEur)}{' '}
                        <span className="muted small">
                          at {n.rate?.ratePerEur} {n.currency}/EUR on {n.rate?.rateDate}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="num">{moneyShort(n.promised)}</td>
                  <td className="num">{moneyShort(n.delivered)}</td>
                  <td className="num">{percent(n.coverage)}</td>
                  <td>
                    <a href={n.sourceUrl} rel="noreferrer" target="_blank">
                      source
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
