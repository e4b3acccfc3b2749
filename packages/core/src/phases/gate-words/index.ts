/**
 * The deployment gate in the reader's words (ADR 0057): an order's blockers, what it waits for,
 * its check's message, what cleared when it became issuable, a phase notification and a
 * breach's explanation, said from their facts. English is word for word what the check and the
 * notification store, so stored and logged English does not change; Ukrainian and French name
 * phases, statuses, nations, regions, lines of effort and roles, and keep ids (sectors, offers,
 * orders, plans, rules) as written: the web puts sector ids in names the reader may see.
 *
 * A module of its own (`@guarantor/core/phases/gate-words`): it says caveats with the lead
 * matrix's phrases, and the web, which imports `@guarantor/core/phases`, must not bundle them.
 */
import { type Caveat, explainCaveat } from '../../coalition/caveats.ts';
import type { CaveatViolation } from '../../coalition/check.ts';
import type { Phrasing } from '../../i18n/words/index.ts';
import { caveatInWords } from '../../lead-matrix/words.ts';
import type { ConditionResult } from '../evaluate.ts';
import type { PhaseNotice } from '../notices.ts';
import type { Blocker, CaveatFacts, Cleared, OrderCheck, PlanNote } from '../orders.ts';
import { sectorEvaluationInWords, standingReasonInWords } from '../words.ts';

const en = (p: Phrasing) => p.language === 'en';

/** A phase by its code in English (as the check writes it), else by its name. */
export function phaseInWords(phase: string | null | undefined, p: Phrasing): string {
  if (en(p)) return String(phase);
  if (phase === null || phase === undefined) return p.say('phaseNotice.noPhase');
  return p.word('orderGate.phaseName', phase, phase);
}

/** A sector's status by its code in English, else by its name. */
const statusInWords = (status: string | undefined, p: Phrasing) =>
  en(p) ? String(status) : p.word('orderGate.status', status ?? '', String(status));

const nationInWords = (nation: string | undefined, p: Phrasing) =>
  en(p) ? String(nation) : p.nation(nation ?? '');

/** A month `YYYY-MM` as the language names it ("червень 2027 р.", "juin 2027"); English keeps ISO, as stored. */
const month = (m: string | undefined, p: Phrasing) => {
  const parts = m === undefined ? null : /^(\d{4})-(\d\d)$/.exec(m);
  if (!parts || en(p)) return m ?? '';
  return new Intl.DateTimeFormat(p.words.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(Number(parts[1]), Number(parts[2]) - 1, 1),
  );
};

/** The plan's part of the support blocker. */
export function planNoteInWords(n: PlanNote, p: Phrasing): string {
  const { kind, ...values } = n;
  return p.say(`orderGate.plan.${kind}`, values);
}

/** A caveat violation as the order's blocker says it. */
export function caveatBlockerInWords(c: CaveatFacts, p: Phrasing): string {
  const values = {
    offer: c.offerId,
    region: en(p) ? c.region : p.region(c.region),
    line: en(p) ? c.lineOfEffort : p.lineOfEffort(c.lineOfEffort),
    role: en(p) ? c.role : p.role(c.role),
  };
  const why = en(p)
    ? p.say('orderGate.caveatWhy', { caveat: explainCaveat(c.caveat), reason: c.reason })
    : caveatInWords(
        { index: 0, caveat: c.caveat as Caveat, reason: c.reason, message: '' } satisfies CaveatViolation,
        { region: c.region, role: c.role as never },
        undefined,
        p,
      );
  return p.say('orderGate.caveat', { ...values, why });
}

/** One blocker in words; a blocker without facts (kept from before) as written. */
export function blockerInWords(b: Blocker, p: Phrasing): string {
  const f = b.facts ?? {};
  switch (b.kind) {
    case 'phase':
      if (!f.phase) return b.reason;
      return p.say('orderGate.phase', {
        phase: phaseInWords(f.phase, p),
        opensAt: phaseInWords(f.opensAt, p),
      });
    case 'sector':
      if (!f.sector) return b.reason;
      return p.say('orderGate.sector', { sector: f.sector, status: statusInWords(f.status, p) });
    case 'period':
      if (!f.month) return b.reason;
      return p.say('orderGate.period', { month: month(f.month, p), now: month(f.now, p) });
    case 'mandate':
      if (!f.nation) return b.reason;
      return p.say('orderGate.mandate', { nation: nationInWords(f.nation, p) });
    case 'caveat':
      return f.caveat ? caveatBlockerInWords(f.caveat, p) : b.reason;
    case 'support': {
      if (!f.nation) return b.reason;
      const nation = nationInWords(f.nation, p);
      const line = en(p) ? f.lineOfEffort : p.lineOfEffort(f.lineOfEffort ?? '');
      return f.plan && f.region
        ? p.say('orderGate.supportWhy', {
            nation,
            region: en(p) ? f.region : p.region(f.region),
            line,
            plan: planNoteInWords(f.plan, p),
          })
        : p.say('orderGate.support', { nation, sector: f.sector, line });
    }
  }
}

/** What a blocker of the gate waits for, in words; null when it waits for nothing (it refuses). */
export function waitingInWords(b: Blocker, p: Phrasing): string | null {
  if (b.waitingFor === null) return null;
  const f = b.facts ?? {};
  switch (b.kind) {
    case 'phase':
      return f.phase
        ? p.say('orderGate.phaseWaiting', {
            phase: phaseInWords(f.phase, p),
            opensAt: phaseInWords(f.opensAt, p),
          })
        : b.waitingFor;
    case 'sector':
      return f.sector
        ? p.say('orderGate.sectorWaiting', { sector: f.sector, status: statusInWords(f.status, p) })
        : b.waitingFor;
    case 'period':
      return f.month
        ? p.say('orderGate.periodWaiting', { month: month(f.month, p), now: month(f.now, p) })
        : b.waitingFor;
    default:
      return b.waitingFor;
  }
}

/** A blocker as the API gives it: its reason and what it waits for in the reader's words. */
export function blockerView(
  b: Blocker,
  p: Phrasing,
): { kind: Blocker['kind']; reason: string; waitingFor: string | null } {
  if (en(p)) return { kind: b.kind, reason: b.reason, waitingFor: b.waitingFor };
  return { kind: b.kind, reason: blockerInWords(b, p), waitingFor: waitingInWords(b, p) };
}

/** A check's message in words ("deployment refused: …"); `orderId` names the order when it is issuable. */
export function checkInWords(check: OrderCheck, orderId: string, p: Phrasing): string {
  if (check.status === 'issuable') return p.say('orderGate.issuable', { id: orderId });
  if (check.status === 'ready_on_gate')
    return p.say('orderGate.ready', {
      waits: check.blockers.map((b) => waitingInWords(b, p) ?? '').join(p.say('orderGate.waitsJoiner')),
    });
  return p.say('orderGate.refused', {
    reasons: check.blockers.map((b) => blockerInWords(b, p)).join(p.say('orderGate.reasonsJoiner')),
  });
}

/** What cleared for an order that became issuable ("sector S-3 is now holding"). */
export function clearedInWords(c: Cleared, p: Phrasing): string {
  switch (c.kind) {
    case 'phase':
      return p.say('orderGate.cleared.phase', { phase: phaseInWords(c.phase, p) });
    case 'sector':
      return p.say('orderGate.cleared.sector', { sector: c.sector });
    case 'period':
      return p.say('orderGate.cleared.period', { month: month(c.month, p) });
    case 'mandate':
      return p.say('orderGate.cleared.mandate', { nation: nationInWords(c.nation, p) });
    case 'caveat':
      return p.say('orderGate.cleared.caveat');
    case 'support':
      return p.say(
        c.supportedBy === 'plan' ? 'orderGate.cleared.supportPlan' : 'orderGate.cleared.supportLeadMatrix',
      );
  }
}

/** A breach's explanation in words, from the sector's conditions as evaluated (English: as stored). */
export function breachExplanationInWords(
  explanation: string,
  conditions: readonly ConditionResult[] | null | undefined,
  p: Phrasing,
): string {
  if (en(p) || !conditions || conditions.length === 0) return explanation;
  return sectorEvaluationInWords({ pass: false, conditions, explanation }, p);
}

/** A phase notification in words, from its facts. */
export function phaseNoticeInWords(n: PhaseNotice, p: Phrasing): string {
  switch (n.key) {
    case 'phase_changed': {
      const v = n.params;
      return p.say('phaseNotice.phase_changed', {
        phase: phaseInWords(v.phase, p),
        from: phaseInWords(v.from, p),
        by: v.by,
        nation: nationInWords(v.nation, p),
        authority: v.authority,
      });
    }
    case 'phase_override':
      return p.say('phaseNotice.phase_override', {
        phase: phaseInWords(n.params.phase, p),
        from: phaseInWords(n.params.from, p),
        reason: n.params.reason,
      });
    case 'sector_status': {
      const v = n.params;
      return p.say('phaseNotice.sector_status', {
        sector: v.sector,
        status: statusInWords(v.status, p),
        day: en(p) ? v.day : p.words.shortDate(v.day),
        was: statusInWords(v.was, p),
      });
    }
    case 'breach': {
      const v = n.params;
      const nations = v.rung?.nations.map((x) => nationInWords(x, p)) ?? [];
      const rung = v.rung
        ? p.say('phaseNotice.rung', {
            title: v.rung.title,
            nations: (en(p) ? nations.join(', ') : p.list(nations)) || p.say('phaseNotice.nobody'),
          })
        : p.say('phaseNotice.noRung');
      return p.say('phaseNotice.breach', {
        sector: v.sector,
        rule: v.rule,
        day: en(p) ? v.day : p.words.shortDate(v.day),
        why: breachExplanationInWords(v.explanation, v.conditions, p),
        rung,
      });
    }
    case 'order_issuable': {
      const v = n.params;
      return p.say('phaseNotice.order_issuable', {
        order: v.order,
        offer: v.offer,
        quantity: en(p) ? v.quantity : p.words.number(v.quantity),
        region: en(p) ? v.region : p.region(v.region),
        sector: v.sector,
        because:
          v.cleared.map((c) => clearedInWords(c, p)).join(p.say('phaseNotice.becauseJoiner')) ||
          p.say('phaseNotice.everyBlocker'),
      });
    }
  }
}

/**
 * A notification's reasons in words, from its facts: what cleared for an order, why a sector
 * does not hold; null when they are not words to say (incident ids, an override's bypassed
 * failures) or the facts do not match the stored reasons.
 */
export function noticeReasonsInWords(
  n: PhaseNotice,
  stored: readonly string[],
  p: Phrasing,
): string[] | null {
  if (n.key === 'order_issuable' && n.params.cleared.length === stored.length)
    return n.params.cleared.map((c) => clearedInWords(c, p));
  if (n.key === 'sector_status' && n.params.failing && n.params.failing.length === stored.length)
    return n.params.failing.map((f) =>
      standingReasonInWords(
        f.rule,
        {
          sector: n.params.sector,
          pass: false,
          firstPassDate: '',
          conditions: f.conditions,
          explanation: f.explanation,
        },
        p,
      ),
    );
  return null;
}
