// Issue 21: the decision form's link picker (a search per kind, through row-level security,
// names not ids), the meeting record as a PDF in the reader's language, and notifications put
// in words in the reader's and the recipient's language.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { pdfToText } from '../../../../test/support/pdf.ts';
import { type SmtpSink, startSmtpSink } from '../../../../test/support/smtp-sink.ts';

const NOW = new Date('2026-11-20T12:00:00Z');
/** GUARANTOR_REPORT_OUT=/dir keeps the PDFs made, to look at them (pdftoppm). */
const OUT = process.env.GUARANTOR_REPORT_OUT;

const option = (key: string, name: string, releasability: string) => ({
  key,
  name,
  occupiedSide: 'left',
  geometry: {
    type: 'LineString',
    coordinates: [
      [35, 53],
      [35, 44],
    ],
  },
  releasability,
});
const box = (x: number) => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, 47.5],
            [x + 0.2, 47.5],
            [x + 0.2, 47.7],
            [x, 47.7],
            [x, 47.5],
          ],
        ],
      },
    },
  ],
});
const decision = (over: Record<string, unknown> = {}) => ({
  title: 'The cell prefers the 35° line for the talks',
  text: 'The line keeps the crossings on one side.',
  decidedOn: '2026-11-20',
  nation: 'FRA',
  delegationLevel: 'minister',
  decidedBy: 'Minister of the Armed Forces',
  authority: 'Paris declaration, paragraph 4',
  links: [],
  releasability: 'COALITION',
  ...over,
});

interface Candidate {
  kind: string;
  id: string;
  title: string;
  day: string | null;
  releasability: string | null;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the link picker and the meeting record on ${engine.name}`, () => {
    let h: ApiHarness;
    let sink: SmtpSink;
    const search = async (user: string, kind: string, q = '') => {
      const res = await h.get(user, `/api/decisions/link-candidates?kind=${kind}&q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().candidates as Candidate[];
    };

    beforeAll(async () => {
      sink = await startSmtpSink();
      h = await openApiHarness(engine, {
        now: NOW,
        env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POLL_SECONDS: '0' },
        users: [
          ['fra-staff', 'FRA', ['cell_staff', 'analyst']],
          ['deu-staff', 'DEU', ['cell_staff', 'analyst']],
          ['pol-liaison', 'POL', ['liaison']],
        ],
      });
      await sql`insert into phase_evaluation (as_of, evaluated_at) values ('2026-11-19', ${NOW}), ('2026-11-12', ${NOW})`.execute(
        h.database.db,
      );
    });
    afterAll(async () => {
      await h?.close();
      await sink?.close();
    });

    it('offers the records of a kind the reader may read, by name, id or date, and never a hidden one', async () => {
      for (const [key, name, label] of [
        ['meridian', 'Along 35° East', 'COALITION'],
        ['ours', 'Our own line', 'NATIONAL FRA'],
      ] as const) {
        const res = await h.post('fra-staff', '/api/territory/land-options', option(key, name, label));
        expect(res.statusCode, res.body).toBe(200);
      }
      for (const [i, [source, label]] of [
        ['staff-map', 'COALITION'],
        ['german-map', 'NATIONAL DEU'],
      ].entries()) {
        const res = await h.sendRaw(
          'deu-staff',
          'POST',
          `/api/territory/control-areas/import?source=${source}&asOf=2026-11-0${i + 1}&releasability=${encodeURIComponent(label!)}`,
          JSON.stringify(box(37 + i)),
          'application/geo+json',
        );
        expect(res.statusCode, res.body).toBe(200);
      }

      // France sees both of its options; Germany only the coalition's. Names, not ids.
      const fra = await search('fra-staff', 'land_option');
      expect(fra.map((c) => c.title)).toEqual(
        expect.arrayContaining([
          'Land option Our own line (ours@FRA), version 1',
          'Land option Along 35° East (meridian@FRA), version 1',
        ]),
      );
      const deu = await search('deu-staff', 'land_option');
      expect(deu.map((c) => [c.title, c.releasability])).toEqual([
        ['Land option Along 35° East (meridian@FRA), version 1', 'COALITION'],
      ]);
      // Words find it, in any case; a hidden record's words find nothing, as a missing one.
      expect((await search('deu-staff', 'land_option', 'along 35')).map((c) => c.id)).toEqual([deu[0]!.id]);
      expect(await search('deu-staff', 'land_option', 'own line')).toEqual([]);
      expect(await search('deu-staff', 'land_option', 'no such line')).toEqual([]);
      // A pattern character is taken as itself.
      expect(await search('deu-staff', 'land_option', '%')).toEqual([]);

      // Control areas: Germany reads both, Poland only the coalition's; by source or date.
      expect((await search('deu-staff', 'control_area')).map((c) => c.day)).toEqual([
        '2026-11-02',
        '2026-11-01',
      ]);
      const pol = await search('pol-liaison', 'control_area');
      expect(pol.map((c) => [c.title, c.releasability])).toEqual([
        ['Control area (occupied) as of 2026-11-01, staff-map@DEU version 1', 'COALITION'],
      ]);
      expect(await search('pol-liaison', 'control_area', 'german')).toEqual([]);
      expect((await search('deu-staff', 'control_area', '2026-11-02')).map((c) => c.title)).toEqual([
        'Control area (occupied) as of 2026-11-02, german-map@DEU version 1',
      ]);

      // Days: the gate's evaluations that exist; a daily report of the day typed or recent days.
      expect((await search('pol-liaison', 'gate_evaluation')).map((c) => c.id)).toEqual([
        '2026-11-19',
        '2026-11-12',
      ]);
      expect((await search('pol-liaison', 'gate_evaluation', '11-19')).map((c) => c.id)).toEqual([
        '2026-11-19',
      ]);
      const days = await search('pol-liaison', 'daily_report');
      expect(days[0]).toMatchObject({ id: '2026-11-19', day: '2026-11-19', releasability: null });
      expect((await search('pol-liaison', 'daily_report', '2026-10-03'))[0]?.id).toBe('2026-10-03');
      // Nothing of a kind yet: an empty list, not an error.
      expect(await search('pol-liaison', 'breach')).toEqual([]);
      expect(await search('pol-liaison', 'plan')).toEqual([]);
      expect(await search('pol-liaison', 'incident')).toEqual([]);
      expect(await search('pol-liaison', 'finance_flow')).toEqual([]);
      expect(await search('pol-liaison', 'phase_rule', 'zzz-none')).toEqual([]);
    });

    it('refuses an unknown kind naming the field, and a picked record links under the name it was offered with', async () => {
      const bad = await h.get('deu-staff', '/api/decisions/link-candidates?kind=pizza');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('kind');
      const none = await h.get('deu-staff', '/api/decisions/link-candidates');
      expect(none.statusCode).toBe(400);

      const [picked] = await search('deu-staff', 'land_option', 'meridian');
      const [day] = await search('deu-staff', 'gate_evaluation', '2026-11-19');
      const made = await h.post(
        'deu-staff',
        '/api/decisions',
        decision({
          nation: 'DEU',
          links: [
            { kind: picked!.kind, id: picked!.id },
            { kind: day!.kind, id: day!.id },
          ],
        }),
      );
      expect(made.statusCode, made.body).toBe(201);
      const detail = (await h.get('deu-staff', `/api/decisions/${made.json().id}`)).json();
      expect(detail.links.map((l: { title: string }) => l.title)).toEqual([picked!.title, day!.title]);
    });

    it('prints the meeting record as PDF in the reader’s language, with only what the reader may read, marked with the meet', async () => {
      const meeting = await h.post('fra-staff', '/api/meetings', {
        title: 'Cell meeting on the southern sector',
        startsAt: '2026-11-21T09:00:00Z',
        place: 'Paris, Hôtel de Brienne',
        agenda: ['Monitoring in Donetsk South', 'Crossings on the 35° line'],
        releasability: 'COALITION',
      });
      expect(meeting.statusCode, meeting.body).toBe(201);
      const id = meeting.json().id as string;
      for (const [nation, delegationLevel, person] of [
        ['FRA', 'minister', 'Catherine Vautrin'],
        ['DEU', 'official', 'Head of the German liaison team'],
      ] as const) {
        const res = await h.post('fra-staff', `/api/meetings/${id}/attendance`, {
          nation,
          delegationLevel,
          person,
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      expect(
        (
          await h.post('fra-staff', `/api/meetings/${id}/documents`, {
            title: 'Sector map',
            url: 'https://example.org/sector-map.pdf',
          })
        ).statusCode,
      ).toBe(201);
      const made = await h.post(
        'fra-staff',
        '/api/decisions',
        decision({ meetingId: id, releasability: 'REL TO FRA, DEU' }),
      );
      expect(made.statusCode, made.body).toBe(201);
      const action = await h.post('fra-staff', '/api/actions', {
        title: 'Brief the French patrols on the new line',
        ownerNation: 'FRA',
        dueAt: '2026-11-25T12:00:00Z',
        meetingId: id,
        releasability: 'NATIONAL FRA',
      });
      expect(action.statusCode, action.body).toBe(201);

      const pdf = async (user: string, lang: string) => {
        const res = await h.get(user, `/api/meetings/${id}/record.pdf?lang=${lang}`);
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-language']).toBe(lang);
        if (OUT) {
          mkdirSync(OUT, { recursive: true });
          writeFileSync(join(OUT, `meeting-${user}-${lang}.pdf`), res.rawPayload);
        }
        return { label: res.headers['x-releasability'], text: pdfToText(res.rawPayload) };
      };

      // France reads everything: the record is marked with the meet, NATIONAL FRA.
      const en = await pdf('fra-staff', 'en');
      expect(en.label).toBe('NATIONAL FRA');
      for (const words of [
        'Record of the meeting: Cell meeting on the southern sector',
        'Monitoring in Donetsk South',
        'Attendance by nation and delegation level',
        'Germany',
        'Minister',
        'Catherine Vautrin',
        'Sector map',
        'The cell prefers the 35° line for the talks',
        'Brief the French patrols on the new line',
        'NATIONAL FRA',
      ])
        expect(en.text).toContain(words);

      // In Ukrainian: headings, nations and levels in Ukrainian; what people typed as typed.
      const uk = await pdf('fra-staff', 'uk');
      for (const words of ['Протокол засідання', 'Порядок денний', 'Німеччина', 'Міністр', 'Посадова особа'])
        expect(uk.text).toContain(words);
      expect(uk.text).not.toContain('Attendance');

      // Germany does not read the French action: it is left out, and the mark is wider.
      const deu = await pdf('deu-staff', 'fr');
      expect(deu.label).toBe('REL TO DEU, FRA');
      expect(deu.text).toContain('Compte rendu de la réunion');
      expect(deu.text).toContain('Allemagne');
      expect(deu.text).not.toContain('Brief the French patrols');

      // A meeting Germany may not read answers as one that does not exist.
      const hidden = await h.post('fra-staff', '/api/meetings', {
        title: 'French national planning',
        startsAt: '2026-11-22T09:00:00Z',
        releasability: 'NATIONAL FRA',
      });
      const notSeen = await h.get('deu-staff', `/api/meetings/${hidden.json().id}/record.pdf`);
      const missing = await h.get('deu-staff', '/api/meetings/MTG-FRA-999/record.pdf');
      expect(notSeen.statusCode).toBe(404);
      expect(notSeen.json().error).toMatchObject({ ...missing.json().error, requestId: expect.any(String) });
      expect(notSeen.json().error.message).toBe(missing.json().error.message);
      // The user's chosen language when the URL names none.
      expect((await h.send('deu-staff', 'PUT', '/api/session/language', { language: 'uk' })).statusCode).toBe(
        200,
      );
      const chosen = await h.get('deu-staff', `/api/meetings/${id}/record.pdf`);
      expect(chosen.headers['content-language']).toBe('uk');
      const badLang = await h.get('deu-staff', `/api/meetings/${id}/record.pdf?lang=de`);
      expect(badLang.statusCode).toBe(400);
    });

    it('tells a Ukrainian reader in Ukrainian, in the app and by e-mail; an older English-only notification is quoted as stored', async () => {
      expect(
        (await h.send('pol-liaison', 'PUT', '/api/session/language', { language: 'uk' })).statusCode,
      ).toBe(200);
      const prefs = await h.send('pol-liaison', 'PUT', '/api/cell/preferences', {
        email: 'liaison@pol.example',
        emailEnabled: true,
        events: ['action_created', 'action_status', 'decision_recorded', 'meeting_scheduled'],
        sectors: [],
      });
      expect(prefs.statusCode, prefs.body).toBe(200);
      // What came before the preferences is fanned out (to nobody) first.
      await h.app.cellwork.runOnce();
      const made = await h.post('fra-staff', '/api/actions', {
        title: 'Patrol the crossings',
        ownerNation: 'FRA',
        ownerPerson: 'Colonel Dupont',
        dueAt: '2026-11-25T12:00:00Z',
        meetingId: 'MTG-FRA-1',
        releasability: 'COALITION',
      });
      expect(made.statusCode, made.body).toBe(201);
      const id = made.json().id as string;
      const done = await h.post('fra-staff', `/api/actions/${id}/status`, {
        status: 'in_progress',
        note: 'on it',
      });
      expect(done.statusCode, done.body).toBe(200);
      // An English-only row, as written before the facts were stored (migration 0031).
      await sql`insert into cell_notification (at, event, message, subject_kind, subject_id, sector, rel_kind, rel_nations)
                values (${NOW}, 'decision_recorded', 'Decision DEC-OLD-1: an old decision (FRA, someone, 2026-11-01)',
                        'decision', 'DEC-OLD-1', null, 'COALITION', '{}')`.execute(h.database.db);
      const pass = await h.app.cellwork.runOnce();
      expect(pass.failed).toBe(0);

      const mails = sink.messages.filter((m) => m.to[0] === 'liaison@pol.example');
      const created = mails.find((m) => m.subject === `[Guarantor] Створено доручення: ${id}`);
      expect(created?.text).toContain(
        `Доручення ${id} для держави Франція (Colonel Dupont): Patrol the crossings, термін 25 лист. 2026 р., 12:00 UTC`,
      );
      expect(created?.text).not.toContain('for France');
      const status = mails.find((m) => m.subject === `[Guarantor] Змінено статус доручення: ${id}`);
      expect(status?.text).toContain(
        `Доручення ${id} (Patrol the crossings) має статус «виконується»: on it`,
      );
      const old = mails.find((m) => m.subject.endsWith('DEC-OLD-1'));
      expect(old?.text).toContain('Запис (мовою оригіналу): Decision DEC-OLD-1: an old decision');

      // The list carries the facts for the web to put in the reader's words, and the English sentence.
      const list = (await h.get('pol-liaison', '/api/cell/notifications')).json().notifications as {
        subjectId: string;
        event: string;
        message: string;
        notice: { key: string; params: Record<string, string> } | null;
      }[];
      const mine = list.find((n) => n.subjectId === id && n.event === 'action_created');
      expect(mine?.notice).toEqual({
        key: 'action_created_person',
        params: {
          id,
          title: 'Patrol the crossings',
          nation: 'FRA',
          person: 'Colonel Dupont',
          at: '2026-11-25T12:00:00.000Z',
        },
      });
      expect(mine?.message).toBe(
        `Action ${id} for France (Colonel Dupont): Patrol the crossings, due 25 Nov 2026, 12:00 UTC`,
      );
      expect(list.find((n) => n.subjectId === 'DEC-OLD-1')?.notice).toBeNull();
    });
  });
}
