import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/core/createCore.js';
import * as trace from '../../../../src/core/store/trace.js';
import { inProcessClient } from '../../../../src/transport/inProcess.js';
import { SAMPLE_INBOX } from '../../../../src/core/demo/sampleInbox.js';
import { startScriptedServer } from '../../../fixtures/scripted-openai/server.js';

describe('the app qualifies with the provider chosen in Settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-provider-'));
  let core: Core;
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  beforeAll(async () => {
    server = await startScriptedServer();
    core = createCore({ dbPath: join(dir, 'app.db'), host: 'test' });
  });
  afterAll(async () => {
    core.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('embedded by default, then the configured OpenAI-compatible endpoint, with the key kept out of the database', async () => {
    const api = inProcessClient(core);
    const text = SAMPLE_INBOX[0]!.text;
    const first = await api.call('leads.qualify', { text, received_at: SAMPLE_INBOX[0]!.receivedAt });
    expect(first.ok).toBe(true);
    const runOf = (r: typeof first) => (r.ok ? r.data.trace_id : '');
    expect(trace.list(core.context.store, { run_id: runOf(first), type: 'model_call' })).toHaveLength(0);

    const upd = await api.call('settings.update', {
      provider: { kind: 'openai_compatible', base_url: server.url, model: 'scripted' },
      api_key: 'sk-test-secret',
    });
    expect(upd.ok).toBe(true);
    const second = await api.call('leads.qualify', { text, received_at: SAMPLE_INBOX[0]!.receivedAt });
    expect(second.ok).toBe(true);
    expect(trace.list(core.context.store, { run_id: runOf(second), type: 'model_call' })).toHaveLength(1);
    expect(server.requests.length).toBe(1);
    const dump = core.context.store.db.prepare("SELECT group_concat(value) AS v FROM settings").get() as { v: string };
    expect(dump.v).not.toContain('sk-test-secret');
  });
});
