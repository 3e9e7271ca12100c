import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../../../../src/contract/decision.js';
import type { Ruleset } from '../../../../src/contract/ruleset.js';
import * as companies from '../../../../src/core/store/companies.js';
import * as crm from '../../../../src/core/store/crm.js';
import * as decisions from '../../../../src/core/store/decisions.js';
import * as facts from '../../../../src/core/store/facts.js';
import * as imports from '../../../../src/core/store/imports.js';
import * as leads from '../../../../src/core/store/leads.js';
import * as proposals from '../../../../src/core/store/proposals.js';
import * as rulesets from '../../../../src/core/store/rulesets.js';
import * as runs from '../../../../src/core/store/runs.js';
import * as sources from '../../../../src/core/store/sources.js';
import * as trace from '../../../../src/core/store/trace.js';
import { normEmail } from '../../../../src/core/store/identity.js';
import { createIdFactory } from '../../../../src/core/store/ids.js';
import { tmpStore } from './tmp-db.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const store = () => {
  const s = tmpStore();
  cleanups.push(s.cleanup);
  return s;
};

const decision = (cls: Decision['classification']['class'], score: number, escalate = false): Decision => ({
  classification: {
    class: cls,
    score,
    reasons: [{ rule: 'budget_min', label: 'Budget', status: 'passed', actual: 'USD 30,000 / year', outcome: null, evidence: [{ quote: '30k', start: 0, end: 3 }] }],
    counterfactual: null,
  },
  missing: [{ fact: 'timeline', question: 'When do you want to start?', decisive: true }],
  escalation: { escalate, reasons: escalate ? [{ reason: 'discount', detail: 'asks 30%', evidence: [] }] : [] },
  ruleset_version: 1,
  engine_version: 'rules@1',
});

const RULESET: Ruleset = {
  name: 'Test',
  description: '',
  base_currency: 'USD',
  currency_rates: { USD: 1 },
  period_multipliers: { year: 1, month: 12, quarter: 4, one_off: 1 },
  required: ['budget'],
  unknown_values: {},
  disqualifiers: ['spam'],
  rules: [{ id: 'budget_min', label: 'Budget', fact: 'budget_annual', op: '>=', value: 10000, outcome: 'nurture', weight: 50 }],
  class_order: ['disqualified', 'needs_info', 'nurture', 'qualified'],
  questions: { budget: 'What budget do you have?' },
  escalation: { triggers: ['discount'], discount_max_pct: 20 },
  tool_policy: {},
  custom_facts: [],
};

describe('identity keys', () => {
  it('normalises emails, with dots and +tags stripped only for gmail', () => {
    expect(normEmail('  John.Doe+news@GMAIL.com ')).toBe('johndoe@gmail.com');
    expect(normEmail('John.Doe+news@acme.com')).toBe('john.doe+news@acme.com');
    expect(normEmail('not an email')).toBeNull();
  });
});

describe('leads', () => {
  it('round-trips and derives keys', () => {
    const { ctx, tick } = store();
    const l = leads.insert(ctx, { name: 'Ana Díaz', email: 'Ana@Acme.io', company: 'Acme Inc.', source: 'paste', attributes: { Tier: 'A' } });
    expect(leads.get(ctx, l.id)).toEqual(l);
    expect(l).toMatchObject({ email_norm: 'ana@acme.io', domain: 'acme.io', status: 'new', latest_class: null, attributes: { Tier: 'A' } });
    tick();
    const u = leads.update(ctx, l.id, { owner: 'sam', email: 'ana@beta.io' });
    expect(u).toMatchObject({ owner: 'sam', email_norm: 'ana@beta.io', domain: 'beta.io', name: 'Ana Díaz' });
    expect(u?.updated_at).not.toBe(l.updated_at);
    expect(leads.update(ctx, 'nope', {})).toBeNull();
  });

  it('ids sort by creation time', () => {
    const { ctx, tick } = store();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(leads.insert(ctx, { name: `n${i}`, source: 'paste' }).id);
      if (i % 2) tick(1);
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('ids keep ascending when the clock steps back', () => {
    let ms = Date.parse('2026-11-24T10:00:00.000Z');
    const next = createIdFactory('lead', () => new Date(ms));
    const ids = [next(), next()];
    ms -= 5_000; // NTP correction
    ids.push(next(), next());
    ms += 10_000;
    ids.push(next());
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort()).toEqual(ids);
  });

  it('list filters, sorts, pages and shows the latest decision', () => {
    const { ctx, tick } = store();
    const a = leads.insert(ctx, { name: 'Alpha', email: 'a@x.io', owner: 'kim', source: 'paste' });
    tick();
    const b = leads.insert(ctx, { name: 'Beta 100%', email: 'b@y.io', owner: 'lee', source: 'import' });
    tick();
    const c = leads.insert(ctx, { name: 'Gamma', company: 'Acme', owner: 'kim', source: 'paste' });
    decisions.insert(ctx, { lead_id: a.id, decision: decision('needs_info', 40) });
    tick();
    decisions.insert(ctx, { lead_id: a.id, decision: decision('qualified', 90, true) });
    decisions.insert(ctx, { lead_id: b.id, decision: decision('nurture', 20) });

    const all = leads.list(ctx, {});
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(all.items[2]).toMatchObject({ latest_class: 'qualified', latest_score: 90, latest_escalate: true });
    expect(leads.list(ctx, { class: 'qualified' }).items.map((i) => i.id)).toEqual([a.id]);
    expect(leads.list(ctx, { escalated: true }).total).toBe(1);
    expect(leads.list(ctx, { escalated: false }).total).toBe(2);
    expect(leads.list(ctx, { owner: 'kim', sort: 'name', dir: 'asc' }).items.map((i) => i.name)).toEqual(['Alpha', 'Gamma']);
    expect(leads.list(ctx, { search: 'acme' }).items.map((i) => i.id)).toEqual([c.id]);
    expect(leads.list(ctx, { search: '100%' }).items.map((i) => i.id)).toEqual([b.id]);
    expect(leads.list(ctx, { search: '%' }).total).toBe(1);
    expect(leads.list(ctx, { sort: 'score', dir: 'desc' }).items.map((i) => i.latest_score)).toEqual([90, 20, null]);
    expect(leads.list(ctx, { from: b.created_at, to: c.created_at }).items.map((i) => i.id)).toEqual([b.id]);
    const page = leads.list(ctx, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ id: b.id }] });
  });
});

describe('sources, runs, facts, decisions', () => {
  it('round-trip; the source text is kept exactly', () => {
    const { ctx } = store();
    const lead = leads.insert(ctx, { name: 'X', source: 'paste' });
    const text = 'Hi,\r\n  budget ≈ €30k 😀\n\n— Ana';
    const src = sources.insert(ctx, { lead_id: lead.id, kind: 'email', text });
    expect(sources.get(ctx, src.id)?.text).toBe(text);
    expect(sources.listForLead(ctx, lead.id)).toHaveLength(1);

    const run = runs.start(ctx, { lead_id: lead.id, kind: 'qualify', extractor: 'embedded@1' });
    runs.addUsage(ctx, run.id, { tokens_in: 10, tokens_out: 5, cost_usd: 0.001 });
    expect(runs.finish(ctx, run.id, { status: 'succeeded' })).toMatchObject({ status: 'succeeded', tokens_in: 10, tokens_out: 5 });
    expect(runs.listForLead(ctx, lead.id)).toHaveLength(1);

    const f1 = facts.insert(ctx, { lead_id: lead.id, source_id: src.id, run_id: run.id, name: 'budget', value: { amount: 30000, currency: 'EUR', period: 'year' }, evidence: [{ quote: '€30k', start: 17, end: 21 }], source: 'embedded', confidence: 0.8 });
    const f2 = facts.insert(ctx, { lead_id: lead.id, name: 'budget', value: { amount: 25000, currency: 'EUR', period: 'year' }, evidence: [], source: 'rep', author: 'kim' });
    facts.insert(ctx, { lead_id: lead.id, run_id: run.id, name: 'timeline', value: null, evidence: [], source: 'model' });
    expect(facts.listForLead(ctx, lead.id)).toHaveLength(3);
    expect(facts.listForRun(ctx, run.id).map((f) => f.name).sort()).toEqual(['budget', 'timeline']);
    const cur = facts.current(ctx, lead.id);
    expect(cur['budget']?.id).toBe(f2.id);
    expect(cur['timeline']?.value).toBeNull();
    expect(facts.supersede(ctx, f1.id, f2.id)).toBe(true);
    expect(facts.listForLead(ctx, lead.id).find((f) => f.id === f1.id)?.superseded_by).toBe(f2.id);

    const d = decisions.insert(ctx, { lead_id: lead.id, run_id: run.id, decision: decision('qualified', 80), ruleset_id: 'default', extractor_version: 'embedded@1', model: null, prompt_hash: 'abc' });
    expect(decisions.get(ctx, d.id)).toEqual(d);
    expect(decisions.latestForLead(ctx, lead.id)?.id).toBe(d.id);
    expect(() => ctx.db.prepare('UPDATE decisions SET score = 1').run()).toThrow(/append-only/);
  });
});

describe('trace', () => {
  it('is append-only: UPDATE and DELETE fail', () => {
    const { ctx } = store();
    const s1 = trace.append(ctx, { run_id: 'r1', type: 'tool_call', step: 1, data: { tool: 'crm.read', ok: true } });
    const s2 = trace.append(ctx, { run_id: 'r1', type: 'blocked', step: 2, data: { tool: 'crm.delete' } });
    expect(s2).toBeGreaterThan(s1);
    expect(trace.list(ctx, { run_id: 'r1' }).map((e) => e.type)).toEqual(['tool_call', 'blocked']);
    expect(trace.list(ctx, { after_seq: s1 })).toHaveLength(1);
    expect(trace.countByType(ctx)).toEqual({ tool_call: 1, blocked: 1 });
    expect(() => ctx.db.prepare("UPDATE trace_events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM trace_events').run()).toThrow(/append-only/);
    expect(trace.list(ctx)).toHaveLength(2);
  });
});

describe('rulesets', () => {
  it('drafts, publishes (archiving the previous) and refuses to edit published versions', () => {
    const { ctx } = store();
    const v1 = rulesets.saveDraft(ctx, { id: 'default', body: RULESET, author: 'mgr' });
    expect(v1.version).toBe(1);
    expect(rulesets.publish(ctx, 'default', 1)).toMatchObject({ ok: true });
    const v2 = rulesets.saveDraft(ctx, { id: 'default', body: { ...RULESET, name: 'v2' } });
    expect(rulesets.updateDraft(ctx, 'default', 1, RULESET)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(rulesets.updateDraft(ctx, 'default', 2, { ...RULESET, name: 'v2b' })).toMatchObject({ ok: true });
    expect(rulesets.publish(ctx, 'default', v2.version)).toMatchObject({ ok: true });
    expect(rulesets.getPublished(ctx, 'default')).toMatchObject({ version: 2, body: { name: 'v2b' } });
    expect(rulesets.get(ctx, 'default', 1)?.status).toBe('archived');
    expect(rulesets.listVersions(ctx, 'default').map((r) => r.version)).toEqual([2, 1]);
    expect(rulesets.listIds(ctx)).toEqual([{ id: 'default', latest_version: 2, published_version: 2 }]);
    expect(rulesets.publish(ctx, 'default', 9)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('proposals and the local CRM', () => {
  it('moves through allowed transitions only', () => {
    const { ctx } = store();
    const lead = leads.insert(ctx, { name: 'X', source: 'paste' });
    const p = proposals.create(ctx, { lead_id: lead.id, kind: 'crm_update', payload: { changes: [{ field: 'stage', old: 'new', new: 'qualified', reason: 'budget ok' }] } });
    expect(proposals.get(ctx, p.id)).toEqual(p);
    expect(proposals.transition(ctx, p.id, { to: 'applied' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const a = proposals.transition(ctx, p.id, { to: 'approved', by: 'kim' });
    expect(a).toMatchObject({ ok: true, value: { status: 'approved', decided_by: 'kim' } });
    expect(proposals.list(ctx, { status: 'approved' })).toHaveLength(1);
    expect(proposals.transition(ctx, 'nope', { to: 'approved' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('compare-and-set writes and an idempotent journal', () => {
    const { ctx } = store();
    const lead = leads.insert(ctx, { name: 'X', source: 'paste' });
    const rec = crm.createRecord(ctx, { lead_id: lead.id, fields: { stage: 'new' } });
    expect(crm.getRecordByLead(ctx, lead.id)).toEqual(rec);
    expect(crm.updateFields(ctx, rec.id, { expected: { stage: 'open' }, set: { stage: 'qualified' } })).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(crm.updateFields(ctx, rec.id, { expected: { stage: 'new' }, set: { stage: 'qualified' } })).toMatchObject({ ok: true, value: { version: 2, fields: { stage: 'qualified' } } });
    const p = proposals.create(ctx, { lead_id: lead.id, kind: 'task', payload: { draft: { body: 'call' } } });
    const j1 = crm.journalBegin(ctx, { proposal_id: p.id, field: 'stage', idempotency_key: 'k1' });
    expect(j1.fresh).toBe(true);
    expect(crm.journalPending(ctx)).toHaveLength(1);
    crm.journalFinish(ctx, 'k1', { state: 'done' });
    const j2 = crm.journalBegin(ctx, { proposal_id: p.id, field: 'stage', idempotency_key: 'k1' });
    expect(j2).toMatchObject({ fresh: false, entry: { state: 'done' } });
  });
});

describe('imports and companies', () => {
  it('round-trip', () => {
    const { ctx } = store();
    imports.insert(ctx, { id: 'imp_1', file_name: 'a.csv', sha256: 'abc', kind: 'leads', created_at: '2025-01-01T00:00:00.000Z', mapping: [] });
    imports.finish(ctx, 'imp_1', { rows_total: 3, rows_imported: 2, rows_duplicate: 1, rows_invalid: 0, report: { x: 1 } });
    expect(imports.get(ctx, 'imp_1')).toMatchObject({ rows_total: 3, rows_imported: 2, report: { x: 1 } });
    expect(imports.findBySha(ctx, 'abc')?.id).toBe('imp_1');
    expect(imports.list(ctx)).toHaveLength(1);

    const lead = leads.insert(ctx, { company: 'ACME, Inc.', external_id: 'o1', source: 'import' });
    const co = companies.upsert(ctx, { name: 'Acme', sector: 'technolgy', employees: 10 });
    expect(co.created).toBe(true);
    expect(leads.get(ctx, lead.id)?.company_id).toBe(co.id);
    expect(companies.findByName(ctx, 'acme inc')).toMatchObject({ id: co.id, sector: 'technolgy' });
    expect(companies.upsert(ctx, { name: 'ACME', sector: 'tech' })).toEqual({ id: co.id, created: false });
    expect(companies.list(ctx)).toHaveLength(1);
  });
});
