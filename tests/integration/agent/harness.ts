import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgent, type AgentDeps } from '../../../src/core/agent/loop.js';
import { createLlmClient, type LlmClient } from '../../../src/core/llm/client.js';
import { MemorySecretStore } from '../../../src/core/secrets.js';
import { LlmSettingsSchema, type LlmSettingsInput } from '../../../src/core/llm/settings.js';
import { DEFAULT_RULESET } from '../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../src/core/rules/evaluate.js';
import { createStoreContext, type StoreContext } from '../../../src/core/store/context.js';
import * as leads from '../../../src/core/store/leads.js';
import * as sources from '../../../src/core/store/sources.js';
import * as trace from '../../../src/core/store/trace.js';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-openai/server.js';

export const RULES = compileRuleset(DEFAULT_RULESET, 1);

/** A real SQLite file in a temp folder, migrated (the store's list includes AGENT_MIGRATIONS). */
export function openTempStore(): { ctx: StoreContext; path: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sc-agent-'));
  const path = join(dir, 'test.db');
  const ctx = createStoreContext(path);
  return { ctx, path, dispose: () => (ctx.db.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Reopens an existing file (a restart after a crash). */
export function reopenStore(path: string): StoreContext {
  return createStoreContext(path);
}

export function addLead(ctx: StoreContext, text: string, name: string | null = 'Dana Reyes', company: string | null = 'Acme Retail'): { leadId: string; sourceId: string } {
  const l = leads.insert(ctx, { source: 'paste', name, company });
  const s = sources.insert(ctx, { lead_id: l.id, kind: 'paste', text, received_at: '2026-03-02' });
  return { leadId: l.id, sourceId: s.id };
}

export async function clientFor(server: ScriptedServer, over: LlmSettingsInput = {}): Promise<LlmClient> {
  const settings = LlmSettingsSchema.parse({ provider: 'openai', baseUrl: server.url, model: 'scripted-model', timeoutMs: 2000, maxRetries: 1, pricePer1kIn: 0.15, pricePer1kOut: 0.6, ...over });
  const secrets = new MemorySecretStore();
  secrets.set('openai_api_key', 'sk-test-never-logged-1234');
  const r = await createLlmClient(settings, { secrets });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export interface Env {
  ctx: StoreContext;
  server: ScriptedServer;
  llm: LlmClient;
  dispose: () => Promise<void>;
}

export async function setup(over: LlmSettingsInput = {}): Promise<Env> {
  const store = openTempStore();
  const server = await startScriptedServer();
  const llm = await clientFor(server, over);
  return { ctx: store.ctx, server, llm, dispose: async () => (await server.close(), store.dispose()) };
}

export async function qualify(env: Env, text: string, deps: Partial<AgentDeps> = {}) {
  const { leadId, sourceId } = addLead(env.ctx, text);
  const r = await runAgent({ store: env.ctx, rules: RULES, llm: env.llm, ...deps }, { leadId, sourceId, text, receivedAt: '2026-03-02' });
  const events = trace.list(env.ctx, { run_id: r.outcome.run_id });
  return { ...r, leadId, events };
}

/** CRM writes so far (every write bumps a record's version above 1). */
export const crmWrites = (ctx: StoreContext): number =>
  (ctx.db.prepare('SELECT coalesce(sum(version - 1), 0) AS n FROM crm_records').get() as { n: number }).n;

export const QUALIFIED_TEXT = `Hi team,

I'm the VP of Product at Acme Retail (about 400 employees). We're replacing Mixpanel and have a budget of USD 40,000 per year.
We need funnels and retention dashboards and want to decide within 2 months.

Dana Reyes
VP Product, Acme Retail
dana@acme-retail.com`;
