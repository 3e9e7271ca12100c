import { createHash } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../contract/errors.js';
import type { StoreContext } from '../store/context.js';
import { nowIso } from '../store/context.js';
import * as crm from '../store/crm.js';
import * as proposals from '../store/proposals.js';
import * as trace from '../store/trace.js';
import type { FieldChange, Proposal, ProposalPayload } from '../store/proposals.js';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One person's verdict on one field (same shape as the `proposals.review` API). */
export const FieldVerdictSchema = z.discriminatedUnion('action', [
  z.object({ field: z.string().min(1), action: z.literal('approve') }),
  z.object({ field: z.string().min(1), action: z.literal('reject'), reason: z.string().optional() }),
  z.object({ field: z.string().min(1), action: z.literal('edit'), value: Scalar }),
]);
export type FieldVerdict = z.infer<typeof FieldVerdictSchema>;

export interface ReviewOutcome {
  proposal: Proposal;
  /** Fields that reached the CRM by this call. */
  written: string[];
  /** The CRM no longer had the before values: the proposal went back for review. */
  stale: boolean;
}

/** Test hooks that stop the process at the two crash points of a write-back. */
export interface WritebackHooks {
  afterJournal?: () => void;
  /** Inside the write transaction, after the CRM update and before it commits. */
  duringWrite?: () => void;
  afterWrite?: () => void;
}

interface VerdictRow {
  field: string;
  action: 'approve' | 'edit' | 'reject';
  value: string | null;
  reason: string | null;
}

/** The fields a person decides on: CRM changes, or the parts of a draft. */
export function fieldsOf(p: Proposal): string[] {
  const pl = p.payload;
  return 'changes' in pl ? pl.changes.map((c) => c.field) : Object.keys(pl.draft);
}

const verdictsOf = (ctx: StoreContext, id: string): VerdictRow[] =>
  ctx.db.prepare('SELECT field, action, value, reason FROM agent_field_verdicts WHERE proposal_id = ?').all(id) as VerdictRow[];

const keyOf = (p: Proposal, c: FieldChange) => `wb:${p.id}:${c.field}:${createHash('sha256').update(JSON.stringify([c.old, c.new])).digest('hex').slice(0, 16)}`;

function finalPayload(p: Proposal, verdicts: VerdictRow[]): ProposalPayload {
  const by = new Map(verdicts.map((v) => [v.field, v]));
  const pl = p.payload;
  if ('changes' in pl) {
    return {
      changes: pl.changes.map((c) => {
        const v = by.get(c.field);
        if (!v) return c;
        if (v.action === 'edit') return { ...c, new: JSON.parse(v.value ?? 'null') as FieldChange['new'], status: 'edited' as const };
        return { ...c, status: v.action === 'approve' ? ('approved' as const) : ('rejected' as const) };
      }),
    };
  }
  const draft = { ...pl.draft };
  for (const v of verdicts) if (v.action === 'edit') (draft as Record<string, unknown>)[v.field] = String(JSON.parse(v.value ?? '""'));
  return { draft };
}

/**
 * Records a person's verdicts. Once every field has one, the proposal is decided as a unit and
 * its approved and edited CRM fields are written back (one compare-and-set over all their
 * before values, so a partial write of one proposal cannot happen).
 */
export function reviewProposal(
  ctx: StoreContext,
  input: { id: string; verdicts: FieldVerdict[]; reviewer?: string; hooks?: WritebackHooks; external?: boolean },
): Result<ReviewOutcome> {
  const parsed = z.array(FieldVerdictSchema).min(1, 'give at least one verdict').safeParse(input.verdicts);
  if (!parsed.success) return err('invalid_input', parsed.error.issues.map((i) => i.message).join('; '));
  const reviewer = input.reviewer ?? 'rep';
  const p = proposals.get(ctx, input.id);
  if (!p) return err('not_found', `proposal ${input.id} does not exist; list them with "proposals list"`);
  if (p.status !== 'pending') return err('conflict', `proposal ${p.id} is ${p.status}; only pending proposals can be reviewed${p.status === 'stale' ? ' (reopen it first: its before values changed)' : ''}`);
  const fields = fieldsOf(p);
  const done = new Set(verdictsOf(ctx, p.id).map((v) => v.field));
  for (const v of parsed.data) {
    if (!fields.includes(v.field)) return err('invalid_input', `proposal ${p.id} has no field "${v.field}"; its fields are ${fields.join(', ')}`, { path: ['verdicts', v.field] });
    if (done.has(v.field)) return err('conflict', `field "${v.field}" of proposal ${p.id} already has a verdict`);
    if (v.action === 'edit' && !('changes' in p.payload) && typeof v.value !== 'string') return err('invalid_input', `draft field "${v.field}" takes text`);
  }
  const at = nowIso(ctx);
  const old = (f: string) => ('changes' in p.payload ? (p.payload.changes.find((c) => c.field === f) ?? null) : null);
  ctx.db.transaction(() => {
    const ins = ctx.db.prepare('INSERT INTO agent_field_verdicts (proposal_id, field, action, value, reason, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const v of parsed.data) {
      const value = v.action === 'edit' ? JSON.stringify(v.value) : null;
      const reason = v.action === 'reject' ? (v.reason ?? null) : null;
      ins.run(p.id, v.field, v.action, value, reason, reviewer, at);
      const c = old(v.field);
      trace.append(ctx, {
        run_id: p.run_id,
        lead_id: p.lead_id,
        type: v.action === 'approve' ? 'proposal_approved' : v.action === 'edit' ? 'proposal_edited' : 'proposal_rejected',
        data: { proposal_id: p.id, kind: p.kind, field: v.field, reviewer, old: c?.old ?? null, proposed: c?.new ?? null, ...(v.action === 'edit' ? { value: v.value } : {}), ...(reason ? { reason } : {}) },
      });
    }
  })();
  const verdicts = verdictsOf(ctx, p.id);
  if (verdicts.length < fields.length) return ok({ proposal: p, written: [], stale: false });

  const actions = new Set(verdicts.map((v) => v.action));
  const to = actions.has('edit') ? 'edited' : actions.has('approve') ? 'approved' : 'rejected';
  const reasons = verdicts.flatMap((v) => (v.reason ? [`${v.field}: ${v.reason}`] : []));
  const t = proposals.transition(ctx, p.id, { to, by: reviewer, reason: reasons.length ? reasons.join('; ') : null, payload: finalPayload(p, verdicts) });
  if (!t.ok) return t;
  if (to === 'rejected' || t.value.kind !== 'crm_update') return ok({ proposal: t.value, written: [], stale: false });
  // A lead that lives in a connected CRM is written there by the connector's journaled
  // write-back; the caller runs it, so the local store is not written twice.
  if (input.external) return ok({ proposal: t.value, written: [], stale: false });
  return writeBack(ctx, p.id, input.hooks);
}

/**
 * Writes an approved proposal's fields to the local CRM. Idempotent: each field claims a
 * journal key first, and the CRM write, the journal's `done` and the trace event commit in one
 * transaction, so a retry or a restart after a crash at any point writes at most once.
 */
export function writeBack(ctx: StoreContext, id: string, hooks: WritebackHooks = {}): Result<ReviewOutcome> {
  const p = proposals.get(ctx, id);
  if (!p) return err('not_found', `proposal ${id} does not exist`);
  if (p.status === 'applied') return ok({ proposal: p, written: [], stale: false });
  if (p.status !== 'approved' && p.status !== 'edited' && p.status !== 'partially_applied') return err('conflict', `proposal ${id} is ${p.status}; only approved proposals are written`);
  if (!('changes' in p.payload)) return ok({ proposal: p, written: [], stale: false });
  const payload = p.payload;
  const todo = payload.changes.filter((c) => c.status === 'approved' || c.status === 'edited');
  const rec = crm.getRecordByLead(ctx, p.lead_id) ?? crm.createRecord(ctx, { lead_id: p.lead_id, fields: {} });
  const claims = todo.map((c) => ({ c, key: keyOf(p, c), entry: crm.journalBegin(ctx, { proposal_id: p.id, field: c.field, idempotency_key: keyOf(p, c) }) }));
  hooks.afterJournal?.();
  const pending = claims.filter((x) => x.entry.entry.state !== 'done');
  for (const x of claims.filter((y) => y.entry.entry.state === 'done')) {
    trace.append(ctx, { run_id: p.run_id, lead_id: p.lead_id, type: 'writeback_skipped', data: { proposal_id: p.id, field: x.c.field, key: x.key, why: 'already written' } });
  }
  let stale: { message: string; details: unknown } | null = null;
  if (pending.length) {
    const expected = Object.fromEntries(pending.map((x) => [x.c.field, x.c.old]));
    const set = Object.fromEntries(pending.map((x) => [x.c.field, x.c.new]));
    ctx.db.transaction(() => {
      const r = crm.updateFields(ctx, rec.id, { expected, set });
      if (!r.ok) {
        stale = { message: r.error.message, details: r.error.details ?? null };
        return;
      }
      hooks.duringWrite?.();
      for (const x of pending) crm.journalFinish(ctx, x.key, { state: 'done' });
      trace.append(ctx, {
        run_id: p.run_id,
        lead_id: p.lead_id,
        type: 'writeback',
        data: { proposal_id: p.id, record_id: rec.id, version: r.value.version, fields: pending.map((x) => ({ field: x.c.field, old: x.c.old, new: x.c.new })) },
      });
    })();
  }
  hooks.afterWrite?.();
  if (stale) {
    const s: { message: string; details: unknown } = stale;
    for (const x of pending) crm.journalFinish(ctx, x.key, { state: 'failed', error: s.message });
    const next: ProposalPayload = { changes: payload.changes.map((c) => (pending.some((x) => x.c.field === c.field) ? { ...c, status: 'stale' as const } : c)) };
    const t = proposals.transition(ctx, p.id, { to: 'stale', payload: next, reason: s.message });
    trace.append(ctx, { run_id: p.run_id, lead_id: p.lead_id, type: 'proposal_stale', data: { proposal_id: p.id, message: s.message, details: s.details } });
    if (!t.ok) return t;
    return ok({ proposal: t.value, written: [], stale: true });
  }
  const applied: ProposalPayload = { changes: payload.changes.map((c) => (todo.includes(c) ? { ...c, status: 'applied' as const } : c)) };
  const t = proposals.transition(ctx, p.id, { to: 'applied', payload: applied });
  if (!t.ok) return t;
  return ok({ proposal: t.value, written: pending.map((x) => x.c.field), stale: false });
}

/** Finishes write-backs a crash interrupted (call on start); returns how many proposals it resumed. */
export function resumeWritebacks(ctx: StoreContext, hooks: WritebackHooks = {}): { resumed: string[]; errors: string[] } {
  const resumed: string[] = [];
  const errors: string[] = [];
  for (const status of ['approved', 'edited', 'partially_applied'] as const) {
    for (const p of proposals.list(ctx, { status, limit: 10_000 })) {
      if (p.kind !== 'crm_update') continue;
      const r = writeBack(ctx, p.id, hooks);
      if (r.ok) resumed.push(p.id);
      else errors.push(`${p.id}: ${r.error.message}`);
    }
  }
  return { resumed, errors };
}

/** Puts a stale proposal back in the queue with the CRM's current values as the new "before". */
export function reopenStale(ctx: StoreContext, id: string, reviewer = 'rep'): Result<Proposal> {
  const p = proposals.get(ctx, id);
  if (!p) return err('not_found', `proposal ${id} does not exist`);
  if (p.status !== 'stale' || !('changes' in p.payload)) return err('conflict', `proposal ${id} is ${p.status}, not stale`);
  const rec = crm.getRecordByLead(ctx, p.lead_id);
  const changes = p.payload.changes.map((c) => ({ ...c, old: rec?.fields[c.field] ?? null, status: 'pending' as const }));
  return ctx.db.transaction(() => {
    ctx.db.prepare('DELETE FROM agent_field_verdicts WHERE proposal_id = ?').run(id);
    const t = proposals.transition(ctx, id, { to: 'pending', payload: { changes }, by: reviewer });
    trace.append(ctx, { run_id: p.run_id, lead_id: p.lead_id, type: 'step', data: { name: 'reopen_stale', proposal_id: id, reviewer } });
    return t;
  })();
}
