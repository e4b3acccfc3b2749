/** The phase routes' zod schemas and presenters, shared by the files of this folder. */
import type * as Api from '@guarantor/core/api';
import type { Phrasing } from '@guarantor/core/i18n/words';
import {
  type Blocker,
  failureReasonsInWords,
  isIsoDate,
  type KeptSectorEvaluation,
  type OrderCheck,
  PHASES,
  type RuleError,
  type RuleEvaluation,
  sectorEvaluationInWords,
} from '@guarantor/core/phases';
import { blockerInWords, blockerView, checkInWords } from '@guarantor/core/phases/gate-words';
import type { Actor, OrderRow, PhaseRow, RuleVersionRow } from '@guarantor/db/phases';
import { z } from 'zod';
import type { Principal } from '../../auth/context.ts';
import { AppError, worded } from '../../errors.ts';
import { matches } from '../contract.ts';

export const PhaseEnum = z.enum(PHASES);
export const IsoDateText = z.string().refine(isIsoDate, 'must be a YYYY-MM-DD date');
export const RuleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _, at most 64 characters');

export const AttachedEvaluationView = matches<Api.AttachedEvaluation>()(
  z.object({
    rule: z.string(),
    version: z.number().int(),
    asOf: z.string(),
    pass: z.boolean(),
    failing: z.array(z.string()),
  }),
);

/** A rule evaluation as a decision carries it: "sector: explanation" of each failing sector. */
export const presentEvaluation = (
  e: {
    readonly rule: { readonly id: string; readonly version: number };
    readonly asOf: string;
    readonly pass: boolean;
    readonly sectors: readonly (KeptSectorEvaluation & { readonly sector: string })[];
  },
  ph?: Phrasing,
): Api.AttachedEvaluation => ({
  rule: e.rule.id,
  version: e.rule.version,
  asOf: e.asOf,
  pass: e.pass,
  failing: e.sectors
    .filter((s) => !s.pass)
    .map((s) => `${s.sector}: ${ph ? sectorEvaluationInWords(s, ph) : s.explanation}`),
});

export const PhaseView = matches<Api.PhaseRecord>()(
  z.object({
    seq: z.number().int(),
    phase: PhaseEnum,
    from: PhaseEnum.nullable(),
    since: z.string(),
    decidedBy: z.string(),
    nation: z.string(),
    authority: z.string(),
    recordedAt: z.string(),
    override: z.object({ reason: z.string(), bypassed: z.array(z.string()) }).nullable(),
    evaluations: z.array(AttachedEvaluationView),
    releasability: z.string(),
  }),
);

export function presentPhase(p: PhaseRow, ph?: Phrasing): Api.PhaseRecord {
  const evaluations = p.evaluations as readonly RuleEvaluation[];
  // What an override set aside: the failing sectors of the evaluations it carries (core
  // failureReasons), said again in the reader's words when they are the ones stored.
  const bypassed =
    p.override && ph && ph.language !== 'en'
      ? evaluations.flatMap((e) => failureReasonsInWords(e, ph))
      : null;
  return {
    seq: p.seq,
    phase: p.phase,
    from: p.from,
    since: p.since,
    decidedBy: p.decidedBy,
    nation: p.nation,
    authority: p.authority,
    recordedAt: p.recordedAt.toISOString(),
    override: p.override
      ? {
          reason: p.override.reason,
          bypassed:
            bypassed && bypassed.length === p.override.bypassed.length ? bypassed : [...p.override.bypassed],
        }
      : null,
    evaluations: evaluations.map((e) => presentEvaluation(e, ph)),
    releasability: p.releasability,
  };
}

export const RuleView = matches<Api.RuleVersion>()(
  z.object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    text: z.string(),
    active: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  }),
);
export const presentRule = (r: RuleVersionRow): Api.RuleVersion => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export const FailureView = matches<Api.Failure>()(
  z.object({
    rule: z.string(),
    version: z.number().int(),
    sector: z.string(),
    explanation: z.string(),
    breakingDate: z.string().nullable(),
    incidentIds: z.array(z.string()),
    firstPassDate: z.string(),
  }),
);

export const BlockerView = matches<Api.Blocker>()(
  z.object({
    kind: z.string(),
    reason: z.string().describe("why the order may not be issued, in the reader's language"),
    waitingFor: z
      .string()
      .nullable()
      .describe(
        "what the order waits for when the gate holds it, in the reader's language; null when it refuses",
      ),
  }),
);

/** Blockers as the API gives them, in the reader's words (English as the check wrote them). */
export const blockersIn = (blockers: readonly Blocker[], ph?: Phrasing): Api.Blocker[] =>
  blockers.map((b) =>
    ph ? blockerView(b, ph) : { kind: b.kind, reason: b.reason, waitingFor: b.waitingFor },
  );

/** A check's message in the reader's words; English as the check wrote it. */
export const messageIn = (check: OrderCheck, orderId: string, ph?: Phrasing): string =>
  ph && ph.language !== 'en' ? checkInWords(check, orderId, ph) : check.message;
export const OrderView = matches<Api.Order>()(
  z.object({
    id: z.string(),
    offerId: z.string(),
    nation: z.string(),
    quantity: z.number().int(),
    regionCode: z.string(),
    lineOfEffort: z.string(),
    role: z.string(),
    sector: z.string(),
    state: z.enum(['draft', 'ready_on_gate', 'issued', 'refused']),
    gate: z.enum(['issuable', 'ready_on_gate', 'refused']),
    reasons: z.array(z.string()),
    override: z.object({ reason: z.string() }).nullable(),
    draftedBy: z.string(),
    draftedAt: z.string(),
    issuedBy: z.string().nullable(),
    issuedAt: z.string().nullable(),
    releasability: z.string(),
    sustainment: z.object({ planId: z.string(), month: z.string(), requirementId: z.string() }).nullable(),
    live: z.object({ status: z.string(), message: z.string(), blockers: z.array(BlockerView) }).nullable(),
  }),
);

/**
 * An order for the API, its live check (when given) in the reader's words. Its stored reasons
 * are English; when they are the live check's reasons (the order was last checked against the
 * same facts), they are said as the live check says them, else given as stored.
 */
export function presentOrder(o: OrderRow, live?: OrderCheck, ph?: Phrasing): Api.Order {
  const { label: _label, ...rest } = o;
  const words = ph && ph.language !== 'en' ? ph : undefined;
  const same =
    live !== undefined &&
    live.blockers.length === o.reasons.length &&
    live.blockers.every((b, i) => b.reason === o.reasons[i]);
  return {
    ...rest,
    reasons: words && same ? live.blockers.map((b) => blockerInWords(b, words)) : [...o.reasons],
    draftedAt: o.draftedAt.toISOString(),
    issuedAt: o.issuedAt?.toISOString() ?? null,
    live: live
      ? {
          status: live.status,
          message: messageIn(live, o.id, words),
          blockers: blockersIn(live.blockers, words),
        }
      : null,
  };
}

export const NotificationView = matches<Api.Notification>()(
  z.object({
    id: z.number().int(),
    at: z.string(),
    kind: z.string(),
    message: z
      .string()
      .describe(
        "what the cell was told, in the reader's language (a notification stored before its facts were kept: the English as stored)",
      ),
    orderId: z.string().nullable(),
    breachId: z.string().nullable(),
    reasons: z.array(z.string()),
    releasability: z.string(),
  }),
);

export const actorOf = (p: Principal): Actor & { nation: string } => ({
  username: p.user.username,
  nation: p.user.nation,
});

export function ruleInvalid(error: RuleError, field: string): AppError {
  return new AppError(
    'rule.invalid',
    error.refusal,
    field,
    worded((say) => ({
      code: error.code,
      detail: say(error.detailRefusal),
      line: error.position.line,
      column: error.position.column,
      offset: error.position.offset,
    })),
  );
}
