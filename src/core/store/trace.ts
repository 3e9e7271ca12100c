import { z } from 'zod';
import { nowIso, type StoreContext } from './context.js';
import { readJson } from './json.js';

/** One append-only event; metrics are computed from these rows. */
export const TraceEventSchema = z.object({
  seq: z.number().int(),
  run_id: z.string().nullable(),
  lead_id: z.string().nullable(),
  at: z.string(),
  type: z.string().min(1),
  step: z.number().int().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TraceEvent = z.infer<typeof TraceEventSchema>;

export interface NewTraceEvent {
  run_id?: string | null;
  lead_id?: string | null;
  type: string;
  step?: number | null;
  data?: Record<string, unknown>;
}

const toEvent = (r: Record<string, unknown>): TraceEvent =>
  TraceEventSchema.parse({ ...r, data: readJson(z.record(z.string(), z.unknown()), r['data'] as string, `trace event ${String(r['seq'])}`) });

/** Appends an event and returns its sequence number. */
export function append(ctx: StoreContext, e: NewTraceEvent): number {
  const info = ctx.db
    .prepare('INSERT INTO trace_events (run_id, lead_id, at, type, step, data) VALUES (?, ?, ?, ?, ?, ?)')
    .run(e.run_id ?? null, e.lead_id ?? null, nowIso(ctx), e.type, e.step ?? null, JSON.stringify(e.data ?? {}));
  return Number(info.lastInsertRowid);
}

export interface TraceQuery {
  run_id?: string;
  lead_id?: string;
  type?: string;
  /** Only events after this sequence number (for tailing). */
  after_seq?: number;
  limit?: number;
}

/** Events in sequence order. */
export function list(ctx: StoreContext, q: TraceQuery = {}): TraceEvent[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: Math.min(q.limit ?? 1000, 10_000) };
  if (q.run_id) {
    where.push('run_id = @run_id');
    params['run_id'] = q.run_id;
  }
  if (q.lead_id) {
    where.push('lead_id = @lead_id');
    params['lead_id'] = q.lead_id;
  }
  if (q.type) {
    where.push('type = @type');
    params['type'] = q.type;
  }
  if (q.after_seq !== undefined) {
    where.push('seq > @after_seq');
    params['after_seq'] = q.after_seq;
  }
  const sql = `SELECT * FROM trace_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT @limit`;
  return (ctx.db.prepare(sql).all(params) as Array<Record<string, unknown>>).map(toEvent);
}

/** Event counts by type in [from, to), the input of the metrics screen. */
export function countByType(ctx: StoreContext, range: { from?: string; to?: string } = {}): Record<string, number> {
  const rows = ctx.db
    .prepare('SELECT type, count(*) AS n FROM trace_events WHERE at >= ? AND at < ? GROUP BY type')
    .all(range.from ?? '', range.to ?? '\uffff') as Array<{ type: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}
