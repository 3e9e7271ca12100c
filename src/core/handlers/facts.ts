import { FACT_NAMES, FactsSchema, type Decision, type EscalationSignal, type Facts } from '../../contract/index.js';
import type { CurrentFact } from '../../contract/api/leads.js';
import type { CompiledRuleset } from '../rules/evaluate.js';
import { ruleInputs } from '../rules/inputs.js';
import type { StoreContext } from '../store/context.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as runs from '../store/runs.js';
import * as trace from '../store/trace.js';

const EMPTY = { value: null, evidence: [], source: 'embedded' as const };

/** The Facts object the rules engine reads, rebuilt from the rows that count now. */
export function currentFacts(
  ctx: StoreContext,
  leadId: string,
): { facts: Facts; rows: Record<string, factsRepo.FactRow> } {
  const rows = factsRepo.current(ctx, leadId);
  const raw: Record<string, unknown> = { custom: {} };
  for (const name of FACT_NAMES) {
    const r = rows[name];
    raw[name] = r
      ? {
          value: r.value,
          evidence: r.evidence,
          source: r.source,
          ...(r.confidence !== null ? { confidence: r.confidence } : {}),
        }
      : EMPTY;
  }
  for (const [name, r] of Object.entries(rows)) {
    if (name.startsWith('custom.'))
      (raw['custom'] as Record<string, unknown>)[name.slice(7)] = {
        value: r.value,
        evidence: r.evidence,
        source: r.source,
      };
  }
  const parsed = FactsSchema.safeParse(raw);
  // A row that no longer fits its schema (an old correction) counts as unknown rather than breaking the lead.
  if (parsed.success) return { facts: parsed.data, rows };
  const facts = FactsSchema.parse(Object.fromEntries([...FACT_NAMES.map((n) => [n, EMPTY]), ['custom', {}]]));
  return { facts, rows };
}

/** The facts as the lead screen lists them, each with a readable value. */
export function factViews(
  facts: Facts,
  rows: Record<string, factsRepo.FactRow>,
  rules: CompiledRuleset,
): CurrentFact[] {
  const inputs = ruleInputs(facts, rules.ruleset);
  const displayOf: Record<string, string | null | undefined> = {
    budget: inputs.get('budget_annual')?.display,
    timeline: inputs.get('timeline_months')?.display,
    authority: facts.authority.value?.replace('_', ' '),
    company_size: inputs.get('company_size')?.display,
    need: facts.need.value,
    competitors: facts.competitors.value?.length ? facts.competitors.value.join(', ') : null,
    disqualifier: facts.disqualifier.value?.replace('_', ' '),
  };
  return Object.entries(rows).map(([name, r]) => ({
    id: r.id,
    name,
    value: r.value,
    display: displayOf[name] ?? (r.value === null || r.value === undefined ? 'unknown' : String(r.value)),
    evidence: r.evidence,
    source: r.source,
    source_id: r.source_id,
    confidence: r.confidence,
    author: r.author,
    created_at: r.created_at,
  }));
}

/**
 * Re-runs the rules on a lead's current facts (after a correction, a publish or a bulk run) and
 * stores the decision. The escalation signals come from the latest decision because they were
 * read from the text, which has not changed.
 */
export function redecide(
  ctx: StoreContext,
  leadId: string,
  rules: CompiledRuleset & { rulesetId: string },
  kind: string,
  why: Record<string, unknown> = {},
): Decision {
  const { facts } = currentFacts(ctx, leadId);
  const prev = decisions.latestForLead(ctx, leadId);
  const signals: EscalationSignal[] = (prev?.escalation.reasons ?? [])
    .filter((r) => r.evidence.length > 0)
    .map((r) => ({ reason: r.reason, evidence: r.evidence, detail: r.detail, value: null }));
  // Kept as a reason even without evidence so that a re-decision never silently drops an escalation.
  const decision = rules.evaluate(facts, signals);
  const evidenceLess = (prev?.escalation.reasons ?? []).filter((r) => r.evidence.length === 0);
  if (evidenceLess.length) {
    decision.escalation = { escalate: true, reasons: [...decision.escalation.reasons, ...evidenceLess] };
  }
  ctx.db.transaction(() => {
    const run = runs.start(ctx, { lead_id: leadId, kind, extractor: prev?.extractor_version ?? null });
    trace.append(ctx, { run_id: run.id, lead_id: leadId, type: 'run_started', step: 0, data: { kind, ...why } });
    decisions.insert(ctx, {
      lead_id: leadId,
      run_id: run.id,
      decision,
      ruleset_id: rules.rulesetId,
      extractor_version: prev?.extractor_version ?? null,
    });
    trace.append(ctx, {
      run_id: run.id,
      lead_id: leadId,
      type: 'step',
      step: 1,
      data: {
        name: 'decide',
        class: decision.classification.class,
        score: decision.classification.score,
        previous_class: prev?.class ?? null,
        ruleset_version: decision.ruleset_version,
      },
    });
    trace.append(ctx, { run_id: run.id, lead_id: leadId, type: 'run_finished', step: 2, data: { status: decision.escalation.escalate ? 'escalated' : 'succeeded', kind } });
    runs.finish(ctx, run.id, { status: decision.escalation.escalate ? 'escalated' : 'succeeded' });
  })();
  return decision;
}
