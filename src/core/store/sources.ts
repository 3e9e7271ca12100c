import { createHash } from 'node:crypto';
import { z } from 'zod';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';

export const SourceKindSchema = z.enum(['paste', 'email', 'chat', 'call_notes', 'web_form', 'linkedin', 'import', 'crm', 'note']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** A lead's original text; evidence offsets point into `text`, so it is never altered. */
export const SourceSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  kind: SourceKindSchema,
  text: z.string(),
  sha256: z.string(),
  received_at: z.string().nullable(),
  created_at: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;

export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Prepared insert reused by the bulk import. */
export function prepareInsert(ctx: StoreContext) {
  return ctx.db.prepare(
    'INSERT INTO sources (id, lead_id, kind, text, sha256, received_at, created_at) VALUES (@id, @lead_id, @kind, @text, @sha256, @received_at, @created_at)',
  );
}

/** Stores a text exactly as given. */
export function insert(
  ctx: StoreContext,
  input: { lead_id: string; kind: SourceKind; text: string; received_at?: string | null },
): Source {
  const row: Source = {
    id: nextId(ctx, 'src'),
    lead_id: input.lead_id,
    kind: SourceKindSchema.parse(input.kind),
    text: input.text,
    sha256: sha256Of(input.text),
    received_at: input.received_at ?? null,
    created_at: nowIso(ctx),
  };
  prepareInsert(ctx).run(row);
  return row;
}

/** One source by id, or null. */
export function get(ctx: StoreContext, id: string): Source | null {
  const row = ctx.db.prepare('SELECT * FROM sources WHERE id = ?').get(id);
  return row ? SourceSchema.parse(row) : null;
}

/** A lead's sources, oldest first. */
export function listForLead(ctx: StoreContext, leadId: string): Source[] {
  return ctx.db
    .prepare('SELECT * FROM sources WHERE lead_id = ? ORDER BY created_at, id')
    .all(leadId)
    .map((r) => SourceSchema.parse(r));
}
