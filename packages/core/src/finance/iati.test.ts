import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { IatiRefusal, overCommitments, parseIatiActivities } from './iati.ts';

const FIXTURE = readFileSync(
  new URL('../../../../test/fixtures/iati/ukraine-reconstruction.xml', import.meta.url),
  'utf8',
);
const example = sharedData('iati/activity-standard-example-annotated.xml', 'the IATI standard example');

/** One activity around the given transactions. */
function activityFile(transactions: string, options: { version?: string; extra?: string } = {}): string {
  return `<?xml version="1.0"?>
<iati-activities version="${options.version ?? '2.03'}">
 <iati-activity default-currency="EUR">
  <iati-identifier>XM-T-1</iati-identifier>
  <reporting-org ref="XM-T" type="40"><narrative>T</narrative></reporting-org>
  <title><narrative>Test</narrative></title>
  <description><narrative>d</narrative></description>
  <participating-org ref="XM-T" role="1"/>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2026-01-01"/>
  ${options.extra ?? ''}
  ${transactions}
 </iati-activity>
</iati-activities>`;
}
const tx = (type: number, value: string, date = '2026-03-02', ref = '') =>
  `<transaction${ref ? ` ref="${ref}"` : ''}><transaction-type code="${type}"/><transaction-date iso-date="${date}"/><value value-date="${date}">${value}</value></transaction>`;

function refusal(text: string): IatiRefusal {
  try {
    parseIatiActivities(text);
  } catch (error) {
    if (error instanceof IatiRefusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('IATI 2.03 activity files in', () => {
  it("reads each activity's location points, latitude first as IATI writes them, and names a bad one", () => {
    const read = parseIatiActivities(FIXTURE);
    expect(read.flows[0]!.locations).toEqual([{ lon: 36.2304, lat: 49.9935 }]);
    expect(read.flows[3]!.locations).toHaveLength(2);
    const bad = parseIatiActivities(
      activityFile(tx(2, '10'), {
        extra:
          '<location><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>36.2 north</pos></point></location>',
      }),
    );
    expect(bad.problems).toEqual([
      {
        element: 'iati-activity[1] (XM-T-1)/location[1]/point/pos',
        reason: `'36.2 north' is not "latitude longitude" in degrees (IATI writes the latitude first)`,
      },
    ]);
    expect(parseIatiActivities(activityFile(tx(2, '10'))).flows[0]!.locations).toEqual([]);
  });

  it('reads activities, donors and transactions as flows, and skips types it does not track with the reason', () => {
    const read = parseIatiActivities(FIXTURE);
    expect(read.problems).toEqual([]);
    expect(read.activitiesRead).toBe(2);
    expect(read.transactionsRead).toBe(6);
    expect(read.flows.map((f) => [f.activityId, f.stage, f.amountMinor, f.currency, f.date])).toEqual([
      ['XM-EXAMPLE-1-UA-ENERGY', 'pledge', 1_200_000_000n, 'EUR', '2026-03-02'],
      ['XM-EXAMPLE-1-UA-ENERGY', 'commitment', 1_000_000_000n, 'EUR', '2026-04-01'],
      ['XM-EXAMPLE-1-UA-ENERGY', 'disbursement', 400_000_050n, 'EUR', '2026-06-01'],
      ['XM-EXAMPLE-2-UA-DEMINING', 'commitment', 250_000_000n, 'USD', '2026-01-15'],
      ['XM-EXAMPLE-2-UA-DEMINING', 'disbursement', 120_000_000n, 'USD', '2026-02-16'],
    ]);
    const first = read.flows[0]!;
    // The activity's one DAC sector and country apply to its transactions; finance type 110 is a grant.
    expect([first.sectorCode, first.recipientCountry, first.instrument, first.donor]).toEqual([
      '23630',
      'UA',
      'grant',
      'XM-EXAMPLE-1',
    ]);
    expect(read.flows[2]!.description).toBe('First tranche & transformers');
    expect(read.donors.map((d) => [d.code, d.name, d.kind])).toEqual([
      ['XM-EXAMPLE-1', 'Example Reconstruction Fund', 'institution'],
      ['XM-EXAMPLE-2', 'Example Ministry', 'institution'],
    ]);
    expect(read.skipped).toEqual([
      {
        element: 'iati-activity[1] (XM-EXAMPLE-1-UA-ENERGY)/transaction[4]',
        reason: expect.stringContaining(
          'transaction type 1 (incoming funds) is not a stage Guarantor tracks',
        ),
      },
    ]);
  });

  it.skipIf(example.skip)(
    'reads the IATI standard example: one incoming-funds transaction, skipped with its reason',
    () => {
      const read = parseIatiActivities(readFileSync(example.path, 'utf8'));
      expect(read.problems).toEqual([]);
      expect(read.activitiesRead).toBe(1);
      expect(read.flows).toEqual([]);
      expect(read.skipped).toHaveLength(1);
    },
  );

  it('refuses a billion-laughs file and an external entity before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><iati-activities version="2.03">&lol2;</iati-activities>`;
    expect(refusal(laughs).kind).toBe('hostile');
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity>&xxe;</iati-activity></iati-activities>`;
    const e = refusal(external);
    expect(e.kind).toBe('hostile');
    expect(e.message).toContain('DOCTYPE and ENTITY declarations are not accepted');
    // An entity reference without a declaration is not expanded: it is refused.
    expect(refusal(activityFile(tx(2, '&xxe;'))).kind).toBe('malformed');
  });

  it('refuses a file over the size bound and one with too many elements', () => {
    const small = { maxBytes: 4096, maxElements: 1_000_000, maxDepth: 40 };
    expect(() => parseIatiActivities(activityFile(tx(2, '1').repeat(100)), small)).toThrow(/larger than/);
    const few = { maxBytes: 1 << 20, maxElements: 50, maxDepth: 40 };
    try {
      parseIatiActivities(activityFile(tx(2, '1').repeat(20)), few);
      expect.unreachable();
    } catch (error) {
      expect((error as IatiRefusal).kind).toBe('too_large');
    }
  });

  it('refuses another version, naming it', () => {
    for (const version of ['1.05', '2.02']) {
      const e = refusal(activityFile(tx(2, '1'), { version }));
      expect(e.kind).toBe('version');
      expect(e.version).toBe(version);
      expect(e.message).toContain(`IATI version ${version}`);
    }
    expect(refusal('<iati-organisations version="2.03"/>').kind).toBe('not_activities');
    expect(refusal('<iati-activities version="2.03"><iati-activity>').kind).toBe('malformed');
  });

  it('names the element where a file breaks the schema, and keeps every problem', () => {
    const read = parseIatiActivities(
      activityFile(
        `${tx(2, 'ten')}<transaction><transaction-type code="3"/><transaction-date iso-date="2026-02-30"/></transaction>${tx(99, '1')}${tx(3, '-5')}`,
        { extra: '<fancy-element/>' },
      ),
    );
    expect(read.problems.map((p) => p.element)).toEqual([
      'iati-activity[1] (XM-T-1)/fancy-element',
      'iati-activity[1] (XM-T-1)/transaction[1]/value',
      'iati-activity[1] (XM-T-1)/transaction[2]/transaction-date/@iso-date',
      'iati-activity[1] (XM-T-1)/transaction[2]/value',
      'iati-activity[1] (XM-T-1)/transaction[3]/transaction-type/@code',
      'iati-activity[1] (XM-T-1)/transaction[4]/value',
    ]);
    expect(read.problems[1]!.reason).toContain("'ten' is not a decimal number");
    expect(read.problems[5]!.reason).toContain('negative');
  });

  it('finds duplicate transactions and duplicate activities', () => {
    const read = parseIatiActivities(activityFile(tx(2, '100') + tx(2, '100')));
    expect(read.problems).toEqual([
      {
        element: 'iati-activity[1] (XM-T-1)/transaction[2]',
        reason: 'duplicate: transaction[1] has the same type, dates, value and provider',
      },
    ]);
    const twice = activityFile(tx(2, '1')).replace(
      /<iati-activity [\s\S]*<\/iati-activity>/,
      (a) => `${a}${a}`,
    );
    expect(parseIatiActivities(twice).problems[0]).toEqual({
      element: 'iati-activity[2] (XM-T-1)/iati-identifier',
      reason: 'duplicate: iati-activity[1] has the same identifier',
    });
  });

  it('refuses an unknown currency and a value without its value date', () => {
    const read = parseIatiActivities(
      activityFile(
        '<transaction><transaction-type code="2"/><transaction-date iso-date="2026-01-01"/><value currency="XXX" value-date="2026-01-01">1</value></transaction><transaction><transaction-type code="2"/><transaction-date iso-date="2026-01-01"/><value>1</value></transaction>',
      ),
    );
    expect(read.problems.map((p) => [p.element.split('/').slice(1).join('/'), p.reason])).toEqual([
      ['transaction[1]/value/@currency', 'XXX is not a currency Guarantor takes (ISO 4217)'],
      ['transaction[2]/value/@value-date', 'missing: the value date says which rate converts it'],
    ]);
  });

  it('finds disbursements larger than their commitment, per activity and currency', () => {
    const read = parseIatiActivities(
      activityFile(tx(2, '100') + tx(3, '60', '2026-04-01') + tx(3, '50', '2026-05-01')),
    );
    expect(overCommitments(read.flows)).toEqual([
      { activityId: 'XM-T-1', currency: 'EUR', committedMinor: 10_000n, disbursedMinor: 11_000n },
    ]);
    // No commitment at all: nothing to exceed.
    expect(overCommitments(parseIatiActivities(activityFile(tx(3, '60'))).flows)).toEqual([]);
    expect(overCommitments(parseIatiActivities(FIXTURE).flows)).toEqual([]);
  });
});
