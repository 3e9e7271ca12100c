import { describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { diffRulesets, formatDiff } from '../../../../../src/core/rules/workbench/diff.js';

describe('ruleset diff', () => {
  it('is empty for the same ruleset', () => {
    expect(diffRulesets(DEFAULT_RULESET, structuredClone(DEFAULT_RULESET)).changes).toEqual([]);
  });

  it('names thresholds, weights, required facts, questions, escalation triggers and tool policy', () => {
    const b: Ruleset = structuredClone(DEFAULT_RULESET);
    b.rules = b.rules
      .map((r) => (r.id === 'budget_min' ? { ...r, value: 5000, weight: 40 } : r))
      .filter((r) => r.id !== 'need_stated');
    b.rules.push({
      id: 'no_competitor',
      label: 'Not evaluating a competitor',
      fact: 'competitor_count',
      op: '==',
      value: 0,
      outcome: null,
      weight: 5,
    });
    b.required = b.required.filter((f) => f !== 'need');
    b.questions.budget = 'Roughly what budget do you have?';
    b.escalation.triggers = b.escalation.triggers.filter((t) => t !== 'discount');
    b.escalation.discount_max_pct = 20;
    b.tool_policy.refund = ['get_lead'];
    const d = diffRulesets(DEFAULT_RULESET, b, 'v1', 'v2');
    const summaries = d.changes.map((c) => `${c.section}: ${c.summary}`);
    expect(summaries).toEqual(
      expect.arrayContaining([
        'thresholds: Budget of at least USD 10,000 a year: threshold 10000 -> 5000',
        'score_weights: Budget of at least USD 10,000 a year: weight 30 -> 40',
        expect.stringMatching(/^rules: new rule: Not evaluating a competitor/),
        expect.stringMatching(/^rules: rule removed: A need is stated/),
        'required_facts: required facts: removed need',
        'questions: question for budget: "Roughly what budget do you have?" (was "What budget have you set aside for this, and is it per year or per month?")',
        'escalation: escalation triggers: removed discount',
        'escalation: escalate discounts over 15% -> over 20%',
        'tool_policy: tools for refund: removed get_crm_record',
        'tool_policy: tools for refund: removed escalate_to_human',
      ]),
    );
    const text = formatDiff(d);
    expect(text).toContain('Thresholds:\n  ~ Budget of at least USD 10,000 a year: threshold 10000 -> 5000');
    expect(text).toContain('Tool policy:\n  - tools for refund: removed get_crm_record');
  });

  it('shows custom facts added from imported columns', () => {
    const b: Ruleset = {
      ...DEFAULT_RULESET,
      custom_facts: [{ name: 'lead_source', label: 'Lead source', column: 'Lead Source', type: 'string' }],
    };
    expect(diffRulesets(DEFAULT_RULESET, b).changes).toEqual([
      expect.objectContaining({
        section: 'custom_facts',
        kind: 'added',
        summary: 'new custom fact custom.lead_source from column "Lead Source" (string)',
      }),
    ]);
  });
});
