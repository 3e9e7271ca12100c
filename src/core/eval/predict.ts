import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgent } from '../agent/index.js';
import type { LlmClient } from '../llm/index.js';
import { analyzeText } from '../pipeline/analyze.js';
import type { CompiledRuleset } from '../rules/evaluate.js';
import { createStoreContext } from '../store/context.js';
import * as leads from '../store/leads.js';
import * as sources from '../store/sources.js';
import type { EvalCase } from './cases.js';
import type { Prediction } from './score.js';

/** Predictions of the embedded engine: the same analyzeText every host uses. */
export function predictEmbedded(cases: readonly EvalCase[], rules: CompiledRuleset): Prediction[] {
  return cases.map((c) => {
    const a = analyzeText({ text: c.text, receivedAt: c.received_at, channel: c.channel }, rules);
    return { extraction: a.extraction, decision: a.decision };
  });
}

/**
 * Predictions through the full agent loop with a model, so a configured provider is measured
 * exactly as it runs for reps. The loop needs a store for its trace; a throwaway one is used and
 * nothing is persisted beyond it.
 */
export async function predictWithModel(
  cases: readonly EvalCase[],
  rules: CompiledRuleset,
  llm: LlmClient,
  opts: { redact?: boolean } = {},
): Promise<{ predictions: Prediction[]; model_calls: number; recoveries: number; tokens: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-eval-'));
  const ctx = createStoreContext(join(dir, 'eval.db'));
  try {
    const predictions: Prediction[] = [];
    let recoveries = 0;
    let tokens = 0;
    let calls = 0;
    for (const c of cases) {
      const lead = leads.insert(ctx, { source: 'api', channel: c.channel, external_id: c.id });
      const src = sources.insert(ctx, { lead_id: lead.id, kind: 'paste', text: c.text, received_at: c.received_at });
      const r = await runAgent(
        { store: ctx, rules, llm, redact: opts.redact ?? true, persist: false },
        { leadId: lead.id, sourceId: src.id, text: c.text, receivedAt: c.received_at, channel: c.channel },
      );
      if (r.outcome.recovery) recoveries++;
      tokens += r.outcome.usage.tokens_in + r.outcome.usage.tokens_out;
      calls += r.outcome.usage.calls;
      predictions.push({ extraction: r.extraction, decision: r.decision });
    }
    return { predictions, model_calls: calls, recoveries, tokens };
  } finally {
    ctx.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
