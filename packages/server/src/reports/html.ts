/**
 * The daily and spot reports as self-contained HTML pages (inline style and SVG map), in the
 * reader's language: every heading, header and sentence from the catalogues, dates and numbers
 * by Intl, the page's `lang` set.
 */

import type { Words } from '@guarantor/core/i18n';
import { accountInWords } from '@guarantor/core/monitoring';
import { nearestInWords } from '@guarantor/core/reference';
import { stateActorIn, stateReasonIn } from '../monitoring/states.ts';
import { phrasingFor } from '../words.ts';
import type { DailyReport, Levels, ReportIncident } from './daily.ts';
import { CATEGORY_COLOURS, mapScene, sceneSvg, ZONE_STYLES } from './map.ts';
import { type SpotReport, spotMapScene } from './spot.ts';
import {
  categoryName,
  change,
  dayWords,
  incidentTime,
  named,
  position,
  regionName,
  sourceSummary,
  stateName,
  summarySentence,
  zoneKindName,
} from './text.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A translated sentence with HTML put in for some of its values: the sentence is escaped, the
 * values given in `html` are not (they are markup the caller built from escaped parts).
 */
function tHtml(w: Words, key: string, values: Record<string, unknown>, html: Record<string, string>): string {
  const marks = Object.fromEntries(Object.keys(html).map((k, i) => [k, `\u0001${i}\u0001`]));
  let out = esc(w.t(key, { ...values, ...marks }));
  Object.values(html).forEach((v, i) => {
    out = out.replace(`\u0001${i}\u0001`, v);
  });
  return out;
}

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

function levels(w: Words, l: Levels): string {
  return `<td class="n">${w.number(l.all)}</td><td class="n">${w.number(l.corroborated)}</td><td class="n">${w.number(l.verified)}</td>`;
}

function delta(w: Words, today: number, previous: number): string {
  const d = today - previous;
  return `<td class="n ${d > 0 ? 'up' : d < 0 ? 'down' : ''}">${change(w, today, previous)}</td>`;
}

function incidentRows(w: Words, list: readonly ReportIncident[], withRules: boolean): string {
  const t = (k: string) => esc(w.t(`report.incidents.${k}`));
  if (list.length === 0) return `<p>${t('none')}</p>`;
  return `<table><thead><tr><th>${t('time')}</th><th>${t('incident')}</th><th>${t('category')}</th><th class="n">${t('count')}</th><th>${t('state')}</th><th>${t('sector')}</th><th>${t('region')}</th>${
    withRules ? `<th>${t('rules')}</th>` : ''
  }<th>${t('label')}</th></tr></thead><tbody>${list
    .map(
      (i) =>
        `<tr data-incident="${esc(i.id)}"><td>${esc(incidentTime(w, i))}</td><td><a href="/api/reports/spot/${encodeURIComponent(i.id)}?format=html&amp;lang=${w.language}">${esc(i.id)}</a></td><td>${esc(categoryName(w, i.category))}</td><td class="n">${w.number(i.count)}</td><td>${esc(stateName(w, i.state))}${i.attributedParty ? ` (${esc(i.attributedParty)})` : ''}</td><td title="${esc(i.sector ?? '')}">${esc(i.sectorName ?? '—')}</td><td title="${esc(position(w, i.position))}">${esc(regionName(w, i.region) ?? '—')}</td>${
          withRules ? `<td>${esc(i.ruleIds.join(', ') || '—')}</td>` : ''
        }<td>${esc(i.releasability)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function legend(w: Words): string {
  const cats = CATEGORY_COLOURS.map(
    (c) => `<span><i style="background:${c.colour}"></i>${esc(w.t(`report.legend.${c.legend}`))}</span>`,
  ).join('');
  const zones = (['line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector'] as const)
    .map(
      (k) => `<span><b style="border-color:${ZONE_STYLES[k].stroke}"></b>${esc(zoneKindName(w, k))}</span>`,
    )
    .join('');
  return `<div class="legend">${cats}<span>${esc(w.t('report.legend.violation'))}</span>${zones}</div>`;
}

function page(w: Words, title: string, label: string, body: string): string {
  return `<!doctype html><html lang="${w.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(
    title,
  )}</title><style>${STYLE}</style></head><body>${labelBar(label)}<main class="report">${body}</main>${labelBar(label)}</body></html>`;
}

/** The daily report as one HTML page, in the language of `w`. */
export function dailyReportHtml(r: DailyReport, w: Words): string {
  const t = (key: string, values?: Record<string, unknown>) => esc(w.t(`report.daily.${key}`, values));
  const lv = (key: string) => esc(w.t(`report.levels.${key}`));
  const sources = sourceSummary(w, r);
  const blind = r.sectors.filter((s) => !s.monitoredToday);
  const scene = mapScene(r.zones, r.mapIncidents, 600);
  const reader = r.readerNation ? w.nation(r.readerNation) : w.t('common.thePublic');
  const levelHeads = `<th class="n">${lv('all')}</th><th class="n">${lv('corroborated')}</th><th class="n">${lv('verified')}</th>`;
  const body = `
<h1>${t('title', { date: w.longDate(r.date) })}</h1>
<p class="meta">${t('meta', { date: dayWords(w, r.date), previous: dayWords(w, r.previousDate), made: w.utc(r.generatedAt), reader })} · ${esc(w.t('report.classification'))} <strong>${esc(r.releasability)}</strong></p>
<p class="summary">${esc(summarySentence(w, r))}</p>
${
  blind.length > 0
    ? `<div class="warn">${tHtml(
        w,
        'report.daily.unmonitored',
        {},
        { sectors: blind.map((s) => `<span class="blind">${esc(s.name)}</span>`).join(', ') },
      )}</div>`
    : ''
}
<h2>${t('bySector')}</h2>
<table id="sectors"><thead><tr><th rowspan="2">${t('sector')}</th><th colspan="3" class="n">${esc(w.shortDate(r.date))}</th><th colspan="3" class="n">${t('previousDay', { date: w.shortDate(r.previousDate) })}</th><th rowspan="2" class="n">${t('changeAll')}</th><th rowspan="2">${t('monitoredToday')}</th></tr>
<tr>${levelHeads}${levelHeads}</tr></thead><tbody>
${r.sectors
  .map(
    (s) =>
      `<tr data-sector="${esc(s.id)}"><td>${esc(s.name)}</td>${levels(w, s.today)}${levels(w, s.previous)}${delta(w, s.today.all, s.previous.all)}<td>${
        s.monitoredToday ? esc(w.t('common.yes')) : `<span class="blind">${esc(w.t('common.noBlind'))}</span>`
      }</td></tr>`,
  )
  .join('')}
<tr><td>${t('outside')}</td>${levels(w, r.outsideSectors.today)}${levels(w, r.outsideSectors.previous)}${delta(w, r.outsideSectors.today.all, r.outsideSectors.previous.all)}<td></td></tr>
<tr><th>${t('total')}</th>${levels(w, r.totals.today)}${levels(w, r.totals.previous)}${delta(w, r.totals.today.all, r.totals.previous.all)}<th></th></tr>
</tbody></table>
<p class="meta">${t('definition')}</p>
<h2>${t('byCategory')}</h2>
<table id="categories"><thead><tr><th>${t('category')}</th>${levelHeads}<th class="n">${t('previousAll')}</th><th class="n">${t('change')}</th></tr></thead><tbody>
${
  r.categories.length === 0
    ? `<tr><td colspan="6">${t('noViolations')}</td></tr>`
    : r.categories
        .map(
          (c) =>
            `<tr data-category="${esc(c.category)}"><td>${esc(categoryName(w, c.category))}</td>${levels(w, c.today)}<td class="n">${w.number(c.previous.all)}</td>${delta(w, c.today.all, c.previous.all)}</tr>`,
        )
        .join('')
}
</tbody></table>
<h2>${esc(w.t('report.map'))}</h2>
<div class="map">${sceneSvg(scene, w.t('report.mapAria'))}</div>
${legend(w)}
${r.illustrativeZones ? `<p class="meta">${t('illustrative')}</p>` : ''}
<h2>${t('notable')}</h2>
${incidentRows(w, r.notable, true)}
<h2>${t('fom')}</h2>
${incidentRows(w, r.fomRestrictions, false)}
<h2>${t('sources')}</h2>
<p><strong>${t('down', { count: sources.down.length })}</strong> ${
    sources.down.length === 0
      ? t('downNone')
      : sources.down.map((s) => `<span class="blind">${esc(s.text)}</span>`).join('; ')
  }</p>
<p><strong>${t('silent', { count: sources.silent.length })}</strong> ${
    sources.silent.length === 0 ? t('silentNone') : sources.silent.map((s) => esc(s.text)).join('; ')
  }</p>
<p><strong>${t('active', { count: sources.active })}</strong> ${
    sources.active === 0 ? t('activeNone') : esc(sources.activeByKind)
  }</p>
<p class="meta">${t('releasableOnly', { reader })}</p>`;
  return page(w, w.t('report.daily.docTitle', { date: r.date }), r.releasability, body);
}

/** The spot report as one HTML page, in the language of `w`. */
export function spotReportHtml(r: SpotReport, w: Words): string {
  const i = r.incident;
  const t = (key: string, values?: Record<string, unknown>) => esc(w.t(`report.spot.${key}`, values));
  const scene = spotMapScene(r, 600);
  const none = esc(w.t('common.none'));
  const region = regionName(w, r.region);
  const sectorName = r.sector === null ? null : (r.mapZones.find((z) => z.id === r.sector)?.name ?? r.sector);
  const others = i.categories.filter((c) => c !== i.category).map((c) => categoryName(w, c));
  const body = `
<h1>${t('title', { id: i.id })}</h1>
<p class="meta">${t('made', { made: w.utc(r.generatedAt) })} · ${esc(w.t('report.classification'))} <strong>${esc(r.releasability)}</strong></p>
<table><tbody>
<tr><th>${t('what')}</th><td>${esc(categoryName(w, i.category))}${others.length > 0 ? ` ${t('also', { list: w.list(others) })}` : ''}, ${t('count', { best: w.number(i.count.best), low: w.number(i.count.low), high: w.number(i.count.high) })}</td></tr>
<tr><th>${t('when')}</th><td>${t('between', { from: w.utc(i.start), to: w.utc(i.end) })}</td></tr>
<tr><th>${t('where')}</th><td>${r.nearest ? `${esc(nearestInWords(r.nearest, phrasingFor(w.language)))}${esc(w.t('common.sep'))}` : ''}${t(
    'whereLine',
    {
      position: position(w, i.position),
      radius: w.number(Math.round(i.radiusM)),
      method: named(w, 'common.method', i.locationMethod),
      sector: sectorName ?? w.t('common.none'),
    },
  )}${region ? `${esc(w.t('common.sep'))}<span data-region>${esc(w.t('report.spot.region', { region }))}</span>` : ''}</td></tr>
<tr><th>${t('state')}</th><td>${esc(stateName(w, i.state))}${i.attributedParty ? `, ${t('attributedTo', { party: i.attributedParty })}` : ''}${esc(w.t('common.sep'))}${t('independent', { count: i.independentSources })}, ${t('confidence', { value: w.percent(i.confidence) })}</td></tr>
<tr><th>${t('zones')}</th><td>${r.zones.length === 0 ? none : r.zones.map((z) => esc(z.name)).join('; ')}</td></tr>
<tr><th>${t('rules')}</th><td>${r.rulesBroken.length === 0 ? none : r.rulesBroken.map((x) => esc(x.name)).join('; ')}</td></tr>
</tbody></table>
<h2>${t('fused')}</h2>
${
  i.explanation.length === 0
    ? `<p>${t('oneObservation')}</p>`
    : `<ul>${accountInWords(i.explanation, phrasingFor(w.language))
        .map((e) => `<li>${esc(e)}</li>`)
        .join('')}</ul>`
}
<h2>${t('observations', { count: r.observations.length })}</h2>
<table><thead><tr><th>${t('uid')}</th><th>${t('source')}</th><th>${t('category')}</th><th class="n">${t('countHeader')}</th><th>${t('time')}</th><th>${t('remarks')}</th><th>${t('label')}</th></tr></thead><tbody>
${r.observations
  .map(
    (o) =>
      `<tr><td>${esc(o.uid)}</td><td>${esc(named(w, 'common.sourceKind', o.sourceKind))} ${esc(o.sourceId)} (${esc(o.nation)})</td><td>${esc(categoryName(w, o.category))}</td><td class="n">${w.number(o.count)}</td><td>${esc(w.utc(o.start))}</td><td>${esc(o.remarks ?? '')}</td><td>${esc(o.releasability)}</td></tr>`,
  )
  .join('')}
</tbody></table>
<h2>${t('history')}</h2>
${
  r.history.length === 0
    ? `<p>${t('noChange')}</p>`
    : `<table><thead><tr><th>${t('at')}</th><th>${t('fromTo')}</th><th>${t('by')}</th><th>${t('reason')}</th></tr></thead><tbody>${r.history
        .map(
          (h) =>
            `<tr><td>${esc(w.utc(h.at))}</td><td>${h.from ? esc(stateName(w, h.from)) : '—'} → ${esc(stateName(w, h.to))}</td><td>${esc(stateActorIn(h, w))}</td><td>${esc([stateReasonIn(h, w), h.assessment, ...h.evidence].filter(Boolean).join(' · '))}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
<h2>${t('claims')}</h2>
${
  r.claims.length === 0
    ? `<p>${t('noClaim')}</p>`
    : `<table><thead><tr><th>${t('at')}</th><th>${t('party')}</th><th>${t('claim')}</th><th>${t('assessment')}</th><th>${t('evidence')}</th></tr></thead><tbody>${r.claims
        .map(
          (c) =>
            `<tr><td>${esc(w.utc(c.at))}</td><td>${esc(c.party)}</td><td>${esc(c.claim)}</td><td>${esc(c.assessment ?? '—')}</td><td>${c.evidence.map((e) => esc(e)).join('<br>')}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
<h2>${esc(w.t('report.map'))}</h2>
<div class="map">${sceneSvg(scene, w.t('report.mapAria'))}</div>
${legend(w)}`;
  return page(w, w.t('report.spot.docTitle', { id: i.id }), r.releasability, body);
}
