import type { QualifyResult } from '../../contract/index.js';

const MARK = { passed: '✓', failed: '✗', unknown: '?' } as const;
const CLASS_LABEL = { qualified: 'QUALIFIED', needs_info: 'NEEDS INFO', nurture: 'NURTURE', disqualified: 'DISQUALIFIED' } as const;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'unknown';
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('amount' in o) return `${String(o.currency)} ${Number(o.amount).toLocaleString('en-US')} / ${String(o.period).replace('_', '-')}`;
    if ('months' in o) return `${String(o.months)} months${o.date ? ` (${String(o.date)})` : ''}`;
    return JSON.stringify(o);
  }
  return String(v).replace(/_/g, ' ');
}

/** A readable explanation of one qualified lead: who, class, why, what is missing, escalation. */
export function formatQualifyResult(r: QualifyResult): string {
  const c = r.lead;
  const who = [c.name, c.title, c.company].filter(Boolean).join(', ') || '(no contact found)';
  const lines: string[] = [];
  lines.push(`━━ ${who}${c.email ? ` <${c.email}>` : ''}  [${r.lead.id}]${r.matched_by ? ` (matched an existing lead by ${r.matched_by.replace('_', ' ')})` : ''}`);
  lines.push(`   ${r.channel}, received ${r.received_at}; intent: ${r.intent.kind.replace(/_/g, ' ')} (${Math.round(r.intent.confidence * 100)}%)`);
  lines.push(`   ${CLASS_LABEL[r.classification.class]}  score ${r.classification.score}/100${r.escalation.escalate ? '   ⚠ ESCALATE' : ''}`);
  for (const reason of r.classification.reasons) {
    const quote = reason.evidence[0] ? `  “${reason.evidence[0].quote.replace(/\s+/g, ' ').slice(0, 60)}”` : '';
    lines.push(`   ${MARK[reason.status]} ${reason.label}: ${reason.actual ?? 'unknown'}${quote}`);
  }
  if (r.classification.counterfactual) lines.push(`   → ${r.classification.counterfactual}`);
  const comp = r.facts['competitors'];
  if (comp && Array.isArray(comp.value) && comp.value.length) lines.push(`   Competitors: ${valueText(comp.value)}`);
  if (r.missing.length) {
    lines.push('   Missing:');
    for (const m of r.missing) lines.push(`     - ${m.fact.replace('_', ' ')}${m.decisive ? ' (could change the class)' : ''}: “${m.question}”`);
  }
  if (r.escalation.escalate) {
    lines.push('   Escalation:');
    for (const e of r.escalation.reasons) lines.push(`     - ${e.reason}: ${e.detail}${e.evidence[0] ? `  “${e.evidence[0].quote.replace(/\s+/g, ' ').slice(0, 60)}”` : ''}`);
  }
  lines.push(`   trace ${r.trace_id}`);
  return lines.join('\n');
}

/** The facts table of `leads show`. */
export function formatFacts(facts: QualifyResult['facts']): string {
  return Object.entries(facts)
    .map(([k, f]) => `   ${k.padEnd(14)} ${valueText(f.value).padEnd(28)} ${f.evidence.map((e) => `“${e.quote.replace(/\s+/g, ' ').slice(0, 50)}” @${e.start}`).join('; ')}`)
    .join('\n');
}
