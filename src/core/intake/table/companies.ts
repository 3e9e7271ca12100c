import { z } from 'zod';
import { ok, type Result } from '../../../contract/errors.js';
import type { ColumnMapping, CompanyField, DuplicateMatch, ImportReport, RowIssue } from '../../../contract/store.js';
import * as companiesRepo from '../../store/companies.js';
import { nowIso, type StoreContext } from '../../store/context.js';
import { normCompany } from '../../store/identity.js';
import { nextId } from '../../store/ids.js';
import * as importsRepo from '../../store/imports.js';
import type { ParsedTable } from './parse.js';
import { emptyTester } from './values.js';

const PREVIEW_ROWS = 20;

/** "1,100.04", "$ 2.5" -> number; the schema reports anything else. */
const num = (int: boolean) =>
  z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null;
      const n = Number(v.replace(/[\s$€£,]/g, ''));
      if (!Number.isFinite(n) || (int && !Number.isInteger(n))) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not ${int ? 'a whole number' : 'a number'}` });
        return z.NEVER;
      }
      return n;
    });

const CompanyRowSchema = z.object({
  name: z.string({ error: 'a company row needs a name' }).min(1).max(300),
  sector: z.string().max(200).nullable(),
  year_established: num(true),
  revenue: num(false),
  employees: num(true),
  location: z.string().max(300).nullable(),
  parent_name: z.string().max(300).nullable(),
  website: z.string().max(2000).nullable(),
});

type ReportBase = Pick<ImportReport, 'kind' | 'file_name' | 'sha256' | 'delimiter' | 'header_row' | 'previous_import_id' | 'dry_run'>;

/**
 * Imports accounts (maven-crm accounts.csv). Values are stored as written (the `technolgy`
 * typo stays: correcting data silently would hide it); leads that already name the account
 * are linked to it.
 */
export function importCompanies(
  ctx: StoreContext,
  table: ParsedTable,
  mapping: ColumnMapping[],
  base: ReportBase,
  input: { emptyValues?: readonly string[] },
): Result<ImportReport> {
  const started = performance.now();
  const isEmpty = emptyTester(input.emptyValues);
  const fieldCols = mapping.filter((m) => m.field !== 'ignore' && m.field !== 'attribute').map((m) => [m.field as CompanyField, m.index] as const);
  const columnOf = new Map<string, string>(fieldCols.map(([f, i]) => [f, table.headers[i] ?? f]));
  const attrCols = mapping.filter((m) => m.field === 'attribute' && m.column !== '');
  const existing = companiesRepo.idsByName(ctx);
  const invalid: RowIssue[] = [];
  const duplicates: DuplicateMatch[] = [];
  const preview: Array<Record<string, unknown>> = [];
  const importId = nextId(ctx, 'imp');
  const ids = () => nextId(ctx, 'co');
  const now = nowIso(ctx);
  const fresh = new Set<string>();
  let rowsTotal = 0;
  let imported = 0;
  const dry = base.dry_run;

  const body = () => {
    if (!dry) importsRepo.insert(ctx, { id: importId, file_name: base.file_name, sha256: base.sha256, kind: 'companies', created_at: now, mapping });
    table.forEachRow((row, line) => {
      rowsTotal++;
      const cells: Record<string, string | null> = {};
      for (const [f, idx] of fieldCols) {
        const raw = row[idx];
        cells[f] = raw === undefined || isEmpty(raw) ? null : raw.trim();
      }
      const res = CompanyRowSchema.safeParse({
        name: cells['name'] ?? undefined,
        sector: cells['sector'] ?? null,
        year_established: cells['year_established'] ?? null,
        revenue: cells['revenue'] ?? null,
        employees: cells['employees'] ?? null,
        location: cells['location'] ?? null,
        parent_name: cells['parent_name'] ?? null,
        website: cells['website'] ?? null,
      });
      if (!res.success) {
        for (const iss of res.error.issues) {
          const f = typeof iss.path[0] === 'string' ? iss.path[0] : null;
          invalid.push({ row: line, column: f ? (columnOf.get(f) ?? f) : null, reason: iss.message });
        }
        return;
      }
      const key = normCompany(res.data.name);
      const seen = key ? existing.get(key) : undefined;
      if (!key || seen) {
        if (seen) duplicates.push({ row: line, matched_lead_id: seen, by: 'company_name', in_file: fresh.has(seen) });
        else invalid.push({ row: line, column: columnOf.get('name') ?? null, reason: 'the company name has no letters or digits' });
        return;
      }
      const attributes: Record<string, string> = {};
      for (const m of attrCols) {
        const v = row[m.index];
        if (v !== undefined && !isEmpty(v)) attributes[m.column] = v;
      }
      let id = ids();
      if (dry) {
        if (preview.length < PREVIEW_ROWS) preview.push({ row: line, result: 'import', ...res.data, attributes });
      } else {
        id = companiesRepo.upsert(ctx, { ...res.data, attributes, import_id: importId }, () => id).id;
      }
      existing.set(key, id);
      fresh.add(id);
      imported++;
    });
    if (!dry) {
      importsRepo.finish(ctx, importId, {
        rows_total: rowsTotal,
        rows_imported: imported,
        rows_duplicate: duplicates.length,
        rows_invalid: new Set(invalid.map((x) => x.row)).size,
        report: { duplicates, invalid, previous_import_id: base.previous_import_id },
      });
    }
  };
  if (dry) body();
  else ctx.db.transaction(body).immediate();

  return ok({
    ...base,
    import_id: dry ? null : importId,
    rows_total: rowsTotal,
    imported,
    duplicates,
    invalid,
    warnings: [],
    mapping,
    ...(dry ? { preview } : {}),
    duration_ms: performance.now() - started,
  });
}
