import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EscalationSignal, Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../../../src/core/rules/evaluate.js';
import { whatif } from '../../../../../src/core/rules/workbench/replay.js';
import * as decisions from '../../../../../src/core/store/decisions.js';
import * as factsRepo from '../../../../../src/core/store/facts.js';
import * as leads from '../../../../../src/core/store/leads.js';
import { emptyFacts } from '../../../../fixtures/facts.js';
import { openTempStore } from '../../../../fixtures/workbenchLeads.js';

const signal = (reason: EscalationSignal['reason'], value: number | null = null): EscalationSignal => ({
  reason,
  value,
  detail: value === null ? reason : `asks for a ${value}% discount`,
  evidence: [{ quote: reason, start: 0, end: reason.length }],
});

// The baseline ignores legal questions and tolerates discounts up to 50%.
const baseline: Ruleset = {
  ...DEFAULT_RULESET,
  escalation: {
    triggers: DEFAULT_RULESET.escalation.triggers.filter((t) => t !== 'legal'),
    discount_max_pct: 50,
  },
};
const draft: Ruleset = { ...DEFAULT_RULESET, escalation: { ...DEFAULT_RULESET.escalation, discount_max_pct: 15 } };
const v = (ruleset: Ruleset, label: string) => ({ ruleset, version: null, label });

describe('what-if escalations from stored signals', () => {
  let store: ReturnType<typeof openTempStore>;
  beforeEach(() => (store = openTempStore()));
  afterEach(() => store.close());

  function qualified(signals: EscalationSignal[], stored: boolean): string {
    const { ctx } = store;
    const lead = leads.insert(ctx, { name: 'Ana', source: 'paste' });
    const f = emptyFacts();
    factsRepo.insertExtraction(ctx, { lead_id: lead.id, facts: f, ...(stored ? { signals } : {}) });
    decisions.insert(ctx, { lead_id: lead.id, decision: compileRuleset(baseline, 1).evaluate(f, signals) });
    return lead.id;
  }

  it('starts escalations a draft adds on old leads whose decision did not escalate', () => {
    const legal = qualified([signal('legal')], true);
    const discount = qualified([signal('discount', 30)], true);
    const quiet = qualified([], true);
    const old = qualified([signal('legal')], false); // qualified before signals were stored
    const r = whatif(store.ctx, { baseline: v(baseline, 'baseline'), draft: v(draft, 'draft'), cache: false });
    expect(r.escalations.before).toBe(0);
    expect(r.escalations.after).toBe(2);
    expect([...r.escalations.started].sort()).toEqual([legal, discount].sort());
    expect(r.escalations.started).not.toContain(quiet);
    // Without stored signals only an escalated decision's reasons could stand in: none here.
    expect(r.escalations.started).not.toContain(old);
    expect(r.escalations.from_decisions).toBe(0);
  });

  it('stops escalations a draft removes', () => {
    const id = qualified([signal('discount', 30)], true);
    const strict: Ruleset = { ...DEFAULT_RULESET, escalation: { ...DEFAULT_RULESET.escalation, discount_max_pct: 15 } };
    const r = whatif(store.ctx, { baseline: v(strict, 'strict'), draft: v(baseline, 'lenient'), cache: false });
    expect(r.escalations).toMatchObject({ before: 1, after: 0, stopped: [id] });
  });
});
