import { ok, type ImportReport, type QualifyResult, type Result } from '../../contract/index.js';
import { importTable, type ImportTableInput } from '../intake/table/index.js';
import type { StoreContext } from '../store/context.js';
import * as decisions from '../store/decisions.js';
import * as factsRepo from '../store/facts.js';
import * as importsRepo from '../store/imports.js';
import * as leads from '../store/leads.js';
import * as runs from '../store/runs.js';
import * as sources from '../store/sources.js';
import * as trace from '../store/trace.js';
import { withCustomFacts } from '../rules/workbench/customFacts.js';
import { emptyExtraction } from './emptyFacts.js';
import { factsView, type RulesWithId } from './qualify.js';
import { qualifyLead, type QualifyOptions } from './qualifyLead.js';

export interface QualifyTableResult {
  import: ImportReport;
  results: QualifyResult[];
}

/**
 * Qualifies one stored lead: from its newest text when it has one, otherwise from the facts the
 * ruleset computes from its imported columns (a table row with no message).
 */
export async function qualifyStoredLead(ctx: StoreContext, leadId: string, rules: RulesWithId, opts: QualifyOptions = {}): Promise<QualifyResult | null> {
  const lead = leads.get(ctx, leadId);
  if (!lead) return null;
  const texts = sources.listForLead(ctx, leadId);
  const newest = texts[texts.length - 1];
  if (newest && newest.text.trim()) {
    return qualifyLead(ctx, { text: newest.text, ...(newest.received_at ? { received_at: newest.received_at.slice(0, 10) } : {}) }, rules, opts);
  }
  const x = emptyExtraction();
  const facts = withCustomFacts(x.facts, rules.ruleset.custom_facts, lead.attributes);
  const d = rules.evaluate(facts, []);
  return ctx.db.transaction((): QualifyResult => {
    const run = runs.start(ctx, { lead_id: leadId, kind: 'qualify', extractor: 'columns' });
    trace.append(ctx, { run_id: run.id, lead_id: leadId, type: 'run_started', step: 0, data: { kind: 'qualify', from: 'columns' } });
    factsRepo.insertExtraction(ctx, { lead_id: leadId, run_id: run.id, facts, signals: [] });
    decisions.insert(ctx, { lead_id: leadId, run_id: run.id, decision: d, ruleset_id: rules.rulesetId, extractor_version: 'columns' });
    trace.append(ctx, { run_id: run.id, lead_id: leadId, type: 'step', step: 1, data: { name: 'decide', class: d.classification.class, score: d.classification.score } });
    trace.append(ctx, { run_id: run.id, lead_id: leadId, type: 'run_finished', step: 2, data: { status: 'succeeded' } });
    runs.finish(ctx, run.id, { status: 'succeeded' });
    return {
      lead: leads.get(ctx, leadId)!,
      matched_by: null,
      source_id: '',
      channel: 'table',
      received_at: lead.created_at.slice(0, 10),
      facts: factsView(facts),
      intent: x.intent,
      classification: d.classification,
      missing: d.missing,
      escalation: d.escalation,
      proposals: [],
      blocked: [],
      trace_id: run.id,
      ruleset_version: d.ruleset_version,
      extractor: 'columns',
    };
  })();
}

/** Imports a table (good rows in, bad rows reported) and qualifies every imported lead. */
export async function qualifyTable(ctx: StoreContext, input: ImportTableInput, rules: RulesWithId, opts: QualifyOptions = {}): Promise<Result<QualifyTableResult>> {
  const imp = await importTable(ctx, input);
  if (!imp.ok) return imp;
  const ids = imp.value.import_id ? importsRepo.leadIds(ctx, imp.value.import_id) : [];
  const results: QualifyResult[] = [];
  for (const id of ids) {
    const r = await qualifyStoredLead(ctx, id, rules, opts);
    if (r) results.push(r);
  }
  return ok({ import: imp.value, results });
}
