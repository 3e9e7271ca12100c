import type { CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { LeadField } from '../../../contract/store.js';
import type { parseDate } from './dates.js';

/** Deal stages that mean "still open": no outcome yet, kept as the status instead. */
const OPEN_STAGES = new Set(['engaging', 'prospecting', 'open', 'in progress', 'new', 'qualifying', 'negotiation', 'proposal']);

export interface RowOptions {
  /** Country for phone numbers written without +CC (ISO 3166 alpha-2). */
  defaultCountry?: CountryCode;
  /** Read 03/04/2024 as 3 April. */
  dayFirst?: boolean;
}

/**
 * The parsers of the fields that need a library (phone: libphonenumber, date: chrono), loaded
 * only for tables that map those fields: they are most of what the import worker loads, and a
 * table without them (Leads.csv) then starts preparing half a second sooner.
 */
export interface FieldParsers {
  phone: typeof parsePhoneNumberFromString | null;
  date: typeof parseDate | null;
}

/** Loads the parsers the mapped fields need. */
export async function loadFieldParsers(mapped: ReadonlySet<string>): Promise<FieldParsers> {
  const [phone, date] = await Promise.all([
    mapped.has('phone') ? import('libphonenumber-js').then((m) => m.parsePhoneNumberFromString) : null,
    mapped.has('created_at') ? import('./dates.js').then((m) => m.parseDate) : null,
  ]);
  return { phone, date };
}

const missing = (what: string): never => {
  throw new Error(`row validator: the ${what} parser was not loaded for a table that maps it`);
};

/** The mapped cells of one row (trimmed, empty values already null). */
export type MappedCells = Partial<Record<LeadField, string | null>>;

const text = (max: number) => z.string().max(max, `is longer than ${max} characters`).nullable();

/** The longest value of each plain text field (the schema's `max`, also checked without zod). */
const TEXT_MAX = {
  name: 300,
  title: 300,
  company: 300,
  website: 2000,
  owner: 200,
  lead_source: 300,
  external_id: 200,
  notes: 100_000,
  outcome: 100,
  status: 100,
} as const;
type TextKey = keyof typeof TEXT_MAX;
const isTextKey = (k: string): k is TextKey => Object.hasOwn(TEXT_MAX, k);

function rowShape(opts: RowOptions, parsers: FieldParsers) {
  return {
      name: text(TEXT_MAX.name),
      email: z.email({ error: (iss) => `"${String(iss.input)}" is not an email address` }).nullable(),
      phone: z
        .string()
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return null;
          const p = (parsers.phone ?? missing('phone'))(v, opts.defaultCountry);
          if (p?.isPossible()) return p.number;
          // Without a country code (and no default country) a national number can't be checked;
          // keep it as written unless it clearly is not a phone number.
          const digits = v.replace(/\D/g, '').length;
          if (!v.startsWith('+') && !opts.defaultCountry && /^[\d\s().\-/x#ext]+$/i.test(v) && digits >= 5 && digits <= 15) return v;
          ctx.addIssue({ code: 'custom', message: `"${v}" is not a phone number${v.startsWith('+') ? '' : ' (add the country code, e.g. +44)'}` });
          return z.NEVER;
        }),
      title: text(TEXT_MAX.title),
      company: text(TEXT_MAX.company),
      website: text(TEXT_MAX.website),
      owner: text(TEXT_MAX.owner),
      lead_source: text(TEXT_MAX.lead_source),
      external_id: text(TEXT_MAX.external_id),
      created_at: z
        .string()
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return null;
          const d = (parsers.date ?? missing('date'))(v, opts.dayFirst === undefined ? {} : { dayFirst: opts.dayFirst });
          if (d === null) {
            ctx.addIssue({ code: 'custom', message: `"${v}" is not a date (use YYYY-MM-DD)` });
            return z.NEVER;
          }
          return d;
        }),
      notes: z.string().max(TEXT_MAX.notes, 'is longer than 100,000 characters').nullable(),
      outcome: text(TEXT_MAX.outcome),
      status: text(TEXT_MAX.status),
  };
}

type RowShape = ReturnType<typeof rowShape>;
export type LeadDraft = { [K in keyof RowShape]: z.output<RowShape[K]> };
type DraftKey = keyof RowShape;

const cellOf = (input: Record<string, string | null>, k: DraftKey): string | null => input[k] ?? null;

const NO_IDENTITY = 'row has no identity: it needs an email, a name, a company or an id';

export interface RowIssueLite {
  field: LeadField | null;
  reason: string;
}

/**
 * Builds the row validator once per import. Plain text fields are checked by length here;
 * zod parses only the fields that need it (email, phone, date), and a row that fails any check
 * goes through the whole schema, so the issues are zod's, as written, in schema order. Per-row
 * cost matters at 100k rows.
 */
export function createRowValidator(opts: RowOptions, mapped: ReadonlySet<string>, parsers: FieldParsers) {
  const shape = rowShape(opts, parsers);
  const keys = (Object.keys(shape) as DraftKey[]).filter(
    (k) => mapped.has(k) || (k === 'name' && (mapped.has('first_name') || mapped.has('last_name'))) || (k === 'status' && mapped.has('outcome')),
  );
  const schema = z.object(Object.fromEntries(keys.map((k) => [k, shape[k]])) as Partial<RowShape>);
  const textKeys = keys.filter(isTextKey);
  const textMax = textKeys.map((k) => TEXT_MAX[k]);
  const otherKeys = keys.filter((k) => !isTextKey(k));
  const others = otherKeys.length ? z.object(Object.fromEntries(otherKeys.map((k) => [k, shape[k]])) as Partial<RowShape>) : null;
  const failed = (cells: MappedCells, input: Record<string, string | null>, first: string | null, last: string | null) => {
    const res = schema.safeParse(input);
    if (res.success) throw new Error('row validator: the full schema accepts a row its parts rejected');
    return {
      ok: false as const,
      issues: res.error.issues.map((i) => {
        const f = i.path[0];
        const field = typeof f === 'string' ? (f === 'name' && !cells.name && (first || last) ? 'first_name' : (f as LeadField)) : null;
        return { field, reason: i.message };
      }),
    };
  };
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
    for (let t = 0; t < textKeys.length; t++) {
      const v = input[textKeys[t] as TextKey];
      if (v !== null && v !== undefined && v.length > (textMax[t] as number)) return failed(cells, input, first, last);
    }
    let parsed: Partial<LeadDraft> | null = null;
    if (others) {
      const res = others.safeParse(input);
      if (!res.success) return failed(cells, input, first, last);
      parsed = res.data as Partial<LeadDraft>;
    }
    const draft: LeadDraft = {
      name: cellOf(input, 'name'),
      email: parsed?.email ?? null,
      phone: parsed?.phone ?? null,
      title: cellOf(input, 'title'),
      company: cellOf(input, 'company'),
      website: cellOf(input, 'website'),
      owner: cellOf(input, 'owner'),
      lead_source: cellOf(input, 'lead_source'),
      external_id: cellOf(input, 'external_id'),
      created_at: parsed?.created_at ?? null,
      notes: cellOf(input, 'notes'),
      outcome: cellOf(input, 'outcome'),
      status: cellOf(input, 'status'),
    };
    if (!draft.email && !draft.name && !draft.company && !draft.external_id) return { ok: false, issues: [{ field: null, reason: NO_IDENTITY }] };
    return { ok: true, draft };
  };
}
