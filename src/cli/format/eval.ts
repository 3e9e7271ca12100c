import Table from 'cli-table3';
import { TABLE_STYLE } from './style.js';
import type { EvalReport } from '../../core/eval/score.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The evaluation as a readable table plus the worst failures. */
export function formatEvalReport(r: EvalReport, maxFailures = 20): string {
  const summary = new Table({ style: TABLE_STYLE, head: ['figure', 'value'] });
  summary.push(
    ['cases', String(r.cases)],
    ['class accuracy', pct(r.class_accuracy)],
    ['escalation recall', pct(r.escalation.recall)],
    ['escalation precision', pct(r.escalation.precision)],
    ['escalation reason accuracy', pct(r.escalation.reason_accuracy)],
    ['missing-info F1', pct(r.missing_f1)],
    ['evidence validity', pct(r.evidence_validity)],
  );
  const facts = new Table({ style: TABLE_STYLE, head: ['fact', 'accuracy'] });
  for (const [k, v] of Object.entries(r.facts)) facts.push([k, pct(v)]);
  const classes = Object.keys(r.confusion);
  const confusion = new Table({ style: TABLE_STYLE, head: ['expected \\ got', ...classes] });
  for (const c of classes) confusion.push([c, ...classes.map((d) => String(r.confusion[c as keyof typeof r.confusion][d as keyof typeof r.confusion]))]);
  const lines = [summary.toString(), facts.toString(), 'Confusion matrix', confusion.toString()];
  if (r.failures.length) {
    const worst = new Table({ style: TABLE_STYLE, head: ['case', 'field', 'expected', 'got'], colWidths: [10, 22, 30, 30], wordWrap: true });
    for (const f of r.failures.slice(0, maxFailures)) worst.push([f.id, f.field, JSON.stringify(f.expected), JSON.stringify(f.got)]);
    lines.push(`Worst failures (${Math.min(maxFailures, r.failures.length)} of ${r.failures.length}; escalations first)`, worst.toString());
  }
  return lines.join('\n');
}
