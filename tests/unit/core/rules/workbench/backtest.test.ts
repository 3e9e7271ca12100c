import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { aucOf, backtest, isExcluded, readOutcome } from '../../../../../src/core/rules/workbench/backtest.js';
import * as leads from '../../../../../src/core/store/leads.js';
import { openTempStore, rng } from '../../../../fixtures/workbenchLeads.js';

function bruteAuc(x: number[], y: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < x.length; j++) {
      if (y[j] !== 0) continue;
      den++;
      num += x[i]! > x[j]! ? 1 : x[i] === x[j] ? 0.5 : 0;
    }
  }
  return num / den;
}

const ruleset: Ruleset = {
  ...DEFAULT_RULESET,
  required: [],
  custom_facts: [
    { name: 'visits', label: 'Visits', column: 'Visits', type: 'number' },
    { name: 'tags', label: 'Tags', column: 'Tags', type: 'string' },
    { name: 'stage_note', label: 'Stage note', column: 'Stage Note', type: 'string' },
  ],
  rules: [
    {
      id: 'visits',
      label: 'Visited 3+ times',
      fact: 'custom.visits',
      op: '>=',
      value: 3,
      outcome: 'nurture',
      weight: 50,
    },
    {
      id: 'tags',
      label: 'Tagged as will revert',
      fact: 'custom.tags',
      op: '==',
      value: 'Will revert',
      outcome: null,
      weight: 50,
    },
    {
      id: 'stage',
      label: 'Stage note says closing',
      fact: 'custom.stage_note',
      op: '==',
      value: 'closing',
      outcome: null,
      weight: 10,
    },
  ],
};

describe('back-test against outcomes', () => {
  it('computes the Mann-Whitney AUC with ties as one half', () => {
    const r = rng(5);
    const x = Array.from({ length: 300 }, () => Math.floor(r() * 10));
    const y = x.map((v) => (r() < 0.2 + v / 15 ? 1 : 0));
    expect(aucOf(x, y)).toBeCloseTo(bruteAuc(x, y), 10);
    expect(aucOf([1, 2], [1, 1])).toBeNull();
  });

  it('reads outcomes and exclude patterns', () => {
    expect([
      readOutcome('1'),
      readOutcome('Won'),
      readOutcome('0'),
      readOutcome('Lost'),
      readOutcome('Engaging'),
      readOutcome(null),
    ]).toEqual([1, 1, 0, 0, null, null]);
    expect(isExcluded('Asymmetrique Activity Score', ['Asymmetrique*'])).toBe(true);
    expect(isExcluded('lead quality', ['Lead Quality'])).toBe(true);
    expect(isExcluded('Lead Source', ['Lead Quality'])).toBe(false);
  });

  describe('on stored leads', () => {
    let store: ReturnType<typeof openTempStore>;
    beforeAll(() => {
      store = openTempStore();
      const r = rng(9);
      for (let i = 0; i < 600; i++) {
        const converted = r() < 0.4;
        const visits = Math.floor(r() * 6) + (converted && r() < 0.5 ? 2 : 0);
        leads.insert(store.ctx, {
          name: `Lead ${i}`,
          source: 'import',
          outcome: r() < 0.05 ? 'Engaging' : converted ? '1' : '0',
          attributes: {
            Visits: String(visits),
            Tags: converted ? 'Will revert' : 'Ringing',
            'Stage Note': converted || r() < 0.05 ? 'closing' : 'cold',
            Converted: converted ? '1' : '0',
          },
        });
      }
    });
    afterAll(() => store.close());

    it('leaves excluded columns out and warns about a suspiciously strong one', () => {
      const out = backtest(store.ctx, {
        outcome: 'Converted',
        published: { ruleset: DEFAULT_RULESET, version: 1, label: 'default@1' },
        draft: { ruleset, version: null, label: 'draft' },
      });
      if (!out.ok) throw new Error(out.error.message);
      const res = out.value;
      expect(res.skipped).toBe(0);
      expect(res.published?.auc).toBe(0.5);
      const draft = res.draft!;
      expect(draft.leads).toBe(600);
      expect(draft.auc).toBeGreaterThan(0.6);
      // Tags would make the AUC near 1; excluded, it cannot.
      expect(draft.auc).toBeLessThan(0.97);
      expect(res.warnings.map((w) => [w.column, w.reason])).toEqual([
        ['Tags', 'excluded'],
        ['Stage Note', 'suspicious_auc'],
      ]);
      expect(res.columns.find((c) => c.column === 'Tags')).toMatchObject({ excluded: true, used: true });
      const q = draft.qualified;
      expect(q.precision).not.toBeNull();
      expect(draft.by_class.qualified.leads + draft.by_class.nurture.leads).toBe(600);
      expect(draft.by_score.reduce((s, b) => s + b.leads, 0)).toBe(600);
    });

    it('reads the lead\'s outcome field for "outcome", skips open outcomes and rejects unknown columns', () => {
      const out = backtest(store.ctx, {
        outcome: 'outcome',
        published: { ruleset, version: null, label: 'x' },
        exclude: [],
      });
      if (!out.ok) throw new Error(out.error.message);
      const res = out.value;
      expect(res.skipped).toBeGreaterThan(0);
      expect(res.published!.leads + res.skipped).toBe(600);
      expect(res.warnings.some((w) => w.column === 'Tags' && w.reason === 'suspicious_auc')).toBe(true);
      const typo = backtest(store.ctx, { outcome: 'Convertd', published: { ruleset, version: null, label: 'x' } });
      expect(!typo.ok && typo.error.code).toBe('not_found');
    });
  });
});
