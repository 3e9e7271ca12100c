import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportReport } from '../../../../src/contract/store.js';
import { importTable, type ImportTableInput } from '../../../../src/core/intake/table/import.js';
import { createStoreContext, type StoreContext } from '../../../../src/core/store/context.js';

/** A real database file in a fresh temp folder, with a settable clock; `cleanup` removes both. */
export function tmpStore(start = '2025-01-15T10:00:00.000Z'): {
  ctx: StoreContext;
  path: string;
  dir: string;
  tick: (ms?: number) => void;
  cleanup: () => void;
} {
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

/** A temp store removed after the current test (register `cleanTmpStores` in afterEach). */
const pending: Array<() => void> = [];
export function autoStore(): ReturnType<typeof tmpStore> {
  const s = tmpStore();
  pending.push(s.cleanup);
  return s;
}
export const cleanTmpStores = (): void => pending.splice(0).forEach((c) => c());

/** Imports a table and fails the test with the error's code and message if it is refused. */
export async function importOk(ctx: StoreContext, input: ImportTableInput): Promise<ImportReport> {
  const r = await importTable(ctx, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
