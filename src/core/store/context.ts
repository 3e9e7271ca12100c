import type Database from 'better-sqlite3';
import { openDb } from './db.js';
import { migrate } from './migrations.js';

/** What every repository function needs; one per open database, never a module singleton. */
export interface StoreContext {
  db: Database.Database;
  clock: () => Date;
}

export interface StoreContextOptions {
  clock?: () => Date;
}

/** Opens the database at `path`, applies pending migrations and returns the context. */
export function createStoreContext(path: string, opts: StoreContextOptions = {}): StoreContext {
  const db = openDb(path);
  try {
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return { db, clock: opts.clock ?? (() => new Date()) };
}

/** The clock's time as the ISO string every table stores. */
export const nowIso = (ctx: StoreContext): string => ctx.clock().toISOString();
