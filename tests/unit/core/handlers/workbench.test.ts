import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbenchApi, type BacktestOptionsView, type WhatIfDetail } from '../../../../src/contract/api/workbench.js';
import type { BacktestResult, Ruleset, RulesetDiff } from '../../../../src/contract/index.js';
import { createCore, type Core } from '../../../../src/core/createCore.js';
import { workbenchHandlers } from '../../../../src/core/handlers/workbench.js';
import { DEFAULT_RULESET } from '../../../../src/core/rules/defaultRuleset.js';
import { saveDraftVersion } from '../../../../src/core/rules/workbench/versions.js';
import type { Handlers } from '../../../../src/transport/dispatch.js';
import { dispatchCalls } from './dispatchCalls.js';
import { seedLeads, SYNTHETIC_RULESET } from '../../../fixtures/workbenchLeads.js';

const lowerBudget: Ruleset = {
  ...SYNTHETIC_RULESET,
  rules: SYNTHETIC_RULESET.rules.map((r) => (r.id === 'budget_min' ? { ...r, value: 5000 } : r)),
};

describe('workbench handlers (back-test, detailed what-if, version diff)', () => {
  let dir: string;
  let core: Core;
  let handlers: Handlers<typeof workbenchApi>;
  const { call, callErr } = dispatchCalls(workbenchApi, () => handlers);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'workbench-handlers-'));
    core = createCore({ dbPath: join(dir, 'app.db'), clock: () => new Date('2026-03-02T10:00:00Z') });
    handlers = workbenchHandlers(core.context);
    seedLeads(core.context.store, 400, 21);
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the imported columns, a likely outcome and the known leaking columns', async () => {
    const o = await call<BacktestOptionsView>('rules.backtestOptions', {});
    expect(o.columns).toEqual(['Lead Source', 'TotalVisits']);
    // No column is named like an outcome, but the leads' own outcome field is filled.
    expect(o.suggested_outcome).toBe('outcome');
    expect(o.known_leaking).toEqual(expect.arrayContaining(['Tags', 'Lead Quality', 'Asymmetrique*']));
    expect(o.leads).toBe(400);
  });

  it('back-tests the published ruleset against a draft, with per-class conversion and precision/recall', async () => {
    const r = await call<BacktestResult>('rules.backtest', { outcome: 'outcome', draft: SYNTHETIC_RULESET });
    expect(r.published).not.toBeNull();
    expect(r.draft).not.toBeNull();
    for (const m of [r.published!, r.draft!]) {
      expect(m.leads).toBe(400);
      const byClass = Object.values(m.by_class).reduce((s, c) => s + c.leads, 0);
      expect(byClass).toBe(400);
      expect(m.auc === null || (m.auc >= 0 && m.auc <= 1)).toBe(true);
    }
    expect(r.published!.version).toBe(1);
    expect(r.excluded_columns).toContain('Tags');
  });

  it('leaves out an excluded column the draft reads, and says so', async () => {
    const r = await call<BacktestResult>('rules.backtest', {
      outcome: 'outcome',
      draft: SYNTHETIC_RULESET,
      exclude: ['TotalVisits'],
    });
    expect(r.excluded_columns).toEqual(['TotalVisits']);
    expect(r.warnings).toEqual([expect.objectContaining({ column: 'TotalVisits', reason: 'excluded' })]);
  });

  it('refuses an invalid draft with its issues and an outcome column no lead has', async () => {
    const bad = await callErr('rules.backtest', { outcome: 'outcome', draft: { ...DEFAULT_RULESET, name: '' } });
    expect(bad.code).toBe('invalid_ruleset');
    const missing = await callErr('rules.backtest', { outcome: 'Convertd' });
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('Convertd');
  });

  it('gives the transition matrix and the changed leads with the rule that moved them', async () => {
    const r = await call<WhatIfDetail>('rules.whatIfDetail', { body: lowerBudget, limit: 20 });
    expect(r.leads).toBe(400);
    const cells = Object.values(r.matrix).flatMap((row) => Object.values(row));
    expect(cells.reduce((s, n) => s + n, 0)).toBe(400);
    const offDiagonal = Object.entries(r.matrix).reduce(
      (s, [from, row]) => s + Object.entries(row).reduce((t, [to, n]) => t + (from === to ? 0 : n), 0),
      0,
    );
    expect(r.changed).toBe(offDiagonal);
    expect(r.changed).toBeGreaterThan(0);
    expect(r.changes.length).toBe(Math.min(20, r.changed));
    for (const c of r.changes) {
      expect(c.from).not.toBe(c.to);
      expect(c.cause.label.length).toBeGreaterThan(0);
      expect(c).toHaveProperty('name');
    }
    expect(r.by_cause.reduce((s, c) => s + c.leads, 0)).toBe(r.changed);
    expect(r.baseline.version).toBe(1);
  });

  it('diffs two stored versions in readable sentences', async () => {
    const saved = saveDraftVersion(core.context.store, { body: lowerBudget, note: 'lower budget' });
    if (!saved.ok) throw new Error(saved.error.message);
    const d = await call<RulesetDiff>('rules.diffVersions', { from: 1, to: saved.value.version });
    expect(d.from).toBe('default@1');
    expect(d.changes.some((c) => c.path.startsWith('rules.budget_min'))).toBe(true);
    expect(d.changes.every((c) => c.summary.length > 0)).toBe(true);
    const same = await call<RulesetDiff>('rules.diffVersions', { from: 'published', to: 'v1' });
    expect(same.changes).toEqual([]);
    expect((await callErr('rules.diffVersions', { from: 1, to: 99 })).code).toBe('not_found');
    expect((await callErr('rules.diffVersions', { from: 'latest', to: 1 })).code).toBe('invalid_input');
  });
});

describe('back-test options after a table import', () => {
  it('finds the columns of imported tables and suggests the Converted column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-import-'));
    const core = createCore({ dbPath: join(dir, 'app.db') });
    try {
      const csv = [
        'Prospect ID,Lead Origin,TotalVisits,Converted',
        'p1,API,3,1',
        'p2,Landing Page Submission,0,0',
        'p3,API,5,1',
      ].join('\n');
      const imported = await core.handlers['imports.run']({ text: csv, file_name: 'leads.csv' });
      if (!imported.ok) throw new Error(imported.error.message);
      const own = workbenchHandlers(core.context);
      const o = await dispatchCalls(workbenchApi, () => own).call<BacktestOptionsView>('rules.backtestOptions', {});
      expect(o.columns).toEqual(expect.arrayContaining(['Converted', 'Lead Origin', 'TotalVisits']));
      expect(o.suggested_outcome).toBe('Converted');
      expect(o.leads).toBe(3);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
