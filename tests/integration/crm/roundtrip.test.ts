import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMapping, DEFAULT_HUBSPOT_MAPPING } from '../../../src/core/crm/mapping.js';
import { writeBackProposals } from '../../../src/core/crm/proposals.js';
import { pipelineQualifier, proposeCrmUpdate } from '../../../src/core/crm/qualify.js';
import { syncCrm } from '../../../src/core/crm/sync.js';
import * as proposals from '../../../src/core/store/proposals.js';
import { seedMaven } from '../../fixtures/hubspot-server/seed.js';
import { startHubSpotServer, type HubSpotTestServer } from '../../fixtures/hubspot-server/server.js';
import { openTestStore, testConnector } from './helpers.js';

const MAVEN = new URL('../../../../shared/data/maven-crm', import.meta.url).pathname;

let server: HubSpotTestServer;
let store: ReturnType<typeof openTestStore>;
beforeAll(async () => {
  server = await startHubSpotServer();
  store = openTestStore();
});
afterAll(async () => {
  await server.close();
  store.close();
});

describe('round trip on the maven-crm data: sync, qualify, approve a mix, write back', () => {
  it('lands exactly the approved values, leaves rejected ones, and marks changed records stale', async () => {
    const seed = seedMaven(server.data, MAVEN, 120);
    const hs = testConnector(server);

    // A person approves creating the custom properties the mapping needs; nothing is created before.
    const fields = await hs.describeFields();
    if (!fields.ok) throw new Error(fields.error.message);
    const check = checkMapping(DEFAULT_HUBSPOT_MAPPING, fields.value);
    expect(check.create.length).toBeGreaterThan(0);
    for (const p of check.create) {
      const r = await hs.api.createProperty('contacts', {
        name: p.name,
        label: p.label,
        type: p.type,
        fieldType: p.field_type,
        groupName: p.group_name,
        options: p.options,
      });
      expect(r.ok).toBe(true);
    }
    const available = new Set([...server.data.contactProps.keys()]);

    const sync = await syncCrm(store.ctx, hs, { qualify: pipelineQualifier });
    expect(sync.errors).toEqual([]);
    expect(sync.records).toBe(120);
    expect(sync.qualified).toBe(120);

    const leadsByRecord = new Map(
      (
        store.ctx.db.prepare("SELECT id, external_id FROM leads WHERE source = 'crm'").all() as Array<{
          id: string;
          external_id: string;
        }>
      ).map((r) => [r.external_id, r.id]),
    );
    const made = [...seed.contacts.keys()]
      .map((rid) => ({ rid, p: proposeCrmUpdate(store.ctx, leadsByRecord.get(rid)!, available) }))
      .filter((x) => x.p !== null);
    expect(made.length).toBeGreaterThan(50);

    const expected = new Map<string, Record<string, string | null>>();
    const approved: string[] = [];
    made.forEach(({ rid, p }, i) => {
      const prop = p!;
      const changes = 'changes' in prop.payload ? prop.payload.changes : [];
      const before = Object.fromEntries(changes.map((c) => [c.field, c.old === null ? null : String(c.old)]));
      if (i % 4 === 1) {
        proposals.transition(store.ctx, prop.id, { to: 'rejected', by: 'rep' });
        expected.set(rid, before);
        return;
      }
      if (i % 4 === 2) {
        // Edited: the rep changes the lead status before approving.
        const edited = changes.map((c) => (c.field === 'hs_lead_status' ? { ...c, new: 'CONNECTED' } : c));
        proposals.transition(store.ctx, prop.id, { to: 'edited', by: 'rep', payload: { changes: edited } });
        expected.set(rid, Object.fromEntries(edited.map((c) => [c.field, c.new === null ? null : String(c.new)])));
      } else if (i % 4 === 3) {
        proposals.transition(store.ctx, prop.id, { to: 'approved', by: 'rep' });
        // Someone edits the contact in HubSpot after the proposal was made: it must go stale.
        const first = changes[0]!;
        const theirs =
          first.field === 'hs_lead_status'
            ? 'ATTEMPTED_TO_CONTACT'
            : first.field === 'lifecyclestage'
              ? 'opportunity'
              : '1';
        server.data.update('contacts', rid, { [first.field]: theirs });
        expected.set(rid, { ...before, [first.field]: theirs });
      } else {
        proposals.transition(store.ctx, prop.id, { to: 'approved', by: 'rep' });
        expected.set(rid, Object.fromEntries(changes.map((c) => [c.field, c.new === null ? null : String(c.new)])));
      }
      approved.push(prop.id);
    });
    // Two follow-up tasks approved as well.
    const taskLeads = [...seed.contacts.keys()].slice(0, 2);
    for (const rid of taskLeads) {
      const t = proposals.create(store.ctx, {
        lead_id: leadsByRecord.get(rid)!,
        kind: 'task',
        payload: {
          draft: { subject: 'Send pricing', body: 'Send the pricing sheet.', due_at: '2025-02-01T09:00:00Z' },
        },
      });
      proposals.transition(store.ctx, t.id, { to: 'approved', by: 'rep' });
      approved.push(t.id);
    }

    const rep = await writeBackProposals(store.ctx, hs, approved, { reconcileGraceMs: 0 });
    expect(rep.skipped).toEqual([]);
    expect(rep.outcomes.filter((o) => o.state === 'pending' || o.state === 'failed' || o.state === 'rejected')).toEqual(
      [],
    );

    // The server's final state, field by field.
    for (const [rid, fieldsWanted] of expected) {
      const props = server.data.objects.contacts.get(rid)!.properties;
      const cat = made.findIndex((m) => m.rid === rid) % 4;
      for (const [f, v] of Object.entries(fieldsWanted))
        expect({ rid, cat, f, v: props[f] ?? null }).toEqual({ rid, cat, f, v });
    }
    for (const { p } of made) {
      const now = proposals.get(store.ctx, p!.id)!;
      const i = made.findIndex((m) => m.p!.id === p!.id);
      expect(now.status).toBe(i % 4 === 1 ? 'rejected' : i % 4 === 3 ? 'stale' : 'applied');
    }
    for (const rid of taskLeads) expect(server.data.activitiesOf(rid, 'tasks')).toHaveLength(1);
    expect(server.stats.violations).toEqual([]);

    // Approving again is a no-op at the CRM.
    const again = await writeBackProposals(store.ctx, hs, approved, { reconcileGraceMs: 0 });
    expect(again.api_calls).toBe(0);
  }, 60_000);
});
