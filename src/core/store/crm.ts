import { z } from 'zod';
import { err, ok, type Result } from '../../contract/errors.js';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { readJson } from './json.js';

const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const CrmFieldsSchema = z.record(z.string(), JsonScalar);
export type CrmFields = z.infer<typeof CrmFieldsSchema>;

/** A record of the embedded local CRM; `version` increases on every write (optimistic locking). */
export const CrmRecordSchema = z.object({
  id: z.string(),
  lead_id: z.string().nullable(),
  fields: CrmFieldsSchema,
  version: z.number().int().positive(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CrmRecord = z.infer<typeof CrmRecordSchema>;

export const JournalStateSchema = z.enum(['pending', 'done', 'failed']);
export const JournalEntrySchema = z.object({
  id: z.string(),
  proposal_id: z.string(),
  field: z.string(),
  idempotency_key: z.string(),
  state: JournalStateSchema,
  error: z.string().nullable(),
  created_at: z.string(),
  done_at: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

const toRecord = (r: Record<string, unknown>): CrmRecord =>
  CrmRecordSchema.parse({ ...r, fields: readJson(CrmFieldsSchema, r['fields'] as string, `crm record ${String(r['id'])}`) });

/** Creates a local CRM record (version 1). */
export function createRecord(ctx: StoreContext, input: { lead_id?: string | null; fields: CrmFields }): CrmRecord {
  const at = nowIso(ctx);
  const rec: CrmRecord = { id: nextId(ctx, 'crm'), lead_id: input.lead_id ?? null, fields: CrmFieldsSchema.parse(input.fields), version: 1, created_at: at, updated_at: at };
  ctx.db
    .prepare('INSERT INTO crm_records (id, lead_id, fields, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(rec.id, rec.lead_id, JSON.stringify(rec.fields), rec.version, rec.created_at, rec.updated_at);
  return rec;
}

/** One record by id, or null. */
export function getRecord(ctx: StoreContext, id: string): CrmRecord | null {
  const r = ctx.db.prepare('SELECT * FROM crm_records WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toRecord(r) : null;
}

/** The record linked to a lead, or null. */
export function getRecordByLead(ctx: StoreContext, leadId: string): CrmRecord | null {
  const r = ctx.db.prepare('SELECT * FROM crm_records WHERE lead_id = ?').get(leadId) as Record<string, unknown> | undefined;
  return r ? toRecord(r) : null;
}

/**
 * Writes fields only if every `expected` value is still what the record holds (compare-and-set);
 * otherwise `stale`, so an approval made on old values goes back for review.
 */
export function updateFields(
  ctx: StoreContext,
  id: string,
  input: { expected: CrmFields; set: CrmFields },
): Result<CrmRecord> {
  return ctx.db.transaction((): Result<CrmRecord> => {
    const cur = getRecord(ctx, id);
    if (!cur) return err('not_found', `CRM record ${id} does not exist`);
    const changed = Object.entries(input.expected).filter(([k, v]) => (cur.fields[k] ?? null) !== v);
    if (changed.length) {
      return err('stale', `CRM record ${id} changed since the proposal was made: ${changed.map(([k]) => k).join(', ')}`, {
        details: Object.fromEntries(changed.map(([k, v]) => [k, { expected: v, actual: cur.fields[k] ?? null }])),
      });
    }
    const fields = { ...cur.fields, ...CrmFieldsSchema.parse(input.set) };
    const at = nowIso(ctx);
    const n = ctx.db
      .prepare('UPDATE crm_records SET fields = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?')
      .run(JSON.stringify(fields), at, id, cur.version).changes;
    if (n === 0) return err('conflict', `CRM record ${id} was written concurrently; retry`);
    return ok({ ...cur, fields, version: cur.version + 1, updated_at: at });
  })();
}

/**
 * Claims an idempotency key before a write-back. `fresh: false` means the key exists: if its state
 * is `done`, the write already happened and must not be repeated.
 */
export function journalBegin(
  ctx: StoreContext,
  input: { proposal_id: string; field: string; idempotency_key: string },
): { entry: JournalEntry; fresh: boolean } {
  return ctx.db.transaction(() => {
    const existing = journalGet(ctx, input.idempotency_key);
    if (existing) return { entry: existing, fresh: false };
    const entry: JournalEntry = {
      id: nextId(ctx, 'wb'),
      ...input,
      state: 'pending',
      error: null,
      created_at: nowIso(ctx),
      done_at: null,
    };
    ctx.db
      .prepare(
        `INSERT INTO writeback_journal (id, proposal_id, field, idempotency_key, state, error, created_at, done_at)
         VALUES (@id, @proposal_id, @field, @idempotency_key, @state, @error, @created_at, @done_at)`,
      )
      .run(entry);
    return { entry, fresh: true };
  })();
}

/** Marks a journal entry done or failed. */
export function journalFinish(ctx: StoreContext, key: string, outcome: { state: 'done' | 'failed'; error?: string | null }): JournalEntry | null {
  ctx.db
    .prepare('UPDATE writeback_journal SET state = ?, error = ?, done_at = ? WHERE idempotency_key = ?')
    .run(outcome.state, outcome.error ?? null, nowIso(ctx), key);
  return journalGet(ctx, key);
}

/** A journal entry by idempotency key, or null. */
export function journalGet(ctx: StoreContext, key: string): JournalEntry | null {
  const r = ctx.db.prepare('SELECT * FROM writeback_journal WHERE idempotency_key = ?').get(key);
  return r ? JournalEntrySchema.parse(r) : null;
}

/** Entries left pending by a crash, to resume on start. */
export function journalPending(ctx: StoreContext): JournalEntry[] {
  return ctx.db
    .prepare("SELECT * FROM writeback_journal WHERE state = 'pending' ORDER BY created_at")
    .all()
    .map((r) => JournalEntrySchema.parse(r));
}
