import type {
  Decision,
  Escalation,
  EscalationSignal,
  Facts,
  LeadClass,
  Missing,
  Reason,
  RequiredFact,
  Rule,
  Ruleset,
} from '../../contract/index.js';
import { compare } from './compare.js';
import { isRequiredUnknown, REQUIRED_TO_RULE_FACT, ruleInputs } from './inputs.js';
import { conditionPhrase } from './phrases.js';

export const RULES_ENGINE_VERSION = 'rules@1.0.0';

type Status = 'passed' | 'failed' | 'unknown';

// Unknown facts earn part of a rule's weight so that, inside a class, a lead with gaps ranks
// above one whose facts are known to fail.
const UNKNOWN_SHARE = 0.25;

interface ClassInputs {
  disqualifierHit: boolean;
  statuses: Status[];
  unknownRequired: Set<RequiredFact>;
}

/** A ruleset prepared once for many evaluations (what-if replay runs it over 100k leads). */
export interface CompiledRuleset {
  ruleset: Ruleset;
  version: number | null;
  evaluate(facts: Facts, signals?: readonly EscalationSignal[]): Decision;
  /** Only the class, for fast replay. */
  classify(facts: Facts): LeadClass;
}

/** Prepares a validated ruleset for evaluation. */
/**
 * The follow-up question for a missing fact. A budget the lead did state, in a currency the
 * ruleset has no rate for, is asked about in the base currency rather than asked for again.
 */
function questionFor(rs: Ruleset, facts: Facts, fact: RequiredFact): string {
  const b = facts.budget.value;
  if (fact === 'budget' && b && rs.currency_rates[b.currency] === undefined) {
    const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(b.amount);
    const per = b.period === 'one_off' ? 'one-off' : `a ${b.period}`;
    return `You mentioned ${b.currency} ${amount} ${per}: roughly how much is that in ${rs.base_currency}?`;
  }
  return rs.questions[fact] ?? `What is the ${fact}?`;
}

export function compileRuleset(rs: Ruleset, version: number | null = null): CompiledRuleset {
  const rules = rs.rules;
  const fallback = rs.class_order[rs.class_order.length - 1]!;
  const totalWeight = rules.reduce((s, r) => s + r.weight, 0);
  const requiredRuleFacts = new Set(rs.required.map((f) => REQUIRED_TO_RULE_FACT[f]));

  function classOf(ci: ClassInputs): LeadClass {
    const triggered = new Set<LeadClass>();
    if (ci.disqualifierHit) triggered.add('disqualified');
    if (ci.unknownRequired.size > 0) triggered.add('needs_info');
    rules.forEach((r, i) => {
      if (r.outcome && ci.statuses[i] === 'failed') triggered.add(r.outcome);
    });
    return rs.class_order.find((c) => triggered.has(c)) ?? fallback;
  }

  function prepare(facts: Facts) {
    const inputs = ruleInputs(facts, rs);
    const statuses: Status[] = rules.map((r) => {
      const input = inputs.get(r.fact);
      if (!input || input.value === null) return 'unknown';
      return compare(r.op, input.value, r.value) ? 'passed' : 'failed';
    });
    const unknownRequired = new Set(rs.required.filter((f) => isRequiredUnknown(inputs, f)));
    const d = facts.disqualifier.value;
    const disqualifierHit = d !== null && rs.disqualifiers.includes(d);
    return { inputs, ci: { statuses, unknownRequired, disqualifierHit } };
  }

  /** Would the class change if `fact` became known, passing or failing its rules? */
  function decisive(ci: ClassInputs, current: LeadClass, fact: RequiredFact): boolean {
    const rf = REQUIRED_TO_RULE_FACT[fact];
    const unknownRequired = new Set(ci.unknownRequired);
    unknownRequired.delete(fact);
    const idx = rules.flatMap((r, i) => (r.fact === rf ? [i] : []));
    const pass = ci.statuses.map((s, i) => (idx.includes(i) ? 'passed' : s));
    if (classOf({ ...ci, statuses: pass, unknownRequired }) !== current) return true;
    return idx.some((j) => {
      const fail = ci.statuses.map((s, i) => (i === j ? 'failed' : idx.includes(i) ? 'passed' : s));
      return classOf({ ...ci, statuses: fail, unknownRequired }) !== current;
    });
  }

  function counterfactual(ci: ClassInputs, current: LeadClass, facts: Facts): string | null {
    if (current === fallback) return null;
    if (ci.disqualifierHit) {
      return `Cannot be ${fallback.replace('_', ' ')}: disqualified as ${facts.disqualifier.value!.replace('_', ' ')}.`;
    }
    // Every blocking rule: known and failing with an outcome, or unknown on a required fact.
    const phrases: string[] = [];
    rules.forEach((r, i) => {
      const s = ci.statuses[i];
      if (s === 'failed' && r.outcome) phrases.push(conditionPhrase(r, rs, false));
      else if (s === 'unknown' && requiredRuleFacts.has(r.fact) && (r.outcome || !phrases.length)) {
        if (r.outcome !== 'disqualified') phrases.push(conditionPhrase(r, rs, true));
      }
    });
    for (const f of ci.unknownRequired) {
      const rf = REQUIRED_TO_RULE_FACT[f];
      if (!rules.some((r) => r.fact === rf)) phrases.push(`the ${f.replace('_', ' ')} were known`);
    }
    if (!phrases.length) return null;
    const unique = [...new Set(phrases)];
    const list = unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
    return `Would be ${fallback.replace('_', ' ')} if ${list}.`;
  }

  function escalation(signals: readonly EscalationSignal[]): Escalation {
    const byReason = new Map<string, Escalation['reasons'][number]>();
    for (const s of signals) {
      if (!rs.escalation.triggers.includes(s.reason)) continue;
      // A small discount is ordinary negotiation; only a large one (or free use) needs a person.
      if (s.reason === 'discount' && s.value !== null && s.value <= rs.escalation.discount_max_pct) continue;
      const prev = byReason.get(s.reason);
      if (prev) prev.evidence.push(...s.evidence);
      else byReason.set(s.reason, { reason: s.reason, detail: s.detail, evidence: [...s.evidence] });
    }
    const reasons = [...byReason.values()];
    return { escalate: reasons.length > 0, reasons };
  }

  return {
    ruleset: rs,
    version,
    classify(facts) {
      return classOf(prepare(facts).ci);
    },
    evaluate(facts, signals = []) {
      const { inputs, ci } = prepare(facts);
      const cls = classOf(ci);
      const reasons: Reason[] = rules.map((r: Rule, i) => {
        const input = inputs.get(r.fact);
        return {
          rule: r.id,
          label: r.label,
          status: ci.statuses[i]!,
          actual: input?.display ?? null,
          outcome: r.outcome,
          evidence: input?.evidence ?? [],
        };
      });
      if (facts.disqualifier.value) {
        reasons.unshift({
          rule: 'disqualifier',
          label: 'No disqualifier (spam, job seeker, competitor, personal use ...)',
          status: ci.disqualifierHit ? 'failed' : 'passed',
          actual: facts.disqualifier.value.replace('_', ' '),
          outcome: 'disqualified',
          evidence: facts.disqualifier.evidence,
        });
      }
      let earned = 0;
      rules.forEach((r, i) => {
        const s = ci.statuses[i];
        if (s === 'passed') earned += r.weight;
        else if (s === 'unknown') earned += r.weight * UNKNOWN_SHARE;
      });
      const score = cls === 'disqualified' || totalWeight === 0 ? 0 : Math.round((earned / totalWeight) * 100);
      const missing: Missing[] =
        cls === 'disqualified'
          ? []
          : rs.required
              .filter((f) => ci.unknownRequired.has(f))
              .map((f) => ({ fact: f, question: questionFor(rs, facts, f), decisive: decisive(ci, cls, f) }))
              .sort((a, b) => Number(b.decisive) - Number(a.decisive));
      return {
        classification: { class: cls, score, reasons, counterfactual: counterfactual(ci, cls, facts) },
        missing,
        escalation: escalation(signals),
        ruleset_version: version,
        engine_version: RULES_ENGINE_VERSION,
      };
    },
  };
}
