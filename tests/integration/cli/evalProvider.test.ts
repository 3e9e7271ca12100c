import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer } from '../../fixtures/scripted-openai/server.js';
import { runCli } from '../../helpers/cli.js';

const CASES = '../shared/eval/cases';

describe.skipIf(!existsSync(CASES))('eval --provider openai against the scripted server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-evalp-'));
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  beforeAll(async () => {
    server = await startScriptedServer();
    for (const f of readdirSync(CASES).sort().slice(0, 6)) cpSync(join(CASES, f), join(dir, f));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scores the cases through the real openai client, one model call per lead', async () => {
    const r = await runCli(['eval', '--data', dir, '--json', '--provider', 'openai', '--base-url', server.url, '--model', 'scripted'], {
      env: { OPENAI_API_KEY: 'test-key' },
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.cases).toBe(6);
    expect(report.provider).toMatchObject({ model: 'scripted', model_calls: 6, recoveries: 0 });
    expect(report.evidence_validity).toBe(1);
    expect(r.stdout).not.toContain('test-key');
  });
});
