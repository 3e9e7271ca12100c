import type { Command } from 'commander';
import { defaultDbPath } from '../core/store/db.js';
import { createStoreContext, type StoreContext } from '../core/store/context.js';

/** The database the command works on: --db, else $SALES_COPILOT_DB, else the user data folder. */
export function dbPathOf(cmd: Command): string {
  const opts = cmd.optsWithGlobals<{ db?: string }>();
  return opts.db ?? defaultDbPath();
}

/** Opens the store for one command and always closes it, so WAL files are checkpointed. */
export async function withStore<T>(cmd: Command, fn: (ctx: StoreContext) => T | Promise<T>): Promise<T> {
  const ctx = createStoreContext(dbPathOf(cmd));
  try {
    return await fn(ctx);
  } finally {
    ctx.db.close();
  }
}
