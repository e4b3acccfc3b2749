import type { FinanceCategory, FinanceNeed, FinanceSummaryRow } from '@guarantor/core/api';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { AuditTrail } from '../AuditTrail.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatDay, formatMoney, formatNumber, intlLocale } from '../i18n/format.ts';
import { i18n } from '../i18n/index.ts';
import { localNationName } from '../i18n/places.ts';
import { useLoad } from '../load.ts';
import { Releasability } from '../Releasability.tsx';
import { TableHead } from '../TableHead.tsx';
import { type FlowFilter, financeApi } from './api.ts';
import { IatiImport, type Outcome } from './IatiImport.tsx';
import { moneyShort, percent } from './money.ts';
import { Sources } from './Sources.tsx';

// Plot and its share of d3 load with the charts only.
const FinanceCharts = lazy(() => import('./FinanceCharts.tsx'));

/** A summary category in words. */
export function financeCategoryName(category: FinanceCategory): string {
  return i18n.t(`finance:category.${category}`);
}

/** A flow's stage in words: "disbursement" → "disbursed"; an unknown stage as given. */
function stageName(stage: string): string {
  return i18n.t(`finance:stage.${stage}` as 'finance:stage.pledge', { defaultValue: stage });
}

/** A month of a flow ("2024-03-15" → "Mar 2024", "бер. 2024 р."). */
function month(iso: string): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    d,
  );
}

/** An exact amount from the API's decimal text in the reader's style ("12,500.49", "12 500,49"). */
function exact(amount: string): string {
  const n = Number(amount);
  return Number.isFinite(n)
    ? formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : amount;
}

/** The public page's link, its words from the translation (Trans fills in the children). */
const PublicLink = ({ children }: { readonly children?: ReactNode }) => <a href="/public">{children}</a>;

/** A donor by its code: a nation in the reader's language, an institution as the source names it. */
const donorName = (code: string, name: string) => localNationName(code, name);

/**
 * Reconstruction finance: promise to delivery per donor and category, needs coverage per
 * sector, and the records behind a donor's figures. Figures are in euros; a figure converted
 * from another currency says the rate and its date.
 */
export function FinancePage() {
  const { t } = useTranslation('finance');
  const [reload, setReload] = useState(0);
  const [iatiOutcome, setIatiOutcome] = useState<Outcome | null>(null);
  const load = useLoad(`finance/summary/${reload}`, (signal) => financeApi.summary(signal));
  const [open, setOpen] = useState<{ donor: string; category: FinanceCategory } | null>(null);
  if (load.state === 'loading') return <p className="page-status">{t('loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  const s = load.data;
  const donorRows = s.rows.filter((r) => r.category === 'all');
  return (
    <main className="page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="summary">
          {t('donors', { count: donorRows.length })}{' '}
          {s.releasability && (
            <>
              {t('mayGo')} <Releasability label={s.releasability} />.
            </>
          )}{' '}
          {s.rows.length > 0 && (
            <>
              {t('download.label')}{' '}
              <a href="/api/finance/summary.csv" download>
                {t('download.summary')}
              </a>
              {' · '}
              <a href="/api/finance/flows.csv" download>
                {t('download.flowsCsv')}
              </a>
              {' · '}
              <a href="/api/finance/flows.xlsx" download>
                {t('download.flowsXlsx')}
              </a>
              {' · '}
              <a href="/api/finance/activities.xml" download>
                IATI 2.03 XML
              </a>
              .{' '}
            </>
          )}
          <Trans t={t} i18nKey="publicPage" components={{ a: <PublicLink /> }} />
        </p>
      </div>
      {s.rows.length === 0 ? (
        <p className="banner" data-testid="finance-empty">
          <Trans t={t} i18nKey="empty" components={{ code: <code /> }} />
        </p>
      ) : (
        <>
          <p className="muted small">
            {t('stagesNote')}
            {s.conversions.map((c) => (
              <span key={c.currency}>
                {' '}
                {t('conversion', {
                  flows: t('flows', { count: c.flows }),
                  currency: c.currency,
                  first: formatDay(c.firstRateDate),
                  last: formatDay(c.lastRateDate),
                })}
              </span>
            ))}
          </p>
          {s.unconverted.length > 0 && (
            <p className="banner" data-testid="finance-unconverted">
              {t('unconverted')}{' '}
              {s.unconverted
                .map((u) =>
                  t('unconvertedItem', {
                    amount: formatMoney(u.amount, u.currency),
                    donor: donorName(u.donor, u.donor),
                    date: formatDay(u.date),
                  }),
                )
                .join('; ')}
              .
            </p>
          )}
          <table className="grid" data-testid="finance-summary">
            <TableHead
              columns={[
                t('table.donor'),
                t('table.category'),
                { num: t('table.promised') },
                { num: t('table.delivered') },
                { num: t('table.ratio') },
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
        <Suspense fallback={<p className="page-status">{t('charts.loading')}</p>}>
          <FinanceCharts />
        </Suspense>
      )}
      <Needs needs={s.needs} />
      <Sources />
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
  const { t } = useTranslation('finance');
  const whole = row.category === 'all';
  return (
    <>
      <tr className={whole ? 'strong' : ''}>
        <td>{whole ? <strong>{donorName(row.donor, row.donorName)}</strong> : ''}</td>
        <td>{financeCategoryName(row.category)}</td>
        <td className="num" title={formatMoney(row.promised)}>
          {amountCell(row.promised, whole)}
        </td>
        <td className="num" title={formatMoney(row.delivered)}>
          {amountCell(row.delivered, whole)}
        </td>
        <td className="num">
          {whole || (isZero(row.promised) === false && !isZero(row.delivered)) ? percent(row.ratio) : '—'}
        </td>
        <td>
          <button type="button" className="link" onClick={onToggle} aria-expanded={open}>
            {open ? t('hideRecords') : t('records', { count: row.flows })}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <Flows filter={{ donor: row.donor, category: row.category }} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The records behind one figure, each with its source and the rate it was converted at. */
export function Flows({ filter }: { readonly filter: FlowFilter }) {
  const { t } = useTranslation('finance');
  const load = useLoad(`finance/flows/${JSON.stringify(filter)}`, (signal) =>
    financeApi.flows(filter, signal),
  );
  if (load.state === 'loading') return <p className="page-status">{t('flow.loading')}</p>;
  if (load.state === 'error') return <ErrorPanel error={load.error} />;
  if (load.data.flows.length === 0) return <p className="muted">{t('flow.none')}</p>;
  return (
    <>
      <table className="grid" data-testid="finance-flows">
        <TableHead
          columns={[
            t('flow.date'),
            t('flow.stage'),
            t('table.category'),
            { num: t('flow.amount') },
            { num: t('flow.eur') },
            t('flow.source'),
            t('flow.releasability'),
          ]}
        />
        <tbody>
          {load.data.flows.map((f) => (
            <tr key={f.id}>
              <td>{month(f.date)}</td>
              <td>
                {stageName(f.stage)}
                {f.iatiTransactionType !== null && (
                  <span className="muted small"> (IATI {f.iatiTransactionType})</span>
                )}
              </td>
              <td>{financeCategoryName(f.category)}</td>
              <td className="num">
                {exact(f.amount)} {f.currency}
              </td>
              <td className="num">
                {f.eur === null
                  ? f.conversionProblem
                  : f.currency === 'EUR'
                    ? '—'
                    : t('flow.converted', {
                        eur: formatMoney(f.eur),
                        rate: f.rate
                          ? formatNumber(Number(f.rate.ratePerEur), { maximumFractionDigits: 6 })
                          : '',
                        currency: f.currency,
                        date: formatDay(f.rate?.rateDate),
                      })}
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
        {load.data.more && <caption className="muted small">{t('flow.more')}</caption>}
      </table>
      {[...new Set(load.data.flows.map((f) => f.source))].map((source) => (
        <AuditTrail key={source} entity="finance_flow" entityId={source} limit={5} />
      ))}
    </>
  );
}

/** Needs per sector beside what is promised and delivered toward them. */
function Needs({ needs }: { readonly needs: readonly FinanceNeed[] }) {
  const { t } = useTranslation('finance');
  return (
    <section>
      <h2>{t('needs.title')}</h2>
      {needs.length === 0 ? (
        <p className="banner" data-testid="needs-empty">
          <Trans t={t} i18nKey="needs.empty" components={{ code: <code /> }} />
        </p>
      ) : (
        <>
          <p className="muted small">{t('needs.note')}</p>
          <table className="grid" data-testid="finance-needs">
            <TableHead
              columns={[
                t('needs.assessment'),
                t('needs.sector'),
                { num: t('needs.need') },
                { num: t('flow.eur') },
                { num: t('table.promised') },
                { num: t('table.delivered') },
                { num: t('needs.covered') },
                t('flow.source'),
              ]}
            />
            <tbody>
              {needs.map((n) => (
                <tr key={`${n.source}/${n.assessment}/${n.sector}`}>
                  <td title={n.assessmentTitle}>{n.assessment}</td>
                  <td>{n.sector === 'TOTAL' ? <strong>{t('needs.allSectors')}</strong> : n.sector}</td>
                  <td className="num" title={n.asStated}>
                    {moneyShort(n.needs, n.currency)}
                    {n.rounded && <span className="muted small"> {t('needs.rounded')}</span>}
                  </td>
                  <td className="num">
                    {n.needsEur === null ? (
                      <span className="muted small" title={n.conversionProblem ?? ''}>
                        {t('needs.notConverted', { problem: (n.conversionProblem ?? '').split(/[;:]/)[0] })}
                      </span>
                    ) : (
                      <>
                        {moneyShort(n.needsEur)}{' '}
                        <span className="muted small">
                          {t('needs.rate', {
                            rate: n.rate
                              ? formatNumber(Number(n.rate.ratePerEur), { maximumFractionDigits: 6 })
                              : '',
                            currency: n.currency,
                            date: formatDay(n.rate?.rateDate),
                          })}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="num">{moneyShort(n.promised)}</td>
                  <td className="num">{moneyShort(n.delivered)}</td>
                  <td className="num">{percent(n.coverage)}</td>
                  <td>
                    <a href={n.sourceUrl} rel="noreferrer" target="_blank">
                      {t('needs.source')}
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
