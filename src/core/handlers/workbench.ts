import type { workbenchApi, WhatIfDetail } from '../../contract/api/workbench.js';
import type { Handlers } from '../../transport/dispatch.js';
import { DEFAULT_RULESET } from '../rules/defaultRuleset.js';
import { validateRuleset } from '../rules/validate.js';
import { backtest, KNOWN_LEAKING_COLUMNS } from '../rules/workbench/backtest.js';
import { diffRulesets } from '../rules/workbench/diff.js';
import { whatif } from '../rules/workbench/replay.js';
import { publishedVersion, resolveRuleset } from '../rules/workbench/versions.js';
import type { StoreContext } from '../store/context.js';
import type { CoreContext } from './context.js';

/** Names that usually hold the outcome of a lead in an imported export. */
const OUTCOME_NAMES = /^(converted|is_?converted|conversion|outcome|won|closed_?won|deal_?stage|dealstage|result)$/;

/** How many leads are sampled for the column list; imports share their columns, so a sample finds them all. */
const COLUMN_SAMPLE = 5000;

/**
 * The imported column names on stored leads, sorted. Table imports keep their header list on the
 * import (their leads store only the cells); pasted and synced leads keep an object per lead.
 */
export function importedColumns(ctx: StoreContext): string[] {
  const names = new Set<string>();
  const hasHeaders =
    (ctx.db.prepare("SELECT 1 FROM pragma_table_info('imports') WHERE name = 'headers'").get() ?? null) !== null;
  if (hasHeaders) {
    for (const { headers } of ctx.db.prepare('SELECT headers FROM imports WHERE headers IS NOT NULL').all() as Array<{
      headers: string;
    }>) {
      const list: unknown = JSON.parse(headers);
      if (Array.isArray(list)) for (const h of list) if (typeof h === 'string' && h) names.add(h);
    }
  }
  const keys = ctx.db
    .prepare(
      `SELECT DISTINCT j.key AS key FROM (SELECT attributes FROM leads WHERE substr(attributes, 1, 1) = '{' AND attributes != '{}' LIMIT ?) l,
         json_each(l.attributes) j`,
    )
    .all(COLUMN_SAMPLE) as Array<{ key: string }>;
  for (const { key } of keys) names.add(key);
  return [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

/** The column that most likely holds the outcome; `outcome` (the lead's own field) when only that is filled. */
export function suggestOutcome(ctx: StoreContext, columns: readonly string[]): string | null {
  const byName = columns.find((c) =>
    OUTCOME_NAMES.test(
      c
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    ),
  );
  if (byName) return byName;
  const own = ctx.db.prepare("SELECT 1 FROM leads WHERE outcome IS NOT NULL AND outcome != '' LIMIT 1").get();
  return own ? 'outcome' : null;
}

/** Handlers of the rules workbench on the Rules screen: back-test, detailed what-if and version diff. */
export function workbenchHandlers(core: CoreContext): Handlers<typeof workbenchApi> {
  const ctx = core.store;
  return {
    'rules.backtestOptions': () => {
      const columns = importedColumns(ctx);
      const leads = (
        ctx.db
          .prepare(
            "SELECT count(*) AS n FROM leads WHERE (outcome IS NOT NULL AND outcome != '') OR attributes != '{}'",
          )
          .get() as { n: number }
      ).n;
      return {
        ok: true,
        value: {
          columns,
          suggested_outcome: suggestOutcome(ctx, columns),
          known_leaking: [...KNOWN_LEAKING_COLUMNS],
          leads,
        },
      };
    },
    'rules.backtest': ({ outcome, draft, exclude }) => {
      let candidate = null;
      if (draft !== undefined) {
        const v = validateRuleset(draft);
        if (!v.ok) return v;
        candidate = { ruleset: v.value, version: null, label: 'draft' };
      }
      return backtest(ctx, {
        outcome,
        published: publishedVersion(ctx),
        draft: candidate,
        ...(exclude ? { exclude } : {}),
      });
    },
    'rules.whatIfDetail': ({ body, limit }) => {
      const v = validateRuleset(body);
      if (!v.ok) return v;
      const r = whatif(ctx, {
        baseline: publishedVersion(ctx),
        draft: { ruleset: v.value, version: null, label: 'draft' },
        limit,
      });
      const get = ctx.db.prepare('SELECT name, company FROM leads WHERE id = ?');
      const changes: WhatIfDetail['changes'] = r.changes.map((c) => {
        const who = get.get(c.lead_id) as { name: string | null; company: string | null } | undefined;
        return { ...c, name: who?.name ?? null, company: who?.company ?? null };
      });
      return { ok: true, value: { ...r, changes } };
    },
    'rules.diffVersions': ({ from, to }) => {
      const a = resolveRuleset(ctx, String(from), { builtin: DEFAULT_RULESET });
      if (!a.ok) return a;
      const b = resolveRuleset(ctx, String(to), { builtin: DEFAULT_RULESET });
      if (!b.ok) return b;
      return { ok: true, value: diffRulesets(a.value.ruleset, b.value.ruleset, a.value.label, b.value.label) };
    },
  };
}
