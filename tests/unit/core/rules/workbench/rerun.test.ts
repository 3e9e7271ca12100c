import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import { whatif } from '../../../../../src/core/rules/workbench/replay.js';
import { rerunDecisions } from '../../../../../src/core/rules/workbench/rerun.js';
import {
  publishedVersion,
  publishVersion,
  saveDraftVersion,
} from '../../../../../src/core/rules/workbench/versions.js';
import { openTempStore, seedLeads } from '../../../../fixtures/workbenchLeads.js';

const lowerBudget: Ruleset = {
  ...DEFAULT_RULESET,
  rules: DEFAULT_RULESET.rules.map((r) => (r.id === 'budget_min' ? { ...r, value: 5000 } : r)),
};

describe('re-running decisions on a new version', () => {
  let store: ReturnType<typeof openTempStore>;
  beforeAll(() => {
    store = openTempStore();
    seedLeads(store.ctx, 400, 21);
  });
  afterAll(() => store.close());

  it('adds new decision rows and leaves the old ones as they were', () => {
    const first = rerunDecisions(store.ctx, { author: 'test' });
    expect(first).toMatchObject({ version: 1, leads: 400 });
    const before = store.ctx.db.prepare('SELECT * FROM decisions ORDER BY rowid').all();
    expect(before).toHaveLength(400);

    saveDraftVersion(store.ctx, { body: lowerBudget });
    const predicted = whatif(store.ctx, {
      baseline: publishedVersion(store.ctx),
      draft: { ruleset: lowerBudget, version: null, label: 'draft' },
    });
    expect(publishVersion(store.ctx, {}).ok).toBe(true);
    const second = rerunDecisions(store.ctx);
    expect(second).toMatchObject({ version: 2, leads: 400, changed: predicted.changed });
    expect(predicted.changed).toBeGreaterThan(0);

    const after = store.ctx.db.prepare('SELECT * FROM decisions ORDER BY rowid').all() as Array<{
      ruleset_version: number;
    }>;
    expect(after).toHaveLength(800);
    expect(after.slice(0, 400)).toEqual(before);
    expect(after.slice(400).every((d) => d.ruleset_version === 2)).toBe(true);
    expect(() => store.ctx.db.prepare('UPDATE decisions SET class = ?').run('qualified')).toThrow(/append-only/);
  });
});
