import { z } from 'zod';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';

export const RunStatusSchema = z.enum(['running', 'succeeded', 'failed', 'escalated', 'cancelled', 'budget_exceeded']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunSchema = z.object({
  id: z.string(),
  lead_id: z.string().nullable(),
  kind: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  status: RunStatusSchema,
  extractor: z.string().nullable(),
  model: z.string().nullable(),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  cost_usd: z.number(),
  error: z.string().nullable(),
});
export type Run = z.infer<typeof RunSchema>;

/** Opens a run (one execution of the loop, a replay, an eval ...). */
export function start(
  ctx: StoreContext,
  input: { lead_id?: string | null; kind: string; extractor?: string | null; model?: string | null },
): Run {
  const run: Run = {
    id: nextId(ctx, 'run'),
    lead_id: input.lead_id ?? null,
    kind: input.kind,
    started_at: nowIso(ctx),
    finished_at: null,
    status: 'running',
    extractor: input.extractor ?? null,
    model: input.model ?? null,
    tokens_in: 0,
    tokens_out: 0,
    cost_usd: 0,
    error: null,
  };
  ctx.db
    .prepare(
      `INSERT INTO runs (id, lead_id, kind, started_at, finished_at, status, extractor, model, tokens_in, tokens_out, cost_usd, error)
       VALUES (@id, @lead_id, @kind, @started_at, @finished_at, @status, @extractor, @model, @tokens_in, @tokens_out, @cost_usd, @error)`,
    )
    .run(run);
  return run;
}

/** Adds token usage while a run is going (several model calls per run). */
export function addUsage(ctx: StoreContext, id: string, usage: { tokens_in: number; tokens_out: number; cost_usd: number }): void {
  ctx.db
    .prepare('UPDATE runs SET tokens_in = tokens_in + ?, tokens_out = tokens_out + ?, cost_usd = cost_usd + ? WHERE id = ?')
    .run(usage.tokens_in, usage.tokens_out, usage.cost_usd, id);
}

/** Closes a run; returns null when it does not exist. */
export function finish(
  ctx: StoreContext,
  id: string,
  input: { status: Exclude<RunStatus, 'running'>; error?: string | null; extractor?: string | null; model?: string | null },
): Run | null {
  ctx.db
    .prepare(
      `UPDATE runs SET status = ?, finished_at = ?, error = ?, extractor = coalesce(?, extractor), model = coalesce(?, model)
       WHERE id = ?`,
    )
    .run(input.status, nowIso(ctx), input.error ?? null, input.extractor ?? null, input.model ?? null, id);
  return get(ctx, id);
}

/** One run by id, or null. */
export function get(ctx: StoreContext, id: string): Run | null {
  const row = ctx.db.prepare('SELECT * FROM runs WHERE id = ?').get(id);
  return row ? RunSchema.parse(row) : null;
}

/** A lead's runs, newest first. */
export function listForLead(ctx: StoreContext, leadId: string, limit = 50): Run[] {
  return ctx.db
    .prepare('SELECT * FROM runs WHERE lead_id = ? ORDER BY started_at DESC, id DESC LIMIT ?')
    .all(leadId, limit)
    .map((r) => RunSchema.parse(r));
}
