import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../../../src/contract/index.js';
import { EvalCaseSchema } from '../../../../../src/core/eval/cases.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../../../src/core/rules/evaluate.js';
import { listCases, saveCorrectionCase } from '../../../../../src/core/rules/workbench/corrections.js';
import {
  history,
  publishVersion,
  rollback,
  saveDraftVersion,
} from '../../../../../src/core/rules/workbench/versions.js';
import * as decisions from '../../../../../src/core/store/decisions.js';
import * as factsRepo from '../../../../../src/core/store/facts.js';
import * as leads from '../../../../../src/core/store/leads.js';
import * as sources from '../../../../../src/core/store/sources.js';
import * as trace from '../../../../../src/core/store/trace.js';
import { emptyFacts } from '../../../../fixtures/facts.js';
import { openTempStore } from '../../../../fixtures/workbenchLeads.js';

const TEXT = 'Hi, I run analytics at Acme (320 people). We have $30k/year and want to decide within 3 months.';
const lowerBudget: Ruleset = {
  ...DEFAULT_RULESET,
  rules: DEFAULT_RULESET.rules.map((r) => (r.id === 'budget_min' ? { ...r, value: 5000 } : r)),
};

function seedLead(ctx: ReturnType<typeof openTempStore>['ctx']) {
  const lead = leads.insert(ctx, { name: 'Ana', email: 'ana@acme.com', source: 'paste' });
  const src = sources.insert(ctx, { lead_id: lead.id, kind: 'email', text: TEXT, received_at: '2026-03-02' });
  const f = emptyFacts();
  f.budget.value = { amount: 30000, currency: 'USD', period: 'year' };
  f.timeline.value = { months: 3 };
  f.authority.value = 'decision_maker';
  f.company_size.value = 320;
  f.need.value = 'stated';
  factsRepo.insertExtraction(ctx, { lead_id: lead.id, source_id: src.id, facts: f });
  decisions.insert(ctx, {
    lead_id: lead.id,
    decision: compileRuleset(DEFAULT_RULESET, 1).evaluate(f),
    ruleset_id: 'default',
  });
  return lead;
}

describe('corrections become evaluation cases', () => {
  let store: ReturnType<typeof openTempStore>;
  beforeEach(() => (store = openTempStore()));
  afterEach(() => store.close());

  it('saves a fact correction in SPEC.md format with the text and the corrected labels', () => {
    const lead = seedLead(store.ctx);
    const r = saveCorrectionCase(store.ctx, {
      lead_id: lead.id,
      author: 'rep1',
      corrections: { budget: { amount: 8000, currency: 'USD', period: 'year' } },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(EvalCaseSchema.parse(r.value)).toBeTruthy();
    expect(r.value).toMatchObject({
      channel: 'email',
      received_at: '2026-03-02',
      text: TEXT,
      facts: {
        budget: { amount: 8000, currency: 'USD', period: 'year' },
        timeline_months: 3,
        authority: 'decision_maker',
        company_size: 320,
        need: 'stated',
      },
      expected: { class: 'nurture', missing: [], escalate: false },
    });
    expect(listCases(store.ctx)).toHaveLength(1);
    expect(trace.list(store.ctx, { type: 'eval_case.saved' })).toHaveLength(1);
  });

  it('asks for confirmation before publishing a ruleset that breaks cases that pass now, and lists them', () => {
    const lead = seedLead(store.ctx);
    const saved = saveCorrectionCase(store.ctx, {
      lead_id: lead.id,
      corrections: { budget: { amount: 8000, currency: 'USD', period: 'year' } },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    saveDraftVersion(store.ctx, { body: lowerBudget, author: 'maria' });
    const refused = publishVersion(store.ctx, { author: 'maria' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.message).toContain(saved.value.id);
    expect(refused.error.message).toContain('expected nurture, would be qualified');
    expect(history(store.ctx)[0]).toMatchObject({ version: 2, status: 'draft' });
    expect(trace.list(store.ctx, { type: 'rules.publish_blocked' })).toHaveLength(1);

    const confirmed = publishVersion(store.ctx, { author: 'maria', confirm: true });
    expect(confirmed.ok && confirmed.value.check).toMatchObject({
      cases: 1,
      passed: 0,
      needs_confirmation: true,
      broken: [{ case_id: saved.value.id, expected: 'nurture', got: 'qualified' }],
    });
    // Going back to v1 fixes the case, so the rollback needs no confirmation.
    expect(rollback(store.ctx, { version: 1 }).ok).toBe(true);
  });

  it('saves a class override and rejects empty or unknown corrections', () => {
    const lead = seedLead(store.ctx);
    const r = saveCorrectionCase(store.ctx, {
      lead_id: lead.id,
      class_override: 'disqualified',
      note: 'student project',
    });
    expect(r.ok && r.value.expected).toMatchObject({ class: 'disqualified', missing: [] });
    expect(saveCorrectionCase(store.ctx, { lead_id: lead.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(saveCorrectionCase(store.ctx, { lead_id: lead.id, corrections: { mood: 'happy' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(saveCorrectionCase(store.ctx, { lead_id: 'lead_nope', class_override: 'nurture' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
