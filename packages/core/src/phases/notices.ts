/**
 * What the cell is told about the gate (a phase notification) as facts: a key and its values,
 * stored beside the English sentence so that each reader reads it in their language (ADR 0057).
 * `noticeInEnglish` writes the sentence the notification has always stored, word for word.
 */
import type { IsoDate } from './dates.ts';
import type { ConditionResult } from './evaluate.ts';
import { type Cleared, clearedInEnglish } from './orders.ts';
import type { Phase, SectorStatus } from './phase.ts';

/** A phase notification's facts. Ids and codes as stored; people's words (authority, reasons, titles) as typed. */
export type PhaseNotice =
  | {
      readonly key: 'phase_changed';
      readonly params: {
        readonly phase: Phase;
        readonly from: Phase | null;
        readonly by: string;
        readonly nation: string;
        readonly authority: string;
      };
    }
  | {
      readonly key: 'phase_override';
      readonly params: { readonly phase: Phase; readonly from: Phase | null; readonly reason: string };
    }
  | {
      readonly key: 'sector_status';
      readonly params: {
        readonly sector: string;
        readonly status: SectorStatus;
        readonly day: IsoDate;
        readonly was: SectorStatus;
        /** The rules failing there, one for each of the notification's reasons and in their order. */
        readonly failing?: readonly {
          readonly rule: string;
          readonly explanation: string;
          readonly conditions: readonly ConditionResult[];
        }[];
      };
    }
  | {
      readonly key: 'breach';
      readonly params: {
        readonly sector: string;
        readonly rule: string;
        readonly day: IsoDate;
        /** The evaluator's English explanation, and the sector's conditions it was written from. */
        readonly explanation: string;
        readonly conditions: readonly ConditionResult[];
        /** The rung proposed (its title as typed, its committed nations), or null when none answers. */
        readonly rung: { readonly title: string; readonly nations: readonly string[] } | null;
      };
    }
  | {
      readonly key: 'order_issuable';
      readonly params: {
        readonly order: string;
        readonly offer: string;
        readonly quantity: number;
        readonly region: string;
        readonly sector: string;
        readonly cleared: readonly Cleared[];
      };
    };

/** The keys a phase notification may store. */
export const PHASE_NOTICE_KEYS = [
  'phase_changed',
  'phase_override',
  'sector_status',
  'breach',
  'order_issuable',
] as const satisfies readonly PhaseNotice['key'][];

/** True for a stored key this version knows (an older or newer row may hold another). */
export const isPhaseNoticeKey = (k: unknown): k is PhaseNotice['key'] =>
  typeof k === 'string' && (PHASE_NOTICE_KEYS as readonly string[]).includes(k);

/** The English sentence of a notice, as the notification's `message` stores it. */
export function noticeInEnglish(n: PhaseNotice): string {
  switch (n.key) {
    case 'phase_changed': {
      const p = n.params;
      return `phase is now ${p.phase} (from ${p.from}), decided by ${p.by} (${p.nation}) on the authority of ${p.authority}`;
    }
    case 'phase_override':
      return `phase is now ${n.params.phase} (from ${n.params.from}) BY OVERRIDE: ${n.params.reason}`;
    case 'sector_status': {
      const p = n.params;
      return `sector ${p.sector} is ${p.status} as of ${p.day} (was ${p.was})`;
    }
    case 'breach': {
      const p = n.params;
      const rung = p.rung
        ? `; proposed: ${p.rung.title} (committed: ${p.rung.nations.join(', ') || 'nobody yet'})`
        : '; no rung of the ladder answers it';
      return `sector ${p.sector} broke rule '${p.rule}' on ${p.day}: ${p.explanation}${rung}`;
    }
    case 'order_issuable': {
      const p = n.params;
      const because = p.cleared.map(clearedInEnglish);
      return `order ${p.order} (${p.offer}, ${p.quantity} to ${p.region}, sector ${p.sector}) is now issuable: ${because.join('; ') || 'every blocker cleared'}`;
    }
  }
}
