import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../../../../src/core/llm/client.js';
import { EnvSecretStore, maskSecret, MemorySecretStore } from '../../../../src/core/secrets.js';
import { describeSettings, LlmSettingsSchema } from '../../../../src/core/llm/settings.js';
import { costOf, UsageMeter } from '../../../../src/core/llm/usage.js';

describe('provider settings and secrets', () => {
  it('defaults to the embedded provider; openai needs a base URL', () => {
    expect(LlmSettingsSchema.parse({}).provider).toBe('embedded');
    const bad = LlmSettingsSchema.safeParse({ provider: 'openai' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['baseUrl']);
  });

  it('never carries the key in the settings', () => {
    const s = LlmSettingsSchema.parse({ provider: 'openai', baseUrl: 'http://127.0.0.1:1/v1' });
    expect(JSON.stringify(describeSettings(s))).not.toMatch(/sk-/);
    expect(Object.keys(s)).not.toContain('apiKey');
  });

  it('reads OPENAI_API_KEY from the environment; memory store for tests', async () => {
    expect(new EnvSecretStore({ OPENAI_API_KEY: 'sk-abc' }).get('openai_api_key')).toBe('sk-abc');
    const m = new MemorySecretStore();
    m.set('openai_api_key', 'sk-xyz');
    expect(m.get('openai_api_key')).toBe('sk-xyz');
    expect(maskSecret('sk-1234567890abcd')).toBe('sk-...abcd');
  });

  it('refuses api.openai.com without a key, as a value', async () => {
    const s = LlmSettingsSchema.parse({ provider: 'openai', baseUrl: 'https://api.openai.com/v1' });
    const r = await createLlmClient(s, { secrets: new MemorySecretStore() });
    expect(!r.ok && r.error.code).toBe('invalid_input');
  });

  it('counts tokens and cost per run and per lead', () => {
    expect(costOf({ pricePer1kIn: 0.15, pricePer1kOut: 0.6 }, 1000, 500)).toBeCloseTo(0.45, 6);
    const m = new UsageMeter();
    m.record({ calls: 1, tokens_in: 100, tokens_out: 50, cost_usd: 0.01 }, { runId: 'r1', leadId: 'l1' });
    m.record({ calls: 1, tokens_in: 100, tokens_out: 50, cost_usd: 0.01 }, { runId: 'r2', leadId: 'l1' });
    expect(m.lead('l1')).toEqual({ calls: 2, tokens_in: 200, tokens_out: 100, cost_usd: 0.02 });
    expect(m.run('r2').calls).toBe(1);
    expect(m.total().calls).toBe(2);
  });
});
