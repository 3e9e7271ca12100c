import Table from 'cli-table3';
import { TABLE_STYLE } from './style.js';
import type { Ruleset } from '../../contract/index.js';

/** A ruleset as a manager reads it: thresholds, classes, questions, escalation triggers. */
export function formatRuleset(rs: Ruleset, version: number | null): string {
  const head = `${rs.name}${version !== null ? ` (version ${version})` : ' (built-in default)'}\n${rs.description}`;
  const rules = new Table({ style: TABLE_STYLE, head: ['rule', 'condition', 'if it fails', 'weight'] });
  for (const r of rs.rules) {
    rules.push([r.label, `${r.fact} ${r.op} ${Array.isArray(r.value) ? r.value.join(', ') : r.value}`, r.outcome ?? '(score only)', String(r.weight)]);
  }
  const questions = new Table({ style: TABLE_STYLE, head: ['missing fact', 'follow-up question'], colWidths: [16, 80], wordWrap: true });
  for (const [f, q] of Object.entries(rs.questions)) questions.push([f, q ?? '']);
  return [
    head,
    `Classes, first match wins: ${rs.class_order.join(' > ')}`,
    `Required facts: ${rs.required.join(', ')}`,
    `Disqualifiers: ${rs.disqualifiers.join(', ')}`,
    rules.toString(),
    questions.toString(),
    `Escalate on: ${rs.escalation.triggers.join(', ')} (discounts over ${rs.escalation.discount_max_pct}%)`,
    `Currency rates to ${rs.base_currency}: ${Object.entries(rs.currency_rates).map(([c, r]) => `${c} ${r}`).join(', ')}`,
  ].join('\n');
}
