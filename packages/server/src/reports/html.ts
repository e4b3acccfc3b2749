/** The daily and spot reports as self-contained HTML pages (inline style and SVG map). */
import type { DailyReport, Levels, ReportIncident } from './daily.ts';
import { CATEGORY_COLOURS, mapScene, sceneSvg, ZONE_STYLES } from './map.ts';
import { type SpotReport, spotMapScene } from './spot.ts';
import { change, incidentTime, longDate, sourceSummary, summarySentence, words } from './text.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const lngLat = (p: readonly [number, number]) => `${p[1].toFixed(4)}° N, ${p[0].toFixed(4)}° E`;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;margin:0;background:#fff}
.report{max-width:960px;margin:0 auto;padding:16px 24px 40px}
.label{background:#1b5e20;color:#fff;text-align:center;font-weight:700;letter-spacing:.08em;padding:4px;font-size:13px}
.label.restricted{background:#b71c1c}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:17px;margin:24px 0 8px;border-bottom:1px solid #cfd8dc;padding-bottom:2px}
.meta{color:#546e7a;font-size:12px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0}
th,td{border-bottom:1px solid #e0e0e0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f7f8;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#b71c1c;font-weight:600}.down{color:#1b5e20}
.warn{background:#fff3e0;border-left:4px solid #ef6c00;padding:6px 10px;margin:8px 0}
.blind{color:#b71c1c;font-weight:600}
.map{border:1px solid #cfd8dc;margin:8px 0}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:#37474f}
.legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.legend b{display:inline-block;width:16px;height:0;border-top:2px solid;margin-right:4px;vertical-align:3px}
.summary{font-size:15px}
`;

function labelBar(text: string): string {
  const restricted = text !== 'PUBLIC' && text !== 'COALITION';
  return `<div class="label${restricted ? ' restricted' : ''}" data-label>${esc(text)}</div>`;
}

function levels(l: Levels): string {
  return `<td class="n">${l.all}</td><td class="n">${l.corroborated}</td><td class="n">${l.verified}</td>`;
}

function delta(today: number, previous: number): string {
  const d = today - previous;
  return `<td class="n ${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${change(today, previous)}</td>`;
}

function incidentRows(list: readonly ReportIncident[], withRules: boolean): string {
  if (list.length === 0) return '<p>None recorded.</p>';
  return `<table><thead><tr><th>Time</th><th>Incident</th><th>Category</th><th class="n">Count</th><th>State</th><th>Sector</th>${
    withRules ? '<th>Rules broken</th>' : ''
  }<th>Position</th><th>Label</th></tr></thead><tbody>${list
    .map(
      (i) =>
        `<tr><td>${incidentTime(i)}</td><td><a href="/api/reports/spot/${encodeURIComponent(i.id)}?format=html">${esc(i.id)}</a></td><td>${esc(words(i.category))}</td><td class="n">${i.count}</td><td>${esc(i.state)}${i.attributedParty ? ` (${esc(i.attributedParty)})` : ''}</td><td title="${esc(i.sector ?? '')}">${esc(i.sectorName ?? '—')}</td>${
          withRules ? `<td>${esc(i.ruleIds.join(', ') || '—')}</td>` : ''
        }<td>${lngLat(i.position)}</td><td>${esc(i.releasability)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function legend(): string {
  const cats = CATEGORY_COLOURS.map(
    (c) => `<span><i style="background:${c.colour}"></i>${c.label}</span>`,
  ).join('');
  const zones = (['line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector'] as const)
    .map((k) => `<span><b style="border-color:${ZONE_STYLES[k].stroke}"></b>${words(k)}</span>`)
    .join('');
  return `<div class="legend">${cats}<span>black ring: a violation</span>${zones}</div>`;
}

function page(title: string, label: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(
    title,
  )}</title><style>${STYLE}</style></head><body>${labelBar(label)}<main class="report">${body}</main>${labelBar(label)}</body></html>`;
}

/** The daily report as one HTML page. */
export function dailyReportHtml(r: DailyReport): string {
  const sources = sourceSummary(r);
  const blind = r.sectors.filter((s) => !s.monitoredToday);
  const scene = mapScene(r.zones, r.mapIncidents, 600);
  const body = `
<h1>Daily report — ${esc(longDate(r.date))}</h1>
<p class="meta">Truce monitoring mechanism · UTC day ${r.date}, compared with ${r.previousDate} · made ${utc(r.generatedAt)} for ${esc(r.readerNation ?? 'the public')} · classification <strong>${esc(r.releasability)}</strong></p>
<p class="summary">${esc(summarySentence(r))}</p>
${blind.length > 0 ? `<div class="warn">Unmonitored today: ${blind.map((s) => `<span class="blind">${esc(s.name)}</span>`).join(', ')}. Their counts come from no working source.</div>` : ''}
<h2>Violations by sector</h2>
<table id="sectors"><thead><tr><th rowspan="2">Sector</th><th colspan="3" class="n">${r.date}</th><th colspan="3" class="n">previous day ${r.previousDate}</th><th rowspan="2" class="n">Change (all)</th><th rowspan="2">Monitored today</th></tr>
<tr><th class="n">all</th><th class="n">corroborated</th><th class="n">verified</th><th class="n">all</th><th class="n">corroborated</th><th class="n">verified</th></tr></thead><tbody>
${r.sectors
  .map(
    (s) =>
      `<tr data-sector="${esc(s.id)}"><td>${esc(s.name)}</td>${levels(s.today)}${levels(s.previous)}${delta(s.today.all, s.previous.all)}<td>${
        s.monitoredToday ? 'yes' : '<span class="blind">no — blind</span>'
      }</td></tr>`,
  )
  .join('')}
<tr><td>Outside every sector</td>${levels(r.outsideSectors.today)}${levels(r.outsideSectors.previous)}${delta(r.outsideSectors.today.all, r.outsideSectors.previous.all)}<td></td></tr>
<tr><th>Total</th>${levels(r.totals.today)}${levels(r.totals.previous)}${delta(r.totals.today.all, r.totals.previous.all)}<th></th></tr>
</tbody></table>
<p class="meta">A violation is an incident that breaks a violation rule; an incident of 48 explosions counts 48. Corroborated includes verified; verified includes attributed. Dismissed incidents never count.</p>
<h2>Violations by category</h2>
<table id="categories"><thead><tr><th>Category</th><th class="n">all</th><th class="n">corroborated</th><th class="n">verified</th><th class="n">previous day (all)</th><th class="n">Change</th></tr></thead><tbody>
${
  r.categories.length === 0
    ? '<tr><td colspan="6">No violations on either day.</td></tr>'
    : r.categories
        .map(
          (c) =>
            `<tr><td>${esc(words(c.category))}</td>${levels(c.today)}<td class="n">${c.previous.all}</td>${delta(c.today.all, c.previous.all)}</tr>`,
        )
        .join('')
}
</tbody></table>
<h2>Map</h2>
<div class="map">${sceneSvg(scene)}</div>
${legend()}
${r.illustrativeZones ? '<p class="meta">Zones marked illustrative are drawn for demonstration, not agreed lines.</p>' : ''}
<h2>Notable incidents</h2>
${incidentRows(r.notable, true)}
<h2>Restrictions of freedom of movement</h2>
${incidentRows(r.fomRestrictions, false)}
<h2>Sources</h2>
<p><strong>Down or degraded (${sources.down.length}):</strong> ${
    sources.down.length === 0
      ? 'none recorded.'
      : sources.down.map((s) => `<span class="blind">${esc(s.text)}</span>`).join('; ')
  }</p>
<p><strong>Silent (${sources.silent.length}):</strong> ${
    sources.silent.length === 0
      ? 'none: every source recorded active filed observations.'
      : sources.silent.map((s) => esc(s.text)).join('; ')
  }</p>
<p><strong>Active (${sources.active}):</strong> ${
    sources.active === 0 ? 'none — no source filed an observation.' : esc(sources.activeByKind)
  }</p>
<p class="meta">Only records releasable to ${esc(r.readerNation ?? 'the public')} are counted; another nation's report of the same day may differ.</p>`;
  return page(`Daily report ${r.date}`, r.releasability, body);
}

/** The spot report as one HTML page. */
export function spotReportHtml(r: SpotReport): string {
  const i = r.incident;
  const scene = spotMapScene(r, 600);
  const body = `
<h1>Spot report — ${esc(i.id)}</h1>
<p class="meta">made ${utc(r.generatedAt)} · classification <strong>${esc(r.releasability)}</strong></p>
<table><tbody>
<tr><th>What</th><td>${esc(words(i.category))}${
    i.categories.length > 1
      ? ` (also ${esc(
          i.categories
            .filter((c) => c !== i.category)
            .map(words)
            .join(', '),
        )})`
      : ''
  }, count ${i.count.best} (${i.count.low}–${i.count.high})</td></tr>
<tr><th>When</th><td>${utc(i.start)} to ${utc(i.end)}</td></tr>
<tr><th>Where</th><td>${lngLat(i.position)} ± ${Math.round(i.radiusM)} m (${esc(i.locationMethod)}); sector ${esc(r.sector ?? 'none')}</td></tr>
<tr><th>State</th><td>${esc(i.state)}${i.attributedParty ? `, attributed to ${esc(i.attributedParty)}` : ''}; ${i.independentSources} independent source(s), confidence ${(i.confidence * 100).toFixed(0)}%</td></tr>
<tr><th>Zones</th><td>${r.zones.length === 0 ? 'none' : r.zones.map((z) => esc(z.name)).join('; ')}</td></tr>
<tr><th>Rules broken</th><td>${r.rulesBroken.length === 0 ? 'none' : r.rulesBroken.map((x) => esc(x.name)).join('; ')}</td></tr>
</tbody></table>
<h2>How the sources were fused</h2>
${i.explanation.length === 0 ? '<p>One observation; nothing to join.</p>' : `<ul>${i.explanation.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`}
<h2>Observations (${r.observations.length})</h2>
<table><thead><tr><th>uid</th><th>Source</th><th>Category</th><th class="n">Count</th><th>Time</th><th>Remarks</th><th>Label</th></tr></thead><tbody>
${r.observations
  .map(
    (o) =>
      `<tr><td>${esc(o.uid)}</td><td>${esc(o.sourceKind)} ${esc(o.sourceId)} (${esc(o.nation)})</td><td>${esc(words(o.category))}</td><td class="n">${o.count}</td><td>${utc(o.start)}</td><td>${esc(o.remarks ?? '')}</td><td>${esc(o.releasability)}</td></tr>`,
  )
  .join('')}
</tbody></table>
<h2>State history</h2>
${
  r.history.length === 0
    ? '<p>No change recorded.</p>'
    : `<table><thead><tr><th>At</th><th>From → to</th><th>By</th><th>Reason, assessment, evidence</th></tr></thead><tbody>${r.history
        .map(
          (h) =>
            `<tr><td>${utc(h.at)}</td><td>${esc(h.from ?? '—')} → ${esc(h.to)}</td><td>${esc(h.by)}${h.nation ? ` (${esc(h.nation)})` : ''}</td><td>${esc([h.reason, h.assessment, ...h.evidence].filter(Boolean).join(' · '))}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
<h2>Claims by the parties</h2>
${
  r.claims.length === 0
    ? '<p>No claim recorded.</p>'
    : `<table><thead><tr><th>At</th><th>Party</th><th>Claim</th><th>Monitors' assessment</th><th>Evidence</th></tr></thead><tbody>${r.claims
        .map(
          (c) =>
            `<tr><td>${utc(c.at)}</td><td>${esc(c.party)}</td><td>${esc(c.claim)}</td><td>${esc(c.assessment ?? '—')}</td><td>${c.evidence.map((e) => esc(e)).join('<br>')}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
<h2>Map</h2>
<div class="map">${sceneSvg(scene)}</div>
${legend()}`;
  return page(`Spot report ${i.id}`, r.releasability, body);
}
