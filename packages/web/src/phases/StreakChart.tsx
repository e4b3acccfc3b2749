import type { ChartDay } from '@guarantor/core/api';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../i18n/format.ts';

const W = 560;
const H = 200;
const M = { top: 14, right: 56, bottom: 38, left: 40 };

/**
 * Daily violations in one sector as bars against the rule's daily limit (dashed line), with the
 * current within-limit streak shaded and days nobody monitored drawn hollow.
 */
export function StreakChart({
  sector,
  series,
  limit,
  streakDays,
  requiredDays,
  noun,
}: {
  readonly sector: string;
  readonly series: readonly ChartDay[];
  readonly limit: number;
  readonly streakDays: number | null;
  readonly requiredDays: number;
  readonly noun: string;
}) {
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const maxCount = Math.max(limit + 1, ...series.map((d) => d.count));
  const top = niceCeil(maxCount);
  const y = (v: number) => M.top + innerH - (v / top) * innerH;
  const band = innerW / Math.max(1, series.length);
  const x = (i: number) => M.left + i * band;
  const ticks = tickValues(top);
  const streak = Math.min(streakDays ?? 0, series.length);
  const streakStart = series.length - streak;
  const { t } = useTranslation('phases');
  return (
    <svg
      className="streak-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('chart.label', { sector, noun, limit, streak, required: requiredDays })}
    >
      {streak > 0 && (
        <rect className="streak-band" x={x(streakStart)} y={M.top} width={band * streak} height={innerH}>
          <title>{t('chart.streak', { streak, required: requiredDays })}</title>
        </rect>
      )}
      {series.map((d, i) =>
        d.monitored ? null : (
          <rect
            key={`blind-${d.date}`}
            className="blind-band"
            x={x(i)}
            y={M.top}
            width={band}
            height={innerH}
          >
            <title>{t('chart.blind', { date: formatDay(d.date) })}</title>
          </rect>
        ),
      )}
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="grid-line" x1={M.left} x2={M.left + innerW} y1={y(tick)} y2={y(tick)} />
          <text className="axis-label" x={M.left - 6} y={y(tick) + 4} textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {series.map((d, i) => {
        const over = d.count > limit;
        const h = Math.max(d.count > 0 ? 1.5 : 0, y(0) - y(d.count));
        return (
          <g key={d.date}>
            <rect
              className={`bar${over ? ' bar-over' : ''}${d.monitored ? '' : ' bar-blind'}`}
              x={x(i) + band * 0.15}
              y={y(0) - h}
              width={band * 0.7}
              height={h}
            >
              <title>
                {`${t('chart.bar', { date: formatDay(d.date), count: d.count, noun })}${d.monitored ? '' : t('chart.notMonitored')}`}
              </title>
            </rect>
            {!d.monitored && (
              <text className="blind-mark" x={x(i) + band / 2} y={y(0) - 3} textAnchor="middle">
                ·
              </text>
            )}
            {(i % 5 === 0 || i === series.length - 1) && (
              <text className="axis-label" x={x(i) + band / 2} y={M.top + innerH + 14} textAnchor="middle">
                {d.date.slice(5)}
              </text>
            )}
          </g>
        );
      })}
      <line className="limit-line" x1={M.left} x2={M.left + innerW} y1={y(limit)} y2={y(limit)} />
      <text className="limit-label" x={M.left + innerW + 4} y={y(limit) + 4}>
        {t('chart.limit', { limit })}
      </text>
      <line className="axis" x1={M.left} x2={M.left + innerW} y1={y(0)} y2={y(0)} />
      <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={y(0)} />
      <text className="axis-title" x={M.left + innerW / 2} y={H - 4} textAnchor="middle">
        {t('chart.day')}
      </text>
      <text
        className="axis-title"
        transform={`translate(11 ${M.top + innerH / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {t('chart.perDay', { noun })}
      </text>
    </svg>
  );
}

function niceCeil(v: number): number {
  if (v <= 5) return 5;
  if (v <= 10) return 10;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

function tickValues(top: number): number[] {
  const step = top <= 5 ? 1 : top <= 10 ? 2 : top / 5;
  const out: number[] = [];
  for (let t = 0; t <= top + 1e-9; t += step) out.push(Math.round(t));
  return out;
}
