import type { CountryCode } from 'libphonenumber-js';
import { err, ok, type Result } from '../../../contract/errors.js';
import type { ColumnMapping, DuplicateMatch, ImportReport, MappingOverride, RowIssue, TableKind } from '../../../contract/store.js';
import type { StoreContext } from '../../store/context.js';
import { nowIso } from '../../store/context.js';
import { nextId } from '../../store/ids.js';
import * as companiesRepo from '../../store/companies.js';
import * as importsRepo from '../../store/imports.js';
import { identityKeys, iterateIdentity } from '../../store/leads.js';
import { sha256Of } from '../../store/sources.js';
import { decodeAttributes, encodeRowValues } from '../../store/attributes.js';
import { importCompanies } from './companies.js';
import { DedupeIndex } from './dedupe.js';
import { detectKind, mapColumns, validateOverride } from './mapping.js';
import { parseTable, type ParsedTable } from './parse.js';
import { createRowValidator, type MappedCells } from './row.js';
import { readTableSource } from './source.js';
import { emptyTester } from './values.js';

export interface ImportTableInput {
  /** Pasted CSV/TSV text. */
  text?: string;
  /** A file to read instead of `text`. */
  path?: string;
  fileName?: string;
  /** Manual mapping, column header -> field | 'ignore' | 'attribute'; wins over the guess. */
  mapping?: MappingOverride;
  /** Parse, map, validate and dedupe, but write nothing; the report carries a preview. */
  dryRun?: boolean;
  /** Leads or companies (accounts.csv); guessed from the headers when absent. */
  kind?: TableKind;
  /** Cell values that mean empty (default: Select, N/A, -, null, none, blank ...). */
  emptyValues?: readonly string[];
  delimiter?: string;
  defaultCountry?: CountryCode;
  dayFirst?: boolean;
}

const PREVIEW_ROWS = 20;
const IDENTITY_FIELDS = new Set(['email', 'name', 'first_name', 'last_name', 'company', 'external_id']);
const INSERT_SQL = `INSERT INTO leads (id, created_at, updated_at, name, name_norm, email, email_norm, phone, title, company,
  company_norm, company_id, website, domain, owner, source, lead_source, external_id, channel, status, outcome, attributes, import_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, 'table', ?, ?, ?, ?)`;
const SOURCE_SQL = `INSERT INTO sources (id, lead_id, kind, text, sha256, received_at, created_at) VALUES (?, ?, 'import', ?, ?, ?, ?)`;

/**
 * The attribute key of each column (null: not kept), stored once on the import: its leads keep
 * only their cells, in this order. A repeated header gets " (2)", " (3)".
 */
function attributeKeys(headers: readonly string[], mapping: readonly ColumnMapping[]): Array<string | null> {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    if (h === '' || mapping[i]?.field === 'ignore') return null;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}

/**
 * Imports a CSV/TSV of leads (or of companies) into the store. Good rows go in, bad rows are
 * listed with their line and reason, duplicates are reported with the lead they match. The
 * whole import is one transaction; each row is written entirely or not at all.
 */
export async function importTable(ctx: StoreContext, input: ImportTableInput): Promise<Result<ImportReport>> {
  const src = await readTableSource(input);
  if (!src.ok) return src;
  const parsed = parseTable(src.value.text, input.delimiter ? { delimiter: input.delimiter } : {});
  if (!parsed.ok) return parsed;
  const table = parsed.value;
  const kind = input.kind ?? detectKind(table.headers);
  if (input.mapping) {
    const v = validateOverride(input.mapping, table.headers, kind);
    if (!v.ok) return v;
  }
  const mapping = mapColumns(table.headers, input.mapping ?? {}, kind);
  const base = {
    kind,
    file_name: src.value.fileName,
    sha256: src.value.sha256,
    delimiter: table.delimiter,
    header_row: table.headerLine,
    previous_import_id: importsRepo.findBySha(ctx, src.value.sha256)?.id ?? null,
    dry_run: input.dryRun ?? false,
  };
  if (kind === 'companies') return importCompanies(ctx, table, mapping, base, input);
  if (!mapping.some((m) => IDENTITY_FIELDS.has(m.field))) {
    return err(
      'invalid_input',
      `no column identifies a lead: map one of the columns to email, name, company or external_id (columns: ${table.headers.filter(Boolean).join(', ')})`,
      { path: ['mapping'], details: { mapping } },
    );
  }
  return ok(importLeads(ctx, table, mapping, base, input));
}

type ReportBase = Pick<ImportReport, 'kind' | 'file_name' | 'sha256' | 'delimiter' | 'header_row' | 'previous_import_id' | 'dry_run'>;

function importLeads(ctx: StoreContext, table: ParsedTable, mapping: ColumnMapping[], base: ReportBase, input: ImportTableInput): ImportReport {
  const started = performance.now();
  const isEmpty = emptyTester(input.emptyValues);
  const fieldCols = mapping.filter((m) => m.field !== 'ignore' && m.field !== 'attribute').map((m) => [m.field, m.index] as const);
  const validate = createRowValidator(
    {
      ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}),
      ...(input.dayFirst !== undefined ? { dayFirst: input.dayFirst } : {}),
    },
    new Set(fieldCols.map(([f]) => f)),
  );
  const columnOfField = new Map<string, string>(fieldCols.map(([f, i]) => [f, table.headers[i] ?? f]));
  const attrKeys = attributeKeys(table.headers, mapping);
  const attrKeysJson = JSON.stringify(attrKeys);
  const width = table.headers.length;
  const fieldNames = fieldCols.map(([f]) => f as keyof MappedCells);
  const fieldIdx = fieldCols.map(([, i]) => i);

  const dedupe = new DedupeIndex();
  for (const r of iterateIdentity(ctx)) dedupe.add(r.id, r);
  const companyIds = companiesRepo.idsByName(ctx);
  // Account links are only worth a warning once the user has imported accounts to link to.
  const checkAccounts = companyIds.size > 0 && columnOfField.has('company');

  const importId = nextId(ctx, 'imp');
  const nextLeadId = () => nextId(ctx, 'lead');
  const nextSourceId = () => nextId(ctx, 'src');
  const now = nowIso(ctx);
  const invalid: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const duplicates: DuplicateMatch[] = [];
  const preview: Array<Record<string, unknown>> = [];
  let imported = 0;
  let rowsTotal = 0;
  const dry = base.dry_run;
  const insertLead = dry ? null : ctx.db.prepare(INSERT_SQL);
  const insertSource = dry ? null : ctx.db.prepare(SOURCE_SQL);
  // A row with a note is two statements; a savepoint keeps it all-or-nothing.
  const writeWithNote = dry ? null : ctx.db.transaction((leadParams: unknown[], srcParams: unknown[]) => {
    insertLead?.run(leadParams);
    insertSource?.run(srcParams);
  });

  const body = () => {
    if (!dry) importsRepo.insert(ctx, { id: importId, file_name: base.file_name, sha256: base.sha256, kind: 'leads', created_at: now, mapping, headers: attrKeys });
    // Reused for every row (validation and the insert read them synchronously): at 100k rows
    // the per-row objects were a good part of the garbage.
    const cells: MappedCells = {};
    const leadParams: unknown[] = new Array(21);
    table.forEachRow((row, line) => {
      rowsTotal++;
      if (row.length > width && row.slice(width).some((c) => c.trim() !== '')) {
        invalid.push({ row: line, column: null, reason: `has ${row.length} cells but the header has ${width}; quote values that contain the delimiter` });
        return;
      }
      for (let f = 0; f < fieldNames.length; f++) {
        const raw = row[fieldIdx[f] as number];
        cells[fieldNames[f] as keyof MappedCells] = raw === undefined || isEmpty(raw) ? null : raw.trim();
      }
      const v = validate(cells);
      if (!v.ok) {
        for (const iss of v.issues) invalid.push({ row: line, column: iss.field ? (columnOfField.get(iss.field) ?? iss.field) : null, reason: iss.reason });
        return;
      }
      const d = v.draft;
      const keys = identityKeys(d);
      const ext = { email_norm: keys.email_norm, external_id: d.external_id, domain: keys.domain, company_norm: keys.company_norm, name_norm: keys.name_norm };
      const match = dedupe.match(ext);
      if (match) {
        duplicates.push({ row: line, ...match });
        if (dry && preview.length < PREVIEW_ROWS) preview.push({ row: line, result: 'duplicate', ...d });
        return;
      }
      const attributes = encodeRowValues(row, attrKeys, isEmpty);
      const companyId = keys.company_norm ? (companyIds.get(keys.company_norm) ?? null) : null;
      if (checkAccounts) {
        if (!d.company) warnings.push({ row: line, column: columnOfField.get('company') ?? null, reason: 'no account: the row is imported without a company link' });
        else if (!companyId) warnings.push({ row: line, column: columnOfField.get('company') ?? null, reason: `account "${d.company}" is not among the imported companies` });
      }
      const id = nextLeadId();
      if (dry) {
        if (preview.length < PREVIEW_ROWS) preview.push({ row: line, result: 'import', ...d, company_id: companyId, attributes: decodeAttributes(attributes, attrKeysJson, 'preview') });
      } else {
        const p = leadParams;
        p[0] = id;
        p[1] = d.created_at ?? now;
        p[2] = now;
        p[3] = d.name;
        p[4] = keys.name_norm;
        p[5] = d.email;
        p[6] = keys.email_norm;
        p[7] = d.phone;
        p[8] = d.title;
        p[9] = d.company;
        p[10] = keys.company_norm;
        p[11] = companyId;
        p[12] = d.website;
        p[13] = keys.domain;
        p[14] = d.owner;
        p[15] = d.lead_source;
        p[16] = d.external_id;
        p[17] = d.status ?? 'new';
        p[18] = d.outcome;
        p[19] = attributes;
        p[20] = importId;
        try {
          if (d.notes) writeWithNote?.(leadParams, [nextSourceId(), id, d.notes, sha256Of(d.notes), d.created_at, now]);
          else insertLead?.run(leadParams);
        } catch (e) {
          // Validation should make this unreachable; if SQLite still refuses the row, report it.
          if (!(e instanceof Error) || !('code' in e) || !String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw e;
          invalid.push({ row: line, column: null, reason: `could not be stored: ${e.message}` });
          return;
        }
      }
      dedupe.add(id, ext, true);
      imported++;
    });
    if (!dry) {
      importsRepo.finish(ctx, importId, {
        rows_total: rowsTotal,
        rows_imported: imported,
        rows_duplicate: duplicates.length,
        rows_invalid: new Set(invalid.map((x) => x.row)).size,
        report: { duplicates, invalid, warnings, previous_import_id: base.previous_import_id },
      });
    }
  };
  if (dry) body();
  else ctx.db.transaction(body).immediate();

  return {
    ...base,
    import_id: dry ? null : importId,
    rows_total: rowsTotal,
    imported,
    duplicates,
    invalid,
    warnings,
    mapping,
    ...(dry ? { preview } : {}),
    duration_ms: performance.now() - started,
  };
}
