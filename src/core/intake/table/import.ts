import type { CountryCode } from 'libphonenumber-js';
import { err, ok, type Result } from '../../../contract/errors.js';
import type { ColumnMapping, DuplicateMatch, ImportReport, MappingOverride, RowIssue, TableKind } from '../../../contract/store.js';
import type { StoreContext } from '../../store/context.js';
import { nowIso } from '../../store/context.js';
import { nextId } from '../../store/ids.js';
import * as companiesRepo from '../../store/companies.js';
import * as importsRepo from '../../store/imports.js';
import { identityColumns } from '../../store/leads.js';
import { F, valueAt, type PreparedBatch } from './batches.js';
import { importCompanies } from './companies.js';
import { NOTHING_KNOWN } from './known.js';
import { detectKind, mapColumns, validateOverride } from './mapping.js';
import { parseHeaderOfStart, parseTable, type ParsedTable, type TableHeader } from './parse.js';
import { loadParsersFor, planLeads, prepareLeads, type PreparePlan } from './prepare.js';
import type { FieldParsers } from './row.js';
import { decodeTableStart, readTableSource, releaseTableSource, sourceSha256, sourceSize, sourceText, type TableSource } from './source.js';
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

/** Page cache of a large import's transaction (see importSource). */
const IMPORT_CACHE_KIB = 16 * 1024;

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
  // Whether the file's buffer can be read into again afterwards: not while a worker job that
  // did not finish may still read it.
  const lease = { reusable: true };
  try {
    return await importSource(ctx, input, read.value, lease);
  } finally {
    if (lease.reusable) releaseTableSource(read.value);
  }
}

async function importSource(ctx: StoreContext, input: ImportTableInput, src: TableSource, lease: { reusable: boolean }): Promise<Result<ImportReport>> {
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
  const plan = planLeads(table, mapping, input, NOTHING_KNOWN, dryRun ? PREVIEW_ROWS : 0);
  // For preparing inline, and for the fallback should the worker be unusable. Loaded before the
  // transaction: from there to its end nothing may await, or another import could submit its
  // own job and block this thread on it while this one waits.
  const parsers = await loadParsersFor(plan);
  let job: ImportJob | null = null;
  const rows: RowSource = {
    // Called inside the transaction, once the stored leads the rows are checked against are read.
    submit: (p) => (job = viaWorker ? worker.submit(src.bytes ? { bytes: src.bytes } : { text: src.text }, p) : null),
    // Without a job the rows are prepared here, from the whole text.
    text: () => (text ??= sourceText(src)),
  };
  // A large import's commit would also fold its WAL into the database file (SQLite's automatic
  // checkpoint: a fifth of a 100k-row import). The worker does that on its own connection after
  // the commit, while this thread goes on; the data is committed and durable either way.
  const handOff = viaWorker && !ctx.db.memory && worker.isReady();
  const autoCheckpoint = handOff ? (ctx.db.pragma('wal_autocheckpoint', { simple: true }) as number) : 0;
  if (handOff) ctx.db.pragma('wal_autocheckpoint = 0');
  // A large import appends: each page it writes is written once and not read again, so holding
  // them all in the page cache only costs fresh memory. With the connection's 64 MiB cache a 100k-row
  // import took ~20,000 more page faults and ~20% longer than with IMPORT_CACHE_KIB (measured:
  // 1.02 s -> 0.84 s); full pages go to the WAL as the cache fills instead.
  const cacheSize = viaWorker ? (ctx.db.pragma('cache_size', { simple: true }) as number) : null;
  if (cacheSize !== null) ctx.db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return ok(writeLeads(ctx, rows, plan, parsers, mapping, () => reportBase(sourceSha256(src)), started));
  } catch (e) {
    if (e instanceof ImportStopped) return err('internal', `the import was stopped and nothing was written: ${e.message}`);
    throw e;
  } finally {
    const j = job as ImportJob | null;
    if (j && !j.done) lease.reusable = false;
    j?.close();
    if (cacheSize !== null) ctx.db.pragma(`cache_size = ${cacheSize}`);
    if (handOff) {
      ctx.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
      if (!worker.checkpoint(ctx.db.name)) ctx.db.pragma('wal_checkpoint(PASSIVE)');
    }
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

/** The import worker failed midway, or SQLite refused a row: the transaction is rolled back and the import reports it. */
class ImportStopped extends Error {}

/** Where the rows of a leads import come from: a job on the import worker, or the whole text prepared here. */
interface RowSource {
  submit: (plan: PreparePlan) => ImportJob | null;
  text: () => string;
}

/**
 * Writes a leads table. Rows are prepared (parsed, validated, deduplicated, linked, attributes
 * encoded) by `prepareLeads`: on the import worker for large tables, so that it overlaps with
 * the writes here, else inline. This thread only gives ids and inserts: at 100k rows, every
 * step moved off it shortened the import.
 */
function writeLeads(
  ctx: StoreContext,
  source: RowSource,
  planned: PreparePlan,
  parsers: FieldParsers,
  mapping: ColumnMapping[],
  reportBase: () => ReportBase,
  started: number,
): ImportReport {
  const attrKeys = planned.attributeKeys;
  const importId = nextId(ctx, 'imp');
  const nextLeadId = () => nextId(ctx, 'lead');
  const nextSourceId = () => nextId(ctx, 'src');
  const now = nowIso(ctx);
  const invalid: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const duplicates: DuplicateMatch[] = [];
  const preview: Array<Record<string, unknown>> = [];
  // The id of every row this import stores, by position (in-file duplicates name a position).
  const ids: string[] = [];
  let rowsTotal = 0;
  const dry = planned.previewRows > 0;
  const insertLead = dry ? null : ctx.db.prepare(INSERT_SQL);
  const insertSource = dry ? null : ctx.db.prepare(SOURCE_SQL);
  // A row with a note is two statements; a savepoint keeps it all-or-nothing.
  const writeWithNote = dry ? null : ctx.db.transaction((leadParams: unknown[], srcParams: unknown[]) => {
    insertLead?.run(leadParams);
    insertSource?.run(srcParams);
  });
  // Reused for every row (the insert reads them synchronously and keeps nothing).
  const p: unknown[] = new Array(21);
  p[2] = now;
  p[20] = importId;

  const consume = (b: PreparedBatch) => {
    rowsTotal += b.seen;
    for (let r = 0; r < b.rows; r++) {
      const id = nextLeadId();
      ids.push(id);
      if (dry) continue;
      const createdAt = valueAt(b, r, F.created_at);
      const notes = valueAt(b, r, F.notes);
      p[0] = id;
      p[1] = createdAt ?? now;
      p[3] = valueAt(b, r, F.name);
      p[4] = valueAt(b, r, F.name_norm);
      p[5] = valueAt(b, r, F.email);
      p[6] = valueAt(b, r, F.email_norm);
      p[7] = valueAt(b, r, F.phone);
      p[8] = valueAt(b, r, F.title);
      p[9] = valueAt(b, r, F.company);
      p[10] = valueAt(b, r, F.company_norm);
      p[11] = valueAt(b, r, F.company_id);
      p[12] = valueAt(b, r, F.website);
      p[13] = valueAt(b, r, F.domain);
      p[14] = valueAt(b, r, F.owner);
      p[15] = valueAt(b, r, F.lead_source);
      p[16] = valueAt(b, r, F.external_id);
      p[17] = valueAt(b, r, F.status) ?? 'new';
      p[18] = valueAt(b, r, F.outcome);
      p[19] = valueAt(b, r, F.attributes);
      try {
        if (notes) writeWithNote?.(p, [nextSourceId(), id, notes, valueAt(b, r, F.notes_sha256), createdAt, now]);
        else insertLead?.run(p);
      } catch (e) {
        // Validation makes this unreachable. Skipping the row instead would leave later rows
        // reported as duplicates of a lead that was never stored: the import stops.
        if (!(e instanceof Error) || !('code' in e) || !String((e as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw e;
        throw new ImportStopped(`row ${b.lines[r]} could not be stored: ${e.message}`);
      }
    }
    // After the batch's rows: a duplicate may repeat a row of its own batch.
    for (const d of b.duplicates)
      duplicates.push({ row: d.row, matched_lead_id: d.lead ?? (ids[d.seq as number] as string), by: d.by, in_file: d.in_file });
    for (const w of b.warnings) warnings.push(w);
    for (const x of b.preview) preview.push(x);
    for (const i of b.invalid) invalid.push(i);
  };

  const body = () => {
    // Read inside the transaction (it holds the write lock): the rows are checked against
    // exactly the leads and accounts they are written next to.
    const plan: PreparePlan = { ...planned, known: { ...identityColumns(ctx), companies: [...companiesRepo.idsByName(ctx)] } };
    const job = source.submit(plan);
    // Hashing the file and looking for an earlier import of it overlap with the worker's start.
    const base = reportBase();
    if (!dry) importsRepo.insert(ctx, { id: importId, file_name: base.file_name, sha256: base.sha256, kind: 'leads', created_at: now, mapping, headers: attrKeys });
    let prepared = false;
    if (job) {
      const r = job.pull(consume);
      if (r.kind === 'failed') throw new ImportStopped(r.reason);
      // 'unavailable': the worker could not be used and nothing was consumed: prepare here instead.
      prepared = r.kind === 'done';
    }
    if (!prepared) prepareLeads(source.text(), plan, parsers, consume);
    if (!dry) {
      importsRepo.finish(
        ctx,
        importId,
        {
          rows_total: rowsTotal,
          rows_imported: ids.length,
          rows_duplicate: duplicates.length,
          rows_invalid: new Set(invalid.map((x) => x.row)).size,
          report: { duplicates, invalid, warnings, previous_import_id: base.previous_import_id },
        },
        ids.length ? { first: ids[0] as string, last: ids[ids.length - 1] as string } : null,
      );
    }
    return base;
  };
  const b = dry ? body() : ctx.db.transaction(body).immediate();

  return {
    ...b,
    import_id: dry ? null : importId,
    rows_total: rowsTotal,
    imported: ids.length,
    duplicates,
    invalid,
    warnings,
    mapping,
    ...(dry ? { preview } : {}),
    duration_ms: performance.now() - started,
  };
}
