import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../../src/contract/store.js';
import { importTable, type ImportTableInput } from '../../../../../src/core/intake/table/import.js';
import { parseHeaderOfStart, parseTable } from '../../../../../src/core/intake/table/parse.js';
import { decodeTable, decodeTableStart } from '../../../../../src/core/intake/table/source.js';
import { ImportWorker } from '../../../../../src/core/intake/table/worker.js';
import type { StoreContext } from '../../../../../src/core/store/context.js';
import * as leads from '../../../../../src/core/store/leads.js';
import * as importsRepo from '../../../../../src/core/store/imports.js';
import { autoStore, cleanTmpStores, importOk } from '../../store/tmp-db.js';

afterEach(cleanTmpStores);

// One real worker for the file, as in the app (starting one takes up to a second).
const worker = new ImportWorker();
afterAll(() => worker.stop());
// `workerThreshold: 0` sends even these small tables through the worker.
const viaWorker = (input: ImportTableInput): ImportTableInput => ({ ...input, worker, workerThreshold: 0 });
const inline = (input: ImportTableInput): ImportTableInput => ({ ...input, workerThreshold: Number.POSITIVE_INFINITY });

const ACCOUNTS =
  'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\n';

// Invalid rows (email, phone, date, no identity, too many cells), in-file duplicates (email,
// domain + name, external id), a duplicate of a stored lead, quoted multi-line cells, notes,
// `Select` values and account links (one linked, one unknown, one missing).
const RICH = [
  'Record ID,Name,Email,Phone,Account,Website,Create Date,Notes,Lead Status,Specialization,Country',
  'R1,Ana Diaz,ana@acme.io,+44 20 7946 0958,Acme Corporation,,2024-03-05,"Needs 20 seats,\nbudget 30k",Open,Select,UK',
  'R2,Bad Email,not-an-email,,Beta,,,,,Finance,',
  'R3,Bad Phone,bo@beta.io,+1 abc,Beta,,,,,,',
  'R4,Bad Date,cy@gamma.io,,Gamma,,2024-13-45,,,,',
  ',,,,,,,,,Select,Select',
  'R6,Dan,dan@delta.io,,Nobody Inc,,N/A,-,,"Banking, Investment\nAnd Insurance",India',
  'R7,Ana Diaz,ANA@acme.io,,,,,,,,', // email duplicate of R1
  'R8,Mia Lee,mia@omega.io,,,https://www.omega.io,,note for mia,,,',
  'R9,Mia Lee,mia.lee@omega.io,,,,,,,,', // domain + name duplicate of R8
  'R6,Someone Else,else@else.io,,,,,,,,', // external id duplicate of R6
  'R11,Old Friend,john.doe@gmail.com,,,,,,,,', // duplicate of the stored lead
  'R12,Too,many@cells.io,,,,,,,,,extra,cells',
  'R13,"Quote ""Q"" Person",q@q.io,,Acme Corporation,,5 March 2024,"multi\nline\nnote",Won,,',
].join('\n');

/** A store with accounts and one lead, the same for every run. */
async function seeded(): Promise<StoreContext> {
  const { ctx } = autoStore();
  await importOk(ctx, { text: ACCOUNTS });
  leads.insert(ctx, { name: 'Old', email: 'johndoe@gmail.com', source: 'paste' });
  return ctx;
}

/** The report without what differs between runs: timing and generated ids (lead ids become the lead's email/id). */
function comparable(ctx: StoreContext, r: ImportReport): Record<string, unknown> {
  const who = (id: string) => {
    const l = leads.get(ctx, id);
    return l ? (l.email ?? l.external_id ?? l.name) : `missing ${id}`;
  };
  const { duration_ms: _d, import_id: _i, ...rest } = r;
  return { ...rest, duplicates: r.duplicates.map((d) => ({ ...d, matched_lead_id: who(d.matched_lead_id) })) };
}

/** The stored leads and notes without ids. */
function stored(ctx: StoreContext): unknown[] {
  return ctx.db
    .prepare(
      `SELECT l.name, l.email, l.phone, l.company, l.company_id IS NOT NULL AS linked, l.created_at, l.status, l.outcome, l.external_id,
         l.domain, l.attributes, s.text AS note, s.sha256 AS note_sha
       FROM leads l LEFT JOIN sources s ON s.lead_id = l.id ORDER BY l.email, l.external_id`,
    )
    .all();
}

describe('import worker', () => {
  it('prepares a table with the same report and rows as inline preparing', async () => {
    expect(await worker.ready()).toBe(true);
    const a = await seeded();
    const b = await seeded();
    const before = worker.completed;
    const inl = await importOk(a, inline({ text: RICH, fileName: 'rich.csv' }));
    const wrk = await importOk(b, viaWorker({ text: RICH, fileName: 'rich.csv' }));
    expect(worker.completed).toBe(before + 1);
    expect(comparable(b, wrk)).toEqual(comparable(a, inl));
    expect(stored(b)).toEqual(stored(a));
    // The table exercises what it claims to.
    expect(wrk).toMatchObject({ rows_total: 13, imported: 4 });
    expect(wrk.invalid.map((i) => i.row)).toEqual([4, 5, 6, 7, 15]);
    expect(wrk.duplicates.map((d) => [d.row, d.by, d.in_file])).toEqual([
      [10, 'email', true],
      [12, 'domain_name', true],
      [13, 'external_id', true],
      [14, 'email', false],
    ]);
    expect(wrk.warnings.map((w) => w.row)).toEqual([8, 11]);
  });

  it('reads a file through the worker as inline, and a re-import adds nothing', async () => {
    const ctx = await seeded();
    const { dir } = autoStore();
    const path = join(dir, 'rich.csv');
    writeFileSync(path, RICH);
    const first = await importOk(ctx, viaWorker({ path }));
    const count = leads.count(ctx);
    const again = await importOk(ctx, viaWorker({ path }));
    expect(again.imported).toBe(0);
    expect(again.duplicates).toHaveLength(first.imported + first.duplicates.length);
    expect(again.previous_import_id).toBe(first.import_id);
    expect(leads.count(ctx)).toBe(count);
    const ref = await seeded();
    expect(comparable(ctx, first)).toEqual(comparable(ref, await importOk(ref, inline({ path }))));
  });

  it("folds a large import's WAL into the database on the worker, after the commit", async () => {
    expect(await worker.ready()).toBe(true);
    const { ctx } = autoStore();
    const before = worker.latestCheckpoint();
    const rows = Array.from({ length: 3000 }, (_, i) => `E${i},Person ${i},p${i}@example.com,${'x'.repeat(200)}`);
    const rep = await importOk(ctx, viaWorker({ text: ['Record ID,Name,Email,Comment', ...rows].join('\n') }));
    expect(rep.imported).toBe(3000);
    // The commit left the WAL to the worker, and this connection checkpoints and caches as before.
    expect(ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(ctx.db.pragma('cache_size', { simple: true })).toBe(-65536);
    const latest = worker.latestCheckpoint();
    expect(latest).not.toBe(before);
    const done = await latest;
    expect(done).toMatchObject({ ok: true });
    if (!done?.ok) return;
    expect(done.log).toBeGreaterThan(100);
    expect(done.checkpointed).toBe(done.log);
    // Readers and writers here never noticed: the rows are all there, and writing goes on.
    expect(leads.count(ctx)).toBe(3000);
    leads.insert(ctx, { name: 'After', source: 'paste' });
    expect(leads.count(ctx)).toBe(3001);
  });

  it('a checkpoint the worker cannot do is reported, and loses nothing', async () => {
    expect(await worker.ready()).toBe(true);
    const { dir } = autoStore();
    expect(await worker.checkpoint(join(dir, 'missing.db'))).toMatchObject({ ok: false });
  });

  it('reads a large file in parts on the worker with the same report and rows as inline', async () => {
    expect(await worker.ready()).toBe(true);
    const { dir } = autoStore();
    const path = join(dir, 'large.csv');
    // ~1.6 MB: parts of 1 MiB, records with quotes and line breaks across the cut, duplicates, bad rows.
    const lines = ['Record ID,Name,Email,Account,Notes,Country'];
    for (let i = 0; i < 9000; i++) {
      const note = i % 5 === 0 ? `"Call back,\nasked about ""seats"" ${i}"` : `note ${i} ${'x'.repeat(100)}`;
      const email = i % 97 === 0 ? 'dup@acme.io' : i % 331 === 0 ? 'not-an-email' : `p${i}@example${i % 13}.com`;
      lines.push(`R${i},Person ${i},${email},Acme Corporation,${note},UK`);
    }
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    const a = await seeded();
    const b = await seeded();
    const before = worker.completed;
    const wrk = await importOk(b, viaWorker({ path }));
    expect(worker.completed).toBe(before + 1);
    const inl = await importOk(a, inline({ path }));
    expect(comparable(b, wrk)).toEqual(comparable(a, inl));
    expect(stored(b)).toEqual(stored(a));
    expect(wrk.rows_total).toBe(9000);
    expect(wrk.invalid.length).toBeGreaterThan(0);
    expect(wrk.duplicates.length).toBeGreaterThan(0);
  });

  it('a worker that fails midway leaves the store unchanged and returns an error', async () => {
    const failing = new ImportWorker(new URL('./workers/failing.worker.ts', import.meta.url).href);
    try {
      const ctx = await seeded();
      const before = { leads: leads.count(ctx), imports: importsRepo.list(ctx).length };
      const rows = Array.from({ length: 1500 }, (_, i) => `E${i},Person ${i},p${i}@example.com,Note ${i}`);
      const text = ['Record ID,Name,Email,Notes', ...rows].join('\n');
      const r = await importTable(ctx, { text, worker: failing, workerThreshold: 0 });
      expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(!r.ok && r.error.message).toContain('boom in batch 3');
      expect({ leads: leads.count(ctx), imports: importsRepo.list(ctx).length }).toEqual(before);
      // The connection is usable afterwards and the same table imports in full.
      expect((await importOk(ctx, viaWorker({ text }))).imported).toBe(1500);
    } finally {
      await failing.stop();
    }
  });

  it('prepares inline when the worker cannot load', async () => {
    const broken = new ImportWorker(new URL('./workers/broken.worker.ts', import.meta.url).href);
    const missing = new ImportWorker(new URL('./workers/no-such.worker.ts', import.meta.url).href);
    try {
      for (const w of [broken, missing]) {
        const a = await seeded();
        const b = await seeded();
        const wrk = await importOk(b, { text: RICH, worker: w, workerThreshold: 0 });
        expect(comparable(b, wrk)).toEqual(comparable(a, await importOk(a, inline({ text: RICH }))));
        expect(w.completed).toBe(0);
      }
      expect(await broken.ready()).toBe(false);
    } finally {
      await broken.stop();
    }
  });
});

describe('header from the start of a large file', () => {
  const row = (i: number) => `${i},Person ${i},p${i}@example.com,"a note, with a comma"`;
  const big = ['Lead ID,Name,Email,Notes', ...Array.from({ length: 3000 }, (_, i) => row(i))].join('\r\n') + '\r\n';

  it('reads the same header from the start of a large text as from all of it', () => {
    const start = big.slice(0, big.lastIndexOf('\n', 80_000) + 1);
    const full = parseTable(big);
    if (!full.ok) throw new Error(full.error.message);
    expect(parseHeaderOfStart(start)).toEqual({
      delimiter: full.value.delimiter,
      headers: full.value.headers,
      headerLine: full.value.headerLine,
    });
  });

  it('cuts the start of the bytes after a line break, never inside a character', () => {
    const bytes = new TextEncoder().encode(`Name,City\nZoë,Zürich\n${'Ana,Köln\n'.repeat(10)}`);
    const start = decodeTableStart(bytes, 16);
    expect(start).toBe('Name,City\n');
    expect(decodeTableStart(bytes, bytes.length)).toBeNull(); // the whole file: nothing to cut
    expect(decodeTableStart(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00]), 2)).toBeNull(); // UTF-16
    expect(decodeTable(bytes)).toBe(new TextDecoder().decode(bytes));
  });

  it('gives up when the start does not settle the header', () => {
    // Too short for the delimiter guess, and a preamble whose quoted cell runs past the start.
    expect(parseHeaderOfStart(big.slice(0, 1000))).toBeNull();
    const openQuote = `Exported,"${'x\n'.repeat(40_000)}`;
    expect(parseHeaderOfStart(openQuote)).toBeNull();
  });
});
