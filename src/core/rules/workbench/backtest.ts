import {
  err,
  ok,
  type BacktestMetrics,
  type BacktestResult,
  type LeadClass,
  type LeadFilter,
  type LeakWarning,
  type Result,
} from '../../../contract/index.js';
import { attributeSql } from '../../store/attributes.js';
import type { StoreContext } from '../../store/context.js';
import { normHeader } from './customFacts.js';
import { customKey, loadFactTable, type CodeColumn, type FactTable } from './factTable.js';
import { CLASSES, CLASS_INDEX, runKernel } from './kernel.js';
import type { VersionedRuleset } from './replay.js';

/**
 * Columns the sales team filled in after the outcome was known (shared/data/README.md), so a
 * fair back-test leaves them out. A trailing `*` matches a prefix.
 */
export const KNOWN_LEAKING_COLUMNS: readonly string[] = [
  'Tags',
  'Lead Quality',
  'Last Activity',
  'Last Notable Activity',
  'Asymmetrique*',
  'close_value',
];

/** A single column that ranks the outcome better than this is more likely a leak than a signal. */
export const SUSPICIOUS_AUC = 0.85;

const POSITIVE = new Set(['1', 'true', 'yes', 'y', 'won', 'converted', 'closed won']);
const NEGATIVE = new Set(['0', 'false', 'no', 'n', 'lost', 'closed lost']);

/** 1 converted, 0 not, null open or unreadable (Engaging, Prospecting, blank). */
export function readOutcome(v: string | null): 0 | 1 | null {
  if (v === null) return null;
  const s = v.trim().toLowerCase();
  return POSITIVE.has(s) ? 1 : NEGATIVE.has(s) ? 0 : null;
}

/** Whether a column matches the exclude list (case- and spacing-insensitive, `prefix*`). */
export function isExcluded(column: string, exclude: readonly string[]): boolean {
  const c = normHeader(column);
  return exclude.some((e) => {
    const p = normHeader(e);
    return p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : c === p;
  });
}

/**
 * Mann-Whitney AUC: the chance that a random converted lead scores above a random
 * unconverted one, ties counting one half. Null when either group is empty.
 */
export function aucOf(values: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let pos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[idx[j + 1]!] === values[idx[i]!]) j++;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!] === 1) {
        pos++;
        rankSumPos += midrank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10000) / 10000);
const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

function metricsOf(table: FactTable, rows: Int32Array, y: Uint8Array, v: VersionedRuleset): BacktestMetrics {
  const run = runKernel(table, v.ruleset);
  const scores = new Float64Array(rows.length);
  const byClass = Object.fromEntries(
    CLASSES.map((c) => [c, { leads: 0, converted: 0, rate: null as number | null }]),
  ) as BacktestMetrics['by_class'];
  const bands = Array.from({ length: 10 }, (_, b) => ({
    from: b * 10,
    to: b === 9 ? 100 : b * 10 + 10,
    leads: 0,
    converted: 0,
    rate: null as number | null,
  }));
  let positives = 0;
  let qualifiedHit = 0;
  const q = CLASS_INDEX.qualified;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const s = run.score[i]!;
    scores[k] = s;
    const c = byClass[CLASSES[run.cls[i]!]! as LeadClass];
    c.leads++;
    const band = bands[Math.min(9, Math.floor(s / 10))]!;
    band.leads++;
    if (y[k]) {
      positives++;
      c.converted++;
      band.converted++;
      if (run.cls[i] === q) qualifiedHit++;
    }
  }
  for (const c of Object.values(byClass)) c.rate = rate(c.converted, c.leads);
  for (const b of bands) b.rate = rate(b.converted, b.leads);
  return {
    ruleset: v.label,
    version: v.version,
    leads: rows.length,
    positives,
    auc: r4(aucOf(scores, y)),
    by_class: byClass,
    qualified: { precision: rate(qualifiedHit, byClass.qualified.leads), recall: rate(qualifiedHit, positives) },
    by_score: bands,
  };
}

/** Orientation-free single-column AUC: numbers rank by value, text by its conversion rate. */
function columnAuc(col: CodeColumn, rows: Int32Array, y: Uint8Array): number | null {
  const numeric = col.values.length > 0 && col.values.every((v) => typeof v === 'number');
  const x = new Float64Array(rows.length);
  if (numeric) {
    // Unknown sorts below every number: "no visits recorded" behaves like the lowest value.
    for (let k = 0; k < rows.length; k++) {
      const c = col.codes[rows[k]!]!;
      x[k] = c >= 0 ? (col.values[c] as number) : -Infinity;
    }
  } else {
    const conv = new Float64Array(col.values.length + 1);
    const seen = new Float64Array(col.values.length + 1);
    for (let k = 0; k < rows.length; k++) {
      const c = col.codes[rows[k]!]! + 1;
      seen[c]!++;
      conv[c]! += y[k]!;
    }
    for (let k = 0; k < rows.length; k++) {
      const c = col.codes[rows[k]!]! + 1;
      x[k] = conv[c]! / seen[c]!;
    }
  }
  const a = aucOf(x, y);
  return a === null ? null : r4(Math.max(a, 1 - a));
}

export interface BacktestOptions {
  /** The imported column holding the outcome (`Converted`, `deal_stage`); leads.outcome when absent. */
  outcome: string;
  published: VersionedRuleset | null;
  draft?: VersionedRuleset | null;
  /** Columns left out; facts computed from them stay unknown. Defaults to KNOWN_LEAKING_COLUMNS. */
  exclude?: readonly string[];
  filter?: LeadFilter;
  suspiciousAuc?: number;
}

/**
 * How well the rulesets' scores and classes separate leads by their known outcome, with
 * leaking columns left out and a warning when a rule relies on a suspiciously strong column.
 */
export function backtest(ctx: StoreContext, opts: BacktestOptions): Result<BacktestResult> {
  const exclude = [...(opts.exclude ?? KNOWN_LEAKING_COLUMNS)];
  const sets = [opts.published, opts.draft].filter((v): v is VersionedRuleset => !!v);
  const column = outcomeColumnOf(ctx, opts.outcome);
  if (!column.ok) return column;
  const table = loadFactTable(ctx, {
    filter: opts.filter ?? {},
    rulesets: sets.map((s) => s.ruleset),
    ...(column.value ? { outcomeColumn: column.value } : {}),
  });
  const keep: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < table.n; i++) {
    const o = readOutcome(table.outcome[i]!);
    if (o === null) continue;
    keep.push(i);
    labels.push(o);
  }
  const rows = Int32Array.from(keep);
  const y = Uint8Array.from(labels);
  if (!rows.length) {
    return err(
      'invalid_input',
      `No stored lead has a readable outcome in "${opts.outcome}" (expected 1/0, yes/no or Won/Lost); ${table.n} leads checked.`,
    );
  }

  // Which columns the rules read, and which of them must be blanked out.
  const usedBy = new Map<string, { facts: Set<string>; key: string }>();
  for (const s of sets) {
    for (const d of s.ruleset.custom_facts) {
      if (!s.ruleset.rules.some((r) => r.fact === `custom.${d.name}`)) continue;
      const u = usedBy.get(d.column) ?? { facts: new Set<string>(), key: customKey(d) };
      u.facts.add(`custom.${d.name}`);
      usedBy.set(d.column, u);
    }
  }
  const warnings: LeakWarning[] = [];
  const columns: BacktestResult['columns'] = [];
  const fair = new Map(table.custom);
  const limit = opts.suspiciousAuc ?? SUSPICIOUS_AUC;
  for (const [column, u] of usedBy) {
    const col = table.custom.get(u.key);
    const auc = col ? columnAuc(col, rows, y) : null;
    const isOutcome = normHeader(column) === normHeader(opts.outcome);
    const excluded = isOutcome || isExcluded(column, exclude);
    columns.push({ column, auc, used: true, excluded });
    const facts = [...u.facts];
    if (excluded) {
      fair.delete(u.key);
      warnings.push({
        column,
        auc,
        facts,
        reason: isOutcome ? 'outcome_column' : 'excluded',
        message: isOutcome
          ? `"${column}" is the outcome itself; ${facts.join(', ')} count as unknown in this back-test.`
          : `"${column}" is on the exclude list (it leaks the outcome); ${facts.join(', ')} count as unknown in this back-test.`,
      });
    } else if (auc !== null && auc > limit) {
      warnings.push({
        column,
        auc,
        facts,
        reason: 'suspicious_auc',
        message: `"${column}" alone ranks the outcome with AUC ${auc.toFixed(2)} (> ${limit}); check that it is known before the outcome, or exclude it.`,
      });
    }
  }
  const fairTable: FactTable = { ...table, custom: fair };
  return ok({
    outcome: opts.outcome,
    skipped: table.n - rows.length,
    excluded_columns: exclude,
    published: opts.published ? metricsOf(fairTable, rows, y, opts.published) : null,
    draft: opts.draft ? metricsOf(fairTable, rows, y, opts.draft) : null,
    columns,
    warnings,
  });
}

/**
 * `outcome` means the lead's own outcome field; any other name is an imported column, which
 * must exist on some lead, or a typo would silently back-test against nothing.
 */
function outcomeColumnOf(ctx: StoreContext, name: string): Result<string | null> {
  if (name.trim() === '' || name.trim().toLowerCase() === 'outcome') return ok(null);
  const attr = attributeSql(ctx, name, 'col');
  const found = ctx.db.prepare(`SELECT 1 FROM leads WHERE ${attr.sql} IS NOT NULL LIMIT 1`).get(attr.params);
  return found
    ? ok(name)
    : err(
        'not_found',
        `No stored lead has a column "${name}"; name the imported outcome column (Converted, deal_stage) or use "outcome" for the lead's outcome field.`,
      );
}

/** Single-column AUCs of imported columns against the outcome (to pick fair columns for rules). */
export function columnAucs(
  ctx: StoreContext,
  opts: {
    outcome: string;
    columns: ReadonlyArray<{ column: string; type: 'number' | 'string' | 'boolean' }>;
    filter?: LeadFilter;
  },
) {
  const custom_facts = opts.columns.map((c, i) => ({ name: `c${i}`, label: c.column, column: c.column, type: c.type }));
  const table = loadFactTable(ctx, {
    filter: opts.filter ?? {},
    rulesets: [{ custom_facts }],
    outcomeColumn: opts.outcome,
  });
  const keep: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < table.n; i++) {
    const o = readOutcome(table.outcome[i]!);
    if (o !== null) {
      keep.push(i);
      labels.push(o);
    }
  }
  const rows = Int32Array.from(keep);
  const y = Uint8Array.from(labels);
  return opts.columns.map((c) => {
    const col = table.custom.get(customKey(c));
    return { column: c.column, type: c.type, auc: col ? columnAuc(col, rows, y) : null };
  });
}
