import { diffLines } from 'diff';
import type { AppError, LeadClass } from '../../contract/index.js';
import type { rulesApi, WhatIfResult } from '../../contract/api/rules.js';
import type { Handlers } from '../../transport/dispatch.js';
import { activeCompiled, activeRuleset, TEAM_RULESET_ID } from '../rules/active.js';
import { whatif } from '../rules/workbench/replay.js';
import { publishedVersion } from '../rules/workbench/versions.js';
import { validateRuleset } from '../rules/validate.js';
import * as rulesets from '../store/rulesets.js';
import * as trace from '../store/trace.js';
import { publishVersion, rollback as rollbackVersion } from '../rules/workbench/versions.js';
import type { CoreContext } from './context.js';
import { redecide } from './facts.js';

const fail = (code: AppError['code'], message: string, details?: unknown): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...(details !== undefined ? { details } : {}) },
});

/** Ids of leads that have a decision: the ones a ruleset change can re-classify. */
function decidedLeadIds(
  core: CoreContext,
): Array<{ id: string; name: string | null; company: string | null; latest_class: LeadClass | null }> {
  return core.store.db
    .prepare(
      'SELECT id, name, company, latest_class FROM leads WHERE latest_decision_id IS NOT NULL ORDER BY created_at DESC, id DESC',
    )
    .all() as Array<{ id: string; name: string | null; company: string | null; latest_class: LeadClass | null }>;
}

/** Replays the stored facts under the published ruleset and under the draft (the workbench's kernel) and lists who moves. */
function whatIf(
  core: CoreContext,
  body: unknown,
  limit: number,
): { ok: true; value: WhatIfResult } | { ok: false; error: AppError } {
  const v = validateRuleset(body);
  if (!v.ok) return v;
  const r = whatif(core.store, {
    baseline: publishedVersion(core.store),
    draft: { ruleset: v.value, version: null, label: 'draft' },
    limit,
  });
  const names = new Map<string, { name: string | null; company: string | null }>();
  const get = core.store.db.prepare('SELECT name, company FROM leads WHERE id = ?');
  for (const c of r.changes)
    names.set(
      c.lead_id,
      (get.get(c.lead_id) as { name: string | null; company: string | null } | undefined) ?? {
        name: null,
        company: null,
      },
    );
  const transitions: Record<string, number> = {};
  for (const [from, row] of Object.entries(r.matrix)) {
    for (const [to, n] of Object.entries(row)) if (from !== to && n > 0) transitions[`${from}->${to}`] = n;
  }
  return {
    ok: true,
    value: {
      evaluated: r.leads,
      changed: r.changed,
      transitions,
      items: r.changes.map((c) => ({ lead_id: c.lead_id, ...names.get(c.lead_id)!, from: c.from, to: c.to })),
      duration_ms: Math.round(r.timing_ms.total),
    },
  };
}

/** Re-decides every decided lead under the active ruleset; returns how many changed class. */
function reclassifyAll(core: CoreContext): { reclassified: number; changed: number } {
  const rules = activeCompiled(core.store);
  let changed = 0;
  const ids = decidedLeadIds(core);
  for (const l of ids) {
    const d = redecide(core.store, l.id, rules, 'reclassify', { ruleset_version: rules.version });
    if (d.classification.class !== l.latest_class) changed++;
  }
  core.bus.emit('changed', { topic: 'leads', ids: [] });
  return { reclassified: ids.length, changed };
}

/** Handlers for the rules workbench: versions, validation, what-if, publish and rollback. */
export function rulesHandlers(core: CoreContext): Handlers<typeof rulesApi> {
  const ctx = core.store;
  return {
    'rules.active': () => {
      const a = activeRuleset(ctx);
      return { ok: true, value: { id: a.id, version: a.version, body: a.ruleset, builtin: false } };
    },
    'rules.versions': () => {
      activeRuleset(ctx); // a new database gets its first published version here
      return { ok: true, value: rulesets.listVersions(ctx, TEAM_RULESET_ID) };
    },
    'rules.validate': ({ body }) => {
      const v = validateRuleset(body);
      if (v.ok) return { ok: true, value: { valid: true, issues: [] } };
      const details = (v.error.details ?? []) as Array<{ path: string; message: string }>;
      return {
        ok: true,
        value: { valid: false, issues: details.length ? details : [{ path: '', message: v.error.message }] },
      };
    },
    'rules.whatIf': ({ body, limit }) => whatIf(core, body, limit),
    'rules.saveDraft': ({ body, note, author }) => {
      const v = validateRuleset(body);
      if (!v.ok) return v;
      activeRuleset(ctx);
      const row = rulesets.saveDraft(ctx, { id: TEAM_RULESET_ID, body: v.value, author, note });
      trace.append(ctx, { type: 'rules.draft_saved', data: { version: row.version, author, note } });
      core.bus.emit('changed', { topic: 'rules', ids: [] });
      return { ok: true, value: row };
    },
    // The workbench runs the saved correction cases and audits; the handler re-classifies.
    'rules.publish': ({ version, author, confirm }) => {
      const r = publishVersion(ctx, { version, author, confirm });
      if (!r.ok) return r;
      const row = rulesets.get(ctx, TEAM_RULESET_ID, r.value.version.version);
      if (!row) return fail('not_found', `Ruleset version ${r.value.version.version} vanished after publishing.`);
      const counts = reclassifyAll(core);
      core.bus.emit('changed', { topic: 'rules', ids: [] });
      return { ok: true, value: { version: row, ...counts } };
    },
    'rules.rollback': ({ version, author, confirm }) => {
      const r = rollbackVersion(ctx, { version, author, confirm });
      if (!r.ok) return r;
      const row = rulesets.get(ctx, TEAM_RULESET_ID, r.value.version.version);
      if (!row) return fail('not_found', `Ruleset version ${r.value.version.version} vanished after the rollback.`);
      const counts = reclassifyAll(core);
      core.bus.emit('changed', { topic: 'rules', ids: [] });
      return { ok: true, value: { version: row, ...counts } };
    },
    'rules.diff': ({ from, to }) => {
      const a = rulesets.get(ctx, TEAM_RULESET_ID, from);
      const b = rulesets.get(ctx, TEAM_RULESET_ID, to);
      if (!a || !b) return fail('not_found', `Version ${!a ? from : to} does not exist.`);
      const lines = diffLines(JSON.stringify(a.body, null, 2), JSON.stringify(b.body, null, 2)).flatMap((part) =>
        part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((text) => ({
            op: part.added ? ('add' as const) : part.removed ? ('remove' as const) : ('same' as const),
            text,
          })),
      );
      return { ok: true, value: lines };
    },
  };
}
