import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStoreContext, type StoreContext } from '../../src/core/store/context.js';

/** A real SQLite file in a fresh temp folder; `cleanup` closes and deletes it. */
export function tempStore(clock?: () => Date): { ctx: StoreContext; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-test-'));
  const path = join(dir, 'test.db');
  const ctx = createStoreContext(path, clock ? { clock } : {});
  return {
    ctx,
    path,
    dir,
    cleanup: () => {
      if (ctx.db.open) ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
