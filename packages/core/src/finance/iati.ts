/**
 * IATI 2.03 activity files in: activities, their participating organisations as donors, and
 * their transactions as flows (TransactionType 12, 2, 3, 4 become pledge, commitment,
 * disbursement, expenditure; other types are skipped with the reason). A file of another
 * version, or one that breaks the 2.03 schema where Guarantor reads it, is refused whole with
 * each problem naming its element. Pure: text in, flows, skips and problems out (ADR 0033).
 */

import { reasoned, type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal, RefusalKey } from '../i18n/refusals/index.ts';
import { exponentOf, isCurrency, readScaled } from './money.ts';
import type { DonorKind, FlowStage, Instrument } from './stages.ts';
import { isIsoDate } from './table.ts';
import { readXmlTree, type XmlLimits, type XmlNode, XmlTreeError } from './xml-tree.ts';

/** The one IATI version read and written. */
export const IATI_VERSION = '2.03';

/** 64 MB: large publishers split their files below this; the element bound keeps memory in hand. */
export const IATI_LIMITS: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxElements: 2_000_000, maxDepth: 40 };

/** A file refused before any activity is read: hostile, too large, malformed, another version, or not activities. */
export class IatiRefusal extends Error {
  override readonly name = 'IatiRefusal';
  readonly kind: 'hostile' | 'too_large' | 'malformed' | 'version' | 'not_activities';
  /** The version the file declares, for `version`. */
  readonly version?: string;
  /** The message as a catalogue key and values. */
  readonly refusal: Refusal;
  constructor(
    kind: 'hostile' | 'too_large' | 'malformed' | 'version' | 'not_activities',
    reason: Said,
    version?: string,
  ) {
    super(reason.reason);
    this.kind = kind;
    this.version = version;
    this.refusal = reason.refusal;
  }
}

/**
 * Something wrong in an element, where an officer finds it: `iati-activity[2] (XM-1)/transaction[3]/value/@currency`.
 * `reason` in English, `refusal` the same as a catalogue key and values.
 */
export interface IatiProblem {
  readonly element: string;
  readonly reason: string;
  readonly refusal: Refusal;
}

/** A transaction read but not taken, and why. */
export type IatiSkip = IatiProblem;

/** One transaction as a flow. */
export interface IatiFlow {
  readonly activityId: string;
  readonly activityTitle: string;
  readonly element: string;
  readonly transactionType: 12 | 2 | 3 | 4;
  readonly stage: FlowStage;
  readonly donor: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  /** The value date: the day its rate converts at. */
  readonly date: string;
  readonly transactionDate: string;
  readonly instrument: Instrument;
  readonly sectorVocabulary: '1' | '2' | null;
  readonly sectorCode: string | null;
  readonly recipientCountry: string | null;
  readonly recipientRegionVocabulary: string | null;
  readonly recipientRegion: string | null;
  readonly recipient: string | null;
  readonly description: string | null;
  /** The activity's location points (`location/point/pos`), longitude first, for booking it to a region. */
  readonly locations: readonly { readonly lon: number; readonly lat: number }[];
  /** Unique within the file: `<activity id> transaction <n>`. */
  readonly sourceKey: string;
}

/** A donor named by a file. */
export interface IatiDonor {
  readonly code: string;
  readonly name: string;
  readonly kind: DonorKind;
}

/** What a file gave. */
export interface IatiRead {
  readonly activitiesRead: number;
  readonly transactionsRead: number;
  readonly flows: readonly IatiFlow[];
  readonly donors: readonly IatiDonor[];
  readonly skipped: readonly IatiSkip[];
  readonly problems: readonly IatiProblem[];
}

const STAGE_OF: Readonly<Record<string, { type: IatiFlow['transactionType']; stage: FlowStage }>> = {
  '12': { type: 12, stage: 'pledge' },
  '2': { type: 2, stage: 'commitment' },
  '3': { type: 3, stage: 'disbursement' },
  '4': { type: 4, stage: 'expenditure' },
};

/** TransactionType codes Guarantor reads but does not track, in IATI's words. */
const NOT_TRACKED: ReadonlySet<string> = new Set(['1', '5', '6', '7', '8', '9', '10', '11', '13']);

/** Children of iati-activity in the 2.03 schema; anything else must be in its own namespace. */
const ACTIVITY_CHILDREN = new Set([
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'participating-org',
  'other-identifier',
  'activity-status',
  'activity-date',
  'contact-info',
  'activity-scope',
  'recipient-country',
  'recipient-region',
  'location',
  'sector',
  'tag',
  'country-budget-items',
  'humanitarian-scope',
  'policy-marker',
  'collaboration-type',
  'default-flow-type',
  'default-finance-type',
  'default-aid-type',
  'default-tied-status',
  'budget',
  'planned-disbursement',
  'capital-spend',
  'transaction',
  'document-link',
  'related-activity',
  'legacy-data',
  'conditions',
  'result',
  'crs-add',
  'fss',
]);

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const childrenNamed = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);
/** The first narrative's text (English where marked), or the element's own text. */
const narrative = (n: XmlNode | undefined): string => {
  if (!n) return '';
  const all = childrenNamed(n, 'narrative');
  const en = all.find((x) => !x.attributes['xml:lang'] || x.attributes['xml:lang'] === 'en');
  return (en ?? all[0])?.text ?? n.text;
};

/** A donor code from an IATI organisation identifier: upper case, [A-Z0-9_-], at most 32. */
export function donorCode(ref: string): string | null {
  const code = ref
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9_-]/g, '-')
    .slice(0, 32);
  return /^[A-Z0-9][A-Z0-9_-]{1,31}$/.test(code) ? code : null;
}

/** IATI OrganisationType → donor kind (10, 11, 15 government; 60, 70–73 private; else an institution). */
function kindOf(type: string | undefined, code: string): DonorKind {
  if ((type === '10' || type === '11' || type === '15') && /^[A-Z]{3}$/.test(code)) return 'nation';
  if (type === '60' || type === '70' || type === '71' || type === '72' || type === '73') return 'private';
  return 'institution';
}

/** IATI FinanceType → instrument: 1xx grants, 4xx loans, 5xx equity, 1100 guarantees. */
export function instrumentOf(financeType: string | undefined): Instrument {
  if (!financeType) return 'unspecified';
  if (financeType === '1100') return 'guarantee';
  if (/^1\d\d$/.test(financeType)) return 'grant';
  if (/^4\d\d$/.test(financeType)) return 'loan';
  if (/^5\d\d$/.test(financeType)) return 'equity';
  return 'unspecified';
}

/**
 * Reads an IATI 2.03 activity file. Throws IatiRefusal when the file is not read at all;
 * otherwise every problem is listed (a caller stores nothing unless there are none).
 */
export function parseIatiActivities(text: string, limits: XmlLimits = IATI_LIMITS): IatiRead {
  let roots: XmlNode[];
  try {
    roots = readXmlTree(text, limits);
  } catch (error) {
    if (error instanceof XmlTreeError)
      throw new IatiRefusal(error.kind, { reason: error.message, refusal: error.refusal });
    throw error;
  }
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'iati-activities') {
    throw new IatiRefusal('not_activities', said('iatiChecks.notActivities', { root: root?.name ?? 'none' }));
  }
  const version = root.attributes.version;
  if (version !== IATI_VERSION) {
    throw new IatiRefusal(
      'version',
      version
        ? said('iatiChecks.otherVersion', { version, supported: IATI_VERSION })
        : said('iatiChecks.noVersion', { supported: IATI_VERSION }),
      version,
    );
  }
  const problems: IatiProblem[] = [];
  const skipped: IatiSkip[] = [];
  const flows: IatiFlow[] = [];
  const donors = new Map<string, IatiDonor>();
  const activityIds = new Map<string, number>();
  let activitiesRead = 0;
  let transactionsRead = 0;
  root.children.forEach((activity, a) => {
    if (activity.name !== 'iati-activity') {
      problems.push(
        reasoned(
          { element: `iati-activities/${activity.name}` },
          said('iatiChecks.notActivity', { name: activity.name }),
        ),
      );
      return;
    }
    activitiesRead += 1;
    const id = child(activity, 'iati-identifier')?.text ?? '';
    const at = `iati-activity[${a + 1}]${id ? ` (${id})` : ''}`;
    const problem = (element: string, reason: Said) =>
      problems.push(reasoned({ element: `${at}${element}` }, reason));
    if (!id) problem('/iati-identifier', said('iatiChecks.noIdentifier'));
    else {
      const earlier = activityIds.get(id);
      if (earlier !== undefined)
        problem('/iati-identifier', said('iatiChecks.duplicateActivity', { activity: earlier }));
      else activityIds.set(id, a + 1);
    }
    checkActivity(activity, problem);
    const title = narrative(child(activity, 'title'));
    const defaultCurrency = activity.attributes['default-currency'];
    const defaultFinance = child(activity, 'default-finance-type')?.attributes.code;
    const dacSectors = childrenNamed(activity, 'sector').filter((s) =>
      ['1', '2'].includes(s.attributes.vocabulary ?? '1'),
    );
    const regions = childrenNamed(activity, 'recipient-region');
    const locations = activityLocations(activity, problem);
    const countries = childrenNamed(activity, 'recipient-country');
    const funder =
      childrenNamed(activity, 'participating-org').find((p) => p.attributes.role === '1') ??
      child(activity, 'reporting-org');
    const seen = new Map<string, number>();
    childrenNamed(activity, 'transaction').forEach((tx, t) => {
      transactionsRead += 1;
      const where = `/transaction[${t + 1}]`;
      const txProblem = (element: string, reason: Said) => problem(`${where}${element}`, reason);
      const type = child(tx, 'transaction-type')?.attributes.code;
      const txDate = child(tx, 'transaction-date')?.attributes['iso-date'];
      const value = child(tx, 'value');
      if (!type) txProblem('/transaction-type', said('iatiChecks.missingWithout', { attribute: '@code' }));
      if (!txDate)
        txProblem('/transaction-date', said('iatiChecks.missingWithout', { attribute: '@iso-date' }));
      else if (!isIsoDate(txDate))
        txProblem('/transaction-date/@iso-date', said('financeChecks.notDate', { text: txDate }));
      if (!value) txProblem('/value', said('iatiChecks.noValue'));
      if (!type || !value) return;
      const mapped = STAGE_OF[type];
      if (!mapped) {
        if (NOT_TRACKED.has(type))
          skipped.push(
            reasoned(
              { element: `${at}${where}` },
              said('iatiChecks.notTracked', {
                type,
                words: { refusal: { key: `iatiChecks.transactionType.t${type}` as RefusalKey } },
              }),
            ),
          );
        else txProblem('/transaction-type/@code', said('iatiChecks.notTransactionType', { type }));
        return;
      }
      const valueDate = value.attributes['value-date'];
      if (!valueDate) txProblem('/value/@value-date', said('iatiChecks.noValueDate'));
      else if (!isIsoDate(valueDate))
        txProblem('/value/@value-date', said('financeChecks.notDate', { text: valueDate }));
      const currency = value.attributes.currency ?? defaultCurrency;
      if (!currency) txProblem('/value/@currency', said('iatiChecks.noCurrency'));
      else if (!isCurrency(currency))
        txProblem('/value/@currency', said('financeChecks.currencyNotTaken', { currency }));
      let amount: bigint | null = null;
      if (currency && isCurrency(currency)) {
        const parsed = readScaled(value.text, exponentOf(currency));
        if (typeof parsed !== 'bigint') txProblem('/value', parsed);
        else if (parsed < 0n) txProblem('/value', said('iatiChecks.negativeValue', { text: value.text }));
        else amount = parsed;
      }
      const provider = child(tx, 'provider-org') ?? funder;
      const ref = provider?.attributes.ref ?? '';
      const code = donorCode(ref);
      if (!code)
        txProblem(
          child(tx, 'provider-org') ? '/provider-org/@ref' : '/provider-org',
          said('iatiChecks.noProvider'),
        );
      const sector = childrenNamed(tx, 'sector').find((s) =>
        ['1', '2'].includes(s.attributes.vocabulary ?? '1'),
      );
      const sectorNode = sector ?? (dacSectors.length === 1 ? dacSectors[0] : undefined);
      const sectorCode = sectorNode?.attributes.code ?? null;
      if (sectorNode && !sectorCode) txProblem('/sector/@code', said('iatiChecks.missing'));
      const region = child(tx, 'recipient-region') ?? (regions.length === 1 ? regions[0] : undefined);
      const country = child(tx, 'recipient-country') ?? (countries.length === 1 ? countries[0] : undefined);
      const countryCode = country?.attributes.code?.toUpperCase() ?? null;
      if (country && !/^[A-Z]{2}$/.test(countryCode ?? ''))
        txProblem(
          '/recipient-country/@code',
          said('iatiChecks.notAlpha2', { text: country.attributes.code ?? '' }),
        );
      if (region && !region.attributes.code) txProblem('/recipient-region/@code', said('iatiChecks.missing'));
      if (!valueDate || !isIsoDate(valueDate) || amount === null || !code || !currency) return;
      const key = [mapped.type, txDate, valueDate, amount, currency, code, tx.attributes.ref ?? ''].join('|');
      const twin = seen.get(key);
      if (twin !== undefined) {
        txProblem('', said('iatiChecks.duplicateTransaction', { transaction: twin }));
        return;
      }
      seen.set(key, t + 1);
      if (!donors.has(code))
        donors.set(code, {
          code,
          name: narrative(provider) || code,
          kind: kindOf(provider?.attributes.type, code),
        });
      flows.push({
        activityId: id,
        activityTitle: title,
        element: `${at}${where}`,
        transactionType: mapped.type,
        stage: mapped.stage,
        donor: code,
        amountMinor: amount,
        currency,
        date: valueDate,
        transactionDate: txDate ?? valueDate,
        instrument: instrumentOf(child(tx, 'finance-type')?.attributes.code ?? defaultFinance),
        sectorVocabulary: sectorCode ? ((sectorNode?.attributes.vocabulary ?? '1') as '1' | '2') : null,
        sectorCode,
        recipientCountry: countryCode,
        recipientRegionVocabulary: region?.attributes.code ? (region.attributes.vocabulary ?? '1') : null,
        recipientRegion: region?.attributes.code ?? null,
        recipient: narrative(child(tx, 'receiver-org')) || null,
        description: narrative(child(tx, 'description')) || null,
        locations,
        sourceKey: `${id} transaction ${t + 1}`,
      });
    });
  });
  if (activitiesRead === 0 && problems.length === 0)
    problems.push(reasoned({ element: 'iati-activities' }, said('iatiChecks.noActivity')));
  return { activitiesRead, transactionsRead, flows, donors: [...donors.values()], skipped, problems };
}

/**
 * The activity's location points. IATI writes `pos` as "latitude longitude" in WGS 84
 * (srsName EPSG 4326, the only one the standard allows); a point that is not is a problem.
 */
function activityLocations(
  activity: XmlNode,
  problem: (element: string, reason: Said) => void,
): { lon: number; lat: number }[] {
  const points: { lon: number; lat: number }[] = [];
  childrenNamed(activity, 'location').forEach((location, l) => {
    const point = child(location, 'point');
    const pos = point ? child(point, 'pos') : undefined;
    if (!pos) return;
    const parts = pos.text.trim().split(/\s+/).map(Number);
    const [lat, lon] = parts;
    if (
      parts.length !== 2 ||
      lat === undefined ||
      lon === undefined ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon) ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180
    ) {
      problem(`/location[${l + 1}]/point/pos`, said('iatiChecks.notPosition', { text: pos.text.trim() }));
      return;
    }
    points.push({ lon, lat });
  });
  return points;
}

/** The 2.03 schema's required elements and attributes of an activity, where Guarantor reads them. */
function checkActivity(activity: XmlNode, problem: (element: string, reason: Said) => void): void {
  for (const c of activity.children) {
    if (!ACTIVITY_CHILDREN.has(c.name) && !c.name.includes(':'))
      problem(`/${c.name}`, said('iatiChecks.notElement', { name: c.name, supported: IATI_VERSION }));
  }
  const reporting = child(activity, 'reporting-org');
  if (!reporting) problem('/reporting-org', said('iatiChecks.noReportingOrg'));
  else {
    if (!reporting.attributes.ref) problem('/reporting-org/@ref', said('iatiChecks.missing'));
    if (!reporting.attributes.type) problem('/reporting-org/@type', said('iatiChecks.missing'));
  }
  if (!narrative(child(activity, 'title'))) problem('/title', said('iatiChecks.noNarrative'));
  if (!child(activity, 'description')) problem('/description', said('iatiChecks.needsOne'));
  const orgs = childrenNamed(activity, 'participating-org');
  if (orgs.length === 0) problem('/participating-org', said('iatiChecks.needsAtLeastOne'));
  orgs.forEach((o, i) => {
    if (!o.attributes.role) problem(`/participating-org[${i + 1}]/@role`, said('iatiChecks.missing'));
  });
  const status = child(activity, 'activity-status');
  if (!status?.attributes.code)
    problem('/activity-status', said('iatiChecks.missingWithout', { attribute: '@code' }));
  const dates = childrenNamed(activity, 'activity-date');
  if (dates.length === 0) problem('/activity-date', said('iatiChecks.needsAtLeastOne'));
  dates.forEach((d, i) => {
    const iso = d.attributes['iso-date'];
    if (!iso || !isIsoDate(iso))
      problem(`/activity-date[${i + 1}]/@iso-date`, said('financeChecks.notDate', { text: iso ?? '' }));
  });
}

/** An activity whose disbursements exceed its commitments in one currency. */
export interface OverCommitment {
  readonly activityId: string;
  readonly currency: string;
  readonly committedMinor: bigint;
  readonly disbursedMinor: bigint;
}

/**
 * Activities (with at least one commitment) whose disbursed sum is larger than their committed
 * sum, per currency: such disbursements are stored only with a recorded reason.
 */
export function overCommitments(
  flows: readonly Pick<IatiFlow, 'activityId' | 'currency' | 'stage' | 'amountMinor'>[],
): OverCommitment[] {
  const sums = new Map<
    string,
    { activityId: string; currency: string; c: bigint; d: bigint; has: boolean }
  >();
  for (const f of flows) {
    const key = `${f.activityId}\u0000${f.currency}`;
    const s = sums.get(key) ?? { activityId: f.activityId, currency: f.currency, c: 0n, d: 0n, has: false };
    if (f.stage === 'commitment') {
      s.c += f.amountMinor;
      s.has = true;
    } else if (f.stage === 'disbursement') s.d += f.amountMinor;
    sums.set(key, s);
  }
  return [...sums.values()]
    .filter((s) => s.has && s.d > s.c)
    .map((s) => ({
      activityId: s.activityId,
      currency: s.currency,
      committedMinor: s.c,
      disbursedMinor: s.d,
    }));
}
