import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/agent/metrics.js';
import * as decisions from '../../../src/core/store/decisions.js';
import * as proposals from '../../../src/core/store/proposals.js';
import { autoOutput, blankOutput } from '../../fixtures/scripted-openai/server.js';
import { crmWrites, qualify, QUALIFIED_TEXT, setup, type Env } from './harness.js';

let env: Env;
beforeAll(async () => (env = await setup()));
afterAll(async () => env.dispose());

describe('the execution loop with the real openai client against the scripted server', () => {
  it('happy path: one model call, traced steps, pending proposals, no write', async () => {
    env.server.enqueue({ kind: 'auto' });
    const r = await qualify(env, QUALIFIED_TEXT);
    expect(r.decision.classification.class).toBe('qualified');
    expect(r.outcome.usage.calls).toBe(1);
    expect(r.outcome.usage.tokens_in).toBe(420);
    expect(r.outcome.usage.cost_usd).toBeCloseTo(0.171, 6);
    expect(r.outcome.next_action.kind).toBe('propose');
    expect(r.outcome.recovery).toBeNull();
    expect(r.outcome.prompt_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.events.filter((e) => e.type === 'step').map((e) => e.data['name'])).toEqual(['interpret', 'extract', 'merge', 'decide', 'tools', 'propose', 'next_action']);
    const kinds = r.outcome.proposals.map((id) => proposals.get(env.ctx, id)!.kind).sort();
    expect(kinds).toEqual(['crm_update', 'task']);
    expect(crmWrites(env.ctx)).toBe(0);
    const d = decisions.latestForLead(env.ctx, r.leadId)!;
    expect(d.prompt_hash).toBe(r.outcome.prompt_hash);
    expect(d.extractor_version).toMatch(/^merged\(embedded/);
  });

  it('the lead text goes out redacted and delimited; the key is never stored', async () => {
    const text = `${QUALIFIED_TEXT}\nCall me on +1 415 555 2671. Card on file 4111 1111 1111 1111.`;
    env.server.enqueue({ kind: 'auto' });
    const before = env.server.requests.length;
    await qualify(env, text);
    const req = env.server.requests[before]!;
    const user = req.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toMatch(/<<<LEAD_TEXT_[0-9a-f]{12}>>>/);
    expect(user).not.toContain('dana@acme-retail.com');
    expect(user).not.toContain('4111 1111 1111 1111');
    expect(user).not.toContain('555 2671');
    expect(user).toContain('[EMAIL_1]');
    expect(req.body.messages![0]!.content).toMatch(/DATA/);
    expect(req.authorized).toBe(true);
    env.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbFile = readFileSync(env.ctx.db.name);
    expect(dbFile.includes('sk-test-never-logged')).toBe(false);
  });

  it('model quotes that use placeholders are restored and verified against the original text', async () => {
    const text = `Hi, I'm the CTO at Brightpath (250 employees), write to me at cto@brightpath.io. Budget USD 50k per year, decision in 3 months. We need retention analytics.`;
    env.server.enqueue({
      kind: 'json',
      content: (t) => ({ ...autoOutput(t), facts: { ...autoOutput(t).facts, authority: { value: 'decision_maker', quotes: ["I'm the CTO at Brightpath (250 employees), write to me at [EMAIL_1]"] } } }),
    });
    const r = await qualify(env, text);
    const ev = r.extraction.facts.authority.evidence.find((e) => e.quote.includes('cto@brightpath.io'));
    expect(ev).toBeTruthy();
    expect(text.slice(ev!.start, ev!.end)).toBe(ev!.quote);
    expect(r.outcome.invalid_evidence).toEqual([]);
  });

  it('merge disagreement is recorded for a person, numbers keep the embedded parse', async () => {
    env.server.enqueue({ kind: 'json', content: (t) => ({ ...autoOutput(t), facts: { ...autoOutput(t).facts, company_size: { value: 4000, quotes: ['about 400 employees'] } } }) });
    const r = await qualify(env, QUALIFIED_TEXT);
    expect(r.extraction.facts.company_size.value).toBe(400);
    expect(r.outcome.disagreements.map((d) => d.fact)).toContain('company_size');
    expect(r.events.some((e) => e.type === 'merge_disagreement' && e.data['fact'] === 'company_size')).toBe(true);
  });

  it('a needs_info lead gets a follow-up question and an ask next action', async () => {
    env.server.enqueue({ kind: 'json', content: blankOutput({ followup: { subject: 'Quick question', body: 'Hi Jo,\n\nWhat budget do you have in mind, and when would you like to decide?\n\nBest' } }) });
    const r = await qualify(env, `Hi, we're looking at analytics tools. Can you send info? Jo`);
    expect(r.decision.classification.class).toBe('needs_info');
    expect(r.outcome.next_action.kind).toBe('ask');
    expect(r.outcome.reply).toContain('What budget');
    expect(r.outcome.proposals.map((id) => proposals.get(env.ctx, id)!.kind)).toContain('followup_email');
  });

  it('the embedded provider works offline with zero model calls', async () => {
    const r = await qualify(env, QUALIFIED_TEXT, { llm: null });
    expect(r.outcome.usage.calls).toBe(0);
    expect(r.events.some((e) => e.type === 'model_call')).toBe(false);
    expect(r.decision.classification.class).toBe('qualified');
  });

  it('metrics count tokens, recoveries and blocks from the trace', async () => {
    env.server.enqueue({ kind: 'raw', content: 'not json' });
    await qualify(env, QUALIFIED_TEXT);
    const m = computeMetrics(env.ctx).total;
    expect(m.model_calls).toBeGreaterThan(0);
    expect(m.tokens_in).toBeGreaterThan(0);
    expect(m.runs_with_failure).toBeGreaterThanOrEqual(1);
    expect(m.recovery_rate).toBe(1);
  });
});
