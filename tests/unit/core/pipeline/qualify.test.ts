import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qualifyLead } from '../../../../src/core/pipeline/qualifyLead.js';
import * as runs from '../../../../src/core/store/runs.js';
import { getLeadDetail } from '../../../../src/core/pipeline/leadDetail.js';
import { activeCompiled } from '../../../../src/core/rules/active.js';
import * as trace from '../../../../src/core/store/trace.js';
import * as leads from '../../../../src/core/store/leads.js';
import { tempStore } from '../../../helpers/tempDb.js';

const EMAIL = `From: Priya Raman <priya@lendwell.com>
Subject: Replacing Mixpanel

Hi, we're a consumer lending app with about 320 employees. We've set aside $30-40k a year and
want a contract signed by the end of March. Our funnels don't reconcile with the warehouse.

Priya Raman
VP of Product | Lendwell`;

describe('qualifyLead', () => {
  let s: ReturnType<typeof tempStore>;
  beforeEach(() => {
    s = tempStore(() => new Date('2026-01-08T10:00:00Z'));
  });
  afterEach(() => s.cleanup());

  it('stores the lead, the source byte for byte, facts, the decision and the trace', async () => {
    const rules = activeCompiled(s.ctx);
    const r = await qualifyLead(s.ctx, { text: EMAIL, received_at: '2026-01-08' }, rules);
    expect(r.lead.email).toBe('priya@lendwell.com');
    expect(r.ruleset_version).toBe(1);
    const d = getLeadDetail(s.ctx, r.lead.id)!;
    expect(d.sources[0]!.text).toBe(EMAIL);
    expect(d.decision?.class).toBe(r.classification.class);
    expect(d.decision?.ruleset_version).toBe(1);
    expect(d.decision?.extractor_version).toBe(r.extractor);
    for (const f of Object.values(r.facts)) for (const e of f.evidence) expect(EMAIL.slice(e.start, e.end)).toBe(e.quote);
    const events = trace.list(s.ctx, { run_id: r.trace_id }).map((e) => e.type);
    expect(events[0]).toBe('run_started');
    const steps = trace.list(s.ctx, { run_id: r.trace_id, type: 'step' }).map((e) => e.data['name']);
    expect(steps).toEqual(['interpret', 'extract', 'merge', 'decide', 'tools', 'propose', 'next_action']);
    expect(events[events.length - 1]).toBe('run_finished');
  });

  it('re-qualifying the same text keeps one lead and adds a decision', async () => {
    const rules = activeCompiled(s.ctx);
    const a = await qualifyLead(s.ctx, { text: EMAIL, received_at: '2026-01-08' }, rules);
    const b = await qualifyLead(s.ctx, { text: EMAIL, received_at: '2026-01-08' }, rules);
    expect(b.lead.id).toBe(a.lead.id);
    expect(b.matched_by).toBe('same_text');
    expect(leads.count(s.ctx)).toBe(1);
    expect(getLeadDetail(s.ctx, a.lead.id)!.history).toHaveLength(2);
    expect(getLeadDetail(s.ctx, a.lead.id)!.sources).toHaveLength(1);
  });

  it('a new message from a known address joins that lead and is reported as a match', async () => {
    const rules = activeCompiled(s.ctx);
    const a = await qualifyLead(s.ctx, { text: EMAIL, received_at: '2026-01-08' }, rules);
    const b = await qualifyLead(s.ctx, { text: 'From: Priya Raman <Priya@Lendwell.com>\n\nAlso, we need SSO.', received_at: '2026-01-09' }, rules);
    expect(b.lead.id).toBe(a.lead.id);
    expect(b.matched_by).toBe('email');
    expect(getLeadDetail(s.ctx, a.lead.id)!.sources).toHaveLength(2);
  });

  it('never loses the lead: a storage failure mid-run is traced and the run marked failed', async () => {
    const rules = activeCompiled(s.ctx);
    s.ctx.db.exec("CREATE TRIGGER boom BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const r = await qualifyLead(s.ctx, { text: EMAIL, received_at: '2026-01-08' }, rules);
    expect(leads.count(s.ctx)).toBe(1);
    expect(getLeadDetail(s.ctx, r.lead.id)!.sources[0]!.text).toBe(EMAIL);
    expect(runs.get(s.ctx, r.trace_id)?.status).toBe('failed');
    expect(trace.list(s.ctx, { run_id: r.trace_id }).some((e) => JSON.stringify(e.data).includes('disk full'))).toBe(true);
  });
});
