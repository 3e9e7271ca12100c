import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import type { LeadField } from '../../../contract/store.js';
import { parseDate } from './dates.js';

/** Deal stages that mean "still open": no outcome yet, kept as the status instead. */
const OPEN_STAGES = new Set(['engaging', 'prospecting', 'open', 'in progress', 'new', 'qualifying', 'negotiation', 'proposal']);

export interface RowOptions {
  /** Country for phone numbers written without +CC (ISO 3166 alpha-2). */
  defaultCountry?: CountryCode;
  /** Read 03/04/2024 as 3 April. */
  dayFirst?: boolean;
}

/** The mapped cells of one row (trimmed, empty values already null). */
export type MappedCells = Partial<Record<LeadField, string | null>>;

const text = (max: number) => z.string().max(max, `is longer than ${max} characters`).nullable();

function rowShape(opts: RowOptions) {
  return {
      name: text(300),
      email: z.email({ error: (iss) => `"${String(iss.input)}" is not an email address` }).nullable(),
      phone: z
        .string()
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return null;
          const p = parsePhoneNumberFromString(v, opts.defaultCountry);
          if (p?.isPossible()) return p.number;
          // Without a country code (and no default country) a national number can't be checked;
          // keep it as written unless it clearly is not a phone number.
          const digits = v.replace(/\D/g, '').length;
          if (!v.startsWith('+') && !opts.defaultCountry && /^[\d\s().\-/x#ext]+$/i.test(v) && digits >= 5 && digits <= 15) return v;
          ctx.addIssue({ code: 'custom', message: `"${v}" is not a phone number${v.startsWith('+') ? '' : ' (add the country code, e.g. +44)'}` });
          return z.NEVER;
        }),
      title: text(300),
      company: text(300),
      website: text(2000),
      owner: text(200),
      lead_source: text(300),
      external_id: text(200),
      created_at: z
        .string()
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return null;
          const d = parseDate(v, opts.dayFirst === undefined ? {} : { dayFirst: opts.dayFirst });
          if (d === null) {
            ctx.addIssue({ code: 'custom', message: `"${v}" is not a date (use YYYY-MM-DD)` });
            return z.NEVER;
          }
          return d;
        }),
      notes: z.string().max(100_000, 'is longer than 100,000 characters').nullable(),
      outcome: text(100),
      status: text(100),
  };
}

type RowShape = ReturnType<typeof rowShape>;
export type LeadDraft = { [K in keyof RowShape]: z.output<RowShape[K]> };
type DraftKey = keyof RowShape;

const NO_IDENTITY = 'row has no identity: it needs an email, a name, a company or an id';

export interface RowIssueLite {
  field: LeadField | null;
  reason: string;
}

/**
 * Builds the row validator once per import. The zod object holds only the fields the file maps
 * (a Leads.csv import checks 3 fields, not 13): per-row cost matters at 100k rows.
 */
export function createRowValidator(opts: RowOptions = {}, mapped: ReadonlySet<string> = new Set(Object.keys(rowShape(opts)))) {
  const shape = rowShape(opts);
  const keys = (Object.keys(shape) as DraftKey[]).filter(
    (k) => mapped.has(k) || (k === 'name' && (mapped.has('first_name') || mapped.has('last_name'))) || (k === 'status' && mapped.has('outcome')),
  );
  const schema = z.object(Object.fromEntries(keys.map((k) => [k, shape[k]])) as Partial<RowShape>);
  const empty = Object.fromEntries((Object.keys(shape) as DraftKey[]).map((k) => [k, null])) as LeadDraft;
  return (cells: MappedCells): { ok: true; draft: LeadDraft } | { ok: false; issues: RowIssueLite[] } => {
    const first = cells.first_name ?? null;
    const last = cells.last_name ?? null;
    const name = cells.name ?? (first || last ? [first, last].filter(Boolean).join(' ') : null);
    let outcome = cells.outcome ?? null;
    let status = cells.status ?? null;
    if (outcome !== null && OPEN_STAGES.has(outcome.toLowerCase())) {
      status = status ?? outcome;
      outcome = null;
    }
    const input: Record<string, string | null> = {};
    for (const k of keys) input[k] = k === 'name' ? name : k === 'outcome' ? outcome : k === 'status' ? status : (cells[k] ?? null);
    const res = schema.safeParse(input);
    if (res.success) {
      const draft = { ...empty, ...res.data } as LeadDraft;
      if (!draft.email && !draft.name && !draft.company && !draft.external_id) return { ok: false, issues: [{ field: null, reason: NO_IDENTITY }] };
      return { ok: true, draft };
    }
    return {
      ok: false,
      issues: res.error.issues.map((i) => {
        const f = i.path[0];
        const field = typeof f === 'string' ? (f === 'name' && !cells.name && (first || last) ? 'first_name' : (f as LeadField)) : null;
        return { field, reason: i.message };
      }),
    };
  };
}
