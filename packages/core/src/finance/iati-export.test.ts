import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { parseIatiActivities } from './iati.ts';
import { type ExportFlow, iatiActivitiesXml } from './iati-export.ts';

const xsd = sharedData('iati/iati-activities-schema.xsd', 'the IATI export schema check');
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const lintSkip = xmllint ? undefined : 'xmllint (Debian libxml2-utils) is not installed';
// CI sets GUARANTOR_REQUIRE_XMLLINT=1: there the schema check must run, not skip.
if (lintSkip && process.env.GUARANTOR_REQUIRE_XMLLINT === '1')
  throw new Error(`GUARANTOR_REQUIRE_XMLLINT=1 but ${lintSkip}`);
if (lintSkip) console.warn(`IATI export schema check skipped: ${lintSkip}`);

const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url),
  'utf8',
);

/** xmllint's verdict on a document against the IATI 2.03 activity schema. */
function validate(xml: string): { ok: boolean; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'iati-')), 'export.xml');
  writeFileSync(file, xml);
  try {
    const output = execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd.path, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

const kiel: ExportFlow = {
  activityId: null,
  activityTitle: null,
  donor: 'FRA',
  donorName: 'France <& "Co">',
  stage: 'commitment',
  amountMinor: 64_620_000_000n,
  currency: 'EUR',
  date: '2022-03-01',
  instrument: 'unspecified',
  sectorVocabulary: null,
  sectorCode: null,
  recipientCountry: null,
  recipientRegionVocabulary: null,
  recipientRegion: null,
  recipient: null,
  description: null,
  source: 'kiel-r29@FRA',
  sourceDocument: 'Kiel Ukraine Support Tracker',
};

describe.skipIf(xsd.skip ?? lintSkip)('IATI 2.03 export', () => {
  const at = new Date('2026-11-27T08:00:00.123Z');

  it('writes imported activities back as XML that validates against the IATI 2.03 schema, values unchanged', () => {
    const read = parseIatiActivities(FIXTURE);
    const out = iatiActivitiesXml(
      read.flows.map((f) => ({
        ...f,
        donorName: read.donors.find((d) => d.code === f.donor)!.name,
        source: 'fixture',
        sourceDocument: 'fixture file',
      })),
      { generatedAt: at },
    );
    expect(out).toMatchObject({ activities: 2, transactions: 5, leftOut: 0 });
    const verdict = validate(out.xml);
    expect(verdict.output).toBe('');
    expect(verdict.ok).toBe(true);
    // Round trip: the export read again gives the same flows.
    const again = parseIatiActivities(out.xml);
    expect(again.problems).toEqual([]);
    expect(
      again.flows.map((f) => [f.activityId, f.stage, f.amountMinor, f.currency, f.date, f.sectorCode]),
    ).toEqual(
      read.flows.map((f) => [f.activityId, f.stage, f.amountMinor, f.currency, f.date, f.sectorCode]),
    );
  });

  it('gives flows without an activity one per source and donor, escapes names, and leaves allocations out', () => {
    const out = iatiActivitiesXml(
      [
        kiel,
        { ...kiel, stage: 'allocation' },
        { ...kiel, stage: 'disbursement', amountMinor: 1n, instrument: 'loan' },
      ],
      { generatedAt: at },
    );
    expect(out).toMatchObject({ activities: 1, transactions: 2, leftOut: 1 });
    expect(out.xml).toContain('<iati-identifier>XM-GUARANTOR-kiel-r29@FRA-FRA</iati-identifier>');
    expect(out.xml).toContain('France &lt;&amp; &quot;Co&quot;&gt;');
    expect(validate(out.xml)).toEqual({ ok: true, output: '' });
  });

  it('xmllint catches an export that breaks the schema (the check is real)', () => {
    const out = iatiActivitiesXml([kiel], { generatedAt: at });
    const broken = out.xml.replace('<activity-status code="2"/>', '');
    const verdict = validate(broken);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toContain('activity-date');
  });
});
