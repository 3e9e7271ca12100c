import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases, type EvalCase } from '../../../../src/core/eval/cases.js';
import { belowFloor } from '../../../../src/core/eval/floor.js';
import { scoreCases, type Prediction } from '../../../../src/core/eval/score.js';
import { DEFAULT_RULESET } from '../../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../../src/core/rules/evaluate.js';
import { emptyFacts, factsFromLabels } from '../../../fixtures/facts.js';

const CASES = '../shared/eval/cases';
const rules = compileRuleset(DEFAULT_RULESET);

function perfect(c: EvalCase): Prediction {
  const facts = factsFromLabels(c);
  const signals = c.expected.escalation_reasons.map((reason) => ({ reason, detail: reason, value: null, evidence: [{ quote: c.text.slice(0, 5), start: 0, end: 5 }] }));
  return {
    extraction: { facts, signals, intent: { kind: 'new_inquiry', confidence: 1, evidence: [] }, extractor: 'labels' },
    decision: rules.evaluate(facts, signals),
  };
}

describe.skipIf(!existsSync(CASES))('eval scoring', () => {
  const loaded = loadCases(CASES);
  const cases = loaded.ok ? loaded.value : [];

  it('scores the labels themselves as perfect', () => {
    const r = scoreCases(cases, cases.map(perfect));
    expect(r.cases).toBe(80);
    expect(r.class_accuracy).toBe(1);
    expect(r.escalation).toEqual({ recall: 1, precision: 1, reason_accuracy: 1 });
    expect(Object.values(r.facts).every((v) => v === 1)).toBe(true);
    expect(r.missing_f1).toBe(1);
    expect(r.evidence_validity).toBe(1);
    expect(r.failures).toEqual([]);
    expect(belowFloor(r, { class_accuracy: 0.9, escalation_recall: 0.95, evidence_validity: 1 })).toEqual([]);
  });

  it('counts a missed escalation, a wrong class and an invented quote', () => {
    const preds = cases.map(perfect);
    const escIdx = cases.findIndex((c) => c.expected.escalate);
    const p = preds[escIdx]!;
    preds[escIdx] = { ...p, decision: { ...p.decision, escalation: { escalate: false, reasons: [] } } };
    const empty = emptyFacts();
    empty.budget.value = { amount: 1, currency: 'USD', period: 'year' };
    empty.budget.evidence = [{ quote: 'not in the text at all', start: 0, end: 22 }];
    preds[0] = { extraction: { ...preds[0]!.extraction, facts: empty }, decision: rules.evaluate(empty) };
    const r = scoreCases(cases, preds);
    const positives = cases.filter((c) => c.expected.escalate).length;
    expect(r.escalation.recall).toBeCloseTo((positives - 1) / positives, 4);
    expect(r.evidence_validity).toBeLessThan(1);
    expect(r.failures[0]!.field).toBe('escalate');
    expect(r.failures.some((f) => f.id === cases[0]!.id && f.field === 'evidence')).toBe(true);
    expect(belowFloor(r, { class_accuracy: 0.5, escalation_recall: 0.95, evidence_validity: 1 })).toHaveLength(2);
  });
});
