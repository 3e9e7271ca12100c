import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type NestedCondition, type RuleProperties } from 'json-rules-engine';
import type { LeadClass, Ruleset } from '../../src/contract/index.js';
import { loadFactTable, type FactTable } from '../../src/core/rules/workbench/factTable.js';
import { CLASSES, runKernel } from '../../src/core/rules/workbench/kernel.js';
import { whatif } from '../../src/core/rules/workbench/replay.js';
import { annualBudget } from '../../src/core/rules/inputs.js';
import type { BudgetValue } from '../../src/contract/index.js';
import { openDb } from '../../src/core/store/db.js';
import { MIGRATIONS, migrate } from '../../src/core/store/migrations.js';
import { seedLeads, SYNTHETIC_RULESET } from '../fixtures/workbenchLeads.js';
import { median } from './stats.js';

type Scalar = string | number | boolean | null;

const OPS: Record<string, string> = {
  '>=': 'greaterThanInclusive',
  '>': 'greaterThan',
  '<=': 'lessThanInclusive',
  '<': 'lessThan',
  '==': 'equal',
  '!=': 'notEqual',
  in: 'in',
  not_in: 'notIn',
};
const REQUIRED_FACT: Record<string, string> = {
  budget: 'budget_annual',
  timeline: 'timeline_months',
  authority: 'authority',
  company_size: 'company_size',
  need: 'need',
};

/**
 * The same policy written for json-rules-engine: one rule per class trigger (a known value
 * failing a rule, an unknown required fact, a disqualifier) and one per score contribution.
 */
function jreRules(rs: Ruleset): RuleProperties[] {
  const out: RuleProperties[] = [];
  for (const r of rs.rules) {
    const known: NestedCondition = { fact: r.fact, operator: 'notEqual', value: null };
    const test: NestedCondition = { fact: r.fact, operator: OPS[r.op]!, value: r.value };
    if (r.outcome)
      out.push({ conditions: { all: [known, { not: test }] }, event: { type: 'class', params: { class: r.outcome } } });
    if (r.weight) {
      out.push({ conditions: { all: [known, test] }, event: { type: 'score', params: { points: r.weight } } });
      out.push({
        conditions: { all: [{ fact: r.fact, operator: 'equal', value: null }] },
        event: { type: 'score', params: { points: r.weight * 0.25 } },
      });
    }
  }
  for (const f of rs.required) {
    out.push({
      conditions: { all: [{ fact: REQUIRED_FACT[f]!, operator: 'equal', value: null }] },
      event: { type: 'class', params: { class: 'needs_info' } },
    });
  }
  out.push({
    conditions: { all: [{ fact: 'disqualifier', operator: 'in', value: rs.disqualifiers }] },
    event: { type: 'class', params: { class: 'disqualified' } },
  });
  return out;
}

/** Plain fact objects for json-rules-engine, normalised as the engine's inputs are. */
function plainFacts(table: FactTable, rs: Ruleset): Array<Record<string, Scalar>> {
  const c = table.columns;
  const val = (col: { codes: Int32Array; values: unknown[] }, i: number): unknown =>
    col.codes[i]! >= 0 ? col.values[col.codes[i]!] : null;
  const unknown = (f: string, v: unknown) =>
    typeof v === 'string' && (rs.unknown_values[f] ?? []).includes(v) ? null : v;
  const out: Array<Record<string, Scalar>> = [];
  for (let i = 0; i < table.n; i++) {
    const b = val(c.budget, i) as BudgetValue | null;
    const t = val(c.timeline, i) as { months: number } | null;
    const comp = val(c.competitors, i) as string[] | null;
    const o: Record<string, Scalar> = {
      budget_annual: b ? annualBudget(b, rs) : null,
      timeline_months: t ? t.months : null,
      authority: unknown('authority', val(c.authority, i)) as Scalar,
      company_size: val(c.company_size, i) as Scalar,
      need: unknown('need', val(c.need, i)) as Scalar,
      competitor_count: comp ? comp.length : 0,
      disqualifier: val(c.disqualifier, i) as Scalar,
    };
    for (const d of rs.custom_facts) {
      const col = table.custom.get(`${d.type}:${d.column}`);
      o[`custom.${d.name}`] = col ? (val(col, i) as Scalar) : null;
    }
    out.push(o);
  }
  return out;
}

async function runJre(rs: Ruleset, facts: Array<Record<string, Scalar>>): Promise<Record<LeadClass, number>> {
  const engine = new Engine(jreRules(rs), { allowUndefinedFacts: true });
  const counts: Record<LeadClass, number> = { qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 };
  const fallback = rs.class_order[rs.class_order.length - 1]!;
  for (const f of facts) {
    const { events } = await engine.run(f);
    const hit = new Set(events.filter((e) => e.type === 'class').map((e) => String(e.params?.['class'])));
    counts[rs.class_order.find((k) => hit.has(k)) ?? fallback]++;
  }
  return counts;
}

/**
 * What-if replay over stored leads (default 100,000): load the latest facts from SQLite and
 * replay baseline + draft, median of runs; json-rules-engine classifying the same facts with
 * the draft is the figure to beat.
 */
export async function benchWhatif(opts: { leads?: number; runs?: number; jreRuns?: number; dir?: string } = {}) {
  const n = opts.leads ?? 100_000;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'bench-whatif-'));
  const db = openDb(join(dir, 'whatif.db'));
  try {
    migrate(db, MIGRATIONS);
    const ctx = { db, clock: () => new Date('2026-03-02T10:00:00Z') };
    seedLeads(ctx, n, 5);
    const draft: Ruleset = {
      ...SYNTHETIC_RULESET,
      rules: SYNTHETIC_RULESET.rules.map((r) => (r.id === 'budget_min' ? { ...r, value: 5000 } : r)),
    };
    const baseline = { ruleset: SYNTHETIC_RULESET, version: 1, label: 'baseline' };
    const next = { ruleset: draft, version: null, label: 'draft' };
    whatif(ctx, { baseline, draft: next, cache: false }); // warm-up: JIT and the SQLite page cache
    const totals: number[] = [];
    const loads: number[] = [];
    const replays: number[] = [];
    const cached: number[] = [];
    let changed = 0;
    for (let r = 0; r < (opts.runs ?? 5); r++) {
      // Cold: the facts are read from SQLite again, as for the first what-if of a session.
      const res = whatif(ctx, { baseline, draft: next, cache: false });
      totals.push(res.timing_ms.total);
      loads.push(res.timing_ms.load);
      replays.push(res.timing_ms.replay);
      changed = res.changed;
      // Warm: the next draft on an unchanged store reuses the loaded table.
      cached.push(whatif(ctx, { baseline, draft: next }).timing_ms.total);
    }
    // Classification alone, the part json-rules-engine does, on the table already in memory.
    const table = loadFactTable(ctx, { rulesets: [SYNTHETIC_RULESET, draft] });
    const kernelMs: number[] = [];
    let kernelCounts: Record<LeadClass, number> = { qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 };
    for (let r = 0; r < (opts.runs ?? 5); r++) {
      const t0 = performance.now();
      const run = runKernel(table, draft);
      kernelMs.push(performance.now() - t0);
      kernelCounts = { qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 };
      for (let i = 0; i < table.n; i++) kernelCounts[CLASSES[run.cls[i]!]!]++;
    }
    const facts = plainFacts(table, draft);
    const jreMs: number[] = [];
    let jreCounts: Record<LeadClass, number> | null = null;
    for (let r = 0; r < (opts.jreRuns ?? 1); r++) {
      const t0 = performance.now();
      jreCounts = await runJre(draft, facts);
      jreMs.push(performance.now() - t0);
    }
    const round = (x: number) => Math.round(x * 10) / 10;
    const jre = median(jreMs);
    return {
      leads: n,
      changed,
      whatif_ms: {
        total: round(median(totals)),
        load: round(median(loads)),
        replay_two_rulesets: round(median(replays)),
        repeat_with_cached_facts: round(median(cached.slice(1))),
      },
      target_ms: 1000,
      classify_one_ruleset_ms: round(median(kernelMs)),
      json_rules_engine_ms: round(jre),
      speedup_vs_json_rules_engine: round(jre / median(kernelMs)),
      // The whole cold what-if (load from SQLite + two rulesets) against json-rules-engine
      // classifying one ruleset over facts already in memory, both measured in this run.
      cold_whatif_speedup_vs_json_rules_engine: round(jre / median(totals)),
      same_classes: JSON.stringify(jreCounts) === JSON.stringify(kernelCounts),
    };
  } finally {
    db.close();
    if (!opts.dir) rmSync(dir, { recursive: true, force: true });
  }
}
