import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EscalationSignal, Facts } from '../../../../src/contract/index.js';
import { correctFact } from '../../../../src/core/agent/corrections.js';
import { CURRENT_FACTS_MIGRATION, getCurrentValues } from '../../../../src/core/store/currentFacts.js';
import type { StoreContext } from '../../../../src/core/store/context.js';
import { openDb } from '../../../../src/core/store/db.js';
import * as factsRepo from '../../../../src/core/store/facts.js';
import * as leads from '../../../../src/core/store/leads.js';
import { MIGRATIONS, migrate } from '../../../../src/core/store/migrations.js';
import { emptyFacts } from '../../../fixtures/facts.js';
import { rng } from '../../../fixtures/workbenchLeads.js';

const BUILTIN = ['budget', 'timeline', 'authority', 'company_size', 'need', 'competitors', 'disqualifier'] as const;

/** What the projection must hold for one lead: facts.current(), value by value. */
function expectProjectionMatches(ctx: StoreContext, leadId: string): void {
  const cur = factsRepo.current(ctx, leadId);
  const p = getCurrentValues(ctx, leadId);
  const values = p?.values ?? {};
  const names = new Set([...Object.keys(cur), ...Object.keys(values).filter((k) => k !== 'signals')]);
  for (const name of names)
    expect([leadId, name, values[name] ?? null]).toEqual([leadId, name, cur[name]?.value ?? null]);
  const rep = Object.values(cur)
    .filter((f) => f.name.startsWith('custom.') && f.source === 'rep')
    .map((f) => f.name)
    .sort();
  expect([...(p?.repCustom ?? [])].sort()).toEqual(rep);
  expect(values['signals'] ?? null).toEqual(factsRepo.currentSignals(ctx, leadId));
}

function randomFacts(r: () => number): Facts {
  const f = emptyFacts();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  f.budget.value =
    r() < 0.3
      ? null
      : { amount: Math.round(r() * 50) * 1000, currency: 'USD', period: pick(['year', 'month'] as const) };
  f.timeline.value = r() < 0.3 ? null : { months: Math.floor(r() * 12) };
  f.authority.value = r() < 0.3 ? null : pick(['decision_maker', 'influencer', 'end_user'] as const);
  f.company_size.value = r() < 0.3 ? null : pick([5, 50, 500]);
  f.need.value = r() < 0.3 ? null : pick(['stated', 'unclear'] as const);
  f.competitors.value = r() < 0.5 ? [] : ['Mixpanel'];
  f.disqualifier.value = r() < 0.8 ? null : 'spam';
  if (r() < 0.5) f.custom['visits'] = { value: Math.floor(r() * 9), evidence: [], source: 'import' };
  if (r() < 0.3) f.custom['region'] = { value: pick(['EU', 'US', null]), evidence: [], source: 'import' };
  return f;
}

const signal = (reason: EscalationSignal['reason'], value: number | null = null): EscalationSignal => ({
  reason,
  value,
  detail: value === null ? reason : `asks for a ${value}% discount`,
  evidence: [{ quote: reason, start: 0, end: reason.length }],
});

function tempDb(migrations = MIGRATIONS) {
  const dir = mkdtempSync(join(tmpdir(), 'current-facts-'));
  const db = openDb(join(dir, 'test.db'));
  migrate(db, migrations);
  let t = Date.parse('2026-03-02T10:00:00Z');
  // Each call a millisecond later, so rows of one lead have distinct, ordered times.
  const ctx: StoreContext = { db, clock: () => new Date((t += 1)) };
  return { ctx, db, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe('lead_facts_current (the projection of facts.current())', () => {
  let store: ReturnType<typeof tempDb>;
  beforeEach(() => (store = tempDb()));
  afterEach(() => store.close());

  it('equals facts.current() after every extraction, correction, supersede and delete', () => {
    const { ctx } = store;
    const r = rng(42);
    const ids = Array.from({ length: 8 }, (_, i) => leads.insert(ctx, { name: `L${i}`, source: 'paste' }).id);
    for (let step = 0; step < 250; step++) {
      const id = ids[Math.floor(r() * ids.length)]!;
      const op = r();
      if (op < 0.4) {
        const signals = r() < 0.3 ? undefined : r() < 0.5 ? [] : [signal('discount', Math.floor(r() * 40))];
        factsRepo.insertExtraction(ctx, { lead_id: id, facts: randomFacts(r), ...(signals ? { signals } : {}) });
      } else if (op < 0.7) {
        // A rep's correction through the agent's path: a new rep row that supersedes the old one.
        const name = r() < 0.8 ? BUILTIN[Math.floor(r() * BUILTIN.length)]! : 'custom.visits';
        const value =
          name === 'custom.visits'
            ? Math.floor(r() * 9)
            : name === 'company_size'
              ? 77
              : r() < 0.2
                ? null
                : 'decision_maker';
        const res = correctFact(ctx, { lead_id: id, name, value, author: 'rep1' });
        expect(res.ok).toBe(true);
      } else if (op < 0.85) {
        // Supersede (or un-supersede) a random live row: the winner can move back in time.
        const rows = factsRepo.listForLead(ctx, id);
        const row = rows[Math.floor(r() * rows.length)];
        if (row)
          ctx.db
            .prepare('UPDATE facts SET superseded_by = ? WHERE id = ?')
            .run(row.superseded_by ? null : row.id, row.id);
      } else if (op < 0.95) {
        // Rows can also go away (the audit view is append-only, but the projection must not rely on it).
        const rows = factsRepo.listForLead(ctx, id);
        const row = rows[Math.floor(r() * rows.length)];
        if (row) {
          ctx.db.prepare('UPDATE facts SET superseded_by = NULL WHERE superseded_by = ?').run(row.id);
          ctx.db.prepare('DELETE FROM facts WHERE id = ?').run(row.id);
        }
      } else {
        // A failed write leaves nothing behind, in the facts or in the projection.
        expect(() =>
          ctx.db.transaction(() => {
            factsRepo.insertExtraction(ctx, { lead_id: id, facts: randomFacts(r), signals: [signal('legal')] });
            throw new Error('boom');
          })(),
        ).toThrow('boom');
      }
      for (const lead of ids) expectProjectionMatches(ctx, lead);
    }
  });

  it('keeps a rep correction in force when an extractor runs again, and shows it after supersede', () => {
    const { ctx } = store;
    const lead = leads.insert(ctx, { name: 'Ana', source: 'paste' });
    const f = emptyFacts();
    f.authority.value = 'end_user';
    f.custom['visits'] = { value: 2, evidence: [], source: 'import' };
    factsRepo.insertExtraction(ctx, { lead_id: lead.id, facts: f, signals: [] });
    expect(getCurrentValues(ctx, lead.id)!.values).toMatchObject({
      authority: 'end_user',
      'custom.visits': 2,
      signals: [],
    });
    expect(correctFact(ctx, { lead_id: lead.id, name: 'authority', value: 'decision_maker', author: 'rep1' }).ok).toBe(
      true,
    );
    expect(correctFact(ctx, { lead_id: lead.id, name: 'custom.visits', value: 7, author: 'rep1' }).ok).toBe(true);
    f.authority.value = 'influencer';
    factsRepo.insertExtraction(ctx, { lead_id: lead.id, facts: f, signals: [signal('refund')] });
    const p = getCurrentValues(ctx, lead.id)!;
    expect(p.values).toMatchObject({ authority: 'decision_maker', 'custom.visits': 7 });
    expect(p.repCustom).toEqual(['custom.visits']);
    expect(p.values['signals']).toEqual([{ reason: 'refund', value: null, detail: 'refund' }]);
    expectProjectionMatches(ctx, lead.id);
    // signals never show up as a qualification fact.
    expect(factsRepo.current(ctx, lead.id)['signals']).toBeUndefined();
  });

  it('goes away with its lead', () => {
    const { ctx, db } = store;
    const lead = leads.insert(ctx, { name: 'Ana', source: 'paste' });
    factsRepo.insertExtraction(ctx, { lead_id: lead.id, facts: emptyFacts(), signals: [] });
    expect(getCurrentValues(ctx, lead.id)).not.toBeNull();
    db.prepare('DELETE FROM leads WHERE id = ?').run(lead.id);
    expect(getCurrentValues(ctx, lead.id)).toBeNull();
    expect(db.prepare('SELECT count(*) FROM lead_facts_current').pluck().get()).toBe(0);
  });
});

describe('the lead_facts_current migration', () => {
  it('backfills the projection of facts stored before it', () => {
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(CURRENT_FACTS_MIGRATION));
    const store = tempDb(before);
    try {
      const { ctx, db } = store;
      const r = rng(7);
      // Raw rows: the lead repository may already need columns of later migrations.
      const ids = Array.from({ length: 20 }, (_, i) => `lead_${i}`);
      for (const id of ids)
        db.prepare(
          `INSERT INTO leads (id, created_at, updated_at, source) VALUES (?, '2026-03-01', '2026-03-01', 'import')`,
        ).run(id);
      const insert = db.prepare(
        `INSERT INTO facts (id, lead_id, name, value, evidence, source, created_at) VALUES (?, ?, ?, ?, '[]', ?, ?)`,
      );
      let seq = 0;
      for (let k = 0; k < 300; k++) {
        const id = ids[Math.floor(r() * ids.length)]!;
        const name = r() < 0.15 ? 'custom.visits' : r() < 0.1 ? 'signals' : BUILTIN[Math.floor(r() * BUILTIN.length)]!;
        const value =
          name === 'signals' ? [{ reason: 'legal', value: null, detail: 'x' }] : r() < 0.2 ? null : Math.floor(r() * 5);
        const factId = `fact_${String(seq++).padStart(6, '0')}`;
        // Equal timestamps are common in bulk imports: the id breaks the tie, as in current().
        insert.run(
          factId,
          id,
          name,
          value === null ? null : JSON.stringify(value),
          r() < 0.2 ? 'rep' : 'embedded',
          `2026-03-0${1 + Math.floor(r() * 3)}`,
        );
        if (r() < 0.1) db.prepare('UPDATE facts SET superseded_by = ? WHERE id = ?').run(factId, factId);
      }
      expect(migrate(db, MIGRATIONS).applied).toContain(CURRENT_FACTS_MIGRATION.id);
      for (const id of ids) expectProjectionMatches(ctx, id);
    } finally {
      store.close();
    }
  });
});
