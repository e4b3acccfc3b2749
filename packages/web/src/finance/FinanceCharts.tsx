/**
 * Charts of promise to delivery (issue 18), drawn with Observable Plot as SVG (it prints and
 * scales): promised and delivered over time, delivered and outstanding per donor, delivery per
 * region on a map, and the breakdown by any dimension with the lag from promise to half
 * delivered. Loaded with the finance page only (a lazy chunk). Every chart's figures are in the
 * tables beside it and in the CSV downloads; a chart is never the only place a figure lives.
 */
import type { FinanceBreakdownResponse, FinanceSummaryRow } from '@guarantor/core/api';
import * as Plot from '@observablehq/plot';
import rewind from '@turf/rewind';
import type { Feature, FeatureCollection } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { Downloads } from '../Downloads.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { formatDay, formatMoneyShort, formatMonth, formatNumber, formatPercent } from '../i18n/format.ts';
import { textsUnder } from '../i18n/index.ts';
import { localRegionName } from '../i18n/places.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';

const t = textsUnder('finance:charts.');

import { financeApi } from './api.ts';
import { Flows } from './FinancePage.tsx';

/** Euros as billions, for a chart's scale only (tables keep the exact decimal text). */
const bn = (amount: string) => Number(amount) / 1e9;
const m = (amount: string) => Number(amount) / 1e6;

/** An SVG from Plot in a React tree. */
function PlotFigure({ make, label }: { readonly make: () => Element; readonly label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const figure = make();
    ref.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [make]);
  return <div ref={ref} className="finance-chart" role="img" aria-label={label} />;
}

/** Cumulative promised and delivered per month over every donor, in € bn. */
export function cumulativeByMonth(rows: readonly FinanceSummaryRow[]) {
  const byMonth = new Map<string, { promised: number; delivered: number }>();
  for (const r of rows) {
    if (r.category !== 'all' || r.month === null) continue;
    const v = byMonth.get(r.month) ?? { promised: 0, delivered: 0 };
    v.promised += bn(r.promised);
    v.delivered += bn(r.delivered);
    byMonth.set(r.month, v);
  }
  const points: { month: Date; series: string; eurBn: number }[] = [];
  let promised = 0;
  let delivered = 0;
  for (const month of [...byMonth.keys()].sort()) {
    promised += byMonth.get(month)!.promised;
    delivered += byMonth.get(month)!.delivered;
    const at = new Date(`${month}-01T00:00:00Z`);
    points.push(
      { month: at, series: t('promised'), eurBn: promised },
      { month: at, series: t('delivered'), eurBn: delivered },
    );
  }
  return points;
}

const DIMENSIONS = ['donor', 'category', 'sector', 'region', 'instrument'] as const;

/** Keys that are codes (categories, instruments) in the reader's words. */
const CODED = new Set([
  'military',
  'financial',
  'humanitarian',
  'unsplit',
  'grant',
  'loan',
  'guarantee',
  'equity',
  'in_kind',
  'unspecified',
]);

/** A breakdown row's key in words. */
function keyName(by: string, r: FinanceBreakdownResponse['rows'][number]): string {
  if (CODED.has(r.key)) return t(`key.${r.key}`);
  if (by === 'region') return r.key === 'national' ? t('national') : localRegionName(r.key, r.name);
  if (by === 'sector' && r.key === 'unspecified') return t('key.unspecified');
  return r.name;
}

function lagWords(lag: FinanceBreakdownResponse['rows'][number]['lag']): string {
  if (lag.promisedFrom === null) return t('lag.nothing');
  if (lag.days === null) return t('lag.notYet', { from: formatDay(lag.promisedFrom) });
  return t('lag.days', {
    count: lag.days,
    from: formatDay(lag.promisedFrom),
    to: formatDay(lag.halfDeliveredOn),
  });
}

/** The charts and the breakdown, below the summary table. */
export default function FinanceCharts() {
  const months = useLoad('finance/summary/by-month', (signal) => financeApi.summaryByMonth(signal));
  const [by, setBy] = useState<(typeof DIMENSIONS)[number]>('donor');
  const [open, setOpen] = useState<string | null>(null);
  const table = useLoad(`finance/breakdown/${by}`, (signal) => financeApi.breakdown(by, signal));
  const regions = useLoad('finance/breakdown/region', (signal) => financeApi.breakdown('region', signal));
  const units = useLoad('ogc/units', (signal) => financeApi.units(signal));
  return (
    <section data-testid="finance-charts">
      <h2>{t('title')}</h2>
      {months.state === 'error' ? (
        <ErrorPanel error={months.error} />
      ) : months.state === 'ready' ? (
        <OverTime rows={months.data.rows} />
      ) : null}
      {table.state === 'ready' && by === 'donor' && <PerDonor data={table.data} />}
      {regions.state === 'ready' && units.state === 'ready' && (
        <RegionMap data={regions.data} units={units.data} />
      )}
      <h3>{t('breakdown')}</h3>
      <p>
        <label>
          {t('by')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as typeof by)} data-testid="breakdown-by">
            {DIMENSIONS.map((value) => (
              <option key={value} value={value}>
                {t(`dimension.${value}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <span className="muted small">{t('lagExplained')}</span>
      </p>
      <Downloads list="/api/finance/breakdown" what={t('downloadWhat')} query={{ by }} />
      {table.state === 'error' && <ErrorPanel error={table.error} />}
      {table.state === 'ready' && (
        <table className="grid" data-testid="finance-breakdown">
          <TableHead
            columns={[
              t(`dimension.${by}`),
              { num: t('promised') },
              { num: t('delivered') },
              { num: t('ratio') },
              t('lag.column'),
              { num: t('records') },
            ]}
          />
          <tbody>
            {table.data.rows.map((r) => (
              <BreakdownRow
                key={`${by}/${r.key}`}
                by={by}
                row={r}
                open={open === `${by}/${r.key}`}
                toggle={() => setOpen(open === `${by}/${r.key}` ? null : `${by}/${r.key}`)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A breakdown row; opening it shows the records it adds up, and the imports that wrote them. */
function BreakdownRow({
  by,
  row: r,
  open,
  toggle,
}: {
  readonly by: (typeof DIMENSIONS)[number];
  readonly row: FinanceBreakdownResponse['rows'][number];
  readonly open: boolean;
  readonly toggle: () => void;
}) {
  return (
    <>
      <tr>
        <td>
          <button
            type="button"
            className="link"
            aria-expanded={open}
            title={t(open ? 'hideRecords' : 'showRecords')}
            onClick={toggle}
          >
            {keyName(by, r)}
          </button>
        </td>
        <td className="num" title={`€${r.promised}`}>
          {formatMoneyShort(r.promised)}
        </td>
        <td className="num" title={`€${r.delivered}`}>
          {formatMoneyShort(r.delivered)}
        </td>
        <td className="num">{r.ratio === null ? '—' : formatPercent(r.ratio)}</td>
        <td>{lagWords(r.lag)}</td>
        <td className="num">{formatNumber(r.flows)}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <Flows filter={{ [by]: r.key }} />
          </td>
        </tr>
      )}
    </>
  );
}

function OverTime({ rows }: { readonly rows: readonly FinanceSummaryRow[] }) {
  const points = cumulativeByMonth(rows);
  const make = () =>
    Plot.plot({
      title: t('overTime.title'),
      caption: t('overTime.caption'),
      width: 860,
      height: 300,
      marginLeft: 56,
      y: { grid: true, label: t('eurBn') },
      x: { label: null, ticks: 'year', tickFormat: (d: Date) => String(d.getUTCFullYear()) },
      color: { legend: true, domain: [t('promised'), t('delivered')], range: ['#1565c0', '#2e7d32'] },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(points, {
          x: 'month',
          y: 'eurBn',
          stroke: 'series',
          strokeWidth: 2,
          // The tip in the reader's words: Plot's own names its channels in English.
          title: (d: (typeof points)[number]) =>
            `${d.series}, ${formatMonth(d.month.toISOString())}: ${formatNumber(d.eurBn, { maximumFractionDigits: 1 })} ${t('eurBn')}`,
          tip: true,
        }),
      ],
    });
  if (points.length === 0) return null;
  return <PlotFigure make={make} label={t('overTime.title')} />;
}

function PerDonor({ data }: { readonly data: FinanceBreakdownResponse }) {
  const top = data.rows.slice(0, 15);
  const bars = top.flatMap((r) => {
    const promised = bn(r.promised);
    const delivered = bn(r.delivered);
    return [
      { donor: r.name, part: t('delivered'), eurBn: Math.min(delivered, promised || delivered) },
      { donor: r.name, part: t('outstanding'), eurBn: Math.max(0, promised - delivered) },
    ];
  });
  const make = () =>
    Plot.plot({
      title: t('perDonor.title', { count: top.length }),
      caption: t('perDonor.caption'),
      width: 860,
      height: 40 + top.length * 24,
      marginLeft: 190,
      x: { grid: true, label: t('eurBn') },
      y: { label: null, domain: top.map((r) => r.name) },
      color: { legend: true, domain: [t('delivered'), t('outstanding')], range: ['#2e7d32', '#cfd8dc'] },
      marks: [
        Plot.barX(bars, {
          y: 'donor',
          x: 'eurBn',
          fill: 'part',
          title: (d: (typeof bars)[number]) =>
            `${d.donor}, ${d.part}: ${formatNumber(d.eurBn, { maximumFractionDigits: 2 })} ${t('eurBn')}`,
          tip: true,
        }),
        Plot.ruleX([0]),
      ],
    });
  if (top.length === 0) return null;
  return <PlotFigure make={make} label={t('perDonor.title', { count: top.length })} />;
}

function RegionMap({
  data,
  units,
}: {
  readonly data: FinanceBreakdownResponse;
  readonly units: FeatureCollection;
}) {
  const delivered = new Map(data.rows.map((r) => [r.key, m(r.delivered)]));
  const booked = data.rows.filter((r) => r.key !== 'national').length;
  // d3-geo reads rings on the sphere: an outer ring must run clockwise, the reverse of GeoJSON's
  // rule (RFC 7946), or a unit is drawn as the whole world without it.
  const features = units.features.map((f) => rewind(f, { reverse: true }) as Feature);
  const make = () =>
    Plot.plot({
      title: t('map.title'),
      caption: booked === 0 ? t('map.noRegion') : t('map.caption'),
      width: 860,
      height: 560,
      projection: {
        type: 'conic-conformal',
        rotate: [-31, 0],
        parallels: [46, 51],
        domain: { type: 'FeatureCollection', features },
      },
      color: {
        type: 'sqrt',
        scheme: 'greens',
        legend: booked > 0,
        label: t('map.legend'),
        tickFormat: (d: number) => formatNumber(d, { maximumFractionDigits: 1 }),
        unknown: '#eceff1',
      },
      marks: [
        Plot.geo(features, {
          fill: (f: Feature) => delivered.get(String(f.properties?.code)) ?? null,
          stroke: '#607d8b',
          strokeWidth: 0.6,
          title: (f: Feature) =>
            `${localRegionName(String(f.properties?.code), String(f.properties?.name ?? f.properties?.code))}: ${formatMoneyShort(String((delivered.get(String(f.properties?.code)) ?? 0) * 1e6))}`,
        }),
      ],
    });
  return <PlotFigure make={make} label={t('map.title')} />;
}
