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
import { ErrorPanel } from '../ErrorPanel.tsx';
import { plural } from '../labels.ts';
import { useLoad } from '../load.ts';
import { TableHead } from '../TableHead.tsx';
import { financeApi } from './api.ts';
import { moneyShort, percent } from './money.ts';

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
      { month: at, series: 'Promised', eurBn: promised },
      { month: at, series: 'Delivered', eurBn: delivered },
    );
  }
  return points;
}

const DIMENSIONS = [
  ['donor', 'Donor'],
  ['category', 'Category'],
  ['sector', 'Sector (OECD DAC)'],
  ['region', 'Region'],
  ['instrument', 'Instrument'],
] as const;

const KEY_WORDS: Readonly<Record<string, string>> = {
  military: 'Military',
  financial: 'Financial',
  humanitarian: 'Humanitarian',
  unsplit: 'Not split by category',
  grant: 'Grant',
  loan: 'Loan',
  guarantee: 'Guarantee',
  equity: 'Equity',
  in_kind: 'In kind',
  unspecified: 'Not stated',
};

function lagWords(lag: FinanceBreakdownResponse['rows'][number]['lag']): string {
  if (lag.promisedFrom === null) return 'nothing promised';
  if (lag.days === null) return `not yet half delivered (promised from ${lag.promisedFrom})`;
  return `${plural(lag.days, 'day')} (${lag.promisedFrom} → ${lag.halfDeliveredOn})`;
}

/** The charts and the breakdown, below the summary table. */
export default function FinanceCharts() {
  const months = useLoad('finance/summary/by-month', (signal) => financeApi.summaryByMonth(signal));
  const [by, setBy] = useState<(typeof DIMENSIONS)[number][0]>('donor');
  const table = useLoad(`finance/breakdown/${by}`, (signal) => financeApi.breakdown(by, signal));
  const regions = useLoad('finance/breakdown/region', (signal) => financeApi.breakdown('region', signal));
  const units = useLoad('ogc/units', (signal) => financeApi.units(signal));
  return (
    <section data-testid="finance-charts">
      <h2>Promise to delivery in charts</h2>
      {months.state === 'error' ? (
        <ErrorPanel error={months.error} />
      ) : months.state === 'ready' ? (
        <OverTime rows={months.data.rows} />
      ) : null}
      {table.state === 'ready' && by === 'donor' && <PerDonor data={table.data} />}
      {regions.state === 'ready' && units.state === 'ready' && (
        <RegionMap data={regions.data} units={units.data} />
      )}
      <h3>Breakdown</h3>
      <p>
        <label>
          By{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as typeof by)} data-testid="breakdown-by">
            {DIMENSIONS.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>{' '}
        <span className="muted small">
          The lag counts the days from the first promise to the day half of the promised sum had been
          delivered.
        </span>
      </p>
      {table.state === 'error' && <ErrorPanel error={table.error} />}
      {table.state === 'ready' && (
        <table className="grid" data-testid="finance-breakdown">
          <TableHead
            columns={[
              DIMENSIONS.find(([d]) => d === by)![1],
              { num: 'Promised' },
              { num: 'Delivered' },
              { num: 'Delivered of promised' },
              'Promise to half delivered',
              { num: 'Records' },
            ]}
          />
          <tbody>
            {table.data.rows.map((r) => (
              <tr key={r.key}>
                <td>{KEY_WORDS[r.key] ?? r.name}</td>
                <td className="num" title={`€${r.promised}`}>
                  {moneyShort(r.promised)}
                </td>
                <td className="num" title={`€${r.delivered}`}>
                  {moneyShort(r.delivered)}
                </td>
                <td className="num">{percent(r.ratio)}</td>
                <td>{lagWords(r.lag)}</td>
                <td className="num">{r.flows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OverTime({ rows }: { readonly rows: readonly FinanceSummaryRow[] }) {
  const points = cumulativeByMonth(rows);
  const make = () =>
    Plot.plot({
      title: 'Promised and delivered over time, cumulative',
      caption: 'Every donor the reader may see, € billion, by month of the record.',
      width: 860,
      height: 300,
      marginLeft: 56,
      y: { grid: true, label: '€ bn' },
      x: { label: null },
      color: { legend: true, domain: ['Promised', 'Delivered'], range: ['#1565c0', '#2e7d32'] },
      marks: [
        Plot.ruleY([0]),
        Plot.lineY(points, { x: 'month', y: 'eurBn', stroke: 'series', strokeWidth: 2, tip: true }),
      ],
    });
  if (points.length === 0) return null;
  return <PlotFigure make={make} label="Cumulative promised and delivered by month" />;
}

function PerDonor({ data }: { readonly data: FinanceBreakdownResponse }) {
  const top = data.rows.slice(0, 15);
  const bars = top.flatMap((r) => {
    const promised = bn(r.promised);
    const delivered = bn(r.delivered);
    return [
      { donor: r.name, part: 'Delivered', eurBn: Math.min(delivered, promised || delivered) },
      { donor: r.name, part: 'Outstanding', eurBn: Math.max(0, promised - delivered) },
    ];
  });
  const make = () =>
    Plot.plot({
      title: `Delivered and outstanding, the ${top.length} largest donors`,
      caption: 'Outstanding is promised less delivered, € billion.',
      width: 860,
      height: 40 + top.length * 24,
      marginLeft: 190,
      x: { grid: true, label: '€ bn' },
      y: { label: null, domain: top.map((r) => r.name) },
      color: { legend: true, domain: ['Delivered', 'Outstanding'], range: ['#2e7d32', '#cfd8dc'] },
      marks: [Plot.barX(bars, { y: 'donor', x: 'eurBn', fill: 'part', tip: true }), Plot.ruleX([0])],
    });
  if (top.length === 0) return null;
  return <PlotFigure make={make} label="Delivered and outstanding per donor" />;
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
      title: 'Delivered per region',
      subtitle:
        booked === 0 ? 'No flow is booked to a region yet' : '€ million delivered to each first-level unit',
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
        label: '€ m delivered',
        unknown: '#eceff1',
      },
      marks: [
        Plot.geo(features, {
          fill: (f: Feature) => delivered.get(String(f.properties?.code)) ?? null,
          stroke: '#607d8b',
          strokeWidth: 0.6,
          title: (f: Feature) =>
            `${f.properties?.name ?? f.properties?.code}: €${(delivered.get(String(f.properties?.code)) ?? 0).toFixed(1)} m`,
        }),
      ],
    });
  return <PlotFigure make={make} label="Map of delivery per region" />;
}
