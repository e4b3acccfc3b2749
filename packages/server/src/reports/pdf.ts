/**
 * The daily and spot reports as PDF, drawn with pdfkit: text and tables, and the map as vector
 * paths (no browser). A4 portrait; the label is printed at the top and bottom of every page.
 */
import PDFDocument from 'pdfkit';
import type { DailyReport, Levels, ReportIncident } from './daily.ts';
import { CATEGORY_COLOURS, drawScenePdf, type MapScene, mapScene, ZONE_STYLES } from './map.ts';
import { type SpotReport, spotMapScene } from './spot.ts';
import { change, incidentTime, longDate, sourceSummary, summarySentence, words } from './text.ts';

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 40;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 841.89 - MARGIN - 14;

/** The standard PDF fonts speak WinAnsi: spell the few other characters the reports use. */
export function pdfText(s: string): string {
  return s
    .replaceAll('−', '-')
    .replaceAll('→', '->')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replace(/[^\u0020-\u00ff\n\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function newDoc(title: string): Doc {
  return new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: 'Guarantor', Creator: 'Guarantor' },
  });
}

/** Ends the document: label bars and page numbers on every page, then the bytes. */
async function finish(doc: Doc, label: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const range = doc.bufferedPageRange();
  const restricted = label !== 'PUBLIC' && label !== 'COALITION';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    for (const y of [14, 841.89 - 28]) {
      doc
        .save()
        .rect(MARGIN, y, WIDTH, 14)
        .fill(restricted ? '#b71c1c' : '#1b5e20');
      doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(9);
      doc.text(pdfText(label), MARGIN, y + 3, { width: WIDTH, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.fillColor('#546e7a').font('Helvetica').fontSize(7);
    doc.text(`page ${i + 1} of ${range.count}`, MARGIN, 841.89 - 40, {
      width: WIDTH,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** Draws a table from the current y, breaking pages and repeating the header as needed. */
function table(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  bold: ReadonlySet<number> = new Set(),
) {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const scale = WIDTH / total;
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, WIDTH, 14).fill('#eceff1');
    doc.fillColor('#1b1f24').font('Helvetica-Bold').fontSize(7.5);
    let x = MARGIN;
    for (const c of columns) {
      doc.text(pdfText(c.title), x + 2, y + 3.5, {
        width: c.width * scale - 4,
        align: c.align ?? 'left',
        lineBreak: false,
      });
      x += c.width * scale;
    }
    doc.y = y + 14;
  };
  header();
  rows.forEach((row, r) => {
    doc.font(bold.has(r) ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    const heights = row.map((cell, i) =>
      doc.heightOfString(pdfText(cell), { width: columns[i]!.width * scale - 4 }),
    );
    const h = Math.max(12, ...heights.map((v) => v + 4));
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN + 4;
      header();
      doc.font(bold.has(r) ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
    }
    const y = doc.y;
    let x = MARGIN;
    doc.fillColor('#1b1f24');
    row.forEach((cell, i) => {
      const c = columns[i]!;
      doc.text(pdfText(cell), x + 2, y + 2.5, { width: c.width * scale - 4, align: c.align ?? 'left' });
      x += c.width * scale;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + WIDTH, y + h)
      .lineWidth(0.3)
      .stroke('#cfd8dc');
    doc.y = y + h;
  });
  doc.x = MARGIN;
  doc.moveDown(0.6);
}

function heading(doc: Doc, text: string) {
  if (doc.y > BOTTOM - 60) {
    doc.addPage();
    doc.y = MARGIN + 4;
  }
  doc.moveDown(0.4);
  doc.x = MARGIN;
  doc
    .fillColor('#1b1f24')
    .font('Helvetica-Bold')
    .fontSize(11.5)
    .text(pdfText(text), MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.25);
}

function para(doc: Doc, text: string, options: { size?: number; colour?: string; bold?: boolean } = {}) {
  doc
    .fillColor(options.colour ?? '#1b1f24')
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size ?? 9)
    .text(pdfText(text), MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
}

/** A titled table, or the sentence that says there is nothing to list. */
function tableOrNone(
  doc: Doc,
  title: string,
  none: string,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
) {
  heading(doc, title);
  if (rows.length === 0) para(doc, none);
  else table(doc, columns, rows);
}

/** Starts a page with its heading. */
function newPage(doc: Doc, title: string) {
  doc.addPage();
  doc.y = MARGIN + 4;
  heading(doc, title);
}

/** The map at the cursor, framed or not, with its legend below. */
function drawMap(doc: Doc, scene: MapScene, framed: boolean) {
  const top = doc.y;
  drawScenePdf(doc as never, scene, MARGIN, top);
  if (framed) doc.rect(MARGIN, top, scene.width, scene.height).lineWidth(0.5).stroke('#90a4ae');
  doc.y = top + scene.height + 6;
  drawLegend(doc);
}

const lv = (l: Levels) => [String(l.all), String(l.corroborated), String(l.verified)];

function incidentTable(doc: Doc, list: readonly ReportIncident[], withRules: boolean) {
  if (list.length === 0) {
    para(doc, 'None recorded.');
    return;
  }
  table(
    doc,
    [
      { title: 'Time', width: 30 },
      { title: 'Incident', width: 90 },
      { title: 'Category', width: 70 },
      { title: 'Count', width: 30, align: 'right' },
      { title: 'State', width: 55 },
      { title: 'Sector', width: 80 },
      ...(withRules ? [{ title: 'Rules broken', width: 80 }] : []),
      { title: 'Label', width: 60 },
    ],
    list.map((i) => [
      incidentTime(i),
      i.id,
      words(i.category),
      String(i.count),
      `${i.state}${i.attributedParty ? ` (${i.attributedParty})` : ''}`,
      i.sectorName ?? '—',
      ...(withRules ? [i.ruleIds.join(', ') || '—'] : []),
      i.releasability,
    ]),
  );
}

function drawLegend(doc: Doc) {
  let x = MARGIN;
  const y = doc.y;
  doc.font('Helvetica').fontSize(7);
  for (const c of CATEGORY_COLOURS) {
    doc.circle(x + 3, y + 3.5, 2.5).fill(c.colour);
    doc.fillColor('#37474f').text(c.label, x + 8, y, { lineBreak: false });
    x += 12 + doc.widthOfString(c.label);
  }
  x = MARGIN;
  const y2 = y + 11;
  for (const k of ['line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector'] as const) {
    const st = ZONE_STYLES[k];
    doc
      .moveTo(x, y2 + 3.5)
      .lineTo(x + 14, y2 + 3.5)
      .lineWidth(1.5)
      .stroke(st.stroke);
    doc.fillColor('#37474f').text(words(k), x + 17, y2, { lineBreak: false });
    x += 24 + doc.widthOfString(words(k));
  }
  doc.fillColor('#37474f').text('black ring: a violation', x, y2, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = y2 + 14;
}

/** The daily report as PDF bytes: page 1 the counts, page 2 the map, then incidents and sources. */
export async function dailyReportPdf(r: DailyReport): Promise<Buffer> {
  const doc = newDoc(`Daily report ${r.date}`);
  doc.y = MARGIN + 4;
  doc
    .font('Helvetica-Bold')
    .fontSize(17)
    .fillColor('#1b1f24')
    .text(pdfText(`Daily report — ${longDate(r.date)}`));
  para(
    doc,
    `Truce monitoring mechanism · UTC day ${r.date}, compared with ${r.previousDate} · made ${utc(r.generatedAt)} for ${r.readerNation ?? 'the public'} · classification ${r.releasability}`,
    { size: 8, colour: '#546e7a' },
  );
  para(doc, summarySentence(r), { size: 10 });
  const blind = r.sectors.filter((s) => !s.monitoredToday);
  if (blind.length > 0) {
    para(
      doc,
      `Unmonitored today: ${blind.map((s) => s.name).join(', ')}. Their counts come from no working source.`,
      {
        colour: '#b71c1c',
        bold: true,
      },
    );
  }
  heading(doc, 'Violations by sector');
  table(
    doc,
    [
      { title: 'Sector', width: 120 },
      { title: 'all', width: 28, align: 'right' },
      { title: 'corrob.', width: 32, align: 'right' },
      { title: 'verified', width: 34, align: 'right' },
      { title: 'prev. all', width: 34, align: 'right' },
      { title: 'prev. corr.', width: 38, align: 'right' },
      { title: 'prev. verif.', width: 40, align: 'right' },
      { title: 'change', width: 32, align: 'right' },
      { title: 'monitored', width: 44 },
    ],
    [
      ...r.sectors.map((s) => [
        s.name,
        ...lv(s.today),
        ...lv(s.previous),
        change(s.today.all, s.previous.all),
        s.monitoredToday ? 'yes' : 'NO - blind',
      ]),
      [
        'Outside every sector',
        ...lv(r.outsideSectors.today),
        ...lv(r.outsideSectors.previous),
        change(r.outsideSectors.today.all, r.outsideSectors.previous.all),
        '',
      ],
      [
        'Total',
        ...lv(r.totals.today),
        ...lv(r.totals.previous),
        change(r.totals.today.all, r.totals.previous.all),
        '',
      ],
    ],
    new Set([r.sectors.length + 1]),
  );
  para(
    doc,
    'A violation is an incident that breaks a violation rule; an incident of 48 explosions counts 48. Corroborated includes verified; verified includes attributed. Dismissed incidents never count.',
    { size: 7, colour: '#546e7a' },
  );
  tableOrNone(
    doc,
    'Violations by category',
    'No violations on either day.',
    [
      { title: 'Category', width: 140 },
      { title: 'all', width: 40, align: 'right' },
      { title: 'corroborated', width: 55, align: 'right' },
      { title: 'verified', width: 45, align: 'right' },
      { title: 'previous day (all)', width: 70, align: 'right' },
      { title: 'change', width: 40, align: 'right' },
    ],
    r.categories.map((c) => [
      words(c.category),
      ...lv(c.today),
      String(c.previous.all),
      change(c.today.all, c.previous.all),
    ]),
  );

  newPage(doc, `Map — incidents of ${r.date}`);
  drawMap(doc, mapScene(r.zones, r.mapIncidents, WIDTH), true);
  if (r.illustrativeZones)
    para(doc, 'Zones marked illustrative are drawn for demonstration, not agreed lines.', {
      size: 7,
      colour: '#546e7a',
    });

  newPage(doc, 'Notable incidents');
  incidentTable(doc, r.notable, true);
  heading(doc, 'Restrictions of freedom of movement');
  incidentTable(doc, r.fomRestrictions, false);
  heading(doc, 'Sources');
  const sources = sourceSummary(r);
  para(
    doc,
    `Down or degraded (${sources.down.length}): ${
      sources.down.length === 0 ? 'none recorded.' : sources.down.map((s) => s.text).join('; ')
    }`,
    { colour: sources.down.length > 0 ? '#b71c1c' : '#1b1f24' },
  );
  para(
    doc,
    `Silent (${sources.silent.length}): ${
      sources.silent.length === 0
        ? 'none: every source recorded active filed observations.'
        : sources.silent.map((s) => s.text).join('; ')
    }`,
  );
  para(
    doc,
    `Active (${sources.active}): ${sources.active === 0 ? 'none — no source filed an observation.' : sources.activeByKind}`,
  );
  para(
    doc,
    `Only records releasable to ${r.readerNation ?? 'the public'} are counted; another nation's report of the same day may differ.`,
    { size: 7, colour: '#546e7a' },
  );
  return finish(doc, r.releasability);
}

/** The spot report as PDF bytes. */
export async function spotReportPdf(r: SpotReport): Promise<Buffer> {
  const i = r.incident;
  const doc = newDoc(`Spot report ${i.id}`);
  doc.y = MARGIN + 4;
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .fillColor('#1b1f24')
    .text(pdfText(`Spot report — ${i.id}`));
  para(doc, `made ${utc(r.generatedAt)} · classification ${r.releasability}`, { size: 8, colour: '#546e7a' });
  table(
    doc,
    [
      { title: '', width: 80 },
      { title: '', width: 420 },
    ],
    [
      ['What', `${words(i.category)}, count ${i.count.best} (${i.count.low}–${i.count.high})`],
      ['When', `${utc(i.start)} to ${utc(i.end)}`],
      [
        'Where',
        `${i.position[1].toFixed(4)}° N, ${i.position[0].toFixed(4)}° E ± ${Math.round(i.radiusM)} m (${i.locationMethod}); sector ${r.sector ?? 'none'}`,
      ],
      [
        'State',
        `${i.state}${i.attributedParty ? `, attributed to ${i.attributedParty}` : ''}; ${i.independentSources} independent source(s), confidence ${(i.confidence * 100).toFixed(0)}%`,
      ],
      ['Zones', r.zones.map((z) => z.name).join('; ') || 'none'],
      ['Rules broken', r.rulesBroken.map((x) => x.name).join('; ') || 'none'],
    ],
  );
  heading(doc, 'How the sources were fused');
  if (i.explanation.length === 0) para(doc, 'One observation; nothing to join.');
  for (const e of i.explanation) para(doc, `• ${e}`, { size: 8 });
  heading(doc, `Observations (${r.observations.length})`);
  table(
    doc,
    [
      { title: 'uid', width: 90 },
      { title: 'Source', width: 110 },
      { title: 'Category', width: 80 },
      { title: 'Count', width: 30, align: 'right' },
      { title: 'Time', width: 80 },
      { title: 'Label', width: 70 },
    ],
    r.observations.map((o) => [
      o.uid,
      `${o.sourceKind} ${o.sourceId} (${o.nation})`,
      words(o.category),
      String(o.count),
      utc(o.start),
      o.releasability,
    ]),
  );
  tableOrNone(
    doc,
    'State history',
    'No change recorded.',
    [
      { title: 'At', width: 80 },
      { title: 'From -> to', width: 90 },
      { title: 'By', width: 70 },
      { title: 'Reason, assessment, evidence', width: 260 },
    ],
    r.history.map((h) => [
      utc(h.at),
      `${h.from ?? '—'} -> ${h.to}`,
      `${h.by}${h.nation ? ` (${h.nation})` : ''}`,
      [h.reason, h.assessment, ...h.evidence].filter(Boolean).join(' · '),
    ]),
  );
  tableOrNone(
    doc,
    'Claims by the parties',
    'No claim recorded.',
    [
      { title: 'At', width: 80 },
      { title: 'Party', width: 60 },
      { title: 'Claim', width: 150 },
      { title: "Monitors' assessment", width: 120 },
      { title: 'Evidence', width: 90 },
    ],
    r.claims.map((c) => [utc(c.at), c.party, c.claim, c.assessment ?? '—', c.evidence.join(' ')]),
  );
  newPage(doc, 'Map');
  drawMap(doc, spotMapScene(r, WIDTH), false);
  return finish(doc, r.releasability);
}

/** One row of the land-options brief: a fact and its words for each option. */
export interface BriefRow {
  readonly fact: string;
  readonly cells: readonly string[];
}

/**
 * The land-options brief (issue 17): the options side by side as one table of facts (four options
 * a page at most, so each column stays readable), then how the figures are measured.
 */
export async function landOptionsBriefPdf(brief: {
  readonly names: readonly string[];
  readonly rows: readonly BriefRow[];
  readonly method: readonly string[];
  readonly label: string;
  readonly at: Date;
}): Promise<Buffer> {
  const doc = newDoc('Land options: brief');
  doc.y = MARGIN + 4;
  heading(doc, 'Land options: the facts side by side');
  para(doc, `Made ${utc(brief.at)} by Guarantor. Releasability: ${brief.label}.`, {
    size: 8,
    colour: '#546e7a',
  });
  if (brief.names.length === 0) para(doc, 'No land option is stored that you may see.');
  for (let start = 0; start < brief.names.length; start += 4) {
    const names = brief.names.slice(start, start + 4);
    if (start > 0) newPage(doc, `Land options ${start + 1}–${start + names.length}`);
    table(
      doc,
      [{ title: 'Fact', width: 1.1 }, ...names.map((n) => ({ title: n, width: 2 }))],
      brief.rows.map((r) => [r.fact, ...r.cells.slice(start, start + 4)]),
    );
  }
  heading(doc, 'How the figures are measured');
  for (const m of brief.method) para(doc, m, { size: 8 });
  return finish(doc, brief.label);
}
