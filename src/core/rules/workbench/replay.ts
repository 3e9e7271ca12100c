import type {
  ChangeCause,
  ChangedLead,
  LeadClass,
  LeadFilter,
  Ruleset,
  WhatifResult,
} from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { cachedFactTable, loadFactTable, type FactTable } from './factTable.js';
import { blockers, CLASSES, runKernel, type KernelRun } from './kernel.js';

export interface VersionedRuleset {
  ruleset: Ruleset;
  version: number | null;
  /** How to name it in results: `default@3`, `draft.json`. */
  label: string;
}

export interface WhatifOptions {
  /** What the draft is compared with; the caller passes the published version (or the default). */
  baseline: VersionedRuleset;
  draft: VersionedRuleset;
  filter?: LeadFilter;
  /** How many changed leads to list (all are counted). */
  limit?: number;
  /** A table loaded before; otherwise the cached one while the store has not changed. */
  table?: FactTable;
  /** false: always read the facts again (the bench's cold figure). */
  cache?: boolean;
}

const emptyCounts = (): Record<LeadClass, number> => ({ qualified: 0, needs_info: 0, nurture: 0, disqualified: 0 });

function labelOf(id: string, draft: Ruleset, base: Ruleset): string {
  if (id === 'disqualifier') return 'No disqualifier (spam, job seeker, competitor, personal use ...)';
  if (id.startsWith('required:')) return `${id.slice(9).replace('_', ' ')} is required and unknown`;
  return draft.rules.find((r) => r.id === id)?.label ?? base.rules.find((r) => r.id === id)?.label ?? id;
}

/** Which rule made lead `i` move: one that now blocks it, or one that no longer does. */
export function causeOf(base: KernelRun, draft: KernelRun, i: number): ChangeCause {
  const from = base.cls[i]!;
  const to = draft.cls[i]!;
  const before = new Set(blockers(base, i, to));
  const now = blockers(draft, i, to).find((b) => !before.has(b));
  if (now) return { rule: now, label: labelOf(now, draft.ruleset, base.ruleset), effect: 'now_blocks' };
  const still = new Set(blockers(draft, i, from));
  const gone = blockers(base, i, from).find((b) => !still.has(b));
  if (gone) return { rule: gone, label: labelOf(gone, draft.ruleset, base.ruleset), effect: 'no_longer_blocks' };
  return { rule: 'class_order', label: 'The order in which classes win changed', effect: 'class_order' };
}

/**
 * Replays a draft over stored leads and compares it with the baseline on the same stored
 * facts (nothing is extracted again): a transition matrix, the changed leads with the rule
 * that made the difference, and the change in escalations.
 */
export function whatif(ctx: StoreContext, opts: WhatifOptions): WhatifResult {
  const t0 = performance.now();
  const load = { filter: opts.filter ?? {}, rulesets: [opts.baseline.ruleset, opts.draft.ruleset] };
  const table = opts.table ?? (opts.cache === false ? loadFactTable(ctx, load) : cachedFactTable(ctx, load));
  const t1 = performance.now();
  const result = compareRuns(table, opts.baseline, opts.draft, opts.limit ?? 200);
  const t2 = performance.now();
  return { ...result, timing_ms: { load: round1(t1 - t0), replay: round1(t2 - t1), total: round1(t2 - t0) } };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The comparison itself, on an already loaded table (the bench times this and the load apart). */
export function compareRuns(
  table: FactTable,
  baseline: VersionedRuleset,
  draft: VersionedRuleset,
  limit: number,
): Omit<WhatifResult, 'timing_ms'> {
  const base = runKernel(table, baseline.ruleset);
  const next = runKernel(table, draft.ruleset);
  const m = new Uint32Array(16);
  let changed = 0;
  const changes: ChangedLead[] = [];
  const byCause = new Map<string, { rule: string; label: string; effect: ChangeCause['effect']; leads: number }>();
  let escBefore = 0;
  let escAfter = 0;
  const started: string[] = [];
  const stopped: string[] = [];
  for (let i = 0; i < table.n; i++) {
    const a = base.cls[i]!;
    const b = next.cls[i]!;
    m[a * 4 + b]!++;
    if (a !== b) {
      changed++;
      const cause = causeOf(base, next, i);
      const key = `${cause.effect}:${cause.rule}`;
      const agg = byCause.get(key);
      if (agg) agg.leads++;
      else byCause.set(key, { ...cause, leads: 1 });
      if (changes.length < limit) {
        changes.push({
          lead_id: table.ids[i]!,
          from: CLASSES[a]!,
          to: CLASSES[b]!,
          score_from: base.score[i]!,
          score_to: next.score[i]!,
          cause,
        });
      }
    }
    const ea = base.escalate[i]!;
    const eb = next.escalate[i]!;
    escBefore += ea;
    escAfter += eb;
    if (ea !== eb) {
      const list = eb ? started : stopped;
      if (list.length < limit) list.push(table.ids[i]!);
    }
  }
  const matrix = Object.fromEntries(
    CLASSES.map((from, a) => [from, Object.fromEntries(CLASSES.map((to, b) => [to, m[a * 4 + b]!]))]),
  ) as Record<LeadClass, Record<LeadClass, number>>;
  const before = emptyCounts();
  const after = emptyCounts();
  CLASSES.forEach((c, a) => {
    for (let b = 0; b < 4; b++) {
      before[c] += m[a * 4 + b]!;
      after[c] += m[b * 4 + a]!;
    }
  });
  return {
    baseline: { ruleset: baseline.label, version: baseline.version },
    draft: { ruleset: draft.label, version: draft.version },
    leads: table.n,
    changed,
    matrix,
    before,
    after,
    changes,
    by_cause: [...byCause.values()].sort((x, y) => y.leads - x.leads),
    escalations: { before: escBefore, after: escAfter, started, stopped, from_decisions: table.signalsFromDecisions },
  };
}
