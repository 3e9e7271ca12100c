import type { CustomFactDef, Facts } from '../../../contract/index.js';

export type CustomValue = string | number | boolean;

// Imported forms use placeholders for "not chosen"; X Education's `Select` is the known one.
const NULL_CELLS = new Set(['', 'select', 'n/a', 'na', 'null', 'none', '-', 'nan']);
const TRUE_CELLS = new Set(['yes', 'y', 'true', '1']);
const FALSE_CELLS = new Set(['no', 'n', 'false', '0']);

/** Reads one imported cell as a custom fact of `type`; placeholders and blanks are null. */
export function parseCell(type: CustomFactDef['type'], raw: string | null | undefined): CustomValue | null {
  if (raw === null || raw === undefined) return null;
  const s = raw.trim();
  if (NULL_CELLS.has(s.toLowerCase())) return null;
  switch (type) {
    case 'number': {
      // Thousands separators appear in exported CRM tables ("1,532").
      const n = Number(s.replace(/,(?=\d{3}\b)/g, ''));
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean': {
      const l = s.toLowerCase();
      if (TRUE_CELLS.has(l)) return true;
      if (FALSE_CELLS.has(l)) return false;
      return null;
    }
    case 'string':
      return s;
  }
}

/** The custom facts a ruleset defines, computed from a lead's imported columns. */
export function computeCustomFacts(
  defs: readonly CustomFactDef[],
  attributes: Readonly<Record<string, string>>,
): Facts['custom'] {
  const out: Facts['custom'] = {};
  for (const d of defs) {
    const value = parseCell(d.type, lookupColumn(attributes, d.column));
    // No evidence: the value comes from a table cell, not from text offsets.
    out[d.name] = { value, evidence: [], source: 'import' };
  }
  return out;
}

/** The cell of `column`; an exact header first, then one that differs only in case or spacing. */
export function lookupColumn(attributes: Readonly<Record<string, string>>, column: string): string | null {
  const exact = attributes[column];
  if (exact !== undefined) return exact;
  const key = normHeader(column);
  for (const [k, v] of Object.entries(attributes)) if (normHeader(k) === key) return v;
  return null;
}

export const normHeader = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Adds the ruleset's custom facts to extracted facts; a rep's correction is never replaced. */
export function withCustomFacts(
  facts: Facts,
  defs: readonly CustomFactDef[],
  attributes: Readonly<Record<string, string>>,
): Facts {
  if (!defs.length) return facts;
  const computed = computeCustomFacts(defs, attributes);
  const custom = { ...facts.custom };
  for (const [name, f] of Object.entries(computed)) {
    if (custom[name]?.source === 'rep') continue;
    custom[name] = f;
  }
  return { ...facts, custom };
}
