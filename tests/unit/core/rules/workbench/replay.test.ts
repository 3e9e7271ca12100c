import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facts, LeadClass, Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { compileRuleset } from '../../../../../src/core/rules/evaluate.js';
import { withCustomFacts } from '../../../../../src/core/rules/workbench/customFacts.js';
import { loadFactTable } from '../../../../../src/core/rules/workbench/factTable.js';
import { CLASSES, runKernel } from '../../../../../src/core/rules/workbench/kernel.js';
import { storedFacts } from '../../../../../src/core/rules/workbench/rerun.js';
import { whatif } from '../../../../../src/core/rules/workbench/replay.js';
import * as decisions from '../../../../../src/core/store/decisions.js';
import {
  openTempStore,
  seedLeads,
  SYNTHETIC_RULESET,
  type SyntheticLead,
} from '../../../../fixtures/workbenchLeads.js';

const lowerBudget: Ruleset = {
  ...SYNTHETIC_RULESET,
  rules: SYNTHETIC_RULESET.rules.map((r) =>
    r.id === 'budget_min' ? { ...r, value: 5000 } : r.id === 'timeline_max' ? { ...r, weight: 40 } : r,
  ),
};
const v = (ruleset: Ruleset, label: string) => ({ ruleset, version: null, label });

describe('what-if replay on stored facts', () => {
  let store: ReturnType<typeof openTempStore>;
  let seeded: SyntheticLead[];
  beforeAll(() => {
    store = openTempStore();
    seeded = seedLeads(store.ctx, 3000, 11);
  });
  afterAll(() => store.close());

  it('gives the same class and score as compileRuleset().evaluate for every lead', () => {
    for (const rs of [DEFAULT_RULESET, SYNTHETIC_RULESET, lowerBudget]) {
      const table = loadFactTable(store.ctx, { rulesets: [rs] });
      const run = runKernel(table, rs);
      const rules = compileRuleset(rs);
      for (let i = 0; i < table.n; i++) {
        const lead = seeded[i]!;
        expect(table.ids[i]).toBe(lead.id);
        const facts = withCustomFacts(storedFacts(store.ctx, lead.id), rs.custom_facts, lead.attributes);
        const d = rules.evaluate(facts);
        expect({ id: lead.id, cls: CLASSES[run.cls[i]!], score: run.score[i] }).toEqual({
          id: lead.id,
          cls: d.classification.class,
          score: d.classification.score,
        });
      }
    }
  });

  it('reads the current facts the way the store does: a rep correction wins, superseded rows do not count', () => {
    const corrected = seeded.filter((l) => l.facts.authority.source === 'rep');
    expect(corrected.length).toBeGreaterThan(10);
    for (const l of corrected.slice(0, 20)) expect(storedFacts(store.ctx, l.id).authority.value).toBe('decision_maker');
    const table = loadFactTable(store.ctx, { rulesets: [DEFAULT_RULESET] });
    const col = table.columns.authority;
    for (const l of corrected) expect(col.values[col.codes[seeded.indexOf(l)]!]).toBe('decision_maker');
    const sizes = table.columns.company_size;
    seeded.forEach((l, i) => {
      const c = sizes.codes[i]!;
      expect(c >= 0 ? sizes.values[c] : null).toBe(l.facts.company_size.value);
    });
  });

  it('counts class changes as a transition matrix and names the rule that made the difference', () => {
    const res = whatif(store.ctx, {
      baseline: v(SYNTHETIC_RULESET, 'published'),
      draft: v(lowerBudget, 'draft'),
      limit: 10_000,
    });
    expect(res.leads).toBe(3000);
    const total = CLASSES.reduce((s, a) => s + CLASSES.reduce((t, b) => t + res.matrix[a][b], 0), 0);
    expect(total).toBe(3000);
    const offDiagonal = CLASSES.reduce(
      (s, a) => s + CLASSES.reduce((t, b) => t + (a === b ? 0 : res.matrix[a][b]), 0),
      0,
    );
    expect(offDiagonal).toBe(res.changed);
    expect(res.changed).toBeGreaterThan(0);
    expect(res.changes).toHaveLength(res.changed);
    // Lowering the budget floor only lets leads out of nurture, and budget_min is why.
    for (const c of res.changes) {
      expect(c.from).toBe('nurture');
      expect(c.cause).toMatchObject({ rule: 'budget_min', effect: 'no_longer_blocks' });
    }
    expect(res.by_cause[0]).toMatchObject({ rule: 'budget_min', leads: res.changed });
  });

  it('replays only the leads a filter selects', () => {
    const ids = seeded.slice(0, 50).map((l) => l.id);
    expect(
      whatif(store.ctx, { baseline: v(DEFAULT_RULESET, 'a'), draft: v(lowerBudget, 'b'), filter: { lead_ids: ids } })
        .leads,
    ).toBe(50);
    const reseller = seeded.filter((l) => l.attributes['Lead Source'] === 'Reseller').length;
    expect(
      whatif(store.ctx, {
        baseline: v(DEFAULT_RULESET, 'a'),
        draft: v(lowerBudget, 'b'),
        filter: { attribute: { 'Lead Source': 'Reseller' } },
      }).leads,
    ).toBe(reseller);
  });

  it('reports escalations that start or stop under the draft', () => {
    const lead = seeded[5]!;
    const base = compileRuleset(DEFAULT_RULESET, 1).evaluate(lead.facts, [
      {
        reason: 'discount',
        detail: 'asks for a 20% discount',
        value: 20,
        evidence: [{ quote: '20% discount', start: 0, end: 12 }],
      },
    ]);
    decisions.insert(store.ctx, { lead_id: lead.id, decision: base, ruleset_id: 'default' });
    const lenient: Ruleset = {
      ...DEFAULT_RULESET,
      escalation: { ...DEFAULT_RULESET.escalation, discount_max_pct: 25 },
    };
    const res = whatif(store.ctx, { baseline: v(DEFAULT_RULESET, 'a'), draft: v(lenient, 'b') });
    expect(res.escalations).toMatchObject({ before: 1, after: 0, stopped: [lead.id], started: [], from_decisions: 1 });
  });
});

describe('what-if replay at 100,000 leads', () => {
  it('matches compileRuleset().classify lead by lead', () => {
    const store = openTempStore();
    try {
      const seeded = seedLeads(store.ctx, 100_000, 3);
      const table = loadFactTable(store.ctx, { rulesets: [SYNTHETIC_RULESET, lowerBudget] });
      expect(table.n).toBe(100_000);
      const counts = (rs: Ruleset) => {
        const rules = compileRuleset(rs);
        const c: Record<LeadClass, number> = { qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 };
        const classes: LeadClass[] = [];
        for (const l of seeded) {
          const f: Facts = withCustomFacts(l.facts, rs.custom_facts, l.attributes);
          const k = rules.classify(f);
          c[k]++;
          classes.push(k);
        }
        return { c, classes };
      };
      const before = counts(SYNTHETIC_RULESET);
      const after = counts(lowerBudget);
      const res = whatif(store.ctx, { baseline: v(SYNTHETIC_RULESET, 'a'), draft: v(lowerBudget, 'b'), table });
      expect(res.before).toEqual(before.c);
      expect(res.after).toEqual(after.c);
      expect(res.changed).toBe(before.classes.filter((k, i) => k !== after.classes[i]).length);
    } finally {
      store.close();
    }
  }, 120_000);
});
