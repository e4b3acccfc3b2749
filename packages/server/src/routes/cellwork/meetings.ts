/**
 * Meetings (issue 21): agenda, attendance by nation and delegation level (members of the
 * coalition only), documents as links, the decisions taken and actions raised there, and a
 * printable record. Attendance and documents carry their meeting's label.
 */
import type * as Api from '@guarantor/core/api';
import { ACTION_STATUS_NAMES, DELEGATION_LEVEL_NAMES, DELEGATION_LEVELS } from '@guarantor/core/cellwork';
import { LANGUAGES } from '@guarantor/core/i18n';
import { asReader, isCoalitionMember, labelColumns, userLanguage } from '@guarantor/db';
import {
  addAttendance,
  addDocument,
  getMeeting,
  insertMeeting,
  listActions,
  listAttendance,
  listDecisions,
  listDocuments,
  listMeetings,
} from '@guarantor/db/cellwork';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { answerLanguage, wordsFor } from '../../i18n.ts';
import { meetingRecordLabel, meetingRecordPdf } from '../../reports/meeting.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { CellworkContext } from './context.ts';
import {
  ActionView,
  AttendanceView,
  DecisionView,
  DocumentView,
  MeetingView,
  nationWords,
  presentAction,
  presentDecision,
  presentMeeting,
} from './views.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The meeting's printable record: one self-contained page, its label at top and bottom. */
export function meetingRecordHtml(d: Api.MeetingDetail): string {
  const m = d.meeting;
  const bar = `<div class="label">${esc(m.releasability)}</div>`;
  const list = (items: string[], empty: string) => (items.length ? items.join('') : `<p>${empty}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(`Record of ${m.title}`)}</title><style>
body{font:14px/1.45 system-ui,sans-serif;color:#1b1f24;margin:0}main{max-width:900px;margin:0 auto;padding:16px 24px}
.label{background:#1b5e20;color:#fff;text-align:center;font-weight:700;letter-spacing:.08em;padding:4px}
h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #cfd8dc;margin-top:24px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e0e0e0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f7f8}.meta{color:#546e7a;font-size:12px}
@media print{.label{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}
</style></head><body>${bar}<main>
<h1>Record of the meeting: ${esc(m.title)}</h1>
<p class="meta">${esc(m.id)} · ${utc(m.startsAt)}${m.place ? ` · ${esc(m.place)}` : ''} · recorded by ${esc(m.createdBy)}</p>
<h2>Agenda</h2>${m.agenda.length ? `<ol>${m.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>` : '<p>No agenda recorded.</p>'}
<h2>Attendance</h2>${
    d.attendance.length
      ? `<table><thead><tr><th>Nation</th><th>Delegation level</th><th>Person</th></tr></thead><tbody>${d.attendance
          .map(
            (a) =>
              `<tr><td>${esc(a.nationName)}</td><td>${esc(a.delegationLevelName)}</td><td>${esc(a.person)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No attendance recorded.</p>'
  }
<h2>Documents</h2>${
    d.documents.length
      ? `<ul>${list(
          d.documents.map(
            (x) =>
              `<li><a href="${esc(x.url)}">${esc(x.title)}</a> <span class="meta">${esc(x.url)}</span></li>`,
          ),
          '',
        )}</ul>`
      : '<p>No documents.</p>'
  }
<h2>Decisions taken</h2>${list(
    d.decisions.map(
      (x) =>
        `<h3>${esc(x.id)}: ${esc(x.title)}</h3><p>${esc(x.text)}</p><p class="meta">Decided on ${esc(x.decidedOn)} by ${esc(x.decidedBy)} (${esc(x.nationName)}, ${esc(x.delegationLevelName)}) under ${esc(x.authority)} · ${esc(x.releasability)}</p>`,
    ),
    'No decisions recorded.',
  )}
<h2>Actions raised</h2>${
    d.actions.length
      ? `<table><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${d.actions
          .map(
            (a) =>
              `<tr><td>${esc(a.id)}: ${esc(a.title)}</td><td>${esc(a.ownerNationName)}${a.ownerPerson ? `, ${esc(a.ownerPerson)}` : ''}</td><td>${utc(a.dueAt)}</td><td>${esc(ACTION_STATUS_NAMES[a.status])}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No actions raised.</p>'
  }
</main>${bar}</body></html>`;
}

export function meetingRoutes({ r, database, clock }: CellworkContext): void {
  const MeetingDetailView = matches<Api.MeetingDetail>()(
    z.object({
      meeting: MeetingView,
      attendance: z.array(AttendanceView),
      documents: z.array(DocumentView),
      decisions: z.array(DecisionView),
      actions: z.array(ActionView),
    }),
  );

  /** A meeting with everything recorded at it, as the reader may read it; null when hidden or absent. */
  const detail = async (
    reader: Parameters<typeof asReader>[1],
    id: string,
  ): Promise<Api.MeetingDetail | null> => {
    const now = clock.now();
    return asReader(database.db, reader, async (trx) => {
      const m = await getMeeting(trx, id);
      if (!m) return null;
      return {
        meeting: presentMeeting(m),
        attendance: (await listAttendance(trx, id)).map((a) => ({
          nation: a.nation,
          nationName: nationWords(a.nation),
          delegationLevel: a.delegationLevel,
          delegationLevelName: DELEGATION_LEVEL_NAMES[a.delegationLevel],
          person: a.person,
          recordedBy: a.recordedBy,
          recordedAt: a.recordedAt.toISOString(),
        })),
        documents: (await listDocuments(trx, id)).map((x) => ({ ...x, addedAt: x.addedAt.toISOString() })),
        decisions: (await listDecisions(trx, { meetingId: id })).map(presentDecision),
        actions: (await listActions(trx, { meetingId: id })).map((a) => presentAction(a, now)),
      };
    });
  };

  r.get(
    '/api/meetings',
    {
      schema: {
        tags: ['cell'],
        summary: 'Meetings of the cell you may read, latest first',
        response: { 200: matches<Api.MeetingsResponse>()(z.object({ meetings: z.array(MeetingView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      return {
        meetings: (await asReader(database.db, reader, (trx) => listMeetings(trx))).map(presentMeeting),
      };
    },
  );

  r.get(
    '/api/meetings/:id',
    {
      schema: {
        tags: ['cell'],
        summary: 'A meeting: agenda, attendance, documents, decisions taken and actions raised',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: MeetingDetailView },
      },
    },
    async (request) => {
      const found = await detail(requireUser(request).reader, request.params.id);
      if (!found) throw new AppError('not_found', { key: 'cellwork.meetingNotFound' });
      return found;
    },
  );

  r.get(
    '/api/meetings/:id/record',
    {
      schema: {
        tags: ['cell'],
        summary:
          "The meeting's printable record (HTML, with print styles): print it or save it as PDF from the browser",
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const found = await detail(requireUser(request).reader, request.params.id);
      if (!found) throw new AppError('not_found', { key: 'cellwork.meetingNotFound' });
      return reply.type('text/html; charset=utf-8').send(meetingRecordHtml(found));
    },
  );

  r.get(
    '/api/meetings/:id/record.pdf',
    {
      schema: {
        tags: ['cell'],
        summary:
          "The meeting's record as PDF in your language: agenda, attendance by nation and delegation level, documents, decisions taken, actions raised; only what you may read, marked with the meet of its contents' labels",
        params: z.object({ id: z.string().max(100) }),
        querystring: z.strictObject({
          lang: z
            .enum(LANGUAGES, { error: 'must be en, uk or fr' })
            .optional()
            .describe(
              "the record's language; default the user's chosen language, else the browser's (Accept-Language), else en",
            ),
        }),
      },
    },
    async (request, reply) => {
      const { user, reader } = requireUser(request);
      const found = await detail(reader, request.params.id);
      if (!found) throw new AppError('not_found', { key: 'cellwork.meetingNotFound' });
      const asked = request.query.lang;
      const chosen = asked ? null : await userLanguage(database.db, user.id);
      const w = wordsFor(answerLanguage(asked, chosen, request.headers['accept-language']));
      const pdf = await meetingRecordPdf(found, w, reader.nation);
      return reply
        .type('application/pdf')
        .header('x-releasability', meetingRecordLabel(found))
        .header('cache-control', 'private, no-store')
        .header('content-language', w.language)
        .header('vary', 'accept-language')
        .header('content-disposition', `inline; filename="guarantor-meeting-${found.meeting.id}.pdf"`)
        .send(pdf);
    },
  );

  r.post(
    '/api/meetings',
    {
      schema: {
        tags: ['cell'],
        summary: 'Schedule or record a meeting (cell staff) with its agenda',
        body: z.strictObject({
          title: z.string().trim().min(1).max(300),
          startsAt: z.iso.datetime({ offset: true }),
          place: z.string().trim().max(300).default(''),
          agenda: z.array(z.string().trim().min(1).max(1000)).max(100).default([]),
          releasability: z.string().max(200),
        }),
        response: { 201: MeetingView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const b = request.body;
      const label = labelColumns(labelFromRequest(b.releasability, 'body.releasability'));
      const m = await asReader(database.db, principal.reader, (trx) =>
        insertMeeting(
          trx,
          { title: b.title, startsAt: new Date(b.startsAt), place: b.place, agenda: b.agenda, label },
          { username: principal.user.username, nation: principal.user.nation },
          clock.now(),
        ),
      );
      return reply.status(201).send(presentMeeting(m));
    },
  );

  r.post(
    '/api/meetings/:id/attendance',
    {
      schema: {
        tags: ['cell'],
        summary:
          'Record who attended for a nation, at which delegation level (cell staff); members of the coalition only',
        params: z.object({ id: z.string().max(100) }),
        body: z.strictObject({
          nation: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'),
          delegationLevel: z.enum(DELEGATION_LEVELS),
          person: z.string().trim().min(1).max(200),
        }),
        response: { 201: AttendanceView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const b = request.body;
      const now = clock.now();
      // Membership is read as the owner, before the reader's transaction takes the connection.
      if (!(await isCoalitionMember(database.db, b.nation))) {
        throw new AppError(
          'cell.not_member',
          { key: 'cellwork.attendeeNotMember', params: { nation: { nation: b.nation }, code: b.nation } },
          'body.nation',
        );
      }
      const stored = await asReader(database.db, principal.reader, async (trx) => {
        const m = await getMeeting(trx, request.params.id);
        if (!m) throw new AppError('not_found', { key: 'cellwork.meetingNotFound' });
        const already = await trx
          .selectFrom('cell_meeting_attendance')
          .select('id')
          .where('meeting_id', '=', m.id)
          .where('nation', '=', b.nation)
          .where('person', '=', b.person)
          .executeTakeFirst();
        if (already) {
          throw new AppError(
            'conflict.exists',
            { key: 'cellwork.attendeeRecorded', params: { person: b.person, nation: { nation: b.nation } } },
            'body.person',
          );
        }
        return addAttendance(
          trx,
          m,
          b,
          { username: principal.user.username, nation: principal.user.nation },
          now,
        );
      });
      return reply.status(201).send({
        nation: stored.nation,
        nationName: nationWords(stored.nation),
        delegationLevel: stored.delegationLevel,
        delegationLevelName: DELEGATION_LEVEL_NAMES[stored.delegationLevel],
        person: stored.person,
        recordedBy: stored.recordedBy,
        recordedAt: stored.recordedAt.toISOString(),
      });
    },
  );

  r.post(
    '/api/meetings/:id/documents',
    {
      schema: {
        tags: ['cell'],
        summary: 'Add a document to a meeting, as a link (cell staff)',
        params: z.object({ id: z.string().max(100) }),
        body: z.strictObject({
          title: z.string().trim().min(1).max(300),
          url: z
            .string()
            .max(2000)
            .regex(/^(https?:\/\/|\/)[^\s<>"]*$/, 'an http(s) address or a path in Guarantor (/api/…)'),
        }),
        response: { 201: DocumentView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const now = clock.now();
      const stored = await asReader(database.db, principal.reader, async (trx) => {
        const m = await getMeeting(trx, request.params.id);
        if (!m) throw new AppError('not_found', { key: 'cellwork.meetingNotFound' });
        return addDocument(
          trx,
          m,
          request.body,
          { username: principal.user.username, nation: principal.user.nation },
          now,
        );
      });
      return reply.status(201).send({ ...stored, addedAt: stored.addedAt.toISOString() });
    },
  );
}
