import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ActivityInputSchema,
  FieldChangeSchema,
  PendingWritebackSchema,
  type CrmKind,
  type PendingWriteback,
  type WritebackOutcome,
} from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import { createIdFactory } from '../store/ids.js';

// The write-back journal: the store's writeback_journal row (one per approved action, unique
// idempotency key) plus this area's crm_writeback_ops row (what to send, and whether it was sent).

export const OpPayloadSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('update'), changes: z.array(FieldChangeSchema).min(1) }),
  z.object({ op: z.literal('activity'), activity: ActivityInputSchema }),
]);
export type OpPayload = z.infer<typeof OpPayloadSchema>;

export interface JournalRow {
  journal_id: string;
  proposal_id: string;
  idempotency_key: string;
  state: 'pending' | 'done' | 'failed';
  kind: CrmKind;
  record_id: string;
  op: 'update' | 'note' | 'task' | 'meeting';
  payload: OpPayload;
  marker: string | null;
  remote_id: string | null;
  attempts: number;
  sent_at: string | null;
  outcome: WritebackOutcome | null;
  last_error: string | null;
  created_at: string;
}

/** A marker HubSpot accepts in a body and we can search for: derived from the key, so a retry reuses it. */
export const markerFor = (key: string): string => `sc${createHash('sha256').update(key).digest('hex').slice(0, 30)}`;

const SELECT = `SELECT j.id AS journal_id, j.proposal_id, j.idempotency_key, j.state, j.created_at, o.kind, o.record_id, o.op, o.payload,
  o.marker, o.remote_id, o.attempts, o.sent_at, o.outcome, o.last_error
  FROM writeback_journal j JOIN crm_writeback_ops o ON o.journal_id = j.id`;

function toRow(r: Record<string, unknown>): JournalRow {
  return {
    ...(r as unknown as JournalRow),
    payload: OpPayloadSchema.parse(JSON.parse(String(r['payload']))),
    outcome: r['outcome'] ? (JSON.parse(String(r['outcome'])) as WritebackOutcome) : null,
  };
}

export function byKey(ctx: StoreContext, key: string): JournalRow | null {
  const r = ctx.db.prepare(`${SELECT} WHERE j.idempotency_key = ?`).get(key) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

export function pending(ctx: StoreContext, kind: CrmKind): JournalRow[] {
  return (
    ctx.db.prepare(`${SELECT} WHERE j.state = 'pending' AND o.kind = ? ORDER BY j.created_at, j.id`).all(kind) as Array<
      Record<string, unknown>
    >
  ).map(toRow);
}

/** Writes the journal row before anything is sent; the unique key makes a second insert impossible. */
export function open(
  ctx: StoreContext,
  e: {
    proposal_id: string;
    key: string;
    kind: CrmKind;
    record_id: string;
    op: JournalRow['op'];
    field: string;
    payload: OpPayload;
    marker: string | null;
  },
): JournalRow {
  const now = ctx.clock().toISOString();
  const id = createIdFactory('wbj', ctx.clock)();
  ctx.db.transaction(() => {
    ctx.db
      .prepare(
        "INSERT INTO writeback_journal (id, proposal_id, field, idempotency_key, state, error, created_at, done_at) VALUES (?, ?, ?, ?, 'pending', NULL, ?, NULL)",
      )
      .run(id, e.proposal_id, e.field, e.key, now);
    ctx.db
      .prepare(
        'INSERT INTO crm_writeback_ops (journal_id, kind, record_id, op, payload, marker, remote_id, attempts, sent_at, outcome, last_error, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 0, NULL, NULL, NULL, ?)',
      )
      .run(id, e.kind, e.record_id, e.op, JSON.stringify(e.payload), e.marker, now);
  })();
  const row = byKey(ctx, e.key);
  if (!row) throw new Error(`journal row ${e.key} vanished after insert`);
  return row;
}

/** Committed right before the request leaves: after a crash, a sent row is reconciled, not resent. */
export function markSent(ctx: StoreContext, journalIds: readonly string[]): void {
  const now = ctx.clock().toISOString();
  const stmt = ctx.db.prepare(
    'UPDATE crm_writeback_ops SET sent_at = ?, attempts = attempts + 1, updated_at = ? WHERE journal_id = ?',
  );
  ctx.db.transaction(() => journalIds.forEach((id) => stmt.run(now, now, id)))();
}

export function noteError(ctx: StoreContext, journalId: string, message: string): void {
  ctx.db
    .prepare('UPDATE crm_writeback_ops SET last_error = ?, updated_at = ? WHERE journal_id = ?')
    .run(message, ctx.clock().toISOString(), journalId);
}

/** Closes a row: `done` when the CRM has the change, `failed` for stale, gone or rejected. */
export function close(ctx: StoreContext, journalId: string, outcome: WritebackOutcome): void {
  const now = ctx.clock().toISOString();
  const state = outcome.state === 'applied' ? 'done' : 'failed';
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE writeback_journal SET state = ?, error = ?, done_at = ? WHERE id = ?')
      .run(
        state,
        outcome.error ? outcome.error.message : outcome.state === 'applied' ? null : outcome.state,
        now,
        journalId,
      );
    ctx.db
      .prepare(
        'UPDATE crm_writeback_ops SET outcome = ?, remote_id = COALESCE(?, remote_id), updated_at = ? WHERE journal_id = ?',
      )
      .run(JSON.stringify(outcome), outcome.remote_id, now, journalId);
  })();
}

/** Reopens a row that failed for a passing reason (network, 5xx) so the next run tries again. */
export function reopen(ctx: StoreContext, journalId: string): void {
  ctx.db
    .prepare("UPDATE writeback_journal SET state = 'pending', error = NULL, done_at = NULL WHERE id = ?")
    .run(journalId);
}

/** What `crm pending` shows. */
export function listPending(ctx: StoreContext): PendingWriteback[] {
  return (
    ctx.db.prepare(`${SELECT} WHERE j.state = 'pending' ORDER BY j.created_at`).all() as Array<Record<string, unknown>>
  ).map((r) =>
    PendingWritebackSchema.parse({
      journal_id: r['journal_id'],
      proposal_id: r['proposal_id'],
      record_id: r['record_id'],
      op: r['op'],
      created_at: r['created_at'],
      attempts: r['attempts'],
      last_error: r['last_error'] ?? null,
    }),
  );
}
