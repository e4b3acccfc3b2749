/**
 * Flows out as IATI 2.03 activity XML that validates against the IATI schema (the export test
 * runs `xmllint --schema`). Elements follow the schema's sequence order. Flows without an IATI
 * activity (the Kiel tracker's) become one activity per source and donor; allocations have no
 * TransactionType and are left out, counted (ADR 0027, 0033). Pure: records in, text out.
 */

import { IATI_VERSION } from './iati.ts';
import { formatMinor } from './money.ts';
import { type FlowStage, IATI_TRANSACTION_TYPE, type Instrument } from './stages.ts';
import { xmlEscape } from './xml-tree.ts';

/** One stored flow as the export reads it. */
export interface ExportFlow {
  readonly activityId: string | null;
  readonly activityTitle: string | null;
  readonly donor: string;
  readonly donorName: string;
  readonly stage: FlowStage;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly date: string;
  readonly instrument: Instrument | string;
  readonly sectorVocabulary: string | null;
  readonly sectorCode: string | null;
  readonly recipientCountry: string | null;
  readonly recipientRegionVocabulary: string | null;
  readonly recipientRegion: string | null;
  readonly recipient: string | null;
  readonly description: string | null;
  readonly source: string;
  readonly sourceDocument: string;
}

/** Who reports the exported activities. */
export interface ReportingOrg {
  readonly ref: string;
  /** IATI OrganisationType code. */
  readonly type: string;
  readonly name: string;
}

/** The reporting organisation when none is configured. */
export const GUARANTOR_REPORTING_ORG: ReportingOrg = {
  ref: 'XM-GUARANTOR',
  type: '40',
  name: 'Guarantor coordination cell',
};

/** IATI FinanceType for an instrument (110 standard grant, 421 standard loan, 1100 guarantees, 510 equity). */
const FINANCE_TYPE: Readonly<Record<string, string>> = {
  grant: '110',
  loan: '421',
  guarantee: '1100',
  equity: '510',
};

const attrs = (a: Record<string, string | null | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${xmlEscape(v as string)}"`)
    .join('');
const narrative = (text: string) => `<narrative>${xmlEscape(text)}</narrative>`;

/** An activity identifier for flows that came without one: the reporting org's prefix, the source and donor. */
function syntheticId(org: ReportingOrg, f: ExportFlow): string {
  return `${org.ref}-${f.source}-${f.donor}`.replace(/[^A-Za-z0-9_.@-]/g, '-');
}

/** The export and what it left out. */
export interface IatiExport {
  readonly xml: string;
  readonly activities: number;
  readonly transactions: number;
  /** Allocations: no IATI TransactionType. */
  readonly leftOut: number;
}

/** Writes IATI 2.03 activities with their transactions. */
export function iatiActivitiesXml(
  flows: readonly ExportFlow[],
  options: { readonly generatedAt: Date; readonly reportingOrg?: ReportingOrg },
): IatiExport {
  const org = options.reportingOrg ?? GUARANTOR_REPORTING_ORG;
  const stamp = `${options.generatedAt.toISOString().slice(0, 19)}Z`;
  const byActivity = new Map<string, ExportFlow[]>();
  let leftOut = 0;
  for (const f of flows) {
    if (IATI_TRANSACTION_TYPE[f.stage] === null) {
      leftOut += 1;
      continue;
    }
    const id = f.activityId ?? syntheticId(org, f);
    byActivity.set(id, [...(byActivity.get(id) ?? []), f]);
  }
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<iati-activities${attrs({ version: IATI_VERSION, 'generated-datetime': stamp })}>`,
  ];
  let transactions = 0;
  for (const [id, list] of [...byActivity].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = list[0]!;
    const title =
      first.activityTitle ?? `${first.donorName}: reconstruction finance (${first.sourceDocument})`;
    const start = list.map((f) => f.date).sort()[0]!;
    const donors = new Map(list.map((f) => [f.donor, f.donorName]));
    out.push(`<iati-activity${attrs({ 'last-updated-datetime': stamp, 'xml:lang': 'en' })}>`);
    out.push(`<iati-identifier>${xmlEscape(id)}</iati-identifier>`);
    out.push(
      `<reporting-org${attrs({ ref: org.ref, type: org.type })}>${narrative(org.name)}</reporting-org>`,
    );
    out.push(`<title>${narrative(title)}</title>`);
    out.push(
      `<description>${narrative(`Recorded in Guarantor from ${first.sourceDocument} (source ${first.source}).`)}</description>`,
    );
    for (const [code, name] of donors)
      out.push(`<participating-org${attrs({ ref: code, role: '1' })}>${narrative(name)}</participating-org>`);
    // 2 Implementation; 2 actual start, the earliest transaction's value date.
    out.push(`<activity-status code="2"/>`);
    out.push(`<activity-date${attrs({ type: '2', 'iso-date': start })}/>`);
    for (const f of list) {
      transactions += 1;
      const parts = [
        `<transaction-type code="${IATI_TRANSACTION_TYPE[f.stage]}"/>`,
        `<transaction-date iso-date="${f.date}"/>`,
        `<value${attrs({ currency: f.currency, 'value-date': f.date })}>${formatMinor(f.amountMinor, f.currency)}</value>`,
      ];
      if (f.description) parts.push(`<description>${narrative(f.description)}</description>`);
      parts.push(`<provider-org${attrs({ ref: f.donor })}>${narrative(f.donorName)}</provider-org>`);
      if (f.recipient) parts.push(`<receiver-org>${narrative(f.recipient)}</receiver-org>`);
      if (f.sectorCode)
        parts.push(`<sector${attrs({ vocabulary: f.sectorVocabulary ?? '1', code: f.sectorCode })}/>`);
      if (f.recipientCountry) parts.push(`<recipient-country${attrs({ code: f.recipientCountry })}/>`);
      else if (f.recipientRegion)
        parts.push(
          `<recipient-region${attrs({ code: f.recipientRegion, vocabulary: f.recipientRegionVocabulary ?? '1' })}/>`,
        );
      const financeType = FINANCE_TYPE[f.instrument];
      if (financeType) parts.push(`<finance-type code="${financeType}"/>`);
      out.push(`<transaction>${parts.join('')}</transaction>`);
    }
    out.push('</iati-activity>');
  }
  out.push('</iati-activities>', '');
  return { xml: out.join('\n'), activities: byActivity.size, transactions, leftOut };
}
