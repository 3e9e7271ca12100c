import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreContext } from '../../../../src/core/store/context.js';
import { openDb } from '../../../../src/core/store/db.js';
import { migrate, MIGRATIONS } from '../../../../src/core/store/migrations.js';

export const FIXTURES = new URL('../../../fixtures/knowledge/', import.meta.url).pathname;

/** A store on a temporary SQLite file with every migration (the store's list includes the knowledge area's). */
export function tempStore(clock: () => Date = () => new Date('2026-03-02T10:00:00Z')): { ctx: StoreContext; dir: string; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
  const db = openDb(join(dir, 'test.db'));
  // MIGRATIONS already carries the knowledge area's migrations.
  migrate(db, MIGRATIONS);
  return {
    ctx: { db, clock },
    dir,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
