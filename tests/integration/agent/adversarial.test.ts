import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/loop.js';
import * as leads from '../../../src/core/store/leads.js';
import * as proposals from '../../../src/core/store/proposals.js';
import * as trace from '../../../src/core/store/trace.js';
import { startScriptedServer, type ScriptedServer } from '../../fixtures/scripted-openai/server.js';
import { SCENARIOS } from '../../fixtures/scripted-openai/scenarios.js';
import { addLead, clientFor, crmWrites, openTempStore, RULES } from './harness.js';

let server: ScriptedServer;
let store: ReturnType<typeof openTempStore>;
beforeAll(async () => {
  server = await startScriptedServer();
  store = openTempStore();
});
afterAll(async () => {
  await server.close();
  store.dispose();
});

describe('adversarial scenarios against the scripted server', () => {
  it('has at least 25 scenarios', () => expect(SCENARIOS.length).toBeGreaterThanOrEqual(25));

  for (const sc of SCENARIOS) {
    it(sc.name, { timeout: 15_000 }, async () => {
      const ctx = store.ctx;
      if (sc.otherLead) leads.insert(ctx, { source: 'paste', name: sc.otherLead.name, email: sc.otherLead.email });
      server.enqueue(...sc.steps);
      const llm = await clientFor(server, { maxRetries: 1, ...sc.settings });
      const writesBefore = crmWrites(ctx);
      const { leadId, sourceId } = addLead(ctx, sc.text);
      const started = Date.now();
      const r = await runAgent({ store: ctx, rules: RULES, llm, ...(sc.budgets ? { budgets: sc.budgets } : {}) }, { leadId, sourceId, text: sc.text, receivedAt: '2026-03-02' });
      expect(Date.now() - started).toBeLessThan(10_000);
      const events = trace.list(ctx, { run_id: r.outcome.run_id });
      const types = events.map((e) => e.type);

      // The run always finishes with a decision and a next step.
      expect(types[0]).toBe('run_started');
      expect(types.at(-1)).toBe('run_finished');
      expect(r.decision.classification.class).toMatch(/qualified|needs_info|nurture|disqualified/);
      expect(r.outcome.next_action.kind).toMatch(/answer|ask|propose|escalate/);

      for (const reason of sc.blocked ?? []) {
        expect(r.outcome.blocked.map((b) => b.reason)).toContain(reason);
        const traced = events.some((e) => (e.type === 'tool_blocked' && e.data['reason'] === reason) || (reason === 'invalid_evidence' && e.type === 'evidence_invalid'));
        expect(traced, `trace has a ${reason} block`).toBe(true);
      }
      for (const reason of sc.escalations ?? []) {
        expect(r.outcome.escalation_reasons).toContain(reason);
        expect(events.some((e) => e.type === 'escalation' && e.data['reason'] === reason)).toBe(true);
        expect(r.outcome.next_action.kind).toBe('escalate');
      }
      if (sc.recovery) {
        expect(r.outcome.recovery?.code).toBe(sc.recovery);
        expect(types).toContain('recovery');
        const fin = events.at(-1)!;
        expect(fin.data['recovered']).toBe(true);
        expect(r.extraction.extractor).toMatch(/^embedded/);
      } else {
        expect(r.outcome.recovery).toBeNull();
      }
      if (sc.check === 'attempts_2') expect(events.find((e) => e.type === 'model_call')?.data['attempts']).toBe(2);
      if (sc.check === 'no_model_facts') expect(Object.values(r.extraction.facts).every((f) => !('source' in f) || f.source !== 'model')).toBe(true);

      // Nothing reached the CRM: every proposal waits for a person.
      expect(crmWrites(ctx)).toBe(writesBefore);
      expect(types).not.toContain('writeback');
      for (const p of proposals.list(ctx, { lead_id: leadId })) expect(p.status).toBe('pending');
      // The reply never carries internal reasoning or another lead's address.
      expect(r.outcome.reply).not.toMatch(/score|ruleset|needs_info|pat@globex|Priya Natarajan/i);
    });
  }
});
