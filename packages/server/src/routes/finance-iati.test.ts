import { readFileSync } from 'node:fs';
import { verifyAudit } from '@guarantor/db';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url),
  'utf8',
);

/** One activity: a commitment of 100 and disbursements of 60 and 50 (past the commitment). */
const OVER = FIXTURE.replace(/<iati-activity default-currency="USD">[\s\S]*<\/iati-activity>/, '')
  .replace('XM-EXAMPLE-1-UA-ENERGY', 'XM-EXAMPLE-3-OVER')
  .replace('>4000000.50<', '>11000000.00<');

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`IATI import and flow exports on ${engine.name}`, () => {
    let h: ApiHarness;
    const xml = (user: string, url: string, body: string) =>
      h.sendRaw(user, 'POST', url, body, 'application/xml');
    const flowCount = async () =>
      Number(
        (
          await h.database.db
            .selectFrom('finance_flow')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: new Date('2026-11-20T12:00:00Z'),
        seed: false,
        users: [
          ['deu-finance', 'DEU', ['finance']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['usa-liaison', 'USA', ['liaison']],
        ],
      });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('imports an activity file with a report: taken, skipped with reasons, the audit entry', async () => {
      const res = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=example-fund&releasability=PUBLIC',
        FIXTURE,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        source: 'example-fund@DEU',
        rowsRead: 6,
        stored: 5,
        replaced: 0,
        activities: 2,
        donors: 2,
        skipped: [
          {
            element: 'iati-activity[1] (XM-EXAMPLE-1-UA-ENERGY)/transaction[4]',
            reason: expect.stringContaining('incoming funds'),
          },
        ],
        overCommitted: [],
        // The grid repair's one location lies in Kharkiv oblast; the demining spans two oblasts.
        regions: { booked: 1, withPoints: 2 },
      });
      // Again: the source's rows are replaced, not doubled.
      const again = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=example-fund&releasability=PUBLIC',
        FIXTURE,
      );
      expect(again.json()).toMatchObject({ stored: 5, replaced: 5 });
      expect(await flowCount()).toBe(5);
      const audit = await h.get('deu-finance', '/api/audit?entity=finance_flow');
      expect(audit.body).toContain('finance.import_iati');
      expect((await verifyAudit(h.database.db)).ok).toBe(true);
    });

    it('refuses hostile and wrong files with a 4xx naming what is wrong, and stores nothing', async () => {
      const before = await flowCount();
      const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><iati-activities version="2.03">&b;</iati-activities>`;
      const hostile = await xml('deu-finance', '/api/finance/import/iati?source=bad', laughs);
      expect(hostile.statusCode).toBe(400);
      expect(hostile.json().error).toMatchObject({ code: 'import.refused', field: 'body' });
      expect(hostile.json().error.message).toContain('DOCTYPE and ENTITY declarations are not accepted');

      const old = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=bad',
        FIXTURE.replace('version="2.03"', 'version="1.05"'),
      );
      expect(old.statusCode).toBe(400);
      expect(old.json().error).toMatchObject({
        code: 'iati.version_unsupported',
        details: { version: '1.05' },
      });
      expect(old.json().error.message).toContain('IATI version 1.05');

      const invalid = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=bad',
        FIXTURE.replace('<activity-status code="2"/>', '').replace('>12000000.00<', '>12,000,000<'),
      );
      expect(invalid.statusCode).toBe(400);
      const error = invalid.json().error;
      expect(error.code).toBe('iati.invalid');
      expect(error.details.rejected.map((p: { element: string }) => p.element)).toEqual([
        'iati-activity[1] (XM-EXAMPLE-1-UA-ENERGY)/activity-status',
        'iati-activity[1] (XM-EXAMPLE-1-UA-ENERGY)/transaction[1]/value',
      ]);

      const duplicate = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=bad',
        FIXTURE.replace(
          '<transaction ref="E-2">',
          '<transaction ref="E-1"><transaction-type code="12"/><transaction-date iso-date="2026-03-02"/><value currency="EUR" value-date="2026-03-02">12000000.00</value><provider-org ref="XM-EXAMPLE-1"/></transaction><transaction ref="E-2">',
        ),
      );
      expect(duplicate.json().error.details.rejected[0].reason).toContain('duplicate');

      const huge = await h.app.inject({
        method: 'POST',
        url: '/api/finance/import/iati?source=bad',
        headers: { ...sessionHeaders('deu-finance'), 'content-type': 'application/xml' },
        payload: Buffer.alloc(64 * 1024 * 1024 + 1, 32),
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe('request.too_large');
      expect(await flowCount()).toBe(before);
    });

    function sessionHeaders(user: string) {
      const s = h.session(user);
      return { cookie: s.cookie, 'x-csrf-token': s.csrf };
    }

    it('takes a disbursement past its commitment only with a recorded reason', async () => {
      const before = await flowCount();
      const refused = await xml('deu-finance', '/api/finance/import/iati?source=over', OVER);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({
        code: 'finance.over_commitment',
        field: 'query.overCommitmentReason',
        details: {
          overCommitted: [
            {
              activityId: 'XM-EXAMPLE-3-OVER',
              currency: 'EUR',
              committed: '10000000.00',
              disbursed: '11000000.00',
            },
          ],
        },
      });
      expect(await flowCount()).toBe(before);
      const blank = await xml(
        'deu-finance',
        '/api/finance/import/iati?source=over&overCommitmentReason=%20%20',
        OVER,
      );
      expect(blank.statusCode).toBe(400);
      const reason = 'the second tranche came from a top-up agreed on 2026-05-20';
      const taken = await xml(
        'deu-finance',
        `/api/finance/import/iati?source=over&releasability=PUBLIC&overCommitmentReason=${encodeURIComponent(reason)}`,
        OVER,
      );
      expect(taken.statusCode, taken.body).toBe(200);
      expect(taken.json().overCommitted).toHaveLength(1);
      const stored = await h.database.db
        .selectFrom('finance_flow')
        .select(['stage', 'over_commitment_reason'])
        .where('source', '=', 'over@DEU')
        .orderBy('value_date')
        .execute();
      expect(stored.map((s) => [s.stage, s.over_commitment_reason])).toEqual([
        ['pledge', null],
        ['commitment', null],
        ['disbursement', reason],
      ]);
      // The database itself refuses a blank reason.
      await expect(
        h.database.db
          .updateTable('finance_flow')
          .set({ over_commitment_reason: ' ' })
          .where('source', '=', 'over@DEU')
          .execute(),
      ).rejects.toThrow();
    });

    it('refuses a reader without the finance or cell staff role', async () => {
      const res = await xml('usa-liaison', '/api/finance/import/iati?source=x', FIXTURE);
      expect(res.statusCode).toBe(403);
    });

    it('exports flows as IATI XML, HXL CSV and XLSX, as the reader may see them', async () => {
      await xml(
        'fra-staff',
        '/api/finance/import/iati?source=fra-only&releasability=NATIONAL%20FRA',
        FIXTURE.replaceAll('XM-EXAMPLE-', 'XM-FRENCH-'),
      );
      const deu = await h.get('deu-finance', '/api/finance/activities.xml');
      expect(deu.statusCode).toBe(200);
      expect(deu.headers['content-type']).toContain('application/xml');
      expect(deu.body).toContain('<iati-activities version="2.03"');
      expect(deu.body).toContain('XM-EXAMPLE-1-UA-ENERGY');
      expect(deu.body).not.toContain('XM-FRENCH');
      expect((await h.get('fra-staff', '/api/finance/activities.xml')).body).toContain(
        'XM-FRENCH-1-UA-ENERGY',
      );

      const csv = await h.get('deu-finance', '/api/finance/flows.csv');
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.split('\r\n');
      expect(lines[0]!.startsWith('\ufeffActivity,Activity title,Donor')).toBe(true);
      expect(lines[1]!.startsWith('#activity+code,#activity+name,#org+funder+name')).toBe(true);
      expect(csv.body).toContain('Energy distribution (23630)');
      expect(csv.body).toContain('Removal of land mines and explosive remnants of war');
      expect(csv.body).not.toContain('XM-FRENCH');

      const xlsx = await h.get('deu-finance', '/api/finance/flows.xlsx');
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Finance flows')!;
      expect(sheet.getRow(2).getCell(1).value).toBe('#activity+code');
      expect(sheet.rowCount).toBe(2 + (lines.length - 3));
      expect(JSON.stringify(sheet.getSheetValues())).not.toContain('XM-FRENCH');
    });
  });
}
