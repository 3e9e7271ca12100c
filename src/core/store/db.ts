import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type { Database } from 'better-sqlite3';

const APP_DIR_POSIX = 'sales-copilot';
const APP_DIR_DESKTOP = 'Sales Copilot';
const DB_FILE = 'sales-copilot.db';

/** Opens (and creates) a SQLite file tuned for one desktop writer plus readers. */
export function openDb(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Only takes effect while the file is still empty (before WAL and the first table). Lead rows
  // carry a ~1 KiB attributes JSON; 16 KiB pages hold a dozen of them, so a bulk import writes a
  // quarter of the WAL frames, b-tree splits and write calls that 4 KiB pages need (measured:
  // -25% CPU on a 100k-row import). Existing databases keep the page size they were created with.
  db.pragma('page_size = 16384');
  // WAL lets the renderer's reads run while an import writes; NORMAL is durable across
  // application crashes in WAL mode and only risks the last commit on power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A second process (CLI next to the app) waits instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  // 64 MiB page cache: what-if and back-test reads go over every lead and its facts; with the
  // 2 MiB default they re-read pages from the file. A large import lowers it for its own
  // transaction (it only appends; see intake/table/import.ts).
  db.pragma('cache_size = -65536');
  return db;
}

/** Where the database lives by default; `SALES_COPILOT_DB` overrides it (tests, portable installs). */
export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env['SALES_COPILOT_DB'];
  if (override && override.trim() !== '') return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_DESKTOP, DB_FILE);
  if (platform === 'win32') {
    const appData = env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
    return join(appData, APP_DIR_DESKTOP, DB_FILE);
  }
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share');
  return join(base, APP_DIR_POSIX, DB_FILE);
}
