import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStoreContext, type StoreContext } from '../../../../src/core/store/context.js';

/** A real database file in a fresh temp folder, with a settable clock; `cleanup` removes both. */
export function tmpStore(start = '2025-01-15T10:00:00.000Z'): { ctx: StoreContext; path: string; dir: string; tick: (ms?: number) => void; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sales-copilot-test-'));
  const path = join(dir, 'nested', 'store.db');
  let now = Date.parse(start);
  const ctx = createStoreContext(path, { clock: () => new Date(now) });
  return {
    ctx,
    path,
    dir,
    tick: (ms = 1000) => {
      now += ms;
    },
    cleanup: () => {
      if (ctx.db.open) ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
