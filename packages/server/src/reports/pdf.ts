/**
 * The daily and spot reports as PDF, drawn with pdfkit: text and tables, and the map as vector
 * paths (no browser). A4 portrait; the label is printed at the top and bottom of every page.
 * Text is set in Noto Sans (regular and bold), embedded and subset by pdfkit, so Ukrainian
 * place names and French accents print (the standard Helvetica has no Cyrillic): see
 * docs/adr/0040-server-languages-and-pdf-font.md.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Words } from '@guarantor/core/i18n';
import { accountInWords } from '@guarantor/core/monitoring';
import { nearestInWords } from '@guarantor/core/reference';
import type PDFDocument from 'pdfkit';
import { wordsFor } from '../i18n.ts';
import { stateActorIn, stateReasonIn } from '../monitoring/states.ts';
import { phrasingFor } from '../words.ts';
import type { DailyReport, Levels, ReportIncident } from './daily.ts';
import { CATEGORY_COLOURS, drawScenePdf, type MapScene, mapScene, ZONE_STYLES } from './map.ts';
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

export type Doc = InstanceType<typeof PDFDocument>;

export const MARGIN = 40;
export const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 841.89 - MARGIN - 14;

/**
 * Noto Sans covers Latin, Greek and Cyrillic but not arrows or comparison signs: spell those,
 * and put "?" for anything else outside its ranges rather than an empty box.
 */
export function pdfText(s: string): string {
  return s
    .replaceAll('→', '->')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replace(/[^\u0020-\u024f\u0370-\u03ff\u0400-\u052f\u2000-\u206f\u20ac\u2116\u2212\n]/g, '?');
}

/** The embedded font: Noto Sans from @expo-google-fonts/noto-sans (SIL OFL 1.1; licence beside this file). */
const REGULAR = 'NotoSans';
const BOLD = 'NotoSans-Bold';
let fontFiles: { readonly regular: Buffer; readonly bold: Buffer } | undefined;
function fonts() {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    const file = (path: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${path}`));
    fontFiles = {
      regular: file('400Regular/NotoSans_400Regular.ttf'),
      bold: file('700Bold/NotoSans_700Bold.ttf'),
    };
  }
  return fontFiles;
}

let pdfkit: typeof PDFDocument | undefined;

/** pdfkit, imported with the first PDF (0.08 s of every start otherwise, ADR 0041). */
export async function loadPdfkit(): Promise<void> {
  pdfkit ??= (await import('pdfkit')).default;
}

export function newDoc(title: string, w: Words): Doc {
  if (!pdfkit) throw new Error('newDoc before loadPdfkit');
  const doc = new pdfkit({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: w.locale,
    info: { Title: title, Author: 'Guarantor', Creator: 'Guarantor' },
  });
  doc.registerFont(REGULAR, fonts().regular);
  doc.registerFont(BOLD, fonts().bold);
  doc.font(REGULAR);
  return doc;
}

/** Ends the document: label bars and page numbers on every page, then the bytes. */
export async function finish(doc: Doc, label: string, w: Words): Promise<Buffer> {
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
      doc.fillColor('#ffffff').font(BOLD).fontSize(9);
      doc.text(pdfText(label), MARGIN, y + 3, { width: WIDTH, align: 'center', lineBreak: false });
      doc.restore();
    }
    doc.fillColor('#546e7a').font(REGULAR).fontSize(7);
    doc.text(pdfText(w.t('report.page', { page: i + 1, pages: range.count })), MARGIN, 841.89 - 40, {
      width: WIDTH,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** Draws a table from the current y, breaking pages and repeating the header as needed. */
export function table(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  bold: ReadonlySet<number> = new Set(),
) {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const scale = WIDTH / total;
  // A title longer than its column (Ukrainian and French words run longer) wraps: the header grows.
  doc.font(BOLD).fontSize(7.5);
  const headerHeight = Math.max(
    14,
    ...columns.map((c) => doc.heightOfString(pdfText(c.title), { width: c.width * scale - 4 }) + 5),
  );
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, WIDTH, headerHeight).fill('#eceff1');
    doc.fillColor('#1b1f24').font(BOLD).fontSize(7.5);
    let x = MARGIN;
    for (const c of columns) {
      doc.text(pdfText(c.title), x + 2, y + 3.5, { width: c.width * scale - 4, align: c.align ?? 'left' });
      x += c.width * scale;
    }
    doc.y = y + headerHeight;
  };
  header();
  rows.forEach((row, r) => {
    doc.font(bold.has(r) ? BOLD : REGULAR).fontSize(7.5);
    const heights = row.map((cell, i) =>
      doc.heightOfString(pdfText(cell), { width: columns[i]!.width * scale - 4 }),
    );
    const h = Math.max(12, ...heights.map((v) => v + 4));
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN + 4;
      header();
      doc.font(bold.has(r) ? BOLD : REGULAR).fontSize(7.5);
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

export function heading(doc: Doc, text: string) {
  if (doc.y > BOTTOM - 60) {
    doc.addPage();
    doc.y = MARGIN + 4;
  }
  doc.moveDown(0.4);
  doc.x = MARGIN;
  doc.fillColor('#1b1f24').font(BOLD).fontSize(11.5).text(pdfText(text), MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.25);
}

export function para(
  doc: Doc,
  text: string,
  options: { size?: number; colour?: string; bold?: boolean } = {},
) {
  doc
    .fillColor(options.colour ?? '#1b1f24')
    .font(options.bold ? BOLD : REGULAR)
    .fontSize(options.size ?? 9)
    .text(pdfText(text), MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
}

/** A titled table, or the sentence that says there is nothing to list. */
export function tableOrNone(
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

const lv = (w: Words, l: Levels) => [w.number(l.all), w.number(l.corroborated), w.number(l.verified)];

function incidentTable(doc: Doc, w: Words, list: readonly ReportIncident[], withRules: boolean) {
  const t = (k: string) => w.t(`report.incidents.${k}`);
  if (list.length === 0) {
    para(doc, t('none'));
    return;
  }
  table(
    doc,
    [
      { title: t('time'), width: 28 },
      { title: t('incident'), width: 58 },
      { title: t('category'), width: 68 },
      { title: t('count'), width: 46, align: 'right' },
      { title: t('state'), width: 62 },
      { title: t('sector'), width: 62 },
      { title: t('region'), width: 62 },
      ...(withRules ? [{ title: t('rules'), width: 70 }] : []),
      { title: t('label'), width: 50 },
    ],
    list.map((i) => [
      incidentTime(w, i),
      i.id,
      categoryName(w, i.category),
      w.number(i.count),
      `${stateName(w, i.state)}${i.attributedParty ? ` (${i.attributedParty})` : ''}`,
      i.sectorName ?? '—',
      regionName(w, i.region) ?? '—',
      ...(withRules ? [i.ruleIds.join(', ') || '—'] : []),
      i.releasability,
    ]),
  );
}

function drawLegend(doc: Doc, w: Words) {
  let x = MARGIN;
  const y = doc.y;
  doc.font(REGULAR).fontSize(7);
  for (const c of CATEGORY_COLOURS) {
    const label = pdfText(w.t(`report.legend.${c.legend}`));
    doc.circle(x + 3, y + 3.5, 2.5).fill(c.colour);
    doc.fillColor('#37474f').text(label, x + 8, y, { lineBreak: false });
    x += 12 + doc.widthOfString(label);
  }
  x = MARGIN;
  const y2 = y + 11;
  for (const k of ['line_of_contact', 'buffer_zone', 'weapons_withdrawal', 'sector'] as const) {
    const st = ZONE_STYLES[k];
    const label = pdfText(zoneKindName(w, k));
    doc
      .moveTo(x, y2 + 3.5)
      .lineTo(x + 14, y2 + 3.5)
      .lineWidth(1.5)
      .stroke(st.stroke);
    doc.fillColor('#37474f').text(label, x + 17, y2, { lineBreak: false });
    x += 24 + doc.widthOfString(label);
  }
  doc.fillColor('#37474f').text(pdfText(w.t('report.legend.violation')), x, y2, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = y2 + 14;
}

/** The map at the cursor, framed or not, with its legend below. */
function drawMap(doc: Doc, w: Words, scene: MapScene, framed: boolean) {
  const top = doc.y;
  doc.font(REGULAR);
  drawScenePdf(
    doc as never,
    { ...scene, sectorLabels: scene.sectorLabels.map((l) => ({ ...l, text: pdfText(l.text) })) },
    MARGIN,
    top,
  );
  if (framed) doc.rect(MARGIN, top, scene.width, scene.height).lineWidth(0.5).stroke('#90a4ae');
  doc.y = top + scene.height + 6;
  drawLegend(doc, w);
}

/** The daily report as PDF bytes: page 1 the counts, page 2 the map, then incidents and sources. */
export async function dailyReportPdf(r: DailyReport, w: Words): Promise<Buffer> {
  await loadPdfkit();
  const t = (key: string, values?: Record<string, unknown>) => w.t(`report.daily.${key}`, values);
  const s = (key: string) => w.t(`report.daily.short.${key}`);
  const level = (key: string) => w.t(`report.levels.${key}`);
  const reader = r.readerNation ? w.nation(r.readerNation) : w.t('common.thePublic');
  const doc = newDoc(t('docTitle', { date: r.date }), w);
  doc.y = MARGIN + 4;
  doc
    .font(BOLD)
    .fontSize(17)
    .fillColor('#1b1f24')
    .text(pdfText(t('title', { date: w.longDate(r.date) })));
  para(
    doc,
    `${t('meta', { date: dayWords(w, r.date), previous: dayWords(w, r.previousDate), made: w.utc(r.generatedAt), reader })} · ${w.t('report.classification')} ${r.releasability}`,
    { size: 8, colour: '#546e7a' },
  );
  para(doc, summarySentence(w, r), { size: 10 });
  const blind = r.sectors.filter((x) => !x.monitoredToday);
  if (blind.length > 0) {
    para(doc, t('unmonitored', { sectors: blind.map((x) => x.name).join(', ') }), {
      colour: '#b71c1c',
      bold: true,
    });
  }
  heading(doc, t('bySector'));
  table(
    doc,
    [
      { title: t('sector'), width: 108 },
      { title: level('all'), width: 30, align: 'right' },
      { title: s('corroborated'), width: 34, align: 'right' },
      { title: s('verified'), width: 34, align: 'right' },
      { title: s('previousAll'), width: 36, align: 'right' },
      { title: s('previousCorroborated'), width: 38, align: 'right' },
      { title: s('previousVerified'), width: 38, align: 'right' },
      { title: s('change'), width: 30, align: 'right' },
      { title: s('monitored'), width: 64 },
    ],
    [
      ...r.sectors.map((x) => [
        x.name,
        ...lv(w, x.today),
        ...lv(w, x.previous),
        change(w, x.today.all, x.previous.all),
        x.monitoredToday ? w.t('common.yes') : w.t('common.noBlind'),
      ]),
      [
        t('outside'),
        ...lv(w, r.outsideSectors.today),
        ...lv(w, r.outsideSectors.previous),
        change(w, r.outsideSectors.today.all, r.outsideSectors.previous.all),
        '',
      ],
      [
        t('total'),
        ...lv(w, r.totals.today),
        ...lv(w, r.totals.previous),
        change(w, r.totals.today.all, r.totals.previous.all),
        '',
      ],
    ],
    new Set([r.sectors.length + 1]),
  );
  para(doc, t('definition'), { size: 7, colour: '#546e7a' });
  tableOrNone(
    doc,
    t('byCategory'),
    t('noViolations'),
    [
      { title: t('category'), width: 140 },
      { title: level('all'), width: 40, align: 'right' },
      { title: level('corroborated'), width: 55, align: 'right' },
      { title: level('verified'), width: 45, align: 'right' },
      { title: t('previousAll'), width: 70, align: 'right' },
      { title: t('change'), width: 40, align: 'right' },
    ],
    r.categories.map((c) => [
      categoryName(w, c.category),
      ...lv(w, c.today),
      w.number(c.previous.all),
      change(w, c.today.all, c.previous.all),
    ]),
  );

  newPage(doc, t('mapOf', { date: w.longDate(r.date) }));
  drawMap(doc, w, mapScene(r.zones, r.mapIncidents, WIDTH), true);
  if (r.illustrativeZones) para(doc, t('illustrative'), { size: 7, colour: '#546e7a' });

  newPage(doc, t('notable'));
  incidentTable(doc, w, r.notable, true);
  heading(doc, t('fom'));
  incidentTable(doc, w, r.fomRestrictions, false);
  heading(doc, t('sources'));
  const sources = sourceSummary(w, r);
  para(
    doc,
    `${t('down', { count: sources.down.length })} ${
      sources.down.length === 0 ? t('downNone') : sources.down.map((x) => x.text).join('; ')
    }`,
    { colour: sources.down.length > 0 ? '#b71c1c' : '#1b1f24' },
  );
  para(
    doc,
    `${t('silent', { count: sources.silent.length })} ${
      sources.silent.length === 0 ? t('silentNone') : sources.silent.map((x) => x.text).join('; ')
    }`,
  );
  para(
    doc,
    `${t('active', { count: sources.active })} ${sources.active === 0 ? t('activeNone') : sources.activeByKind}`,
  );
  para(doc, t('releasableOnly', { reader }), { size: 7, colour: '#546e7a' });
  return finish(doc, r.releasability, w);
}

/** The spot report as PDF bytes. */
export async function spotReportPdf(r: SpotReport, w: Words): Promise<Buffer> {
  await loadPdfkit();
  const i = r.incident;
  const t = (key: string, values?: Record<string, unknown>) => w.t(`report.spot.${key}`, values);
  const none = w.t('common.none');
  const region = regionName(w, r.region);
  const sectorName = r.sector === null ? null : (r.mapZones.find((z) => z.id === r.sector)?.name ?? r.sector);
  const others = i.categories.filter((c) => c !== i.category).map((c) => categoryName(w, c));
  const doc = newDoc(t('docTitle', { id: i.id }), w);
  doc.y = MARGIN + 4;
  doc
    .font(BOLD)
    .fontSize(16)
    .fillColor('#1b1f24')
    .text(pdfText(t('title', { id: i.id })));
  para(
    doc,
    `${t('made', { made: w.utc(r.generatedAt) })} · ${w.t('report.classification')} ${r.releasability}`,
    {
      size: 8,
      colour: '#546e7a',
    },
  );
  table(
    doc,
    [
      { title: '', width: 80 },
      { title: '', width: 420 },
    ],
    [
      [
        t('what'),
        `${categoryName(w, i.category)}${others.length > 0 ? ` ${t('also', { list: w.list(others) })}` : ''}, ${t('count', { best: w.number(i.count.best), low: w.number(i.count.low), high: w.number(i.count.high) })}`,
      ],
      [t('when'), t('between', { from: w.utc(i.start), to: w.utc(i.end) })],
      [
        t('where'),
        `${r.nearest ? `${nearestInWords(r.nearest, phrasingFor(w.language))}${w.t('common.sep')}` : ''}${t(
          'whereLine',
          {
            position: position(w, i.position),
            radius: w.number(Math.round(i.radiusM)),
            method: named(w, 'common.method', i.locationMethod),
            sector: sectorName ?? none,
          },
        )}${region ? `${w.t('common.sep')}${t('region', { region })}` : ''}`,
      ],
      [
        t('state'),
        `${stateName(w, i.state)}${i.attributedParty ? `, ${t('attributedTo', { party: i.attributedParty })}` : ''}${w.t('common.sep')}${t('independent', { count: i.independentSources })}, ${t('confidence', { value: w.percent(i.confidence) })}`,
      ],
      [t('zones'), r.zones.map((z) => z.name).join('; ') || none],
      [t('rules'), r.rulesBroken.map((x) => x.name).join('; ') || none],
    ],
  );
  heading(doc, t('fused'));
  if (i.explanation.length === 0) para(doc, t('oneObservation'));
  for (const e of accountInWords(i.explanation, phrasingFor(w.language))) para(doc, `• ${e}`, { size: 8 });
  heading(doc, t('observations', { count: r.observations.length }));
  table(
    doc,
    [
      { title: t('uid'), width: 90 },
      { title: t('source'), width: 110 },
      { title: t('category'), width: 80 },
      { title: t('countHeader'), width: 40, align: 'right' },
      { title: t('time'), width: 80 },
      { title: t('label'), width: 70 },
    ],
    r.observations.map((o) => [
      o.uid,
      `${named(w, 'common.sourceKind', o.sourceKind)} ${o.sourceId} (${o.nation})`,
      categoryName(w, o.category),
      w.number(o.count),
      w.utc(o.start),
      o.releasability,
    ]),
  );
  tableOrNone(
    doc,
    t('history'),
    t('noChange'),
    [
      { title: t('at'), width: 80 },
      { title: t('fromTo'), width: 90 },
      { title: t('by'), width: 70 },
      { title: t('reason'), width: 260 },
    ],
    r.history.map((h) => [
      w.utc(h.at),
      `${h.from ? stateName(w, h.from) : '—'} → ${stateName(w, h.to)}`,
      stateActorIn(h, w),
      [stateReasonIn(h, w), h.assessment, ...h.evidence].filter(Boolean).join(' · '),
    ]),
  );
  tableOrNone(
    doc,
    t('claims'),
    t('noClaim'),
    [
      { title: t('at'), width: 80 },
      { title: t('party'), width: 60 },
      { title: t('claim'), width: 150 },
      { title: t('assessment'), width: 120 },
      { title: t('evidence'), width: 90 },
    ],
    r.claims.map((c) => [w.utc(c.at), c.party, c.claim, c.assessment ?? '—', c.evidence.join(' ')]),
  );
  newPage(doc, w.t('report.map'));
  drawMap(doc, w, spotMapScene(r, WIDTH), false);
  return finish(doc, r.releasability, w);
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
  await loadPdfkit();
  const en = wordsFor('en');
  const doc = newDoc('Land options: brief', en);
  doc.y = MARGIN + 4;
  heading(doc, 'Land options: the facts side by side');
  para(doc, `Made ${en.utc(brief.at)} by Guarantor. Releasability: ${brief.label}.`, {
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
  return finish(doc, brief.label, en);
}
