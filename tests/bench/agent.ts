import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgent } from '../../src/core/agent/loop.js';
import { loadCases } from '../../src/core/eval/cases.js';
import { createLlmClient } from '../../src/core/llm/client.js';
import { MemorySecretStore } from '../../src/core/secrets.js';
import { LlmSettingsSchema } from '../../src/core/llm/settings.js';
import { DEFAULT_RULESET } from '../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../src/core/rules/evaluate.js';
import { createStoreContext } from '../../src/core/store/context.js';
import * as leads from '../../src/core/store/leads.js';
import { startScriptedServer } from '../fixtures/scripted-openai/server.js';
import { median, quantile } from './stats.js';

export interface AgentBenchResult {
  leads: number;
  /** Loop time per lead outside the model call (store, policy, tools, trace), in ms. */
  overhead_ms_median: number;
  overhead_ms_p95: number;
  /** Of the overhead: intake + embedded extractor (the agent's own share is the rest). */
  embedded_extract_ms_median: number;
  agent_only_ms_median: number;
  /** The same loop with the embedded provider (no model at all). */
  embedded_ms_median: number;
  qualified_leads: number;
  model_calls_per_qualified_lead: number;
  tokens_per_qualified_lead: number;
  model_calls_per_lead: number;
}

/**
 * The agent loop's own overhead per lead with model time excluded (the model is the scripted
 * server on loopback), and model calls and tokens per qualified lead (target: one call).
 */
export async function benchAgent(opts: { dataDir?: string; maxLeads?: number } = {}): Promise<AgentBenchResult> {
  const cases = loadCases(opts.dataDir ?? '../shared/eval/cases');
  if (!cases.ok) throw new Error(cases.error.message);
  const sample = cases.value.slice(0, opts.maxLeads ?? 40);
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-agent-'));
  const server = await startScriptedServer();
  const ctx = createStoreContext(join(dir, 'bench.db'));
  try {
    const settings = LlmSettingsSchema.parse({ provider: 'openai', baseUrl: server.url, model: 'scripted', timeoutMs: 5000, maxRetries: 0 });
    const secrets = new MemorySecretStore();
    const client = await createLlmClient(settings, { secrets });
    if (!client.ok) throw new Error(client.error.message);
    const rules = compileRuleset(DEFAULT_RULESET, 1);
    // Warm-up: module loading and JIT are not the loop's per-lead cost.
    for (const c of sample.slice(0, 3)) {
      const l = leads.insert(ctx, { source: 'paste' });
      await runAgent({ store: ctx, rules, llm: client.value }, { leadId: l.id, text: c.text, receivedAt: c.received_at });
    }
    const overhead: number[] = [];
    const embedded: number[] = [];
    const extractMs: number[] = [];
    const agentOnly: number[] = [];
    let qualified = 0;
    let qCalls = 0;
    let qTokens = 0;
    let calls = 0;
    for (const c of sample) {
      const l = leads.insert(ctx, { source: 'paste' });
      const r = await runAgent({ store: ctx, rules, llm: client.value }, { leadId: l.id, text: c.text, receivedAt: c.received_at });
      overhead.push(r.overheadMs);
      extractMs.push(r.embeddedMs);
      agentOnly.push(r.overheadMs - r.embeddedMs);
      calls += r.outcome.usage.calls;
      if (r.decision.classification.class === 'qualified') {
        qualified++;
        qCalls += r.outcome.usage.calls;
        qTokens += r.outcome.usage.tokens_in + r.outcome.usage.tokens_out;
      }
      const l2 = leads.insert(ctx, { source: 'paste' });
      const e = await runAgent({ store: ctx, rules }, { leadId: l2.id, text: c.text, receivedAt: c.received_at });
      embedded.push(e.overheadMs);
    }
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      leads: sample.length,
      overhead_ms_median: r3(median(overhead)),
      overhead_ms_p95: r3(quantile(overhead, 0.95)),
      embedded_extract_ms_median: r3(median(extractMs)),
      agent_only_ms_median: r3(median(agentOnly)),
      embedded_ms_median: r3(median(embedded)),
      qualified_leads: qualified,
      model_calls_per_qualified_lead: qualified ? r3(qCalls / qualified) : 0,
      tokens_per_qualified_lead: qualified ? r3(qTokens / qualified) : 0,
      model_calls_per_lead: r3(calls / sample.length),
    };
  } finally {
    ctx.db.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/agent.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchAgent(), null, 2));
}
