import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../../../../src/core/eval/cases.js';
import { DEFAULT_RULESET } from '../../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../../src/core/rules/evaluate.js';
import { extractEmbedded } from '../../../../src/core/extract/embedded/index.js';
import { emptyFacts, factsFromLabels } from '../../../fixtures/facts.js';
import type { Facts, Ruleset } from '../../../../src/contract/index.js';

const rules = compileRuleset(DEFAULT_RULESET, 1);
const CASES = '../shared/eval/cases';

function qualifiedFacts(): Facts {
  const f = emptyFacts();
  f.budget.value = { amount: 30000, currency: 'USD', period: 'year' };
  f.budget.evidence = [{ quote: '$30k', start: 0, end: 4 }];
  f.timeline.value = { months: 3 };
  f.authority.value = 'decision_maker';
  f.company_size.value = 320;
  f.need.value = 'stated';
  return f;
}

describe('rules engine on the reference policy', () => {
  it.skipIf(!existsSync(CASES))('reproduces every labelled class and missing list from the labelled facts', () => {
    const cases = loadCases(CASES);
    if (!cases.ok) throw new Error(cases.error.message);
    for (const c of cases.value) {
      const d = rules.evaluate(factsFromLabels(c));
      expect({ id: c.id, class: d.classification.class }).toEqual({ id: c.id, class: c.expected.class });
      expect({ id: c.id, missing: d.missing.map((m) => m.fact).sort() }).toEqual({ id: c.id, missing: [...c.expected.missing].sort() });
    }
  });

  it('qualifies a complete lead and explains every rule as passed', () => {
    const d = rules.evaluate(qualifiedFacts());
    expect(d.classification.class).toBe('qualified');
    expect(d.classification.reasons.every((r) => r.status === 'passed')).toBe(true);
    expect(d.classification.counterfactual).toBeNull();
    expect(d.classification.score).toBe(100);
    expect(d.classification.reasons.find((r) => r.rule === 'budget_min')?.evidence).toEqual([{ quote: '$30k', start: 0, end: 4 }]);
  });

  it('normalises currency and period: EUR 800 a month is USD 10,368 a year', () => {
    const f = qualifiedFacts();
    f.budget.value = { amount: 800, currency: 'EUR', period: 'month' };
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('qualified');
    expect(d.classification.reasons.find((r) => r.rule === 'budget_min')?.actual).toBe('EUR 800 / month = USD 10,368 / year');
    f.budget.value = { amount: 700, currency: 'EUR', period: 'month' };
    expect(rules.evaluate(f).classification.class).toBe('nurture');
  });

  it('treats an unknown currency as an unknown budget, not a pass', () => {
    const f = qualifiedFacts();
    f.budget.value = { amount: 1_000_000, currency: 'XYZ', period: 'year' };
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('needs_info');
    expect(d.missing.map((m) => m.fact)).toEqual(['budget']);
  });

  it('gives the counterfactual line for a budget that is too small', () => {
    const f = qualifiedFacts();
    f.budget.value = { amount: 6000, currency: 'USD', period: 'year' };
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('nurture');
    expect(d.classification.counterfactual).toBe('Would be qualified if a budget of at least USD 10,000 a year were agreed.');
  });

  it('asks for missing facts with questions, decisive ones first', () => {
    const f = qualifiedFacts();
    f.budget.value = null;
    f.budget.evidence = [];
    f.authority.value = 'end_user';
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('needs_info');
    expect(d.missing.map((m) => m.fact)).toEqual(['budget', 'authority']);
    expect(d.missing.every((m) => m.question.endsWith('?'))).toBe(true);
    // Knowing the budget could make the lead nurture (too small): decisive.
    expect(d.missing[0]?.decisive).toBe(true);
    expect(d.classification.counterfactual).toMatch(/^Would be qualified if a budget of at least USD 10,000 a year were confirmed and/);
  });

  it('marks missing facts as not decisive when a known failure already fixes the class', () => {
    const f = qualifiedFacts();
    f.timeline.value = { months: 12 };
    f.need.value = null;
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('nurture');
    expect(d.missing).toEqual([{ fact: 'need', question: DEFAULT_RULESET.questions.need, decisive: false }]);
  });

  it('disqualifies on a disqualifier or a company under 10 people, with no missing list', () => {
    const f = emptyFacts();
    f.disqualifier.value = 'job_seeker';
    const d = rules.evaluate(f);
    expect(d.classification.class).toBe('disqualified');
    expect(d.missing).toEqual([]);
    expect(d.classification.counterfactual).toBe('Cannot be qualified: disqualified as job seeker.');
    const g = qualifiedFacts();
    g.company_size.value = 4;
    expect(rules.evaluate(g).classification.class).toBe('disqualified');
  });

  it('escalates beside the class, and lets small discounts through', () => {
    const ev = [{ quote: 'x', start: 0, end: 1 }];
    const d = rules.evaluate(qualifiedFacts(), [
      { reason: 'discount', detail: 'asks for 10% off', value: 10, evidence: ev },
      { reason: 'refund', detail: 'asks for a refund', value: null, evidence: ev },
    ]);
    expect(d.classification.class).toBe('qualified');
    expect(d.escalation).toEqual({ escalate: true, reasons: [{ reason: 'refund', detail: 'asks for a refund', evidence: ev }] });
    const big = rules.evaluate(qualifiedFacts(), [{ reason: 'discount', detail: 'asks for 30% off', value: 30, evidence: ev }]);
    expect(big.escalation.reasons.map((r) => r.reason)).toEqual(['discount']);
  });

  it('scores inside a class: unknown facts rank above failing ones', () => {
    const unknown = qualifiedFacts();
    unknown.timeline.value = null;
    const failing = qualifiedFacts();
    failing.timeline.value = { months: 12 };
    expect(rules.evaluate(unknown).classification.score).toBeGreaterThan(rules.evaluate(failing).classification.score);
  });

  it('is deterministic', () => {
    expect(rules.evaluate(qualifiedFacts())).toEqual(rules.evaluate(qualifiedFacts()));
  });

  it('uses custom facts from imported columns and honours class_order', () => {
    const rs: Ruleset = {
      ...DEFAULT_RULESET,
      custom_facts: [{ name: 'time_on_site', label: 'Total Time Spent on Website', column: 'Total Time Spent on Website', type: 'number' }],
      rules: [...DEFAULT_RULESET.rules, { id: 'engaged', label: 'Spent 5+ minutes on the site', fact: 'custom.time_on_site', op: '>=', value: 300, outcome: 'nurture', weight: 10 }],
    };
    const c = compileRuleset(rs);
    const f = qualifiedFacts();
    f.custom.time_on_site = { value: 120, evidence: [], source: 'import' };
    expect(c.evaluate(f).classification.class).toBe('nurture');
    f.custom.time_on_site.value = 900;
    expect(c.evaluate(f).classification.class).toBe('qualified');
  });
});

describe('a budget in a currency without a rate', () => {
  it('is unknown, and the question asks for it in the base currency instead of asking again', () => {
    const x = extractEmbedded({ text: 'Budget: about R$ 400.000 per year, approved by the CFO.', receivedAt: '2026-11-09' });
    const d = rules.evaluate(x.facts, x.signals);
    expect(x.facts.budget.value).toEqual({ amount: 400000, currency: 'BRL', period: 'year' });
    const budget = d.missing.find((m) => m.fact === 'budget');
    expect(budget?.question).toBe('You mentioned BRL 400,000 a year: roughly how much is that in USD?');
  });
});
