import { err, ok, type Result } from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';

/** Whether the knowledge tables exist: a database opened before the knowledge migration was wired has none. */
export function knowledgeReady(ctx: StoreContext): Result<true> {
  const row = ctx.db.prepare("SELECT 1 AS ok FROM sqlite_master WHERE type = 'table' AND name = 'kb_chunks'").get();
  return row ? ok(true) : err('unsupported', 'This database has no knowledge-base tables: the 1000_knowledge_init migration has not been applied. Update the app, then open the database again.');
}
