import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../src/contract/index.js';
import { importTable } from '../../../src/core/intake/table/index.js';
import { DEFAULT_RULESET } from '../../../src/core/rules/defaultRuleset.js';
import { parseRulesetJson } from '../../../src/core/rules/validate.js';
import { backtest as runBacktest, type BacktestOptions } from '../../../src/core/rules/workbench/backtest.js';
import { whatif } from '../../../src/core/rules/workbench/replay.js';
import { openTempStore } from '../../fixtures/workbenchLeads.js';

const LEADS = '../shared/data/x-education-leads/Leads.csv';
const SAMPLE = fileURLToPath(new URL('../../../src/core/rules/samples/x-education.json', import.meta.url));
const published = { ruleset: DEFAULT_RULESET, version: 1, label: 'default@1' };

function backtest(ctx: Parameters<typeof runBacktest>[0], opts: BacktestOptions) {
  const r = runBacktest(ctx, opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function sample(): Ruleset {
  const rs = parseRulesetJson(readFileSync(SAMPLE, 'utf8'));
  if (!rs.ok) throw new Error(rs.error.message);
  return rs.value;
}

describe.skipIf(!existsSync(LEADS))('X Education back-test (needs ../shared/data; skipped when it is absent)', () => {
  let store: ReturnType<typeof openTempStore>;
  beforeAll(async () => {
    store = openTempStore();
    const r = await importTable(store.ctx, { path: LEADS });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.imported).toBe(9240);
  }, 120_000);
  afterAll(() => store?.close());

  it('ranks converted leads with AUC > 0.75 using only fair columns', () => {
    const res = backtest(store.ctx, {
      outcome: 'Converted',
      published,
      draft: { ruleset: sample(), version: null, label: 'x-education.json' },
    });
    const d = res.draft!;
    expect(d.leads).toBe(9240);
    expect(d.positives).toBe(3561);
    expect(d.auc).toBeGreaterThan(0.75);
    expect(res.warnings).toEqual([]);
    expect(res.columns.every((c) => !c.excluded)).toBe(true);
    // The classes separate too: qualified converts clearly more often than nurture.
    expect(d.by_class.qualified.rate!).toBeGreaterThan(d.by_class.nurture.rate! + 0.2);
    // The reference policy has no facts to go on for imported rows: no ranking at all.
    expect(res.published!.auc).toBe(0.5);
  });

  it('blanks out a leaking column and warns, or flags it when the exclude list is dropped', () => {
    const leaky: Ruleset = {
      ...sample(),
      custom_facts: [...sample().custom_facts, { name: 'tags', label: 'Tags', column: 'Tags', type: 'string' }],
      rules: [
        ...sample().rules,
        {
          id: 'will_revert',
          label: 'Will revert after reading the email',
          fact: 'custom.tags',
          op: '==',
          value: 'Will revert after reading the email',
          outcome: null,
          weight: 60,
        },
      ],
    };
    const fair = backtest(store.ctx, {
      outcome: 'Converted',
      published,
      draft: { ruleset: leaky, version: null, label: 'leaky' },
    });
    expect(fair.warnings.map((w) => [w.column, w.reason])).toEqual([['Tags', 'excluded']]);
    const open = backtest(store.ctx, {
      outcome: 'Converted',
      published,
      draft: { ruleset: leaky, version: null, label: 'leaky' },
      exclude: [],
    });
    expect(open.warnings).toEqual([expect.objectContaining({ column: 'Tags', reason: 'suspicious_auc' })]);
    expect(open.warnings[0]!.auc!).toBeGreaterThan(0.85);
    expect(open.draft!.auc!).toBeGreaterThan(fair.draft!.auc!);
  });

  it('replays the sample on the imported leads and explains each move', () => {
    const res = whatif(store.ctx, {
      baseline: published,
      draft: { ruleset: sample(), version: null, label: 'x-education.json' },
    });
    expect(res.leads).toBe(9240);
    expect(res.before.needs_info).toBe(9240);
    expect(res.after.qualified + res.after.nurture).toBe(9240);
    expect(res.by_cause.map((c) => c.rule)).toEqual(expect.arrayContaining(['time_on_site_5min', 'email_allowed']));
  });
});
