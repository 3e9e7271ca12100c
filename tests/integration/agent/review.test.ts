import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/loop.js';
import { computeMetrics } from '../../../src/core/agent/metrics.js';
import { correctFact } from '../../../src/core/agent/corrections.js';
import { fieldsOf, reopenStale, resumeWritebacks, reviewProposal, writeBack } from '../../../src/core/agent/review.js';
import type { StoreContext } from '../../../src/core/store/context.js';
import * as crm from '../../../src/core/store/crm.js';
import * as factsRepo from '../../../src/core/store/facts.js';
import * as proposals from '../../../src/core/store/proposals.js';
import * as trace from '../../../src/core/store/trace.js';
import { addLead, crmWrites, openTempStore, QUALIFIED_TEXT, reopenStore, RULES } from './harness.js';

let store: ReturnType<typeof openTempStore>;
let ctx: StoreContext;
beforeEach(() => {
  store = openTempStore();
  ctx = store.ctx;
});
afterEach(() => store.dispose());

/** Runs the embedded loop on a qualified lead and returns its CRM-update proposal. */
async function crmProposal() {
  const { leadId, sourceId } = addLead(ctx, QUALIFIED_TEXT);
  const r = await runAgent({ store: ctx, rules: RULES }, { leadId, sourceId, text: QUALIFIED_TEXT, receivedAt: '2026-03-02' });
  const p = r.outcome.proposals.map((id) => proposals.get(ctx, id)!).find((x) => x.kind === 'crm_update')!;
  expect(p).toBeTruthy();
  return { leadId, p };
}

const approveAll = (id: string) => fieldsOf(proposals.get(ctx, id)!).map((field) => ({ field, action: 'approve' as const }));
const types = (leadId: string) => trace.list(ctx, { lead_id: leadId }).map((e) => e.type);

describe('proposals: approval, edit, rejection, stale, crash-restart', () => {
  it('approval writes every field once and traces it', async () => {
    const { leadId, p } = await crmProposal();
    expect(crmWrites(ctx)).toBe(0);
    const r = reviewProposal(ctx, { id: p.id, verdicts: approveAll(p.id), reviewer: 'ana' });
    expect(r.ok && r.value.written.sort()).toEqual(fieldsOf(p).sort());
    expect(crmWrites(ctx)).toBe(1);
    expect(crm.getRecordByLead(ctx, leadId)!.fields['qualification_class']).toBe('qualified');
    expect(proposals.get(ctx, p.id)!.status).toBe('applied');
    expect(types(leadId).filter((t) => t === 'proposal_approved')).toHaveLength(fieldsOf(p).length);
    expect(types(leadId).filter((t) => t === 'writeback')).toHaveLength(1);
    // A retry of the same write-back is a no-op.
    expect(writeBack(ctx, p.id).ok).toBe(true);
    expect(crmWrites(ctx)).toBe(1);
  });

  it('field-by-field: nothing is written until every field has a verdict; edit and reject are honoured', async () => {
    const { leadId, p } = await crmProposal();
    const [first, second, ...rest] = fieldsOf(p);
    let r = reviewProposal(ctx, { id: p.id, verdicts: [{ field: first!, action: 'edit', value: 'edited by rep' }] });
    expect(r.ok && r.value.written).toEqual([]);
    expect(crmWrites(ctx)).toBe(0);
    r = reviewProposal(ctx, { id: p.id, verdicts: [{ field: second!, action: 'reject', reason: 'wrong' }, ...rest.map((f) => ({ field: f, action: 'approve' as const }))] });
    expect(r.ok).toBe(true);
    const rec = crm.getRecordByLead(ctx, leadId)!;
    expect(rec.fields[first!]).toBe('edited by rep');
    expect(rec.fields[second!] ?? null).toBeNull();
    expect(proposals.get(ctx, p.id)!.status).toBe('applied');
    const ev = trace.list(ctx, { lead_id: leadId });
    expect(ev.find((e) => e.type === 'proposal_edited')!.data['value']).toBe('edited by rep');
    expect(ev.find((e) => e.type === 'proposal_rejected')!.data['reason']).toBe('wrong');
    // A second verdict on a decided field is refused.
    const again = reviewProposal(ctx, { id: p.id, verdicts: [{ field: first!, action: 'approve' }] });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('rejection of every field writes nothing', async () => {
    const { leadId, p } = await crmProposal();
    const r = reviewProposal(ctx, { id: p.id, verdicts: fieldsOf(p).map((field) => ({ field, action: 'reject' as const, reason: 'not now' })) });
    expect(r.ok && r.value.proposal.status).toBe('rejected');
    expect(crmWrites(ctx)).toBe(0);
    expect(types(leadId)).not.toContain('writeback');
  });

  it('stale: the CRM changed since the proposal; nothing is written and it goes back for review', async () => {
    const { leadId, p } = await crmProposal();
    const rec = crm.getRecordByLead(ctx, leadId) ?? crm.createRecord(ctx, { lead_id: leadId, fields: {} });
    crm.updateFields(ctx, rec.id, { expected: {}, set: { budget: 'USD 5,000 / year' } });
    const r = reviewProposal(ctx, { id: p.id, verdicts: approveAll(p.id) });
    expect(r.ok && r.value.stale).toBe(true);
    expect(proposals.get(ctx, p.id)!.status).toBe('stale');
    expect(crm.getRecordByLead(ctx, leadId)!.fields['budget']).toBe('USD 5,000 / year');
    expect(types(leadId)).toContain('proposal_stale');
    const reopened = reopenStale(ctx, p.id);
    expect(reopened.ok && reopened.value.status).toBe('pending');
    const budget = reopened.ok ? ('changes' in reopened.value.payload ? reopened.value.payload.changes.find((c) => c.field === 'budget') : null) : null;
    expect(budget?.old).toBe('USD 5,000 / year');
    const again = reviewProposal(ctx, { id: p.id, verdicts: approveAll(p.id) });
    expect(again.ok && again.value.stale).toBe(false);
    expect(crm.getRecordByLead(ctx, leadId)!.fields['budget']).toBe('USD 40,000 / year');
    expect(computeMetrics(ctx).total.stale_proposals).toBe(1);
  });

  it('drafts (task) are approved or edited without a CRM write', async () => {
    const { leadId } = addLead(ctx, QUALIFIED_TEXT);
    const r = await runAgent({ store: ctx, rules: RULES }, { leadId, text: QUALIFIED_TEXT, receivedAt: '2026-03-02' });
    const task = r.outcome.proposals.map((id) => proposals.get(ctx, id)!).find((p) => p.kind === 'task')!;
    const out = reviewProposal(ctx, { id: task.id, verdicts: fieldsOf(task).map((field) => (field === 'body' ? { field, action: 'edit' as const, value: 'Call Dana on Tuesday' } : { field, action: 'approve' as const })) });
    expect(out.ok && out.value.proposal.status).toBe('edited');
    expect(out.ok && 'draft' in out.value.proposal.payload && out.value.proposal.payload.draft.body).toBe('Call Dana on Tuesday');
    expect(crmWrites(ctx)).toBe(0);
  });

  it("a rep's fact correction is kept and supersedes the extractor's", async () => {
    const { leadId } = addLead(ctx, QUALIFIED_TEXT);
    await runAgent({ store: ctx, rules: RULES }, { leadId, text: QUALIFIED_TEXT, receivedAt: '2026-03-02' });
    const r = correctFact(ctx, { lead_id: leadId, name: 'company_size', value: 450, author: 'ana', note: 'LinkedIn says 450' });
    expect(r.ok).toBe(true);
    expect(factsRepo.current(ctx, leadId)['company_size']!.source).toBe('rep');
    expect(types(leadId)).toContain('fact_corrected');
  });

  for (const point of ['afterJournal', 'duringWrite', 'afterWrite'] as const) {
    it(`crash ${point} in a child process, then restart: exactly one write`, { timeout: 30_000 }, async () => {
      const { leadId, p } = await crmProposal();
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/integration/agent/writebackChild.ts', store.path, p.id, point], { timeout: 20_000, encoding: 'utf8' });
      expect(child.signal).toBe('SIGKILL');
      const after = reopenStore(store.path);
      try {
        const expectedBefore = point === 'afterWrite' ? 1 : 0;
        expect(crmWrites(after)).toBe(expectedBefore);
        const res = resumeWritebacks(after);
        expect(res.errors).toEqual([]);
        expect(res.resumed).toContain(p.id);
        expect(crmWrites(after)).toBe(1);
        expect(proposals.get(after, p.id)!.status).toBe('applied');
        // A second restart changes nothing.
        resumeWritebacks(after);
        expect(crmWrites(after)).toBe(1);
        expect(trace.list(after, { lead_id: leadId, type: 'writeback' })).toHaveLength(1);
        expect(crm.journalPending(after)).toEqual([]);
      } finally {
        after.db.close();
      }
    });
  }

  it('metrics from the trace: approvals, edits, rejections, writebacks, per day and total', async () => {
    const a = await crmProposal();
    reviewProposal(ctx, { id: a.p.id, verdicts: approveAll(a.p.id) });
    const m = computeMetrics(ctx);
    expect(m.total.runs).toBe(1);
    expect(m.total.field_approvals).toBe(fieldsOf(a.p).length);
    expect(m.total.writebacks).toBe(1);
    expect(m.total.approval_rate).toBe(1);
    expect(m.days).toHaveLength(1);
    expect(m.days[0]!.successful_tool_calls).toBe(m.total.successful_tool_calls);
  });
});
