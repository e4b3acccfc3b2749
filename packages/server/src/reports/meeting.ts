/**
 * A meeting's record as a PDF in the reader's language (issue 21): agenda, attendance by nation
 * and delegation level, documents, decisions taken and actions raised, set in Noto Sans like
 * the daily report. It holds only what the reader may read (the caller reads the meeting as
 * them) and is marked with the meet of the labels of everything in it.
 */
import { formatReleasability, meetLabels, parseReleasability } from '@guarantor/core/access';
import type { MeetingDetail } from '@guarantor/core/api';
import { DELEGATION_LEVELS } from '@guarantor/core/cellwork';
import type { Words } from '@guarantor/core/i18n';
import { finish, heading, loadPdfkit, MARGIN, newDoc, para, table, tableOrNone } from './pdf.ts';

/** The label the record carries: the meet of the meeting's label and those of its decisions and actions. */
export function meetingRecordLabel(d: MeetingDetail): string {
  const labels = [
    d.meeting.releasability,
    ...d.decisions.map((x) => x.releasability),
    ...d.actions.map((x) => x.releasability),
  ].map((l) => parseReleasability(l));
  return formatReleasability(labels.reduce((a, b) => meetLabels(a, b)));
}

/** The record as PDF bytes, in `w`'s language, for a reader of `nation`. */
export async function meetingRecordPdf(d: MeetingDetail, w: Words, nation: string | null): Promise<Buffer> {
  await loadPdfkit();
  const m = d.meeting;
  const t = (key: string, values?: Record<string, unknown>) => w.t(`meeting.${key}`, values);
  const label = meetingRecordLabel(d);
  const level = (l: string) => t(`delegationLevel.${l}`);
  const doc = newDoc(t('title', { title: m.title }), w);
  doc.y = MARGIN + 4;
  heading(doc, t('title', { title: m.title }));
  para(doc, w.utc(new Date(m.startsAt)), { bold: true });
  if (m.place) para(doc, t('place', { place: m.place }));
  para(doc, t('recordedBy', { id: m.id, by: m.createdBy }), { size: 8, colour: '#546e7a' });
  para(doc, t('labelNote', { label, nation: nation ? w.nation(nation) : w.t('common.thePublic') }), {
    size: 8,
    colour: '#546e7a',
  });

  heading(doc, t('agenda'));
  if (m.agenda.length === 0) para(doc, t('noAgenda'));
  m.agenda.forEach((item, i) => {
    para(doc, `${w.number(i + 1)}. ${item}`);
  });

  tableOrNone(
    doc,
    t('attendance'),
    t('noAttendance'),
    [
      { title: t('nation'), width: 2 },
      { title: t('level'), width: 2 },
      { title: t('person'), width: 3 },
    ],
    // By nation in the reader's alphabet, then by level, highest first (the API's order of levels).
    [...d.attendance]
      .sort(
        (a, b) =>
          w.nation(a.nation).localeCompare(w.nation(b.nation), w.locale) ||
          DELEGATION_LEVELS.indexOf(a.delegationLevel) - DELEGATION_LEVELS.indexOf(b.delegationLevel),
      )
      .map((a) => [w.nation(a.nation), level(a.delegationLevel), a.person]),
  );

  tableOrNone(
    doc,
    t('documents'),
    t('noDocuments'),
    [
      { title: t('document'), width: 2 },
      { title: t('address'), width: 3 },
    ],
    d.documents.map((x) => [x.title, x.url]),
  );

  heading(doc, t('decisions'));
  if (d.decisions.length === 0) para(doc, t('noDecisions'));
  for (const x of d.decisions) {
    para(doc, `${x.id}: ${x.title}`, { bold: true });
    if (x.text) para(doc, x.text);
    para(
      doc,
      t('decided', {
        day: w.longDate(x.decidedOn),
        by: x.decidedBy,
        nation: w.nation(x.nation),
        level: level(x.delegationLevel),
        authority: x.authority,
        label: x.releasability,
      }),
      { size: 8, colour: '#546e7a' },
    );
  }

  heading(doc, t('actions'));
  if (d.actions.length === 0) para(doc, t('noActions'));
  else
    table(
      doc,
      [
        { title: t('action'), width: 4 },
        { title: t('owner'), width: 2 },
        { title: t('due'), width: 2 },
        { title: t('status'), width: 1.3 },
        { title: t('releasability'), width: 1.7 },
      ],
      d.actions.map((a) => [
        `${a.id}: ${a.title}`,
        `${w.nation(a.ownerNation)}${a.ownerPerson ? `, ${a.ownerPerson}` : ''}`,
        w.utc(new Date(a.dueAt)),
        w.t(`common.actionStatus.${a.status}`),
        a.releasability,
      ]),
    );
  return finish(doc, label, w);
}
