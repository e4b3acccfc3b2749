import type { Refusal } from '../i18n/refusals/index.ts';
import { isIso3 } from '../reference/nations.ts';

/**
 * A releasability label says which nations may read a record:
 * `PUBLIC` (anyone, including the public page), `COALITION` (any coalition member),
 * `REL TO UKR, USA, FRA` (the listed nations) or `NATIONAL FRA` (that nation only).
 */
export type Releasability =
  | { readonly kind: 'PUBLIC' }
  | { readonly kind: 'COALITION' }
  | { readonly kind: 'REL'; readonly nations: readonly string[] }
  | { readonly kind: 'NATIONAL'; readonly nation: string };

/**
 * Why a label did not parse; `message` is written (in English) for the person who typed it, and
 * `refusal` is the same as a catalogue key and values, for answers in the reader's language.
 */
export class LabelError extends Error {
  override readonly name = 'LabelError';
  readonly refusal: Refusal;
  constructor(message: string, refusal: Refusal) {
    super(message);
    this.refusal = refusal;
  }
}

/** Who is reading: a member nation of the coalition, or the public (no nation). */
export interface Reader {
  readonly nation: string | null;
  readonly coalitionMember: boolean;
}

/** Parses a label; throws LabelError naming what is wrong. Nations must be ISO 3166-1 alpha-3. */
export function parseReleasability(text: string): Releasability {
  const label = text.trim().replace(/\s+/g, ' ').toUpperCase();
  if (label === 'PUBLIC') return { kind: 'PUBLIC' };
  if (label === 'COALITION') return { kind: 'COALITION' };
  const national = /^NATIONAL ([A-Z]{3})$/.exec(label);
  if (national) return { kind: 'NATIONAL', nation: checkNation(national[1]!, text) };
  const rel = /^REL TO (.+)$/.exec(label);
  if (rel) {
    const nations = rel[1]!.split(',').map((n) => n.trim());
    if (nations.some((n) => n === ''))
      throw new LabelError(`label "${text}": empty nation in the REL TO list`, {
        key: 'access.labelEmptyNation',
        params: { text },
      });
    const unique = [...new Set(nations.map((n) => checkNation(n, text)))].sort();
    return { kind: 'REL', nations: unique };
  }
  throw new LabelError(
    `label "${text}" is not one of PUBLIC, COALITION, REL TO <ISO3, ISO3…>, NATIONAL <ISO3>`,
    { key: 'access.labelUnknown', params: { text } },
  );
}

function checkNation(code: string, text: string): string {
  if (!isIso3(code))
    throw new LabelError(`label "${text}": "${code}" is not an ISO 3166-1 alpha-3 code`, {
      key: 'access.labelNotIso3',
      params: { text, code },
    });
  return code;
}

/**
 * The label that admits exactly the readers both labels admit: what a record built from two
 * records (an incident fused from two observations) may carry. Assumes REL TO lists name
 * coalition members, as the cell issues them. An empty REL TO admits nobody and prints as
 * `REL TO` with no nation; only such derived records carry it.
 */
export function meetLabels(a: Releasability, b: Releasability): Releasability {
  if (a.kind === 'PUBLIC') return b;
  if (b.kind === 'PUBLIC') return a;
  if (a.kind === 'COALITION') return b;
  if (b.kind === 'COALITION') return a;
  const left = new Set(labelNations(a));
  const common = labelNations(b).filter((n) => left.has(n));
  if (a.kind === 'NATIONAL' || b.kind === 'NATIONAL') {
    return common.length === 1 ? { kind: 'NATIONAL', nation: common[0]! } : { kind: 'REL', nations: [] };
  }
  return { kind: 'REL', nations: [...common].sort() };
}

/** The canonical text of a label: nations sorted, comma and space separated. */
export function formatReleasability(label: Releasability): string {
  switch (label.kind) {
    case 'PUBLIC':
    case 'COALITION':
      return label.kind;
    case 'REL':
      return label.nations.length === 0 ? 'REL TO' : `REL TO ${label.nations.join(', ')}`;
    case 'NATIONAL':
      return `NATIONAL ${label.nation}`;
  }
}

/** The nations a label names: the REL TO list or the NATIONAL owner, empty otherwise. */
export function labelNations(label: Releasability): readonly string[] {
  if (label.kind === 'REL') return label.nations;
  if (label.kind === 'NATIONAL') return [label.nation];
  return [];
}

/**
 * True when the label admits the reader. This is the rule the server applies on every read
 * path; the database's row-level security policy (`guarantor_admits` in the migrations)
 * states the same rule in SQL, and the access tests run both against one table of cases.
 */
export function admits(label: Releasability, reader: Reader): boolean {
  switch (label.kind) {
    case 'PUBLIC':
      return true;
    case 'COALITION':
      return reader.nation !== null && reader.coalitionMember;
    case 'REL':
      return reader.nation !== null && label.nations.includes(reader.nation);
    case 'NATIONAL':
      return reader.nation === label.nation;
  }
}
