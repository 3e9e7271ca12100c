import type { CountryCode } from 'libphonenumber-js';
import { err, ok, type Result } from '../../../contract/errors.js';
import type { ColumnMapping, DuplicateMatch, ImportReport, MappingOverride, RowIssue, TableKind } from '../../../contract/store.js';
import type { StoreContext } from '../../store/context.js';
import { nowIso } from '../../store/context.js';
import { nextId } from '../../store/ids.js';
import * as companiesRepo from '../../store/companies.js';
import * as importsRepo from '../../store/imports.js';
import { iterateIdentity } from '../../store/leads.js';
import { decodeAttributes } from '../../store/attributes.js';
import { F, valueAt, type PreparedBatch } from './batches.js';
import { importCompanies } from './companies.js';
import { DedupeIndex, type IdentityKeys } from './dedupe.js';
import { detectKind, mapColumns, validateOverride } from './mapping.js';
import { parseHeaderOfStart, parseTable, type ParsedTable, type TableHeader } from './parse.js';
import { loadParsersFor, planLeads, prepareLeads, type PreparePlan } from './prepare.js';
import type { FieldParsers } from './row.js';
import { decodeTableStart, readTableSource, sourceSha256, sourceSize, sourceText } from './source.js';
import { sharedImportWorker, type ImportJob, type ImportWorker } from './worker.js';

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
  /**
   * Tables of at least this size (bytes of a file, characters of pasted text) are prepared on the
   * import worker while this thread writes. Default: WORKER_THRESHOLD once the worker is ready,
   * COLD_WORKER_THRESHOLD while it still has to start. Tests set 0 to take the worker path.
   */
  workerThreshold?: number;
  /** The worker to prepare on (tests pass one that fails); the process's shared one by default. */
  worker?: ImportWorker;
}

/**
 * From this size (about 3,500 Leads.csv rows) a ready worker pays off; measured warm, it saved
 * 10-25% from 2,000 rows on. Below, preparing inline is as fast and simpler.
 */
export const WORKER_THRESHOLD = 1 << 20;
/**
 * Waiting for a worker that still has to start (0.5-1 s under tsx) pays off only from this size
 * (about 55,000 rows); smaller tables are prepared inline and the worker starts for later imports.
 */
export const COLD_WORKER_THRESHOLD = 16 << 20;

const PREVIEW_ROWS = 20;
const IDENTITY_FIELDS = new Set(['email', 'name', 'first_name', 'last_name', 'company', 'external_id']);
const INSERT_SQL = `INSERT INTO leads (id, created_at, updated_at, name, name_norm, email, email_norm, phone, title, company,
  company_norm, company_id, website, domain, owner, source, lead_source, external_id, channel, status, outcome, attributes, import_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, 'table', ?, ?, ?, ?)`;
const SOURCE_SQL = `INSERT INTO sources (id, lead_id, kind, text, sha256, received_at, created_at) VALUES (?, ?, 'import', ?, ?, ?, ?)`;

/** A large file's header is read from this much of its start (see parseHeaderOfStart). */
const HEADER_BYTES = 1 << 20;

/**
 * Imports a CSV/TSV of leads (or of companies) into the store. Good rows go in, bad rows are
 * listed with their line and reason, duplicates are reported with the lead they match. The
 * whole import is one transaction; each row is written entirely or not at all.
 */
export async function importTable(ctx: StoreContext, input: ImportTableInput): Promise<Result<ImportReport>> {
  const read = await readTableSource(input);
  if (!read.ok) return read;
  const src = read.value;
  const dryRun = input.dryRun ?? false;
  const worker = input.worker ?? sharedImportWorker();
  // A dry run writes nothing, so there is nothing to overlap the worker's preparing with.
  const viaWorker = !dryRun && wantsWorker(worker, sourceSize(src), input.workerThreshold);
  const parseOpts = input.delimiter ? { delimiter: input.delimiter } : {};
  // For the worker, the header is read from the file's start; the worker decodes the rest itself.
  const start = viaWorker && src.bytes ? decodeTableStart(src.bytes, HEADER_BYTES) : null;
  const fromStart = start === null ? null : parseHeaderOfStart(start, parseOpts);
  let text: string | null = null;
  let table: TableHeader;
  let parsed: ParsedTable | null = null;
  if (fromStart) table = fromStart;
  else {
    text = sourceText(src);
    const p = parseTable(text, parseOpts);
    if (!p.ok) return p;
    table = parsed = p.value;
  }
  const kind = input.kind ?? detectKind(table.headers);
  if (input.mapping) {
    const v = validateOverride(input.mapping, table.headers, kind);
    if (!v.ok) return v;
  }
  const mapping = mapColumns(table.headers, input.mapping ?? {}, kind);
  const reportBase = (sha256: string): ReportBase => ({
    kind,
    file_name: src.fileName,
    sha256,
    delimiter: table.delimiter,
    header_row: table.headerLine,
    previous_import_id: importsRepo.findBySha(ctx, sha256)?.id ?? null,
    dry_run: dryRun,
  });
  if (kind === 'companies') {
    if (!parsed) {
      const p = parseTable(sourceText(src), parseOpts);
      if (!p.ok) return p;
      parsed = p.value;
    }
    return importCompanies(ctx, parsed, mapping, reportBase(sourceSha256(src)), input);
  }
  if (!mapping.some((m) => IDENTITY_FIELDS.has(m.field))) {
    return err(
      'invalid_input',
      `no column identifies a lead: map one of the columns to email, name, company or external_id (columns: ${table.headers.filter(Boolean).join(', ')})`,
      { path: ['mapping'], details: { mapping } },
    );
  }
  const started = performance.now();
  const plan = planLeads(table, mapping, input);
  // For preparing inline, and for the fallback should the worker be unusable. Loaded before the
  // job is submitted: from there to its end nothing may await, or another import could submit
  // its own job and block this thread on it while this one waits.
  const parsers = await loadParsersFor(plan);
  // Submitted before hashing and loading the dedupe index, so the worker prepares meanwhile.
  const job = viaWorker ? worker.submit(src.bytes ? { bytes: src.bytes } : { text: src.text }, plan) : null;
  try {
    const base = reportBase(sourceSha256(src));
    // Without a job the rows are prepared here, from the whole text.
    const whole = () => (text ??= sourceText(src));
    return ok(writeLeads(ctx, whole, plan, parsers, mapping, base, job, started));
  } catch (e) {
    if (e instanceof PrepareFailed) return err('internal', `the import was stopped and nothing was written: ${e.message}`);
    throw e;
  } finally {
    job?.close();
  }
}

/** Whether to prepare a table of `size` on the worker; starts the worker for later imports when it is not up yet. */
function wantsWorker(worker: ImportWorker, size: number, threshold: number | undefined): boolean {
  if (threshold !== undefined) return size >= threshold;
  if (size < WORKER_THRESHOLD) return false;
  if (worker.isReady()) return true;
  worker.start();
  return size >= COLD_WORKER_THRESHOLD;
}

type ReportBase = Pick<ImportReport, 'kind' | 'file_name' | 'sha256' | 'delimiter' | 'header_row' | 'previous_import_id' | 'dry_run'>;

/** The import worker failed midway: the transaction is rolled back and the import reports it. */
class PrepareFailed extends Error {}

/** The draft fields of a prepared row, in LeadDraft order (dry-run previews). */
function draftAt(b: PreparedBatch, r: number): Record<string, string | null> {
  return {
    name: valueAt(b, r, F.name),
    email: valueAt(b, r, F.email),
    phone: valueAt(b, r, F.phone),
    title: valueAt(b, r, F.title),
    company: valueAt(b, r, F.company),
    website: valueAt(b, r, F.website),
    owner: valueAt(b, r, F.owner),
    lead_source: valueAt(b, r, F.lead_source),
    external_id: valueAt(b, r, F.external_id),
    created_at: valueAt(b, r, F.created_at),
    notes: valueAt(b, r, F.notes),
    outcome: valueAt(b, r, F.outcome),
    status: valueAt(b, r, F.status),
  };
}

/**
 * Writes a leads table. Rows are prepared (parsed, validated, keyed, attributes encoded) by
 * `prepareLeads`: on the import worker for large tables, so that it overlaps with the writes
 * here, else inline. This thread only dedupes, links accounts, assigns ids and inserts.
 */
function writeLeads(
  ctx: StoreContext,
  text: () => string,
  plan: PreparePlan,
  parsers: FieldParsers,
  mapping: ColumnMapping[],
  base: ReportBase,
  job: ImportJob | null,
  started: number,
): ImportReport {
  const columnOfField = new Map<string, string>(plan.columns);
  const attrKeys = plan.attributeKeys;
  const attrKeysJson = JSON.stringify(attrKeys);

  const dedupe = new DedupeIndex();
  for (const r of iterateIdentity(ctx)) dedupe.add(r.id, r);
  const companyIds = companiesRepo.idsByName(ctx);
  // Account links are only worth a warning once the user has imported accounts to link to.
  const checkAccounts = companyIds.size > 0 && columnOfField.has('company');
  const companyColumn = columnOfField.get('company') ?? null;

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
  // Ids ascend (one factory), so these bound the import's leads (imports.finish).
  let firstId: string | null = null;
  let lastId = '';
  const dry = base.dry_run;
  const insertLead = dry ? null : ctx.db.prepare(INSERT_SQL);
  const insertSource = dry ? null : ctx.db.prepare(SOURCE_SQL);
  // A row with a note is two statements; a savepoint keeps it all-or-nothing.
  const writeWithNote = dry ? null : ctx.db.transaction((leadParams: unknown[], srcParams: unknown[]) => {
    insertLead?.run(leadParams);
    insertSource?.run(srcParams);
  });
  // Reused for every row (dedupe and the insert read them synchronously; neither keeps them).
  const leadParams: unknown[] = new Array(21);
  const ext: IdentityKeys = { email_norm: null, external_id: null, domain: null, company_norm: null, name_norm: null };

  const consume = (b: PreparedBatch) => {
    rowsTotal += b.seen;
    // Rows SQLite refuses (validation should make that impossible) join the batch's invalid rows in file order.
    const refused: RowIssue[] = [];
    for (let r = 0; r < b.rows; r++) {
      const line = b.lines[r] as number;
      ext.email_norm = valueAt(b, r, F.email_norm);
      ext.external_id = valueAt(b, r, F.external_id);
      ext.domain = valueAt(b, r, F.domain);
      ext.company_norm = valueAt(b, r, F.company_norm);
      ext.name_norm = valueAt(b, r, F.name_norm);
      const match = dedupe.match(ext);
      if (match) {
        duplicates.push({ row: line, ...match });
        if (dry && preview.length < PREVIEW_ROWS) preview.push({ row: line, result: 'duplicate', ...draftAt(b, r) });
        continue;
      }
      const company = valueAt(b, r, F.company);
      const companyId = ext.company_norm ? (companyIds.get(ext.company_norm) ?? null) : null;
      if (checkAccounts) {
        if (!company) warnings.push({ row: line, column: companyColumn, reason: 'no account: the row is imported without a company link' });
        else if (!companyId) warnings.push({ row: line, column: companyColumn, reason: `account "${company}" is not among the imported companies` });
      }
      const attributes = valueAt(b, r, F.attributes) as string;
      const id = nextLeadId();
      if (dry) {
        if (preview.length < PREVIEW_ROWS) preview.push({ row: line, result: 'import', ...draftAt(b, r), company_id: companyId, attributes: decodeAttributes(attributes, attrKeysJson, 'preview') });
      } else {
        const createdAt = valueAt(b, r, F.created_at);
        const notes = valueAt(b, r, F.notes);
        const p = leadParams;
        p[0] = id;
        p[1] = createdAt ?? now;
        p[2] = now;
        p[3] = valueAt(b, r, F.name);
        p[4] = ext.name_norm;
        p[5] = valueAt(b, r, F.email);
        p[6] = ext.email_norm;
        p[7] = valueAt(b, r, F.phone);
        p[8] = valueAt(b, r, F.title);
        p[9] = company;
        p[10] = ext.company_norm;
        p[11] = companyId;
        p[12] = valueAt(b, r, F.website);
        p[13] = ext.domain;
        p[14] = valueAt(b, r, F.owner);
        p[15] = valueAt(b, r, F.lead_source);
        p[16] = ext.external_id;
        p[17] = valueAt(b, r, F.status) ?? 'new';
        p[18] = valueAt(b, r, F.outcome);
        p[19] = attributes;
        p[20] = importId;
        try {
          if (notes) writeWithNote?.(leadParams, [nextSourceId(), id, notes, valueAt(b, r, F.notes_sha256), createdAt, now]);
          else insertLead?.run(leadParams);
        } catch (e) {
          // Validation should make this unreachable; if SQLite still refuses the row, report it.
          if (!(e instanceof Error) || !('code' in e) || !String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw e;
          refused.push({ row: line, column: null, reason: `could not be stored: ${e.message}` });
          continue;
        }
      }
      dedupe.add(id, ext, true);
      firstId ??= id;
      lastId = id;
      imported++;
    }
    mergeByRow(invalid, b.invalid, refused);
  };

  const prepareAll = () => {
    if (job) {
      const r = job.pull(consume);
      if (r.kind === 'done') return;
      if (r.kind === 'failed') throw new PrepareFailed(r.reason);
      // The worker could not be used and nothing was consumed yet: prepare here instead.
    }
    prepareLeads(text(), plan, parsers, consume);
  };

  const body = () => {
    if (!dry) importsRepo.insert(ctx, { id: importId, file_name: base.file_name, sha256: base.sha256, kind: 'leads', created_at: now, mapping, headers: attrKeys });
    prepareAll();
    if (!dry) {
      importsRepo.finish(ctx, importId, {
        rows_total: rowsTotal,
        rows_imported: imported,
        rows_duplicate: duplicates.length,
        rows_invalid: new Set(invalid.map((x) => x.row)).size,
        report: { duplicates, invalid, warnings, previous_import_id: base.previous_import_id },
      }, firstId === null ? null : { first: firstId, last: lastId });
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

/** Appends two row-ordered issue lists to `out`, keeping file order. */
function mergeByRow(out: RowIssue[], a: readonly RowIssue[], b: readonly RowIssue[]): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.row <= y.row)) {
      out.push(x as RowIssue);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
}
