import type { BudgetValue, LeadClass, RequiredFact, Ruleset } from '../../../contract/index.js';
import { compare } from '../compare.js';
import { annualBudget, REQUIRED_TO_RULE_FACT } from '../inputs.js';
import { customKey, type CodeColumn, type FactTable } from './factTable.js';

/**
 * The rules engine's class and score over a whole FactTable at once. It follows
 * evaluate.ts rule for rule (a test checks equality with compileRuleset on random facts), but
 * decides each rule once per *distinct value* and then only looks codes up per lead.
 */

export const CLASSES: readonly LeadClass[] = ['qualified', 'needs_info', 'nurture', 'disqualified'];
export const CLASS_INDEX: Record<LeadClass, number> = { qualified: 0, needs_info: 1, nurture: 2, disqualified: 3 };

// Must match evaluate.ts: unknown facts earn a quarter of a rule's weight.
const UNKNOWN_SHARE = 0.25;

export const STATUS_UNKNOWN = 0;
export const STATUS_PASSED = 1;
export const STATUS_FAILED = 2;

type Scalar = string | number | boolean;

/** Per lead: the code into `value` (-1 = unknown) of one rule fact under one ruleset. */
interface FactView {
  codes: Int32Array | null;
  /** The normalised value each code stands for; null = counts as unknown. */
  value: Array<Scalar | null>;
  /** Value of a lead without a row (competitor_count is 0, not unknown). */
  missing: Scalar | null;
}

export interface KernelRun {
  ruleset: Ruleset;
  /** CLASS_INDEX per lead. */
  cls: Uint8Array;
  score: Uint8Array;
  /** Bit per class that some check triggered (1 << CLASS_INDEX). */
  triggered: Uint8Array;
  /** One array per rule: STATUS_* per lead. */
  statuses: Uint8Array[];
  /** Bit per required fact (ruleset.required order) that is unknown. */
  unknownRequired: Uint16Array;
  disqualified: Uint8Array;
  escalate: Uint8Array;
}

function view(table: FactTable, rs: Ruleset, fact: string): FactView {
  const unknownIn = (f: string) => new Set(rs.unknown_values[f] ?? []);
  const strings = (col: CodeColumn, unknown: Set<string>): FactView => ({
    codes: col.codes,
    value: col.values.map((v) => (typeof v === 'string' && v !== '' && !unknown.has(v) ? v : null)),
    missing: null,
  });
  const c = table.columns;
  switch (fact) {
    case 'budget_annual':
      return {
        codes: c.budget.codes,
        value: c.budget.values.map((b) => (b ? annualBudget(b as BudgetValue, rs) : null)),
        missing: null,
      };
    case 'timeline_months':
      return {
        codes: c.timeline.codes,
        value: c.timeline.values.map((t) =>
          t && typeof t === 'object' ? ((t as { months: number }).months ?? null) : null,
        ),
        missing: null,
      };
    case 'authority':
      return strings(c.authority, unknownIn('authority'));
    case 'company_size':
      return {
        codes: c.company_size.codes,
        value: c.company_size.values.map((s) => (typeof s === 'number' ? s : null)),
        missing: null,
      };
    case 'need':
      return strings(c.need, unknownIn('need'));
    case 'competitor_count':
      return {
        codes: c.competitors.codes,
        value: c.competitors.values.map((v) => (Array.isArray(v) ? v.length : 0)),
        missing: 0,
      };
    case 'disqualifier':
      return strings(c.disqualifier, new Set());
    default: {
      const def = rs.custom_facts.find((d) => `custom.${d.name}` === fact);
      const col = def ? table.custom.get(customKey(def)) : undefined;
      return col
        ? { codes: col.codes, value: col.values as Scalar[], missing: null }
        : { codes: null, value: [], missing: null };
    }
  }
}

/** Overrides a computed custom column with a rep's corrections, lead by lead. */
function withOverride(v: FactView, o: CodeColumn | undefined): FactView {
  if (!o) return v;
  const offset = v.value.length;
  const n = o.codes.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const oc = o.codes[i]!;
    codes[i] = oc >= 0 ? offset + oc : v.codes ? v.codes[i]! : -1;
  }
  const value = [
    ...v.value,
    ...o.values.map((x) => (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : null)),
  ];
  return { codes, value, missing: v.missing };
}

/** Runs one ruleset over every lead of the table. */
export function runKernel(table: FactTable, rs: Ruleset): KernelRun {
  const n = table.n;
  const views = new Map<string, FactView>();
  const viewOf = (fact: string): FactView => {
    let v = views.get(fact);
    if (!v) {
      v = view(table, rs, fact);
      if (fact.startsWith('custom.')) v = withOverride(v, table.customOverrides.get(fact.slice(7)));
      views.set(fact, v);
    }
    return v;
  };

  const triggered = new Uint8Array(n);
  const statuses: Uint8Array[] = [];
  // Scores are summed in rule order with the same float operations as evaluate.ts.
  const earned = new Float64Array(n);
  for (const r of rs.rules) {
    const v = viewOf(r.fact);
    const byCode = new Uint8Array(v.value.length);
    v.value.forEach(
      (x, k) => (byCode[k] = x === null ? STATUS_UNKNOWN : compare(r.op, x, r.value) ? STATUS_PASSED : STATUS_FAILED),
    );
    const missing =
      v.missing === null ? STATUS_UNKNOWN : compare(r.op, v.missing, r.value) ? STATUS_PASSED : STATUS_FAILED;
    const st = new Uint8Array(n);
    const codes = v.codes;
    const failBit = r.outcome ? 1 << CLASS_INDEX[r.outcome] : 0;
    const w = r.weight;
    const wu = r.weight * UNKNOWN_SHARE;
    for (let i = 0; i < n; i++) {
      const c = codes ? codes[i]! : -1;
      const s = c >= 0 ? byCode[c]! : missing;
      st[i] = s;
      if (s === STATUS_PASSED) earned[i] = earned[i]! + w;
      else if (s === STATUS_UNKNOWN) earned[i] = earned[i]! + wu;
      else triggered[i] = triggered[i]! | failBit;
    }
    statuses.push(st);
  }

  const unknownRequired = new Uint16Array(n);
  rs.required.forEach((f: RequiredFact, bit) => {
    const v = viewOf(REQUIRED_TO_RULE_FACT[f]);
    const known = v.value.map((x) => x !== null);
    const missingKnown = v.missing !== null;
    const codes = v.codes;
    const mask = 1 << bit;
    const needsInfo = 1 << CLASS_INDEX.needs_info;
    for (let i = 0; i < n; i++) {
      const c = codes ? codes[i]! : -1;
      if (!(c >= 0 ? known[c] : missingKnown)) {
        unknownRequired[i] = unknownRequired[i]! | mask;
        triggered[i] = triggered[i]! | needsInfo;
      }
    }
  });

  const disq = table.columns.disqualifier;
  const hits = disq.values.map((d) => typeof d === 'string' && (rs.disqualifiers as readonly string[]).includes(d));
  const disqualified = new Uint8Array(n);
  const dBit = 1 << CLASS_INDEX.disqualified;
  for (let i = 0; i < n; i++) {
    const c = disq.codes[i]!;
    if (c >= 0 && hits[c]) {
      disqualified[i] = 1;
      triggered[i] = triggered[i]! | dBit;
    }
  }

  // The class of each of the 16 trigger combinations, first match in class_order.
  const fallback = CLASS_INDEX[rs.class_order[rs.class_order.length - 1]!];
  const classOfMask = new Uint8Array(16);
  for (let m = 0; m < 16; m++) {
    const hit = rs.class_order.find((c) => m & (1 << CLASS_INDEX[c]));
    classOfMask[m] = hit ? CLASS_INDEX[hit] : fallback;
  }
  const totalWeight = rs.rules.reduce((s, r) => s + r.weight, 0);
  const cls = new Uint8Array(n);
  const score = new Uint8Array(n);
  const dIdx = CLASS_INDEX.disqualified;
  for (let i = 0; i < n; i++) {
    const k = classOfMask[triggered[i]!]!;
    cls[i] = k;
    score[i] = k === dIdx || totalWeight === 0 ? 0 : Math.round((earned[i]! / totalWeight) * 100);
  }

  const escalate = new Uint8Array(n);
  const triggers = new Set<string>(rs.escalation.triggers);
  for (const [i, list] of table.signals) {
    escalate[i] = list.some(
      (s) =>
        triggers.has(s.reason) &&
        !(s.reason === 'discount' && s.value !== null && s.value <= rs.escalation.discount_max_pct),
    )
      ? 1
      : 0;
  }
  return { ruleset: rs, cls, score, triggered, statuses, unknownRequired, disqualified, escalate };
}

/** What blocks lead `i` from the fallback class under a run: rule ids, `required:<fact>`, `disqualifier`. */
export function blockers(run: KernelRun, i: number, cls: number): string[] {
  const out: string[] = [];
  const rs = run.ruleset;
  if (cls === CLASS_INDEX.disqualified && run.disqualified[i]) out.push('disqualifier');
  if (cls === CLASS_INDEX.needs_info)
    rs.required.forEach((f, bit) => run.unknownRequired[i]! & (1 << bit) && out.push(`required:${f}`));
  rs.rules.forEach((r, k) => {
    if (r.outcome && CLASS_INDEX[r.outcome] === cls && run.statuses[k]![i] === STATUS_FAILED) out.push(r.id);
  });
  return out;
}
