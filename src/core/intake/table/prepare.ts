import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { LeadFieldSchema, type ColumnMapping, type LeadField } from '../../../contract/store.js';
import { decodeAttributes, encodeRowValues } from '../../store/attributes.js';
import { identityKeys } from '../../store/leads.js';
import { sha256Of } from '../../store/sources.js';
import { BatchWriter, F, STRIDE, type PreparedBatch } from './batches.js';
import type { IdentityKeys } from './dedupe.js';
import { dedupeIndexOf, KnownLeadsSchema, NOTHING_KNOWN, type KnownLeads } from './known.js';
import { parseTable, parseTableParts, type TableHeader } from './parse.js';
import { decodeTable, tableParts } from './source.js';
import { createRowValidator, loadFieldParsers, type FieldParsers, type LeadDraft, type MappedCells } from './row.js';
import { emptyTester } from './values.js';

/**
 * What preparing a leads table needs besides its text: plain data, so that a worker thread can
 * be given it as it is (and checks it with this schema, like any input that crosses a boundary).
 */
export const PreparePlanSchema = z.object({
  /** The delimiter and header the writing side mapped; the preparing side must read the same. */
  delimiter: z.string(),
  headers: z.array(z.string()),
  headerLine: z.number().int().positive(),
  /** Mapped lead fields and the index of their column. */
  fields: z.array(z.tuple([LeadFieldSchema, z.number().int().nonnegative()])),
  /** Header of each mapped field's column, for the issues of invalid rows. */
  columns: z.array(z.tuple([z.string(), z.string()])),
  /** See `attributeKeys`. */
  attributeKeys: z.array(z.string().nullable()),
  emptyValues: z.array(z.string()).nullable(),
  defaultCountry: z.string().nullable(),
  dayFirst: z.boolean().nullable(),
  batchRows: z.number().int().positive(),
  /** The stored leads and accounts the rows are deduplicated and linked against. */
  known: KnownLeadsSchema,
  /** Rows to describe in the batches' `preview` (dry runs; 0 otherwise). */
  previewRows: z.number().int().nonnegative(),
});
export type PreparePlan = z.infer<typeof PreparePlanSchema>;

/**
 * The attribute key of each column (null: not kept), stored once on the import: its leads keep
 * only their cells, in this order. A repeated header gets " (2)", " (3)".
 */
export function attributeKeys(headers: readonly string[], mapping: readonly ColumnMapping[]): Array<string | null> {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    if (h === '' || mapping[i]?.field === 'ignore') return null;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/** The fields a mapping fills, with their column index (ignored and attribute columns left out). */
export function mappedFields(mapping: readonly ColumnMapping[]): Array<[LeadField, number]> {
  return mapping
    .filter((m): m is ColumnMapping & { field: LeadField } => m.field !== 'ignore' && m.field !== 'attribute')
    .map((m) => [m.field, m.index]);
}

/**
 * Rows per batch. A Leads.csv batch of 256 rows is ~100 KiB of text: under V8's large-object
 * size, so receiving it allocates in the young generation instead of fresh pages; 2,000-row
 * batches made receiving cost the writing thread 3-5 times as much. Small batches also let the
 * writer start sooner.
 */
export const BATCH_ROWS = 256;

/** The plan for preparing `table` with `mapping` and the import's options. */
export function planLeads(
  table: TableHeader,
  mapping: readonly ColumnMapping[],
  opts: { emptyValues?: readonly string[]; defaultCountry?: CountryCode; dayFirst?: boolean },
  known: KnownLeads = NOTHING_KNOWN,
  previewRows = 0,
): PreparePlan {
  const fields = mappedFields(mapping);
  return {
    delimiter: table.delimiter,
    headers: table.headers,
    headerLine: table.headerLine,
    fields,
    columns: fields.map(([f, i]) => [f, table.headers[i] ?? f]),
    attributeKeys: attributeKeys(table.headers, mapping),
    emptyValues: opts.emptyValues ? [...opts.emptyValues] : null,
    defaultCountry: opts.defaultCountry ?? null,
    dayFirst: opts.dayFirst ?? null,
    batchRows: BATCH_ROWS,
    known,
    previewRows,
  };
}

const mappedFieldNames = (plan: PreparePlan): Set<string> => new Set(plan.fields.map(([f]) => f));

/** Loads what `prepareLeads` needs for this plan's fields (see FieldParsers). */
export const loadParsersFor = (plan: PreparePlan): Promise<FieldParsers> => loadFieldParsers(mappedFieldNames(plan));

/** The shape of `prepareLeads`, for the worker that runs it (tests give it a failing one). */
export type Prepare = (
  table: TableInput,
  plan: PreparePlan,
  parsers: FieldParsers,
  emit: (batch: PreparedBatch) => void,
) => void;

/** A table to prepare: pasted or decoded text, or a file's bytes (read in parts, see tableParts). */
export type TableInput = string | Uint8Array;

/**
 * Reads every data row of a leads table and turns it into an insert-ready row (validated,
 * identity keys, account link, attributes JSON, note hash), a duplicate (of a stored lead or an
 * earlier row) or the issues that make it invalid, and hands them to `emit` in batches of
 * `plan.batchRows` rows, in file order. Pure: no database, no clock, no ids; the writing side
 * adds those, and only inserts. The same function runs inline and in the import worker, which is
 * what makes both give the same report.
 */
export function prepareLeads(
  table: TableInput,
  plan: PreparePlan,
  parsers: FieldParsers,
  emit: (batch: PreparedBatch) => void,
): void {
  // A file's bytes are read in parts, so the first rows are ready before the whole is decoded.
  const parts = typeof table === 'string' ? null : tableParts(table);
  const parsed =
    (parts && parseTableParts(parts.first, parts.next, { delimiter: plan.delimiter })) ??
    parseTable(typeof table === 'string' ? table : decodeTable(table), { delimiter: plan.delimiter });
  if (!parsed.ok) throw new Error(`prepare: the table no longer parses: ${parsed.error.message}`);
  const read = parsed.value;
  if (read.headerLine !== plan.headerLine || read.headers.join('\n') !== plan.headers.join('\n')) {
    throw new Error('prepare: the table reads with a different header than the one it was mapped with');
  }
  const isEmpty = emptyTester(plan.emptyValues ?? undefined);
  const validate = createRowValidator(
    {
      // The caller's CountryCode, carried as text.
      ...(plan.defaultCountry ? { defaultCountry: plan.defaultCountry as CountryCode } : {}),
      ...(plan.dayFirst !== null ? { dayFirst: plan.dayFirst } : {}),
    },
    mappedFieldNames(plan),
    parsers,
  );
  const columnOfField = new Map<string, string>(plan.columns);
  const attrKeys = plan.attributeKeys;
  const width = plan.headers.length;
  const fieldNames = plan.fields.map(([f]) => f as keyof MappedCells);
  const fieldIdx = plan.fields.map(([, i]) => i);
  const out = new BatchWriter(plan.batchRows);
  // Reused for every row (the validator reads it synchronously): at 100k rows the per-row
  // objects were a good part of the garbage.
  const cells: MappedCells = {};
  const values: Array<string | null> = new Array(STRIDE).fill(null);
  const dedupe = dedupeIndexOf(plan.known);
  const companyIds = new Map(plan.known.companies);
  // Account links are only worth a warning once the user has imported accounts to link to.
  const companyColumn = columnOfField.get('company') ?? null;
  const checkAccounts = companyIds.size > 0 && companyColumn !== null;
  const attrKeysJson = plan.previewRows > 0 ? JSON.stringify(attrKeys) : null;
  let previewLeft = plan.previewRows;
  // Rows to store so far: an in-file duplicate names the row it repeats by this position.
  let seq = 0;
  // Reused for every row (the index keeps the strings, not the object).
  const keys: IdentityKeys = { email_norm: null, external_id: null, domain: null, company_norm: null, name_norm: null };

  read.forEachRow((row, line) => {
    out.count();
    if (row.length > width && row.slice(width).some((c) => c.trim() !== '')) {
      out.issue({
        row: line,
        column: null,
        reason: `has ${row.length} cells but the header has ${width}; quote values that contain the delimiter`,
      });
    } else {
      for (let f = 0; f < fieldNames.length; f++) {
        const raw = row[fieldIdx[f] as number];
        cells[fieldNames[f] as keyof MappedCells] = raw === undefined || isEmpty(raw) ? null : raw.trim();
      }
      const v = validate(cells);
      if (!v.ok) {
        for (const iss of v.issues)
          out.issue({
            row: line,
            column: iss.field ? (columnOfField.get(iss.field) ?? iss.field) : null,
            reason: iss.reason,
          });
      } else {
        const d = v.draft;
        const norm = identityKeys(d);
        keys.email_norm = norm.email_norm;
        keys.external_id = d.external_id;
        keys.domain = norm.domain;
        keys.company_norm = norm.company_norm;
        keys.name_norm = norm.name_norm;
        const match = dedupe.claim(seq, keys);
        if (match) {
          const ref = match.ref;
          out.duplicate({ row: line, by: match.by, in_file: match.in_file, lead: typeof ref === 'string' ? ref : null, seq: typeof ref === 'number' ? ref : null });
          if (previewLeft > 0) {
            previewLeft--;
            out.previewRow({ row: line, result: 'duplicate', ...draftOf(d) });
          }
          if (out.size >= plan.batchRows) emit(out.take());
          return;
        }
        seq++;
        const companyId = keys.company_norm ? (companyIds.get(keys.company_norm) ?? null) : null;
        if (checkAccounts) {
          if (!d.company) out.warning({ row: line, column: companyColumn, reason: 'no account: the row is imported without a company link' });
          else if (!companyId) out.warning({ row: line, column: companyColumn, reason: `account "${d.company}" is not among the imported companies` });
        }
        const attributes = encodeRowValues(row, attrKeys, isEmpty);
        if (previewLeft > 0) {
          previewLeft--;
          out.previewRow({ row: line, result: 'import', ...draftOf(d), company_id: companyId, attributes: decodeAttributes(attributes, attrKeysJson, 'preview') });
        }
        values[F.name] = d.name;
        values[F.email] = d.email;
        values[F.phone] = d.phone;
        values[F.title] = d.title;
        values[F.company] = d.company;
        values[F.website] = d.website;
        values[F.owner] = d.owner;
        values[F.lead_source] = d.lead_source;
        values[F.external_id] = d.external_id;
        values[F.created_at] = d.created_at;
        values[F.notes] = d.notes;
        values[F.outcome] = d.outcome;
        values[F.status] = d.status;
        values[F.name_norm] = keys.name_norm;
        values[F.email_norm] = keys.email_norm;
        values[F.company_norm] = keys.company_norm;
        values[F.domain] = keys.domain;
        values[F.attributes] = attributes;
        values[F.notes_sha256] = d.notes ? sha256Of(d.notes) : null;
        values[F.company_id] = companyId;
        out.row(line);
        for (let i = 0; i < STRIDE; i++) out.value(values[i] as string | null);
      }
    }
    if (out.size >= plan.batchRows) emit(out.take());
  });
  if (out.size > 0) emit(out.take());
}

/** The draft fields of a row as a dry run's preview lists them. */
function draftOf(d: LeadDraft): Record<string, string | null> {
  return {
    name: d.name,
    email: d.email,
    phone: d.phone,
    title: d.title,
    company: d.company,
    website: d.website,
    owner: d.owner,
    lead_source: d.lead_source,
    external_id: d.external_id,
    created_at: d.created_at,
    notes: d.notes,
    outcome: d.outcome,
    status: d.status,
  };
}
