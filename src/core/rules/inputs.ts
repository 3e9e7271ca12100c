import type { BudgetValue, Evidence, Facts, RequiredFact, RuleFact, Ruleset } from '../../contract/index.js';

/** The value a rule sees, already normalised, with what to show people and the evidence. */
export interface RuleInput {
  value: string | number | boolean | null;
  display: string | null;
  evidence: Evidence[];
}

const UNKNOWN: RuleInput = { value: null, display: null, evidence: [] };

/** Which rule fact carries each required fact, so unknown facts map onto rules. */
export const REQUIRED_TO_RULE_FACT: Record<RequiredFact, RuleFact> = {
  budget: 'budget_annual',
  timeline: 'timeline_months',
  authority: 'authority',
  company_size: 'company_size',
  need: 'need',
};

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Budget per year in the ruleset's base currency, or null when the currency has no rate. */
export function annualBudget(b: BudgetValue, rs: Ruleset): number | null {
  const rate = rs.currency_rates[b.currency];
  const mult = rs.period_multipliers[b.period];
  if (rate === undefined || mult === undefined) return null;
  return b.amount * rate * mult;
}

function isUnknownValue(rs: Ruleset, fact: string, value: unknown): boolean {
  const list = rs.unknown_values[fact];
  return list !== undefined && typeof value === 'string' && list.includes(value);
}

/** Builds every rule input for one lead's facts. */
export function ruleInputs(facts: Facts, rs: Ruleset): Map<string, RuleInput> {
  const m = new Map<string, RuleInput>();
  const b = facts.budget.value;
  if (b) {
    const annual = annualBudget(b, rs);
    const periodText = b.period === 'one_off' ? 'one-off' : `/ ${b.period}`;
    m.set(
      'budget_annual',
      annual === null
        ? { value: null, display: `${b.currency} ${number.format(b.amount)} ${periodText} (no rate for ${b.currency})`, evidence: facts.budget.evidence }
        : {
            value: annual,
            display: `${b.currency} ${number.format(b.amount)} ${periodText}${b.currency !== rs.base_currency || b.period !== 'year' ? ` = ${rs.base_currency} ${number.format(annual)} / year` : ''}`,
            evidence: facts.budget.evidence,
          },
    );
  } else m.set('budget_annual', UNKNOWN);
  const t = facts.timeline.value;
  m.set('timeline_months', t ? { value: t.months, display: `${t.months} month${t.months === 1 ? '' : 's'}${t.date ? ` (${t.date})` : ''}`, evidence: facts.timeline.evidence } : UNKNOWN);
  const a = facts.authority.value;
  m.set('authority', a && !isUnknownValue(rs, 'authority', a) ? { value: a, display: a.replace('_', ' '), evidence: facts.authority.evidence } : { ...UNKNOWN, display: a === 'end_user' ? 'end user' : null, evidence: a === 'end_user' ? facts.authority.evidence : [] });
  const s = facts.company_size.value;
  m.set('company_size', s !== null ? { value: s, display: `${number.format(s)} employees`, evidence: facts.company_size.evidence } : UNKNOWN);
  const n = facts.need.value;
  m.set('need', n && !isUnknownValue(rs, 'need', n) ? { value: n, display: n, evidence: facts.need.evidence } : UNKNOWN);
  const c = facts.competitors.value ?? [];
  m.set('competitor_count', { value: c.length, display: c.length ? c.join(', ') : 'none', evidence: facts.competitors.evidence });
  const d = facts.disqualifier.value;
  m.set('disqualifier', d ? { value: d, display: d.replace('_', ' '), evidence: facts.disqualifier.evidence } : UNKNOWN);
  for (const def of rs.custom_facts) {
    const f = facts.custom[def.name];
    m.set(`custom.${def.name}`, f && f.value !== null ? { value: f.value, display: String(f.value), evidence: f.evidence } : UNKNOWN);
  }
  return m;
}

/** True when a required fact counts as unknown under this ruleset. */
export function isRequiredUnknown(inputs: Map<string, RuleInput>, fact: RequiredFact): boolean {
  return (inputs.get(REQUIRED_TO_RULE_FACT[fact])?.value ?? null) === null;
}
