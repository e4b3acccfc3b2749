import type { ChartDay } from '@guarantor/core/api';

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
  return (
    <svg
      className="streak-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${sector}: ${noun} per day, limit ${limit}; current streak ${streak} of ${requiredDays} days`}
    >
      {streak > 0 && (
        <rect className="streak-band" x={x(streakStart)} y={M.top} width={band * streak} height={innerH}>
          <title>{`streak: ${streak} of ${requiredDays} days within the limit`}</title>
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
            <title>{`${d.date}: nobody monitored this sector`}</title>
          </rect>
        ),
      )}
      {ticks.map((t) => (
        <g key={t}>
          <line className="grid-line" x1={M.left} x2={M.left + innerW} y1={y(t)} y2={y(t)} />
          <text className="axis-label" x={M.left - 6} y={y(t) + 4} textAnchor="end">
            {t}
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
              <title>{`${d.date}: ${d.count} ${noun}${d.monitored ? '' : ' (not monitored)'}`}</title>
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
        limit {limit}
      </text>
      <line className="axis" x1={M.left} x2={M.left + innerW} y1={y(0)} y2={y(0)} />
      <line className="axis" x1={M.left} x2={M.left} y1={M.top} y2={y(0)} />
      <text className="axis-title" x={M.left + innerW / 2} y={H - 4} textAnchor="middle">
        day (UTC, month-day)
      </text>
      <text
        className="axis-title"
        transform={`translate(11 ${M.top + innerH / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {noun} / day
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
