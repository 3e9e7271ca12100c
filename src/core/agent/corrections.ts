import { err, ok, type Result } from '../../contract/errors.js';
import type { Evidence } from '../../contract/evidence.js';
import type { StoreContext } from '../store/context.js';
import * as factsRepo from '../store/facts.js';
import * as trace from '../store/trace.js';

/**
 * Keeps a rep's correction of a fact as a new `rep` row that supersedes the current one; the
 * history stays, so corrections can later become evaluation cases.
 */
export function correctFact(
  ctx: StoreContext,
  input: { lead_id: string; name: string; value: unknown; evidence?: Evidence[]; author: string; note?: string },
): Result<factsRepo.FactRow> {
  if (!input.author.trim()) return err('invalid_input', 'say who corrects the fact (author)', { path: ['author'] });
  const prev = factsRepo.current(ctx, input.lead_id)[input.name] ?? null;
  return ok(
    ctx.db.transaction(() => {
      const row = factsRepo.insert(ctx, { lead_id: input.lead_id, name: input.name, value: input.value, evidence: input.evidence ?? [], source: 'rep', author: input.author });
      if (prev) factsRepo.supersede(ctx, prev.id, row.id);
      trace.append(ctx, {
        lead_id: input.lead_id,
        type: 'fact_corrected',
        data: { fact: input.name, old: prev?.value ?? null, old_source: prev?.source ?? null, new: input.value, author: input.author, note: input.note ?? null, fact_id: row.id },
      });
      return row;
    })(),
  );
}
