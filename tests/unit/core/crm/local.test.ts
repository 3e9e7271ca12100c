import { afterEach, describe, expect, it } from 'vitest';
import { LocalCrmConnector } from '../../../../src/core/crm/local.js';
import { syncCrm } from '../../../../src/core/crm/sync.js';
import { writeBack } from '../../../../src/core/crm/writeback.js';
import { insertProposal, leadOf, openTestStore } from '../../../integration/crm/helpers.js';

let store: ReturnType<typeof openTestStore>;
afterEach(() => store.close());

describe('local CRM connector (the embedded default)', () => {
  it('implements the same interface: sync, stale check, idempotent activities', async () => {
    store = openTestStore();
    const local = new LocalCrmConnector(store.ctx);
    const a = local.ensureRecord(null, { email: 'ann@acme.test', firstname: 'Ann', hs_lead_status: 'NEW' });
    const b = local.ensureRecord(null, { email: 'bob@acme.test', firstname: 'Bob', hs_lead_status: 'NEW' });
    const r = await syncCrm(store.ctx, local);
    expect(r.records).toBe(2);
    insertProposal(store.ctx, leadOf(store.ctx, a), 'pa');
    insertProposal(store.ctx, leadOf(store.ctx, b), 'pb', 'task');
    await local.applyUpdates([{ record_id: b, properties: { hs_lead_status: 'CONNECTED' } }]);
    const items = [
      {
        op: 'update' as const,
        proposal_id: 'pa',
        record_id: a,
        changes: [{ field: 'hs_lead_status', before: 'NEW', after: 'IN_PROGRESS' }],
      },
      {
        op: 'activity' as const,
        proposal_id: 'pb',
        record_id: b,
        activity: { kind: 'task' as const, title: 'Call', body: 'Call Bob', at: '2025-01-01T00:00:00Z' },
      },
    ];
    const rep = await writeBack(store.ctx, local, items);
    expect(rep.outcomes.map((o) => o.state).sort()).toEqual(['applied', 'applied']);
    await writeBack(store.ctx, local, items);
    expect((store.ctx.db.prepare('SELECT count(*) AS n FROM crm_activities').get() as { n: number }).n).toBe(1);
    const cur = await local.readCurrent([a, 'missing'], ['hs_lead_status']);
    expect(cur.ok && cur.value).toEqual([
      { record_id: a, state: 'values', values: { hs_lead_status: 'IN_PROGRESS' } },
      { record_id: 'missing', state: 'gone' },
    ]);
  });
});
