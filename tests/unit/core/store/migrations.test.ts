import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDbPath, openDb } from '../../../../src/core/store/db.js';
import { checksumOf, migrate, MigrationDivergenceError, MIGRATIONS } from '../../../../src/core/store/migrations.js';
import { createStoreContext } from '../../../../src/core/store/context.js';
import * as imports from '../../../../src/core/store/imports.js';
import { tmpStore } from './tmp-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const store = () => {
  const s = tmpStore();
  cleanups.push(s.cleanup);
  return s;
};

describe('openDb', () => {
  it('creates the parent folder and sets WAL, foreign keys, busy timeout, synchronous NORMAL', () => {
    const { ctx } = store();
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ctx.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ctx.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(ctx.db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('defaultDbPath follows the platform conventions and the env override', () => {
    expect(defaultDbPath({ SALES_COPILOT_DB: '/x/y.db' }, 'linux', '/home/a')).toBe('/x/y.db');
    expect(defaultDbPath({}, 'linux', '/home/a')).toBe('/home/a/.local/share/sales-copilot/sales-copilot.db');
    expect(defaultDbPath({ XDG_DATA_HOME: '/data' }, 'linux', '/home/a')).toBe('/data/sales-copilot/sales-copilot.db');
    expect(defaultDbPath({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Sales Copilot/sales-copilot.db');
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toContain('Sales Copilot');
  });
});

describe('migrations', () => {
  it('apply once and re-opening is a no-op', () => {
    const { ctx, path } = store();
    const rows = ctx.db.prepare('SELECT id, checksum FROM schema_migrations').all() as Array<{ id: string; checksum: string }>;
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(rows[0]?.checksum).toBe(checksumOf(MIGRATIONS[0]!.sql));
    ctx.db.close();
    const again = createStoreContext(path);
    expect(migrate(again.db).applied).toEqual([]);
    expect((again.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.db.close();
  });

  it('applies only the pending migrations, in order', () => {
    const { ctx } = store();
    const extra = [...MIGRATIONS, { id: '0002_extra', sql: 'CREATE TABLE extra (id TEXT PRIMARY KEY);' }];
    expect(migrate(ctx.db, extra).applied).toEqual(['0002_extra']);
    expect(migrate(ctx.db, extra).applied).toEqual([]);
  });

  it('an applied id the code does not know is a hard error naming it', () => {
    const { ctx } = store();
    ctx.db.prepare('INSERT INTO schema_migrations (id, checksum, applied_at) VALUES (?, ?, ?)').run('0099_future', 'x', 'now');
    expect(() => migrate(ctx.db)).toThrow(MigrationDivergenceError);
    expect(() => migrate(ctx.db)).toThrow(/0099_future/);
  });

  it('a changed checksum is a hard error naming the id', () => {
    const { ctx, path } = store();
    ctx.db.prepare("UPDATE schema_migrations SET checksum = 'tampered' WHERE id = '0001_init'").run();
    ctx.db.close();
    expect(() => createStoreContext(path)).toThrow(/0001_init.*checksum/);
  });

  it('a diverging order is a hard error', () => {
    const dbs = store();
    const db: Database.Database = openDb(`${dbs.dir}/order.db`);
    const a = { id: '0001_a', sql: 'CREATE TABLE a (x);' };
    const b = { id: '0002_b', sql: 'CREATE TABLE b (x);' };
    migrate(db, [a, b]);
    expect(() => migrate(db, [b, a])).toThrow(/out of order/);
    db.close();
  });
});

describe('0004_lean_import_indexes', () => {
  const upTo0003 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0004_lean_import_indexes'));

  it('backfills the id range of the imports made before it, so their leads are still found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-mig-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'old.db');
    const db = openDb(path);
    migrate(db, upTo0003);
    // What an import of the previous version wrote: two imports, a pasted lead between them.
    const lead = db.prepare("INSERT INTO leads (id, created_at, updated_at, source, import_id) VALUES (?, 'now', 'now', ?, ?)");
    db.prepare("INSERT INTO imports (id, sha256, created_at) VALUES ('imp_a', 'a', 'now'), ('imp_b', 'b', 'now'), ('imp_empty', 'c', 'now')").run();
    lead.run('lead_01A', 'import', 'imp_a');
    lead.run('lead_01B', 'import', 'imp_a');
    lead.run('lead_01C', 'paste', null);
    lead.run('lead_01D', 'import', 'imp_b');
    db.close();

    const ctx = createStoreContext(path);
    cleanups.push(() => ctx.db.close());
    expect(ctx.db.prepare('SELECT id, lead_id_first, lead_id_last FROM imports ORDER BY id').all()).toEqual([
      { id: 'imp_a', lead_id_first: 'lead_01A', lead_id_last: 'lead_01B' },
      { id: 'imp_b', lead_id_first: 'lead_01D', lead_id_last: 'lead_01D' },
      { id: 'imp_empty', lead_id_first: null, lead_id_last: null },
    ]);
    expect(imports.leadIds(ctx, 'imp_a')).toEqual(['lead_01A', 'lead_01B']);
    expect(imports.leadIds(ctx, 'imp_b')).toEqual(['lead_01D']);
    expect(imports.leadIds(ctx, 'imp_empty')).toEqual([]);
    expect(imports.leadIds(ctx, 'imp_unknown')).toEqual([]);
  });

  it('leaves imported rows with only the indexes the app reads, and both lookups still use an index', () => {
    const { ctx } = store();
    const names = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'leads'").pluck().all();
    expect(names).not.toContain('leads_import');
    expect(names).not.toContain('leads_external_id');
    const plan = (sql: string) => (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ imp: 'x', ext: 'y' }) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    // CRM sync's lookup.
    expect(plan("SELECT id FROM leads WHERE source = 'crm' AND external_id = @ext LIMIT 1")).toMatch(/USING INDEX leads_crm_external_id/);
    // An import's leads: a primary-key range, not a table scan.
    expect(plan(`SELECT id FROM leads WHERE ${imports.importLeadsSql('imp')}`)).toMatch(/USING INDEX sqlite_autoindex_leads_1 \(id>\? AND id<\?\)/);
  });
});
