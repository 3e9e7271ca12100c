import type { z } from 'zod';
import {
  WritebackItemSchema,
  WritebackOutcomeSchema,
  type AppError,
  type CrmValue,
  type WritebackItem,
  type WritebackOutcome,
  type WritebackReport,
} from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import * as trace from '../store/trace.js';
import type { CrmConnector, CurrentValues } from './connector.js';
import { failureDetails } from './hubspot/http.js';
import * as journal from './journal.js';
import * as state from './state.js';

export interface WritebackOptions {
  /**
   * A row sent this long ago without an answer is looked up by marker before it is sent again.
   * Younger rows wait: the first request may still be running at the CRM.
   */
  reconcileGraceMs?: number;
  /** Called once per finished proposal action (mark the proposal applied / stale / failed). */
  onOutcome?: (ctx: StoreContext, outcome: WritebackOutcome) => void;
}

const eq = (a: CrmValue | undefined, b: CrmValue | undefined) =>
  (a ?? null) === (b ?? null) || ((a ?? '') === '' && (b ?? '') === '');

const keyOf = (item: ReturnType<typeof WritebackItemSchema.parse>) =>
  `${item.proposal_id}:${item.op === 'update' ? 'update' : item.activity.kind}`;

/**
 * Writes approved proposals to the CRM exactly once. Each action gets a journal row before any
 * call; field updates are checked against the CRM's current values first (a mismatch makes the
 * proposal stale and writes nothing); activities carry a marker so that after a crash or an
 * unanswered request the journal is reconciled by looking the marker up instead of resending.
 * Rows left pending by an earlier run are resolved first.
 */
export async function writeBack(
  ctx: StoreContext,
  connector: CrmConnector,
  items: readonly WritebackItem[],
  opts: WritebackOptions = {},
): Promise<WritebackReport> {
  const calls0 = connector.callCount();
  const outcomes = new Map<string, WritebackOutcome>();
  const pendingBefore = new Set(journal.pending(ctx, connector.kind).map((r) => r.journal_id));

  for (const raw of items) {
    const item = WritebackItemSchema.parse(raw);
    const key = keyOf(item);
    const existing = journal.byKey(ctx, key);
    if (existing) {
      // Same approval seen before: report what happened instead of acting twice.
      if (existing.state !== 'pending' && existing.outcome) outcomes.set(existing.journal_id, existing.outcome);
      continue;
    }
    if (item.op === 'update') {
      journal.open(ctx, {
        proposal_id: item.proposal_id,
        key,
        kind: connector.kind,
        record_id: item.record_id,
        op: 'update',
        field: item.changes.map((c) => c.field).join(','),
        payload: { op: 'update', changes: item.changes },
        marker: null,
      });
    } else {
      const marker = journal.markerFor(key);
      journal.open(ctx, {
        proposal_id: item.proposal_id,
        key,
        kind: connector.kind,
        record_id: item.record_id,
        op: item.activity.kind,
        field: `@${item.activity.kind}`,
        payload: { op: 'activity', activity: { ...item.activity, record_id: item.record_id, marker } },
        marker,
      });
    }
  }

  const rows = journal.pending(ctx, connector.kind);
  await processUpdates(
    ctx,
    connector,
    rows.filter((r) => r.payload.op === 'update'),
    outcomes,
    opts,
  );
  await processActivities(
    ctx,
    connector,
    rows.filter((r) => r.payload.op === 'activity'),
    outcomes,
    opts,
  );

  for (const r of journal.pending(ctx, connector.kind)) {
    outcomes.set(
      r.journal_id,
      WritebackOutcomeSchema.parse({
        proposal_id: r.proposal_id,
        record_id: r.record_id,
        state: 'pending',
        error: r.last_error ? { code: 'crm_error', message: r.last_error } : null,
      }),
    );
  }
  const list = [...outcomes.values()];
  const reconciled = [...outcomes.keys()].filter((id) => pendingBefore.has(id)).length;
  trace.append(ctx, {
    type: 'crm.writeback',
    data: {
      crm: connector.kind,
      outcomes: list.map((o) => ({ proposal_id: o.proposal_id, state: o.state })),
      api_calls: connector.callCount() - calls0,
      reconciled,
    },
  });
  return { outcomes: list, api_calls: connector.callCount() - calls0, reconciled };
}

/** Resolves rows an earlier run left pending (crash, timeout), without new items. */
export function reconcile(
  ctx: StoreContext,
  connector: CrmConnector,
  opts: WritebackOptions = {},
): Promise<WritebackReport> {
  return writeBack(ctx, connector, [], opts);
}

function finish(
  ctx: StoreContext,
  connector: CrmConnector,
  row: journal.JournalRow,
  o: Omit<z.input<typeof WritebackOutcomeSchema>, 'proposal_id' | 'record_id'>,
  out: Map<string, WritebackOutcome>,
  opts: WritebackOptions,
) {
  const outcome = WritebackOutcomeSchema.parse({ proposal_id: row.proposal_id, record_id: row.record_id, ...o });
  journal.close(ctx, row.journal_id, outcome);
  if (outcome.state === 'gone') state.markGone(ctx, connector.kind, row.record_id);
  out.set(row.journal_id, outcome);
  opts.onOutcome?.(ctx, outcome);
}

/** A failure that leaves rows pending; auth failures also flag the connection. */
function leavePending(ctx: StoreContext, connector: CrmConnector, rows: readonly journal.JournalRow[], e: AppError) {
  for (const r of rows) journal.noteError(ctx, r.journal_id, e.message);
  if (e.code === 'crm_auth') state.markNeedsReconnect(ctx, connector.kind, e.message);
}

async function processUpdates(
  ctx: StoreContext,
  connector: CrmConnector,
  rows: journal.JournalRow[],
  out: Map<string, WritebackOutcome>,
  opts: WritebackOptions,
) {
  if (rows.length === 0) return;
  const fields = [
    ...new Set(rows.flatMap((r) => (r.payload.op === 'update' ? r.payload.changes.map((c) => c.field) : []))),
  ];
  // A record is as its snapshot says unless the CRM modified it after the snapshot, or after the
  // watermark of the last completed sync (which re-read every record changed before it).
  const watermark = state.syncState(ctx, connector.kind)?.watermark ?? null;
  const since = new Map<string, string>();
  for (const r of rows) {
    const snap = state.getSnapshot(ctx, connector.kind, r.record_id);
    if (snap)
      since.set(r.record_id, watermark && watermark > snap.remote_updated_at ? watermark : snap.remote_updated_at);
  }
  const current = await connector.readCurrent(
    rows.map((r) => r.record_id),
    fields,
    since,
  );
  if (!current.ok) return leavePending(ctx, connector, rows, current.error);
  const byId = new Map<string, CurrentValues>(current.value.map((c) => [c.record_id, c]));

  const toSend: Array<{ row: journal.JournalRow; properties: Record<string, CrmValue> }> = [];
  for (const row of rows) {
    if (row.payload.op !== 'update') continue;
    const cur = byId.get(row.record_id);
    if (!cur || cur.state === 'gone') {
      finish(
        ctx,
        connector,
        row,
        { state: 'gone', error: { code: 'not_found', message: `CRM record ${row.record_id} no longer exists.` } },
        out,
        opts,
      );
      continue;
    }
    const values: Record<string, CrmValue> =
      cur.state === 'values' ? cur.values : (state.getSnapshot(ctx, connector.kind, row.record_id)?.properties ?? {});
    const mismatches = [];
    const properties: Record<string, CrmValue> = {};
    for (const c of row.payload.changes) {
      const actual = values[c.field] ?? null;
      // Already the new value: an earlier attempt (or a person) applied it; nothing to send.
      if (eq(actual, c.after)) continue;
      if (!eq(actual, c.before)) mismatches.push({ field: c.field, expected: c.before, actual });
      else properties[c.field] = c.after;
    }
    if (mismatches.length > 0) {
      finish(
        ctx,
        connector,
        row,
        {
          state: 'stale',
          mismatches,
          error: {
            code: 'stale',
            message: `The CRM changed ${mismatches.map((m) => m.field).join(', ')} since the proposal was made; review it again.`,
          },
        },
        out,
        opts,
      );
    } else if (Object.keys(properties).length === 0) {
      finish(ctx, connector, row, { state: 'applied' }, out, opts);
    } else toSend.push({ row, properties });
  }
  if (toSend.length === 0) return;

  journal.markSent(
    ctx,
    toSend.map((t) => t.row.journal_id),
  );
  const res = await connector.applyUpdates(
    toSend.map((t) => ({ record_id: t.row.record_id, properties: t.properties })),
  );
  if (!res.ok)
    return leavePending(
      ctx,
      connector,
      toSend.map((t) => t.row),
      res.error,
    );
  // One record may carry several proposals' changes; outcomes are per record, in input order.
  res.value.forEach((o, i) => {
    const t = toSend[i];
    if (!t) return;
    if (o.ok) {
      state.patchSnapshot(ctx, connector.kind, t.row.record_id, t.properties);
      finish(ctx, connector, t.row, { state: 'applied' }, out, opts);
    } else if (o.reason === 'failed') journal.noteError(ctx, t.row.journal_id, o.error.message);
    else finish(ctx, connector, t.row, { state: o.reason, error: o.error }, out, opts);
  });
}

async function processActivities(
  ctx: StoreContext,
  connector: CrmConnector,
  rows: journal.JournalRow[],
  out: Map<string, WritebackOutcome>,
  opts: WritebackOptions,
) {
  if (rows.length === 0) return;
  const grace = opts.reconcileGraceMs ?? 60_000;
  const now = ctx.clock().getTime();
  const unsent = rows.filter((r) => r.sent_at === null);
  const sent = rows.filter((r) => r.sent_at !== null);
  const ripe = sent.filter((r) => now - Date.parse(r.sent_at ?? '') >= grace);
  const toCreate = [...unsent];

  if (ripe.length > 0) {
    const found = await connector.findActivities(
      ripe.map((r) => r.record_id),
      ripe.map((r) => r.marker ?? ''),
    );
    if (!found.ok) leavePending(ctx, connector, ripe, found.error);
    else {
      for (const r of ripe) {
        const remote = r.marker ? found.value.get(r.marker) : undefined;
        // The earlier request did land: record it instead of creating a second one.
        if (remote) finish(ctx, connector, r, { state: 'applied', remote_id: remote }, out, opts);
        else toCreate.push(r);
      }
    }
  }
  if (toCreate.length === 0) return;

  journal.markSent(
    ctx,
    toCreate.map((r) => r.journal_id),
  );
  const res = await connector.createActivities(
    toCreate.map((r) => (r.payload.op === 'activity' ? r.payload.activity : null)).filter((a) => a !== null),
  );
  if (!res.ok) return leavePending(ctx, connector, toCreate, res.error);
  const byMarker = new Map(res.value.map((o) => [o.marker, o]));
  for (const r of toCreate) {
    const o = r.marker ? byMarker.get(r.marker) : undefined;
    if (o?.ok) finish(ctx, connector, r, { state: 'applied', remote_id: o.remote_id }, out, opts);
    else if (o && o.reason !== 'failed') finish(ctx, connector, r, { state: o.reason, error: o.error }, out, opts);
    else {
      // Unknown fate (timeout, reset, 5xx): stays pending until a later run looks the marker up.
      const e = o?.error;
      journal.noteError(
        ctx,
        r.journal_id,
        e
          ? `${e.message}${failureDetails(e)?.uncertain ? ' (may have been applied; will be reconciled)' : ''}`
          : 'no answer',
      );
      if (e?.code === 'crm_auth') state.markNeedsReconnect(ctx, connector.kind, e.message);
    }
  }
}
