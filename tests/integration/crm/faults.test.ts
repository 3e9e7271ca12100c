import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WritebackItem } from '../../../src/contract/index.js';
import { syncCrm } from '../../../src/core/crm/sync.js';
import { reconcile, writeBack } from '../../../src/core/crm/writeback.js';
import * as journal from '../../../src/core/crm/journal.js';
import { seedSynthetic } from '../../fixtures/hubspot-server/seed.js';
import { startHubSpotServer, type HubSpotTestServer } from '../../fixtures/hubspot-server/server.js';
import { insertProposal, leadOf, openTestStore, testConnector } from './helpers.js';

let server: HubSpotTestServer;
let store: ReturnType<typeof openTestStore>;

beforeEach(async () => {
  server = await startHubSpotServer();
  store = openTestStore();
  seedSynthetic(server.data, 12, 3);
});
afterEach(async () => {
  await server.close();
  store.close();
});

const contacts = () => [...server.data.objects.contacts.keys()];
const notesOf = (id: string) =>
  server.data.activitiesOf(id, 'notes').filter((n) => n.properties['hs_note_body']?.includes('sales-copilot:'));
const tasksOf = (id: string) => server.data.activitiesOf(id, 'tasks');

async function prepare(n: number, kind: 'update' | 'task' | 'note'): Promise<WritebackItem[]> {
  await syncCrm(store.ctx, testConnector(server));
  return contacts()
    .slice(0, n)
    .map((id, i) => {
      insertProposal(store.ctx, leadOf(store.ctx, id), `p-${kind}-${i}`, kind === 'update' ? 'crm_update' : 'task');
      return kind === 'update'
        ? {
            op: 'update' as const,
            proposal_id: `p-${kind}-${i}`,
            record_id: id,
            changes: [{ field: 'hs_lead_status', before: 'NEW', after: 'IN_PROGRESS' }],
          }
        : {
            op: 'activity' as const,
            proposal_id: `p-${kind}-${i}`,
            record_id: id,
            activity: { kind, title: 'Call back', body: `Follow up ${i}`, at: '2025-01-10T10:00:00Z' },
          };
    });
}

describe('fault injection: nothing lost, nothing written twice', () => {
  it('slow responses past the timeout are retried for reads and the sync completes', async () => {
    server.addFault({ match: /search$/, times: 1, kind: 'delay', ms: 600 });
    const r = await syncCrm(store.ctx, testConnector(server, { timeoutMs: 300 }));
    expect(r.errors).toEqual([]);
    expect(r.records).toBe(12);
  });

  it('dropped connections on reads are retried', async () => {
    server.addFault({ match: /batch\/read$/, times: 2, kind: 'drop' });
    const r = await syncCrm(store.ctx, testConnector(server));
    expect(r.errors).toEqual([]);
    expect(r.leads_created).toBe(12);
  });

  it('a 429 storm is waited out with Retry-After and every update lands once', async () => {
    const items = await prepare(12, 'update');
    server.addFault({ match: /batch\/update$/, times: 3, kind: '429', retryAfterSec: 0.2 });
    const hs = testConnector(server);
    const rep = await writeBack(store.ctx, hs, items);
    expect(rep.outcomes.every((o) => o.state === 'applied')).toBe(true);
    expect(hs.http.stats.rateLimited).toBe(3);
    for (const id of contacts())
      expect(server.data.objects.contacts.get(id)!.properties['hs_lead_status']).toBe('IN_PROGRESS');
    expect(server.stats.limit429).toEqual({ TEN_SECONDLY_ROLLING: 0, SEARCH: 0 });
  });

  it('5xx on a batch update is retried with backoff', async () => {
    const items = await prepare(5, 'update');
    server.addFault({ match: /batch\/update$/, times: 2, kind: 'status', status: 503 });
    const rep = await writeBack(store.ctx, testConnector(server), items);
    expect(rep.outcomes.map((o) => o.state)).toEqual(Array(5).fill('applied'));
  });

  it('a batch that fails in the middle (some applied, then 500) is finished without duplicates', async () => {
    const items = await prepare(10, 'note');
    server.addFault({ match: /notes\/batch\/create$/, times: 1, kind: 'fail_mid_batch', applied: 4 });
    const hs = testConnector(server);
    const first = await writeBack(store.ctx, hs, items, { reconcileGraceMs: 0 });
    expect(first.outcomes.filter((o) => o.state === 'pending')).toHaveLength(10);
    const second = await reconcile(store.ctx, hs, { reconcileGraceMs: 0 });
    expect(second.outcomes.map((o) => o.state)).toEqual(Array(10).fill('applied'));
    for (const id of contacts().slice(0, 10)) expect(notesOf(id)).toHaveLength(1);
    // Retrying the same approvals is a no-op.
    const third = await writeBack(store.ctx, hs, items, { reconcileGraceMs: 0 });
    expect(third.api_calls).toBe(0);
    for (const id of contacts().slice(0, 10)) expect(notesOf(id)).toHaveLength(1);
  });

  it('a connection dropped after the server applied a create is reconciled, not resent', async () => {
    const items = await prepare(3, 'task');
    server.addFault({ match: /tasks\/batch\/create$/, times: 1, kind: 'drop_after_apply' });
    const hs = testConnector(server);
    await writeBack(store.ctx, hs, items, { reconcileGraceMs: 0 });
    expect(journal.listPending(store.ctx)).toHaveLength(3);
    const rep = await reconcile(store.ctx, hs, { reconcileGraceMs: 0 });
    expect(rep.outcomes.map((o) => o.state)).toEqual(['applied', 'applied', 'applied']);
    for (const id of contacts().slice(0, 3)) expect(tasksOf(id)).toHaveLength(1);
    expect(journal.listPending(store.ctx)).toHaveLength(0);
  });

  it('a dropped update is resent safely (setting a value twice is harmless) and not marked stale', async () => {
    const items = await prepare(4, 'update');
    server.addFault({ match: /batch\/update$/, times: 1, kind: 'drop_after_apply' });
    const rep = await writeBack(store.ctx, testConnector(server), items);
    expect(rep.outcomes.map((o) => o.state)).toEqual(Array(4).fill('applied'));
  });

  it('the process killed between request and response leaves no duplicate note or task after restart', async () => {
    const notes = await prepare(4, 'note');
    const tasks = contacts()
      .slice(4, 8)
      .map((id, i) => {
        insertProposal(store.ctx, leadOf(store.ctx, id), `p-crash-task-${i}`, 'task');
        return {
          op: 'activity' as const,
          proposal_id: `p-crash-task-${i}`,
          record_id: id,
          activity: { kind: 'task' as const, title: 'Call', body: `Task ${i}`, at: '2025-01-10T10:00:00Z' },
        };
      });
    server.addFault({ match: /notes\/batch\/create$/, times: 1, kind: 'hang_after_apply' });
    const child = fork(
      fileURLToPath(new URL('./crashChild.ts', import.meta.url)),
      [store.path, server.url, server.token, JSON.stringify([...notes, ...tasks])],
      {
        execArgv: ['--import', 'tsx'],
        stdio: 'ignore',
      },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // The server applied the notes and holds the response: kill the writer now.
    await Promise.race([
      new Promise<void>((resolve) => server.events.once('hung', () => resolve())),
      new Promise((_, rej) => setTimeout(() => rej(new Error('child never reached the server')), 20_000)),
    ]);
    child.kill('SIGKILL');
    await exited;
    for (const id of contacts().slice(0, 4)) expect(notesOf(id)).toHaveLength(1);

    // Restart: same database, a new connector; reconciliation finds the notes by marker and creates the rest.
    const hs = testConnector(server);
    const rep = await reconcile(store.ctx, hs, { reconcileGraceMs: 0 });
    expect(rep.outcomes.filter((o) => o.state !== 'applied')).toEqual([]);
    for (const id of contacts().slice(0, 4)) expect(notesOf(id)).toHaveLength(1);
    for (const id of contacts().slice(4, 8)) expect(tasksOf(id)).toHaveLength(1);
    // Approving the same proposals again writes nothing.
    await writeBack(store.ctx, hs, [...notes, ...tasks], { reconcileGraceMs: 0 });
    for (const id of contacts().slice(0, 4)) expect(notesOf(id)).toHaveLength(1);
    for (const id of contacts().slice(4, 8)) expect(tasksOf(id)).toHaveLength(1);
    expect(server.stats.violations).toEqual([]);
  }, 30_000);
});
