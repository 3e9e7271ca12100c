import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDbPath, openDb } from '../../../../src/core/store/db.js';
import { checksumOf, migrate, MigrationDivergenceError, MIGRATIONS } from '../../../../src/core/store/migrations.js';
import { createStoreContext } from '../../../../src/core/store/context.js';
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
