/**
 * The public transparency page as one HTML document rendered on the server: no script, no
 * login, charts as inline SVG, readable on a 390 px phone and on paper (print styles). The
 * same data as GET /api/public/transparency (ADR 0033).
 */
import type * as Api from '@guarantor/core/api';

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "12345678.90" euros in words a reader takes in at a glance: "€12.3 million". */
export function euroWords(decimal: string): string {
  const value = Number(decimal);
  const abs = Math.abs(value);
  const scaled = (n: number, word: string) => `€${(value / n).toFixed(value / n >= 100 ? 0 : 1)} ${word}`;
  if (abs >= 1e9) return scaled(1e9, 'billion');
  if (abs >= 1e6) return scaled(1e6, 'million');
  if (abs >= 1e3) return scaled(1e3, 'thousand');
  return `€${value.toFixed(2)}`;
}

const percent = (ratio: string | null) =>
  ratio === null ? 'nothing promised yet' : `${Math.round(Number(ratio) * 100)}%`;

function moneyChart(title: string, id: string, rows: readonly Api.PublicMoneyRow[], empty: string): string {
  const max = Math.max(1, ...rows.map((r) => Math.max(Number(r.promised), Number(r.delivered))));
  const body =
    rows.length === 0
      ? `<p class="empty">${esc(empty)}</p>`
      : `<ol class="bars">${rows
          .map((r) => {
            const p = (Number(r.promised) / max) * 100;
            const d = (Number(r.delivered) / max) * 100;
            return `<li><div class="label"><strong>${esc(r.name)}</strong><span>${esc(euroWords(r.promised))} promised, ${esc(euroWords(r.delivered))} delivered (${esc(percent(r.ratio))})</span></div>
<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${esc(`${r.name}: ${euroWords(r.promised)} promised, ${euroWords(r.delivered)} delivered`)}"><rect class="promised" x="0" y="0" width="${p.toFixed(2)}" height="6"/><rect class="delivered" x="0" y="1.5" width="${d.toFixed(2)}" height="3"/></svg></li>`;
          })
          .join('\n')}</ol>`;
  return `<section id="${id}"><h2>${esc(title)}</h2>
<p class="key"><span class="swatch promised"></span> promised (committed, or pledged where nothing is committed) <span class="swatch delivered"></span> delivered (disbursed, or allocated where nothing is disbursed)</p>
${body}
${downloads(id === 'by-donor' ? 'donors' : 'sectors')}</section>`;
}

function downloads(chart: string): string {
  return `<p class="downloads">The data behind this chart: <span class="screen"><a href="/api/public/${chart}.csv" download>CSV</a> · <a href="/api/public/${chart}.json">JSON</a></span><span class="print-only">/api/public/${chart}.csv and .json</span></p>`;
}

function sectorBlock(s: Api.PublicSector): string {
  const max = Math.max(5, ...s.days.map((d) => d.verifiedViolations));
  const w = 100 / s.days.length;
  const bars = s.days
    .map((d, i) => {
      const h = (d.verifiedViolations / max) * 30;
      return `<rect class="${d.monitored ? 'day' : 'day unwatched'}" x="${(i * w + 0.15).toFixed(2)}" y="${(30 - h).toFixed(2)}" width="${(w - 0.3).toFixed(2)}" height="${Math.max(h, 0.4).toFixed(2)}"><title>${d.date}: ${d.verifiedViolations} verified violation${d.verifiedViolations === 1 ? '' : 's'}${d.monitored ? '' : ' (not monitored)'}</title></rect>`;
    })
    .join('');
  const total = s.days.reduce((n, d) => n + d.verifiedViolations, 0);
  const worst = s.days.reduce(
    (best, d) => (d.verifiedViolations > best.verifiedViolations ? d : best),
    s.days[0]!,
  );
  const watched = s.days.filter((d) => d.monitored).length;
  const first = s.days[0]?.date ?? '';
  const last = s.days.at(-1)?.date ?? '';
  return `<li class="sector status-${s.status ?? 'unjudged'}"><div class="label"><strong>${esc(s.name)}</strong><span class="status">${esc(s.statusWords)}</span></div>
<svg class="days" viewBox="0 0 100 30" preserveAspectRatio="none" role="img" aria-label="${esc(`${s.name}: ${total} verified violations from ${first} to ${last}`)}">${bars}</svg>
<p class="small">${total} verified violation${total === 1 ? '' : 's'} from ${first} to ${last}${total > 0 ? `; most on one day: ${worst.verifiedViolations} (${worst.date})` : ''}; monitored on ${watched} of ${s.days.length} days.</p></li>`;
}

/** The whole page. */
export function transparencyHtml(t: Api.TransparencyResponse): string {
  const p = t.patrols;
  const deployed = p.contributions.filter((c) => c.lifecycle === 'deployed');
  const contributions =
    p.contributions.length === 0
      ? '<p class="empty">The coalition has released no national contributions yet.</p>'
      : `<table><thead><tr><th scope="col">Nation</th><th scope="col">Contribution</th><th scope="col">How many</th><th scope="col">Where it stands</th></tr></thead><tbody>${p.contributions
          .map(
            (c) =>
              `<tr><td>${esc(c.nation)}</td><td>${esc(c.capability)}${c.monitoring ? ' <span class="tag">monitoring</span>' : ''}</td><td>${c.quantity} ${esc(c.unit)}${c.quantity === 1 ? '' : 's'}</td><td>${esc(c.lifecycle)}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Guarantor: promises and delivery (public)</title>
<link rel="alternate" type="application/feed+json" title="Guarantor: public changes" href="/api/public/feed.json">
<style>
:root{--ink:#1b1f24;--muted:#555d66;--line:#d5d9de;--promised:#9db7d5;--delivered:#1f5f99;--bad:#a4262c;--warn:#8a5a00;--ok:#2d6a31}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;margin:.25rem 0}h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
.lede,.small,.key,.downloads{color:var(--muted);font-size:.9rem}
nav a{margin-right:.75rem;display:inline-block;white-space:nowrap}
ol.bars,ul.sectors{list-style:none;padding:0;margin:0}
ol.bars li,ul.sectors li{padding:.5rem 0;border-bottom:1px solid var(--line);break-inside:avoid}
.label{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem .75rem}
.label span{color:var(--muted);font-size:.9rem}
svg.bar{display:block;width:100%;height:14px;margin-top:.25rem}
svg.days{display:block;width:100%;height:48px;margin-top:.25rem;background:#f4f6f8}
rect.promised{fill:var(--promised)}rect.delivered{fill:var(--delivered)}
rect.day{fill:var(--bad)}rect.day.unwatched{fill:#b8bec6}
.swatch{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;margin-left:.5em}
.swatch.promised{background:var(--promised)}.swatch.delivered{background:var(--delivered)}
.status-holding .status{color:var(--ok)}.status-fragile .status{color:var(--warn)}.status-broken .status{color:var(--bad)}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:.5rem 0}
.figures div{border:1px solid var(--line);padding:.5rem .75rem}.figures strong{display:block;font-size:1.4rem}
table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
.tag{font-size:.75rem;border:1px solid var(--line);padding:0 .3em;border-radius:.2em}
.empty{font-style:italic;color:var(--muted)}
.print-only{display:none}
footer{margin-top:2rem;padding-bottom:2rem;border-top:1px solid var(--line)}
@media (max-width:30rem){body{font-size:15px}.label{display:block}.label span{display:block}th:nth-child(4),td:nth-child(4){display:none}}
@media print{
 body{font-size:10.5pt}header,main,footer{max-width:none;padding:0}
 nav,.screen{display:none}.print-only{display:inline}
 a{color:inherit;text-decoration:none}
 svg.days{background:none;border:1px solid #999}
 rect.promised{fill:#bbb}rect.delivered{fill:#000}rect.day{fill:#000}
 section{break-inside:avoid-page}h2{break-after:avoid}
}
</style></head>
<body>
<header>
<h1>Promises and delivery</h1>
<p class="lede">What the coalition has released to the public, as of ${esc(t.asOf)}: reconstruction money pledged and delivered, whether the ceasefire holds sector by sector, and the monitors and forces that turn promises into patrols.</p>
<nav><a href="#by-donor">By donor</a><a href="#by-sector">By sector</a><a href="#ceasefire">Ceasefire</a><a href="#patrols">Patrols</a><a href="/api/public/feed.json">Changes (feed)</a></nav>
</header>
<main>
${moneyChart('Pledged and delivered, by donor', 'by-donor', t.byDonor, 'No finance records have been released yet.')}
${moneyChart('Pledged and delivered, by sector', 'by-sector', t.bySector, 'No finance records have been released yet.')}
<section id="ceasefire"><h2>Ceasefire, sector by sector</h2>
<p class="small">${t.phase ? `Campaign phase: ${esc(t.phase)}. ` : ''}${t.rulesReleased > 0 ? `Judged by ${t.rulesReleased} released rule${t.rulesReleased === 1 ? '' : 's'}.` : 'The coalition has released no ceasefire rule, so no sector is judged; the daily counts are shown.'} Bars: verified violations per day over the last ${t.sectors[0]?.days.length ?? 30} days (grey: no monitoring that day).</p>
${t.sectors.length === 0 ? '<p class="empty">No sectors have been released yet.</p>' : `<ul class="sectors">${t.sectors.map(sectorBlock).join('\n')}</ul>`}
${downloads('ceasefire')}</section>
<section id="patrols"><h2>Promises into patrols</h2>
<div class="figures"><div><strong>${p.monitoringTeamsDeployed}</strong>monitoring teams deployed</div><div><strong>${p.monitoringTeamsOffered}</strong>monitoring teams offered</div><div><strong>${deployed.length}</strong>contributions deployed</div><div><strong>${p.missions.length}</strong>missions</div></div>
${p.missions.length === 0 ? '' : `<ul>${p.missions.map((m) => `<li><strong>${esc(m.name)}</strong>${m.leadNation ? `, led by ${esc(m.leadNation)}` : ''}${m.contributors.length > 0 ? ` with ${m.contributors.length} contributing nation${m.contributors.length === 1 ? '' : 's'}` : ''}</li>`).join('')}</ul>`}
${contributions}
${downloads('patrols')}</section>
</main>
<footer><p class="small">Only records the coalition has released as public are shown; a figure here can be smaller than the whole. Euro figures convert each flow at the euro reference rate of its own date${t.unconverted > 0 ? `; ${t.unconverted} sum${t.unconverted === 1 ? '' : 's'} in other currencies had no rate for their day and ${t.unconverted === 1 ? 'is' : 'are'} left out, not estimated` : ''}. All data: <a href="/api/public/transparency">JSON</a>.</p></footer>
</body></html>
`;
}
