import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncCrm } from '../../../src/core/crm/sync.js';
import { writeBack } from '../../../src/core/crm/writeback.js';
import * as state from '../../../src/core/crm/state.js';
import { checkMapping, DEFAULT_HUBSPOT_MAPPING } from '../../../src/core/crm/mapping.js';
import { seedSynthetic } from '../../fixtures/hubspot-server/seed.js';
import { startHubSpotServer, type HubSpotTestServer } from '../../fixtures/hubspot-server/server.js';
import { insertProposal, leadOf, openTestStore, testConnector } from './helpers.js';

let server: HubSpotTestServer;
let store: ReturnType<typeof openTestStore>;

beforeEach(async () => {
  server = await startHubSpotServer();
  store = openTestStore();
});
afterEach(async () => {
  await server.close();
  store.close();
});

describe('HubSpot connector against the test server', () => {
  it('syncs contacts with company and note text, stores leads, sources and snapshots, and follows up incrementally', async () => {
    seedSynthetic(server.data, 450, 10);
    const hs = testConnector(server);
    const r = await syncCrm(store.ctx, hs, { pageSize: 200 });
    expect(r.errors).toEqual([]);
    expect(r.records).toBe(450);
    expect(r.leads_created).toBe(450);
    expect(r.sources_added).toBe(450);
    const n = (store.ctx.db.prepare("SELECT count(*) AS n FROM leads WHERE source = 'crm'").get() as { n: number }).n;
    expect(n).toBe(450);
    const text = (store.ctx.db.prepare("SELECT text FROM sources WHERE kind = 'crm' LIMIT 1").get() as { text: string })
      .text;
    expect(text).toMatch(/Company: Company \d/);
    expect(text).toMatch(/budget of USD/);
    expect(server.stats.violations).toEqual([]);

    // One contact changes: the next run reads only it.
    const first = [...server.data.objects.contacts.values()][7]!;
    server.data.update('contacts', first.id, { jobtitle: 'Head of Ops' });
    const again = await syncCrm(store.ctx, hs);
    expect(again.records).toBe(1);
    expect(again.leads_updated).toBe(1);
    expect(server.stats.violations).toEqual([]);
  });

  it('narrows the window instead of paging past the 10,000-result cap', async () => {
    await server.close();
    server = await startHubSpotServer({ burstPer10s: 1000, searchPerSec: 50 });
    seedSynthetic(server.data, 10_250, 5);
    // Related objects left aside: this test is about the search window.
    const hs = testConnector(server, {
      limits: { burst: { max: 1000, windowMs: 10_000 }, search: { max: 50, windowMs: 1000 }, headroom: 0.9 },
    });
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const p = await hs.listChanged({ cursor, withRelated: false, pageSize: 2_000 });
      if (!p.ok) throw new Error(p.error.message);
      for (const rec of p.value.records) seen.add(rec.id);
      cursor = p.value.cursor;
      if (p.value.done) break;
    }
    expect(seen.size).toBe(10_250);
    expect(server.stats.limit429).toEqual({ TEN_SECONDLY_ROLLING: 0, SEARCH: 0 });
    expect(server.stats.violations).toEqual([]);
  }, 60_000);

  it('reports partial batch failures per record and lets the rest land; 404 marks the record gone', async () => {
    seedSynthetic(server.data, 5, 1);
    const hs = testConnector(server);
    await syncCrm(store.ctx, hs);
    const ids = [...server.data.objects.contacts.keys()];
    server.data.remove('contacts', ids[1]!);
    const items = ids.map((id, i) => {
      insertProposal(store.ctx, leadOf(store.ctx, id), `p${i}`);
      // p2 asks for an option HubSpot does not have: the whole batch would be refused.
      return {
        op: 'update' as const,
        proposal_id: `p${i}`,
        record_id: id,
        changes: [{ field: 'hs_lead_status', before: 'NEW', after: i === 2 ? 'NOT_AN_OPTION' : 'IN_PROGRESS' }],
      };
    });
    const rep = await writeBack(store.ctx, hs, items);
    const byP = Object.fromEntries(rep.outcomes.map((o) => [o.proposal_id, o.state]));
    expect(byP).toEqual({ p0: 'applied', p1: 'gone', p2: 'rejected', p3: 'applied', p4: 'applied' });
    expect(server.data.objects.contacts.get(ids[3]!)!.properties['hs_lead_status']).toBe('IN_PROGRESS');
    expect(server.data.objects.contacts.get(ids[2]!)!.properties['hs_lead_status']).toBe('NEW');
    expect(state.getSnapshot(store.ctx, 'hubspot', ids[1]!)!.gone_at).not.toBeNull();
    expect(server.stats.violations).toEqual([]);
  });

  it('marks a proposal stale when the CRM value changed since it was made, and writes nothing', async () => {
    seedSynthetic(server.data, 2, 1);
    const hs = testConnector(server);
    await syncCrm(store.ctx, hs);
    const [a] = [...server.data.objects.contacts.keys()];
    server.data.update('contacts', a!, { hs_lead_status: 'CONNECTED' });
    insertProposal(store.ctx, leadOf(store.ctx, a!), 'ps');
    const rep = await writeBack(store.ctx, hs, [
      {
        op: 'update',
        proposal_id: 'ps',
        record_id: a!,
        changes: [{ field: 'hs_lead_status', before: 'NEW', after: 'IN_PROGRESS' }],
      },
    ]);
    expect(rep.outcomes[0]).toMatchObject({
      state: 'stale',
      mismatches: [{ field: 'hs_lead_status', expected: 'NEW', actual: 'CONNECTED' }],
    });
    expect(server.data.objects.contacts.get(a!)!.properties['hs_lead_status']).toBe('CONNECTED');
  });

  it('turns 401 and 403 into a reconnect error and flags the connection', async () => {
    seedSynthetic(server.data, 3, 1);
    state.saveConnection(store.ctx, 'hubspot', server.url);
    const bad = testConnector(server, { token: () => 'pat-wrong' });
    const r = await syncCrm(store.ctx, bad);
    expect(r.errors[0]?.code).toBe('crm_auth');
    expect(r.errors[0]?.message).toMatch(/Reconnect/);
    expect(r.errors[0]?.message).not.toContain('pat-wrong');
    expect(state.activeConnection(store.ctx)?.state).toBe('needs_reconnect');
    server.addFault({ match: /search/, times: 1, kind: 'status', status: 403 });
    const r2 = await syncCrm(store.ctx, testConnector(server));
    expect(r2.errors[0]?.code).toBe('crm_auth');
    expect(r2.errors[0]?.message).toMatch(/missing scopes/);
  });

  it('describes fields and proposes the missing custom properties instead of creating them', async () => {
    const hs = testConnector(server);
    const f = await hs.describeFields();
    if (!f.ok) throw new Error(f.error.message);
    const check = checkMapping(DEFAULT_HUBSPOT_MAPPING, f.value);
    expect(check.create.map((c) => c.name).sort()).toEqual([
      'sales_copilot_budget',
      'sales_copilot_score',
      'sales_copilot_timeline',
    ]);
    expect(check.invalid).toEqual([]);
    expect(server.data.contactProps.has('sales_copilot_score')).toBe(false);
  });
});
