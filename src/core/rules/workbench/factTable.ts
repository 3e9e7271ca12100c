import type { CustomFactDef, EscalationReason, LeadFilter, Ruleset } from '../../../contract/index.js';
import { EscalationReasonSchema } from '../../../contract/index.js';
import { attributeSql } from '../../store/attributes.js';
import type { StoreContext } from '../../store/context.js';
import { parseCell, type CustomValue } from './customFacts.js';
import { leadWhere } from './filter.js';
import { CURRENT_FACT_COLUMNS, valuesOfCodes } from '../../store/currentFacts.js';

/**
 * The latest stored facts of many leads as compact columns, loaded with one scan of the leads
 * joined with their `lead_facts_current` row (store/currentFacts.ts), never the facts table.
 * Each column holds, per lead, a code into a dictionary of distinct raw values (-1 = no
 * value), so a JSON value is parsed once per distinct value, not once per lead: that is what
 * makes a what-if over 100,000 leads fit in a second.
 */
export interface FactTable {
  n: number;
  ids: string[];
  /** leads.outcome, or the outcome column asked for. */
  outcome: Array<string | null>;
  columns: Record<BuiltinColumn, CodeColumn>;
  /** Custom fact columns keyed by `customKey(def)`, computed from imported columns. */
  custom: Map<string, CodeColumn>;
  /** Stored `custom.<name>` facts a rep corrected; they win over the computed column. */
  customOverrides: Map<string, CodeColumn>;
  /** Escalation signals of the leads that have any (sparse). */
  signals: Map<number, ReplaySignal[]>;
  /** How many leads' signals were rebuilt from their latest decision. */
  signalsFromDecisions: number;
}

export type BuiltinColumn =
  'budget' | 'timeline' | 'authority' | 'company_size' | 'need' | 'competitors' | 'disqualifier';
const BUILTIN: readonly BuiltinColumn[] = [
  'budget',
  'timeline',
  'authority',
  'company_size',
  'need',
  'competitors',
  'disqualifier',
];

/** Per lead, an index into `values`; -1 when the lead has no value. */
export interface CodeColumn {
  codes: Int32Array;
  values: unknown[];
}

export interface ReplaySignal {
  reason: EscalationReason;
  value: number | null;
}

/** Custom facts with the same column and type share one loaded column across rulesets. */
export const customKey = (d: Pick<CustomFactDef, 'column' | 'type'>): string => `${d.type}:${d.column}`;

export interface LoadOptions {
  filter?: LeadFilter;
  /** Rulesets whose custom facts must be loaded (the baseline and the draft). */
  rulesets: ReadonlyArray<Pick<Ruleset, 'custom_facts'>>;
  /** Read the outcome from this imported column instead of leads.outcome. */
  outcomeColumn?: string;
  /** Columns never to read (leaking ones in a back-test): their facts stay unknown. */
  excludeColumns?: ReadonlySet<string>;
}

interface Building {
  codes: Int32Array;
  intern: Interner;
}

class Interner {
  readonly index = new Map<string, number>();
  readonly raw: string[] = [];
  code(text: string): number {
    let c = this.index.get(text);
    if (c === undefined) {
      c = this.raw.length;
      this.index.set(text, c);
      this.raw.push(text);
    }
    return c;
  }
}

/** Loads the latest facts (a rep's correction wins) of the leads matching the filter. */
export function loadFactTable(ctx: StoreContext, opts: LoadOptions): FactTable {
  // One read transaction: leads, facts and decisions come from the same snapshot even while
  // an import writes from another connection.
  return ctx.db.transaction(() => readFactTable(ctx, opts))();
}

function readFactTable(ctx: StoreContext, opts: LoadOptions): FactTable {
  const { sql: where, params } = leadWhere(ctx, opts.filter ?? {});
  const customDefs = new Map<string, CustomFactDef>();
  for (const rs of opts.rulesets)
    for (const d of rs.custom_facts) if (!opts.excludeColumns?.has(d.column)) customDefs.set(customKey(d), d);
  const customList = [...customDefs.entries()];

  const bind: Record<string, unknown> = { ...params };
  // An imported column as SQL over either attributes encoding (store/attributes.ts).
  const attr = (column: string, key: string): string => {
    const a = attributeSql(ctx, column, key, 'l');
    Object.assign(bind, a.params);
    return a.sql;
  };
  const extra = customList.map(([, d], i) => attr(d.column, `c${i}`));
  const outcomeSql = opts.outcomeColumn
    ? `coalesce(${attr(opts.outcomeColumn, 'outcome_col')}, l.outcome)`
    : 'l.outcome';
  // One pass over the leads joined with their current-facts row (lead_facts_current, kept by
  // triggers on facts), returned column by column: each column is one JSON array built in
  // SQLite, so 100,000 leads cost a few JSON.parse calls instead of 100,000 row objects, and
  // the facts arrive as integer codes into lead_fact_values (each distinct value is read and
  // parsed once). The filter runs inside the subquery, where bare names mean the leads' columns.
  const selected = [
    'l.id',
    outcomeSql,
    ...extra,
    ...CURRENT_FACT_COLUMNS.map((c) => `p.${c}`),
    'json(p.custom_rep)',
    'CASE WHEN l.latest_escalate = 1 THEN l.latest_decision_id END',
    'l.rid',
  ];
  const arrays = ctx.db
    .prepare(
      `SELECT ${selected.map((_, k) => `json_group_array(x${k})`).join(', ')}
       FROM (SELECT ${selected.map((e, k) => `${e} AS x${k}`).join(', ')}
             FROM (SELECT rowid AS rid, * FROM leads ${where}) AS l
             LEFT JOIN lead_facts_current AS p ON p.lead_id = l.id
             ORDER BY l.rid)`,
    )
    .raw()
    .get(bind) as string[];
  const cols = arrays.map((text) => JSON.parse(text) as unknown[]);
  // The ordered subquery is not flattened into an aggregate, so rows come in rowid order; if a
  // future SQLite ever did otherwise, restore the order rather than trust it.
  const rid = cols[cols.length - 1] as number[];
  if (rid.some((v, i) => i > 0 && v < rid[i - 1]!)) {
    const order = rid.map((_, i) => i).sort((x, y) => rid[x]! - rid[y]!);
    for (let k = 0; k < cols.length; k++) cols[k] = order.map((i) => cols[k]![i]);
  }
  const ids = cols[0] as string[];
  const n = ids.length;
  const text = (v: unknown): string | null =>
    v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const outcome = (cols[1] as unknown[]).map(text);

  const custom = new Map<string, CodeColumn>();
  customList.forEach(([key, def], k) => {
    const cells = cols[2 + k]!;
    const codes = new Int32Array(n);
    const intern = new Map<string, number>();
    const values: CustomValue[] = [];
    for (let i = 0; i < n; i++) {
      const t = text(cells[i]);
      if (t === null) {
        codes[i] = -1;
        continue;
      }
      let c = intern.get(t);
      if (c === undefined) {
        const v = parseCell(def.type, t);
        c = v === null ? -1 : values.push(v) - 1;
        intern.set(t, c);
      }
      codes[i] = c;
    }
    custom.set(key, { codes, values });
  });

  // Per coded column: each lead's local code, and the dictionary code behind each local one.
  const FIRST_CODED = 2 + customList.length;
  const maxCode = (ctx.db.prepare('SELECT max(code) FROM lead_fact_values').pluck().get() as number | null) ?? -1;
  const globalOf: number[][] = [];
  const codeLists: Int32Array[] = [];
  const local = new Int32Array(maxCode + 1).fill(-1);
  CURRENT_FACT_COLUMNS.forEach((_, k) => {
    const cells = cols[FIRST_CODED + k] as Array<number | null>;
    const globals: number[] = [];
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = cells[i];
      if (g === null || g === undefined) {
        codes[i] = -1;
        continue;
      }
      let c = local[g]!;
      if (c < 0) c = local[g] = globals.push(g) - 1;
      codes[i] = c;
    }
    for (const g of globals) local[g] = -1; // ready for the next column
    globalOf.push(globals);
    codeLists.push(codes);
  });
  const repCells = cols[FIRST_CODED + CURRENT_FACT_COLUMNS.length] as Array<Record<string, unknown> | null>;
  const decisionCells = cols[FIRST_CODED + CURRENT_FACT_COLUMNS.length + 1] as Array<string | null>;
  const escalated: Array<[number, string]> = [];
  for (let i = 0; i < n; i++) if (decisionCells[i] !== null) escalated.push([i, decisionCells[i]!]);

  // Each distinct value is read and parsed once, whichever columns use it.
  const used = [...new Set(globalOf.flat())];
  const parsed = new Map<number, unknown>();
  valuesOfCodes(ctx, used).forEach((text, j) => parsed.set(used[j]!, JSON.parse(text) as unknown));
  const columnOf = (k: number): CodeColumn => ({
    codes: codeLists[k]!,
    values: globalOf[k]!.map((g) => parsed.get(g)),
  });
  const columns = Object.fromEntries(BUILTIN.map((b) => [b, columnOf(CURRENT_FACT_COLUMNS.indexOf(b))])) as Record<
    BuiltinColumn,
    CodeColumn
  >;

  // Only a rep's correction of a custom fact counts: extractor-stored custom facts were computed
  // under an older definition, and the draft may define the column differently.
  const overrides = new Map<string, Building>();
  for (let i = 0; i < n; i++) {
    const rep = repCells[i];
    if (!rep) continue;
    for (const [name, value] of Object.entries(rep)) {
      let col = overrides.get(name);
      if (!col) overrides.set(name, (col = { codes: new Int32Array(n).fill(-1), intern: new Interner() }));
      col.codes[i] = value === null ? -1 : col.intern.code(JSON.stringify(value));
    }
  }
  const customOverrides = new Map<string, CodeColumn>();
  for (const [name, c] of overrides)
    customOverrides.set(name, { codes: c.codes, values: c.intern.raw.map((t) => JSON.parse(t) as unknown) });

  // Stored signals (an empty list too) say what the latest extraction saw; leads without any
  // fall back to their latest decision below.
  const SIGNALS = CURRENT_FACT_COLUMNS.indexOf('signals');
  const signalCodes = codeLists[SIGNALS]!;
  const signalLists = globalOf[SIGNALS]!.map((g) => readSignals(parsed.get(g)));
  const signals = new Map<number, ReplaySignal[]>();
  const stored = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = signalCodes[i]!;
    if (c < 0) continue;
    stored[i] = 1;
    if (signalLists[c]!.length) signals.set(i, signalLists[c]!);
  }
  const signalsFromDecisions = loadDecisionSignals(
    ctx,
    escalated.filter(([i]) => !stored[i]),
    signals,
  );
  return { n, ids, outcome, columns, custom, customOverrides, signals, signalsFromDecisions };
}

function readSignals(doc: unknown): ReplaySignal[] {
  if (!Array.isArray(doc)) return [];
  const out: ReplaySignal[] = [];
  for (const s of doc as Array<{ reason?: unknown; value?: unknown }>) {
    const reason = EscalationReasonSchema.safeParse(s?.reason);
    if (reason.success) out.push({ reason: reason.data, value: typeof s.value === 'number' ? s.value : null });
  }
  return out;
}

/**
 * Leads whose signals were not stored (qualified before signals were kept): their latest
 * decision's escalation reasons stand in. Only escalated decisions carry reasons, so a draft
 * that adds a trigger cannot start escalations on those leads; the result says how many.
 */
function loadDecisionSignals(
  ctx: StoreContext,
  escalated: ReadonlyArray<[number, string]>,
  signals: Map<number, ReplaySignal[]>,
): number {
  if (!escalated.length) return 0;
  const texts = ctx.db
    .prepare('SELECT d.escalation FROM json_each(?) AS j LEFT JOIN decisions AS d ON d.id = j.value ORDER BY j.key')
    .pluck()
    .all(JSON.stringify(escalated.map(([, id]) => id))) as Array<string | null>;
  let used = 0;
  escalated.forEach(([i], k) => {
    const text = texts[k];
    if (!text) return;
    const esc = JSON.parse(text) as { reasons?: Array<{ reason: unknown; detail?: unknown }> };
    const list: ReplaySignal[] = [];
    for (const r of esc.reasons ?? []) {
      const reason = EscalationReasonSchema.safeParse(r.reason);
      if (!reason.success) continue;
      // The discount asked for survives only in the detail text ("asks for a 30% discount").
      const pct =
        reason.data === 'discount' && typeof r.detail === 'string' ? /(\d+(?:\.\d+)?)\s*%/.exec(r.detail) : null;
      list.push({ reason: reason.data, value: pct ? Number(pct[1]) : null });
    }
    signals.set(i, list);
    used++;
  });
  return used;
}

interface CacheEntry {
  key: string;
  mark: string;
  table: FactTable;
}
const cache = new WeakMap<object, CacheEntry>();

/**
 * Whether the store may have changed since the table was loaded, in O(1): total_changes()
 * counts every row this connection wrote (triggers and cascades included, rolled-back writes
 * too, which only costs a reload), and data_version moves whenever another connection commits.
 */
function watermark(ctx: StoreContext): string {
  const changes = ctx.db.prepare('SELECT total_changes()').pluck().get() as number;
  const version = ctx.db.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

/**
 * loadFactTable, remembered per database while the store does not change: a manager trying
 * draft after draft on the Rules screen pays the load once.
 */
export function cachedFactTable(ctx: StoreContext, opts: LoadOptions): FactTable {
  const keys = new Set<string>();
  for (const rs of opts.rulesets)
    for (const d of rs.custom_facts) if (!opts.excludeColumns?.has(d.column)) keys.add(customKey(d));
  const key = JSON.stringify([opts.filter ?? {}, opts.outcomeColumn ?? null, [...keys].sort()]);
  const mark = watermark(ctx);
  const hit = cache.get(ctx.db);
  if (hit && hit.key === key && hit.mark === mark) return hit.table;
  const table = loadFactTable(ctx, opts);
  cache.set(ctx.db, { key, mark, table });
  return table;
}
