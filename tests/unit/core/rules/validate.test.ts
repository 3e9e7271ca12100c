import { describe, expect, it } from 'vitest';
import { DEFAULT_RULESET } from '../../../../src/core/rules/defaultRuleset.js';
import { parseRulesetJson, validateRuleset } from '../../../../src/core/rules/validate.js';

describe('ruleset validation', () => {
  it('accepts the default ruleset', () => {
    expect(validateRuleset(DEFAULT_RULESET).ok).toBe(true);
  });

  it('names the path and the problem of each error', () => {
    const bad = structuredClone(DEFAULT_RULESET) as unknown as Record<string, unknown>;
    const rules = bad.rules as Record<string, unknown>[];
    rules[1]!.op = '>=';
    rules[1]!.value = 'ten thousand';
    rules[2]!.id = 'budget_min';
    rules.push({ id: 'x', label: 'x', fact: 'custom.nope', op: '==', value: 1, outcome: null });
    bad.class_order = ['qualified', 'qualified', 'nurture', 'disqualified'];
    const r = validateRuleset(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_ruleset');
    expect(r.error.message).toContain('rules.1.value: op ">=" compares numbers');
    expect(r.error.message).toContain('rules.2.id: duplicate rule id "budget_min"');
    expect(r.error.message).toContain('rules.6.fact: "custom.nope" is not defined in custom_facts');
    expect(r.error.message).toContain('class_order');
  });

  it('reports JSON syntax errors', () => {
    const r = parseRulesetJson('{ "name": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not valid JSON/);
  });
});
