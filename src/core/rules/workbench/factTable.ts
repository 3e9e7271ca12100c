import type { CustomFactDef, EscalationReason, LeadFilter, Ruleset } from '../../../contract/index.js';
import { EscalationReasonSchema } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import { parseCell, type CustomValue } from './customFacts.js';
import { leadWhere } from './filter.js';

/**
 * The latest stored facts of many leads as compact columns, loaded with one scan of the facts
 * table. Each column holds, per lead, a code into a dictionary of distinct raw values (-1 =
 * no value), so a JSON value is parsed once per distinct value, not once per lead: that is
 * what makes a what-if over 100,000 leads fit in a second.
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

// The JSON path of an imported column; the name is bound as a parameter, never spliced into SQL.
const attrPath = (column: string): string => `$."${column.replace(/"/g, '\\"')}"`;

/** Loads the latest facts (a rep's correction wins) of the leads matching the filter. */
export function loadFactTable(ctx: StoreContext, opts: LoadOptions): FactTable {
  // One read transaction: leads, facts and decisions come from the same snapshot even while
  // an import writes from another connection.
  return ctx.db.transaction(() => readFactTable(ctx, opts))();
}

function readFactTable(ctx: StoreContext, opts: LoadOptions): FactTable {
  const { sql: where, params } = leadWhere(opts.filter ?? {});
  const customDefs = new Map<string, CustomFactDef>();
  for (const rs of opts.rulesets)
    for (const d of rs.custom_facts) if (!opts.excludeColumns?.has(d.column)) customDefs.set(customKey(d), d);
  const customList = [...customDefs.entries()];

  const extra = customList.map((_, i) => `, json_extract(attributes, @c${i})`).join('');
  const outcomeSql = opts.outcomeColumn ? 'coalesce(json_extract(attributes, @outcome_col), outcome)' : 'outcome';
  const bind: Record<string, unknown> = { ...params };
  customList.forEach(([, d], i) => (bind[`c${i}`] = attrPath(d.column)));
  if (opts.outcomeColumn) bind['outcome_col'] = attrPath(opts.outcomeColumn);
  const leadRows = ctx.db.prepare(`SELECT id, ${outcomeSql}${extra} FROM leads ${where} ORDER BY rowid`).raw();
  const ids: string[] = [];
  const outcome: Array<string | null> = [];
  const pos = new Map<string, number>();
  const customCols = customList.map(() => ({
    codes: [] as number[],
    intern: new Map<string, number>(),
    values: [] as CustomValue[],
  }));
  for (const r of leadRows.iterate(bind) as IterableIterator<unknown[]>) {
    const id = r[0] as string;
    pos.set(id, ids.length);
    ids.push(id);
    outcome.push(r[1] === null || r[1] === undefined ? null : String(r[1]));
    for (let k = 0; k < customList.length; k++) {
      const cell = r[2 + k];
      const col = customCols[k]!;
      if (cell === null || cell === undefined) {
        col.codes.push(-1);
        continue;
      }
      const text = String(cell);
      let c = col.intern.get(text);
      if (c === undefined) {
        const v = parseCell(customList[k]![1].type, text);
        c = v === null ? -1 : col.values.push(v) - 1;
        col.intern.set(text, c);
      }
      col.codes.push(c);
    }
  }
  const n = ids.length;
  const custom = new Map<string, CodeColumn>();
  customList.forEach(([key], k) =>
    custom.set(key, { codes: Int32Array.from(customCols[k]!.codes), values: customCols[k]!.values }),
  );

  // Extractor rows, one packed string per lead in (created_at, rowid) order so that a later
  // row replaces an earlier one; a rep's corrections go on top below, since a correction wins
  // over any extractor whenever it was made. Packing in SQLite means 100,000 rows cross into
  // JavaScript instead of 700,000, which is most of the load time.
  const builtin: Building[] = BUILTIN.map(() => ({ codes: new Int32Array(n).fill(-1), intern: new Interner() }));
  const SIGNALS = BUILTIN.length;
  // Each fact is packed as one digit for its name followed by its JSON value ('' = null).
  const nameDigit = `CASE name ${BUILTIN.map((b, k) => `WHEN '${b}' THEN '${k}'`).join(' ')} ELSE '${SIGNALS}' END`;
  const signalText = new Map<number, string>();
  const names = [...BUILTIN, 'signals'].map((k) => `'${k}'`).join(', ');
  const extracted = ctx.db
    .prepare(
      `SELECT lead_id, group_concat(${nameDigit} || coalesce(value, ''), char(30) ORDER BY created_at, rowid)
       FROM facts WHERE superseded_by IS NULL AND source != 'rep' AND name IN (${names}) GROUP BY lead_id`,
    )
    .raw();
  // JSON text never holds a raw 0x1E (JSON.stringify escapes control characters).
  for (const [leadId, packed] of extracted.iterate() as IterableIterator<[string, string]>) {
    const i = pos.get(leadId);
    if (i === undefined) continue;
    let at = 0;
    while (at < packed.length) {
      let end = packed.indexOf('\x1e', at);
      if (end < 0) end = packed.length;
      const k = packed.charCodeAt(at) - 48;
      const value = at + 1 < end ? packed.slice(at + 1, end) : null;
      at = end + 1;
      if (k === SIGNALS) {
        if (value !== null) signalText.set(i, value);
        else signalText.delete(i);
        continue;
      }
      const col = builtin[k]!;
      col.codes[i] = value === null ? -1 : col.intern.code(value);
    }
  }
  const overrides = new Map<string, Building>();
  const corrected = ctx.db
    .prepare(`SELECT lead_id, name, value FROM facts WHERE superseded_by IS NULL AND source = 'rep' ORDER BY rowid`)
    .raw();
  for (const [leadId, name, value] of corrected.iterate() as IterableIterator<[string, string, string | null]>) {
    const i = pos.get(leadId);
    if (i === undefined) continue;
    const k = (BUILTIN as readonly string[]).indexOf(name);
    let col = k >= 0 ? builtin[k] : undefined;
    if (!col) {
      // Only a rep's correction of a custom fact counts: extractor-stored custom facts were
      // computed under an older definition, and the draft may define the column differently.
      if (!name.startsWith('custom.')) continue;
      col = overrides.get(name);
      if (!col) overrides.set(name, (col = { codes: new Int32Array(n).fill(-1), intern: new Interner() }));
    }
    col.codes[i] = value === null ? -1 : col.intern.code(value);
  }
  const parseAll = (c: Building): CodeColumn => ({
    codes: c.codes,
    values: c.intern.raw.map((t) => JSON.parse(t) as unknown),
  });
  const columns = Object.fromEntries(BUILTIN.map((b, k) => [b, parseAll(builtin[k]!)])) as Record<
    BuiltinColumn,
    CodeColumn
  >;
  const customOverrides = new Map<string, CodeColumn>();
  for (const [name, c] of overrides) customOverrides.set(name.slice('custom.'.length), parseAll(c));

  const signals = new Map<number, ReplaySignal[]>();
  for (const [i, text] of signalText) signals.set(i, readSignals(JSON.parse(text) as unknown));
  const signalsFromDecisions = loadDecisionSignals(ctx, pos, signals);
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
 * Leads whose signals were not stored as a `signals` fact: their latest decision's escalation
 * reasons stand in. Only escalated decisions carry reasons, so a draft that adds a trigger
 * cannot start escalations on those leads; the result says how many leads this covers.
 */
function loadDecisionSignals(
  ctx: StoreContext,
  pos: Map<string, number>,
  signals: Map<number, ReplaySignal[]>,
): number {
  const rows = ctx.db
    .prepare(
      `SELECT l.id, d.escalation FROM leads l JOIN decisions d ON d.id = l.latest_decision_id WHERE l.latest_escalate = 1`,
    )
    .raw()
    .all() as Array<[string, string]>;
  let used = 0;
  for (const [id, text] of rows) {
    const i = pos.get(id);
    if (i === undefined || signals.has(i)) continue;
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
  }
  return used;
}

interface CacheEntry {
  key: string;
  mark: string;
  table: FactTable;
}
const cache = new WeakMap<object, CacheEntry>();

/**
 * What the loaded table depends on. A fact correction always appends a row (and only then
 * supersedes an older one), and every decision or edit touches leads.updated_at, so these
 * aggregates move whenever a replay could give a different answer.
 */
function watermark(ctx: StoreContext): string {
  const f = ctx.db.prepare('SELECT max(rowid) AS m, count(*) AS n FROM facts').get() as { m: number | null; n: number };
  const l = ctx.db.prepare('SELECT max(rowid) AS m, count(*) AS n, max(updated_at) AS u FROM leads').get() as {
    m: number | null;
    n: number;
    u: string | null;
  };
  return `${f.m}:${f.n}:${l.m}:${l.n}:${l.u}`;
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
