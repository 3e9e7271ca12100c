import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ruleset } from '../../../../../src/contract/index.js';
import { DEFAULT_RULESET } from '../../../../../src/core/rules/defaultRuleset.js';
import {
  getVersion,
  history,
  publishedVersion,
  publishVersion,
  resolveRuleset,
  rollback,
  saveDraftVersion,
} from '../../../../../src/core/rules/workbench/versions.js';
import * as trace from '../../../../../src/core/store/trace.js';
import { openTempStore } from '../../../../fixtures/workbenchLeads.js';

const lowerBudget: Ruleset = {
  ...DEFAULT_RULESET,
  rules: DEFAULT_RULESET.rules.map((r) => (r.id === 'budget_min' ? { ...r, value: 5000 } : r)),
};

describe('ruleset versions', () => {
  let store: ReturnType<typeof openTempStore>;
  beforeEach(() => (store = openTempStore()));
  afterEach(() => store.close());

  it('keeps every version with author, time and note, and audits each step in the trace', () => {
    expect(publishedVersion(store.ctx).version).toBe(1);
    const d = saveDraftVersion(store.ctx, { body: lowerBudget, author: 'maria', note: 'smaller deals are fine' });
    expect(d.ok && d.value).toMatchObject({
      version: 2,
      status: 'draft',
      author: 'maria',
      note: 'smaller deals are fine',
    });
    const p = publishVersion(store.ctx, { author: 'maria' });
    expect(p.ok && p.value).toMatchObject({ previous: 1, changes: 1, version: { version: 2, status: 'published' } });
    expect(history(store.ctx).map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);
    const events = trace.list(store.ctx).filter((e) => e.type.startsWith('rules.'));
    expect(events.map((e) => e.type)).toEqual(['rules.draft_saved', 'rules.published']);
    expect(events[1]!.data).toMatchObject({ version: 2, previous: 1, author: 'maria', note: 'smaller deals are fine' });
  });

  it('rolls back by publishing the old body as a new version, so nothing is rewritten', () => {
    saveDraftVersion(store.ctx, { body: lowerBudget, author: 'maria' });
    publishVersion(store.ctx, {});
    const r = rollback(store.ctx, { version: 1, author: 'sam' });
    expect(r.ok && r.value.version).toMatchObject({
      version: 3,
      status: 'published',
      note: 'rollback to version 1',
      author: 'sam',
    });
    const v3 = getVersion(store.ctx, 3);
    expect(v3.ok && v3.value.body).toEqual(DEFAULT_RULESET);
    expect(history(store.ctx).map((v) => v.status)).toEqual(['published', 'archived', 'archived']);
    expect(trace.list(store.ctx, { type: 'rules.rolled_back' })[0]!.data).toMatchObject({
      to: 1,
      as_version: 3,
      from: 2,
      author: 'sam',
    });
    const again = rollback(store.ctx, { version: 3 });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('refuses bad input with an actionable error', () => {
    const bad = saveDraftVersion(store.ctx, {
      body: { ...DEFAULT_RULESET, rules: [{ ...DEFAULT_RULESET.rules[0], op: '>=', value: 'ten' }] },
    });
    expect(!bad.ok && bad.error.code).toBe('invalid_ruleset');
    expect(!bad.ok && bad.error.message).toContain('rules.0.value');
    const none = publishVersion(store.ctx, {});
    expect(!none.ok && none.error).toMatchObject({ code: 'not_found' });
    expect(!none.ok && none.error.message).toContain('rules draft');
    const archived = publishVersion(store.ctx, { version: 1 });
    expect(!archived.ok && archived.error.code).toBe('conflict');
    const missing = rollback(store.ctx, { version: 9 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('resolves version references for diff and what-if', () => {
    saveDraftVersion(store.ctx, { body: lowerBudget });
    expect(resolveRuleset(store.ctx, 'v2', { builtin: DEFAULT_RULESET })).toMatchObject({
      ok: true,
      value: { version: 2, label: 'default@2' },
    });
    expect(resolveRuleset(store.ctx, 'published', { builtin: DEFAULT_RULESET })).toMatchObject({
      ok: true,
      value: { version: 1 },
    });
    expect(resolveRuleset(store.ctx, 'default', { builtin: DEFAULT_RULESET })).toMatchObject({
      ok: true,
      value: { version: null },
    });
    expect(resolveRuleset(store.ctx, 'latest', { builtin: DEFAULT_RULESET })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
