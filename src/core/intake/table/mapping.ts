import { CompanyFieldSchema, LeadFieldSchema, type ColumnMapping, type MappingOverride, type TableKind } from '../../../contract/store.js';
import { err, ok, type Result } from '../../../contract/errors.js';
import {
  aliasIndex,
  COMPANY_ALIASES,
  FUZZY_BLOCK,
  FUZZY_MAX_WORDS,
  headerKey,
  LEAD_ALIASES,
  LEAD_FUZZY,
  NOT_A_LEAD_FIELD,
} from './aliases.js';

const LEAD_INDEX = aliasIndex(LEAD_ALIASES);
const COMPANY_INDEX = aliasIndex(COMPANY_ALIASES);

/** The values an override may use besides a field name. */
export const PSEUDO_FIELDS = ['ignore', 'attribute'] as const;

interface Candidate {
  mapping: ColumnMapping;
  rank: number;
}

function fieldsOf(kind: TableKind): readonly string[] {
  return kind === 'companies' ? CompanyFieldSchema.options : LeadFieldSchema.options;
}

/** Checks an override before it is used: unknown fields are a person's typo, so say which. */
export function validateOverride(override: MappingOverride, headers: readonly string[], kind: TableKind = 'leads'): Result<MappingOverride> {
  const allowed = new Set<string>([...fieldsOf(kind), ...PSEUDO_FIELDS]);
  for (const [column, field] of Object.entries(override)) {
    if (!headers.includes(column)) {
      return err('invalid_input', `mapping names column "${column}", which the file does not have (columns: ${headers.filter(Boolean).join(', ')})`, {
        path: ['mapping', column],
      });
    }
    if (!allowed.has(field)) {
      return err('invalid_input', `mapping sends "${column}" to "${field}", which is not a ${kind === 'companies' ? 'company' : 'lead'} field; use one of ${[...allowed].join(', ')}`, {
        path: ['mapping', column],
      });
    }
  }
  return ok(override);
}

/**
 * Maps each header to a lead (or company) field, with a confidence a UI can show. A manual
 * override wins; otherwise a known header (1.0), then a telling word in a short header (0.5).
 * When two columns claim one field, the stronger claim keeps it and the other becomes an attribute.
 */
export function mapColumns(headers: readonly string[], override: MappingOverride = {}, kind: TableKind = 'leads'): ColumnMapping[] {
  const index = kind === 'companies' ? COMPANY_INDEX : LEAD_INDEX;
  const cands: Candidate[] = headers.map((column, i) => {
    const forced = override[column];
    if (forced !== undefined) return { mapping: { column, index: i, field: forced, confidence: 1, via: 'override' }, rank: -1 };
    if (column.trim() === '') return { mapping: { column, index: i, field: 'ignore', confidence: 1, via: 'none' }, rank: 0 };
    const key = headerKey(column);
    const hit = index.get(key);
    if (hit) return { mapping: { column, index: i, field: hit.field, confidence: 1, via: 'alias' }, rank: hit.rank };
    if (kind === 'leads' && !NOT_A_LEAD_FIELD.has(key) && !FUZZY_BLOCK.test(column) && column.trim().split(/\s+/).length <= FUZZY_MAX_WORDS) {
      const fuzzy = LEAD_FUZZY.find(([re]) => re.test(column));
      if (fuzzy) return { mapping: { column, index: i, field: fuzzy[1], confidence: 0.5, via: 'fuzzy' }, rank: 100 };
    }
    return { mapping: { column, index: i, field: 'attribute', confidence: 0, via: 'none' }, rank: 0 };
  });
  // One column per field: overrides first, then exact aliases by rank, then fuzzy hits.
  const owner = new Map<string, Candidate>();
  for (const c of cands) {
    const f = c.mapping.field;
    if (f === 'ignore' || f === 'attribute') continue;
    const prev = owner.get(f);
    if (!prev || c.mapping.confidence > prev.mapping.confidence || (c.mapping.confidence === prev.mapping.confidence && c.rank < prev.rank)) {
      owner.set(f, c);
    }
  }
  return cands.map((c) => {
    const f = c.mapping.field;
    if (f === 'ignore' || f === 'attribute' || owner.get(f) === c) return c.mapping;
    return { ...c.mapping, field: 'attribute', confidence: 0, via: 'none' };
  });
}

/**
 * Guesses whether a table holds leads or companies: a companies file names an account and
 * facts about it, but no person, contact or deal.
 */
export function detectKind(headers: readonly string[]): TableKind {
  const keys = headers.map(headerKey);
  const companyHits = keys.filter((k) => COMPANY_INDEX.has(k) && COMPANY_INDEX.get(k)?.field !== 'name').length;
  const hasName = keys.some((k) => COMPANY_INDEX.get(k)?.field === 'name');
  const leadOnly = keys.some((k) => {
    const f = LEAD_INDEX.get(k)?.field;
    return f !== undefined && !['company', 'website', 'name', 'created_at'].includes(f);
  });
  return hasName && companyHits >= 2 && !leadOnly ? 'companies' : 'leads';
}
