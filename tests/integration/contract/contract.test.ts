import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, METHOD_NAMES, type ApiClient } from '../../../src/contract/api/index.js';
import { startBridge, type Bridge } from '../../../src/bridge/server.js';
import { createCore, type Core } from '../../../src/core/createCore.js';
import { SAMPLE_INBOX } from '../../../src/core/demo/sampleInbox.js';
import * as crmStore from '../../../src/core/store/crm.js';
import * as proposalsStore from '../../../src/core/store/proposals.js';
import { httpClient } from '../../../src/transport/http.js';
import { inProcessClient } from '../../../src/transport/inProcess.js';

interface Host {
  client: ApiClient;
  core: Core;
  close(): Promise<void>;
}

const hosts: Record<string, (dbPath: string) => Promise<Host>> = {
  'in-process': async (dbPath) => {
    const core = createCore({ dbPath, clock: () => new Date('2026-11-20T10:00:00Z') });
    return { client: inProcessClient(core), core, close: async () => core.close() };
  },
  http: async (dbPath) => {
    const core = createCore({ dbPath, clock: () => new Date('2026-11-20T10:00:00Z') });
    const bridge: Bridge = await startBridge({ core });
    return {
      client: httpClient({ baseUrl: bridge.url, token: bridge.token }),
      core,
      close: async () => {
        await bridge.close();
        core.close();
      },
    };
  },
};

async function data<T>(
  p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

// One suite, every transport: what a client sees must not depend on how it is connected.
for (const [name, open] of Object.entries(hosts)) {
  describe(`contract over ${name}`, () => {
    let dir: string;
    let host: Host;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `sc-contract-${name}-`));
      host = await open(join(dir, 'db.sqlite'));
    });
    afterAll(async () => {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('rejects bad input with invalid_input naming the field', async () => {
      const r = await host.client.call('leads.list', { limit: 5000 } as never);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toContain('limit');
      }
    });

    it('answers an unknown method with not_found', async () => {
      const r = await host.client.call('nope.nothing' as never, {} as never);
      expect(r.ok ? null : r.error.code).toBe('not_found');
    });

    it('qualifies a pasted lead and lists it with its class', async () => {
      const q = await data(
        host.client.call('leads.qualify', { text: SAMPLE_INBOX[0]!.text, received_at: '2026-11-02' }),
      );
      expect(q.classification.class).toBe('qualified');
      const list = await data(host.client.call('leads.list', { search: 'Okafor' }));
      expect(list.total).toBe(1);
      expect(list.items[0]?.latest_class).toBe('qualified');
      const detail = await data(host.client.call('leads.get', { id: q.lead.id }));
      const budget = detail.facts.find((f) => f.name === 'budget');
      expect(budget?.evidence[0]?.quote).toContain('45,000');
      const src = detail.sources[0]!;
      expect(src.text.slice(budget!.evidence[0]!.start, budget!.evidence[0]!.end)).toBe(budget!.evidence[0]!.quote);
    });

    it('refuses a correction whose value does not fit the fact', async () => {
      const q = await data(host.client.call('leads.list', { search: 'Okafor' }));
      const r = await host.client.call('leads.correctFact', {
        lead_id: q.items[0]!.id,
        name: 'company_size',
        value: 'lots',
      });
      expect(r.ok ? null : r.error.code).toBe('invalid_input');
      const ok = await data(
        host.client.call('leads.correctFact', { lead_id: q.items[0]!.id, name: 'company_size', value: 5 }),
      );
      expect(ok.facts.find((f) => f.name === 'company_size')?.source).toBe('rep');
      expect(ok.decision?.class).toBe('disqualified');
      const trace = await data(host.client.call('leads.trace', { id: q.items[0]!.id }));
      expect(trace.map((e) => e.type)).toContain('fact_corrected');
      // The correction is kept as an evaluation case, and the lead's messages are on its timeline.
      expect(trace.map((e) => e.type)).toContain('correction_case_saved');
      expect(trace[0]?.type).toBe('message');
    });

    it('imports a CSV: good rows in, bad rows reported by line', async () => {
      const csv = 'Name,Email,Company\nAda,ada@x.io,X\nBad,not-an-email,Y\nGrace,grace@y.io,Y\n';
      const preview = await data(host.client.call('imports.preview', { text: csv, file_name: 'a.csv' }));
      expect(preview.dry_run).toBe(true);
      expect(preview.invalid.map((i) => i.row)).toEqual([3]);
      const r = await data(host.client.call('imports.run', { text: csv, file_name: 'a.csv' }));
      expect(r.imported).toBe(2);
      expect(r.invalid[0]?.reason).toContain('not-an-email');
    });

    it('reviews a proposal field by field; only approved and edited values reach the local CRM', async () => {
      const list = await data(host.client.call('leads.list', { search: 'Okafor' }));
      const leadId = list.items[0]!.id;
      const ctx = host.core.context.store;
      crmStore.createRecord(ctx, { lead_id: leadId, fields: { stage: 'lead', budget: null, size: 400 } });
      const p = proposalsStore.create(ctx, {
        lead_id: leadId,
        kind: 'crm_update',
        payload: {
          changes: [
            { field: 'stage', old: 'lead', new: 'sql', reason: 'qualified', evidence: [] },
            { field: 'budget', old: null, new: 45000, reason: 'stated', evidence: [] },
            { field: 'size', old: 400, new: 420, reason: 'stated', evidence: [] },
          ],
        },
      });
      const queue = await data(host.client.call('proposals.list', {}));
      expect(queue.map((q) => q.id)).toContain(p.id);
      await data(host.client.call('proposals.review', { id: p.id, verdicts: [{ field: 'stage', action: 'approve' }] }));
      const mid = await data(host.client.call('proposals.list', { lead_id: leadId, status: 'all' }));
      expect(mid.find((x) => x.id === p.id)?.changes.find((c) => c.field === 'stage')?.status).toBe('approved');
      await data(
        host.client.call('proposals.review', {
          id: p.id,
          verdicts: [{ field: 'budget', action: 'edit', value: 40000 }],
        }),
      );
      const last = await data(
        host.client.call('proposals.review', { id: p.id, verdicts: [{ field: 'size', action: 'reject' }] }),
      );
      expect(last.written.sort()).toEqual(['budget', 'stage']);
      const rec = await data(host.client.call('crm.record', { lead_id: leadId }));
      expect(rec?.fields).toEqual({ stage: 'sql', budget: 40000, size: 400 });
    });

    it('what-if counts changes before publishing; publish re-classifies and is audited', async () => {
      // A lead of its own (earlier tests correct the sample leads): USD 60,000 a year is qualified
      // today and nurture under a USD 100,000 floor.
      const text =
        'Hi, I am the CTO of Quillfin, a fintech with 300 employees. We need funnels and retention, have USD 60,000 a year approved, and I decide. We want to be live within 3 months.';
      await data(host.client.call('leads.qualify', { text, channel: 'email', received_at: '2026-11-02' }));
      const active = await data(host.client.call('rules.active', {}));
      const body = structuredClone(active.body);
      const rule = body.rules.find((r) => r.id === 'budget_min')!;
      rule.value = 100000;
      const w = await data(host.client.call('rules.whatIf', { body }));
      expect(w.changed).toBeGreaterThanOrEqual(1);
      const bad = await data(host.client.call('rules.validate', { body: { ...body, class_order: ['qualified'] } }));
      expect(bad.valid).toBe(false);
      expect(bad.issues.some((i) => i.path === 'class_order')).toBe(true);
      const draft = await data(host.client.call('rules.saveDraft', { body, note: 'raise floor' }));
      const pub = await data(host.client.call('rules.publish', { version: draft.version }));
      expect(pub.changed).toBe(w.changed);
      const diff = await data(host.client.call('rules.diff', { from: active.version!, to: draft.version }));
      expect(diff.some((l) => l.op === 'add' && l.text.includes('100000'))).toBe(true);
      const back = await data(host.client.call('rules.rollback', { version: active.version! }));
      expect(back.version.status).toBe('published');
    });

    it('hands off an escalated lead and keeps the context', async () => {
      const raj = SAMPLE_INBOX.find((s) => s.text.includes('Raj Patel'))!;
      const q = await data(host.client.call('leads.qualify', { text: raj.text }));
      expect(q.escalation.escalate).toBe(true);
      const d = await data(host.client.call('leads.handOff', { id: q.lead.id, to: 'Dana' }));
      expect(d.handoff?.to).toBe('Dana');
      expect(d.lead.status).toBe('handed_off');
    });

    it('runs bulk qualify as a task with progress events', async () => {
      const events: string[] = [];
      const off = host.client.on('progress', (p) => events.push(p.state));
      const t = await data(host.client.call('leads.bulkQualify', {}));
      expect(t.total).toBeGreaterThan(0);
      for (let i = 0; i < 100; i++) {
        const tasks = await data(host.client.call('tasks.list', {}));
        if (tasks.find((x) => x.task_id === t.task_id)?.state === 'done') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const tasks = await data(host.client.call('tasks.list', {}));
      expect(tasks.find((x) => x.task_id === t.task_id)?.state).toBe('done');
      off();
      // In-process delivers events synchronously; over HTTP they need an EventSource (none in Node 20).
      if (name === 'in-process') expect(events).toContain('done');
    });

    it('serves metrics, settings, the brief and app info', async () => {
      const m = await data(host.client.call('metrics.get', { days: 7 }));
      expect(m.buckets).toHaveLength(7);
      expect(m.totals.qualified_leads).toBeGreaterThan(0);
      expect(m.totals.approvals + m.totals.edits).toBeGreaterThan(0);
      const s = await data(
        host.client.call('settings.update', {
          provider: { kind: 'openai_compatible', base_url: 'http://127.0.0.1:9/v1', model: 'm' },
          api_key: 'sk-test',
        }),
      );
      expect(s.provider.has_key).toBe(true);
      expect(JSON.stringify(s)).not.toContain('sk-test');
      const t = await data(host.client.call('settings.testConnection', {}));
      expect(t.ok).toBe(false);
      const list = await data(host.client.call('leads.list', { search: 'Okafor' }));
      const b = await data(host.client.call('knowledge.brief', { lead_id: list.items[0]!.id }));
      expect(b.lead_id).toBe(list.items[0]!.id);
      const csv = await data(host.client.call('settings.export', {}));
      expect(csv.csv.split('\n')[0]).toContain('class');
      const info = await data(host.client.call('app.info', {}));
      expect(info.lead_count).toBeGreaterThan(0);
    });

    it('has a handler for every method of the contract', () => {
      expect(Object.keys(host.core.handlers).sort()).toEqual([...METHOD_NAMES].sort());
      expect(METHOD_NAMES.length).toBe(Object.keys(API).length);
    });
  });
}
