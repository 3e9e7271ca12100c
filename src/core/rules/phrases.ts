import type { Rule, Ruleset } from '../../contract/index.js';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const OP_WORDS: Record<Rule['op'], string> = {
  '>=': 'at least',
  '>': 'more than',
  '<=': 'at most',
  '<': 'less than',
  '==': '',
  '!=': 'not',
  in: 'one of',
  not_in: 'none of',
};

function valueText(v: Rule['value']): string {
  if (Array.isArray(v)) return v.map((x) => String(x).replace(/_/g, ' ')).join(' or ');
  return typeof v === 'number' ? number.format(v) : String(v).replace(/_/g, ' ');
}

/**
 * The condition that would make a blocking rule pass, phrased for the counterfactual line:
 * "a budget of at least USD 10,000 a year were confirmed".
 */
export function conditionPhrase(rule: Rule, rs: Ruleset, unknown: boolean): string {
  const v = valueText(rule.value);
  const op = OP_WORDS[rule.op];
  const verb = unknown ? 'were confirmed' : 'were agreed';
  switch (rule.fact) {
    case 'budget_annual':
      return `a budget of ${op} ${rs.base_currency} ${v} a year ${verb}`;
    case 'timeline_months':
      return `a decision ${rule.op === '<=' || rule.op === '<' ? 'within' : 'after'} ${v} months ${verb}`;
    case 'company_size':
      return unknown ? `a company size of ${op} ${v} employees were confirmed` : `the company had ${op} ${v} employees`;
    case 'authority':
      return unknown ? `a ${v} were involved` : `a ${v} were involved instead`;
    case 'need':
      return `a ${v} need were confirmed`;
    default:
      return `${rule.label.charAt(0).toLowerCase()}${rule.label.slice(1)} held`;
  }
}
