import type Database from 'better-sqlite3';
import { z } from 'zod';
import { EvidenceSchema, FactSourceSchema } from '../../contract/evidence.js';
import { FACT_NAMES, type Facts } from '../../contract/facts.js';
import type { EscalationSignal } from '../../contract/signals.js';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { readJson } from './json.js';

/** One stored fact of one run; built-in names or `custom.<name>`. */
export const FactRowSchema = z.object({
  id: z.string(),
  lead_id: z.string(),
  source_id: z.string().nullable(),
  run_id: z.string().nullable(),
  name: z.string(),
  value: z.unknown(),
  evidence: z.array(EvidenceSchema),
  source: FactSourceSchema,
  confidence: z.number().nullable(),
  created_at: z.string(),
  superseded_by: z.string().nullable(),
  /** Who made a `rep` correction. */
  author: z.string().nullable(),
});
export type FactRow = z.infer<typeof FactRowSchema>;

export const NewFactSchema = FactRowSchema.omit({ id: true, created_at: true, superseded_by: true }).extend({
  source_id: z.string().nullable().default(null),
  run_id: z.string().nullable().default(null),
  confidence: z.number().min(0).max(1).nullable().default(null),
  author: z.string().nullable().default(null),
});
export type NewFact = z.input<typeof NewFactSchema>;

const toRow = (r: Record<string, unknown>): FactRow =>
  FactRowSchema.parse({
    ...r,
    value: r['value'] === null ? null : readJson(z.unknown(), r['value'] as string, `fact ${String(r['id'])} value`),
    evidence: readJson(z.array(EvidenceSchema), r['evidence'] as string, `fact ${String(r['id'])} evidence`),
  });

// Preparing an INSERT on facts also compiles the triggers that keep lead_facts_current, so the
// statement is prepared once per connection rather than once per row.
const insertStatements = new WeakMap<Database.Database, Database.Statement<unknown[]>>();
function insertStatement(db: Database.Database): Database.Statement<unknown[]> {
  let stmt = insertStatements.get(db);
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO facts (id, lead_id, source_id, run_id, name, value, evidence, source, confidence, created_at, author)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertStatements.set(db, stmt);
  }
  return stmt;
}

/** Appends one fact row (a rep's correction is a new row with source 'rep'). */
export function insert(ctx: StoreContext, input: NewFact): FactRow {
  const f = NewFactSchema.parse(input);
  const id = nextId(ctx, 'fact');
  const created_at = nowIso(ctx);
  insertStatement(ctx.db)
    .run(
      id,
      f.lead_id,
      f.source_id,
      f.run_id,
      f.name,
      f.value === null || f.value === undefined ? null : JSON.stringify(f.value),
      JSON.stringify(f.evidence),
      f.source,
      f.confidence,
      created_at,
      f.author,
    );
  return { ...f, value: f.value ?? null, id, created_at, superseded_by: null };
}

/**
 * The row name under which an extraction's escalation signals are kept, so a what-if replay
 * can start escalations that a draft's new trigger would raise on old leads. It is not a
 * qualification fact: `current()` leaves it out; `currentSignals()` reads it.
 */
export const SIGNALS_FACT = 'signals';

/** What a `signals` row holds per signal (its evidence goes in the row's evidence). */
export interface StoredSignal {
  reason: EscalationSignal['reason'];
  value: number | null;
  detail: string;
}

/**
 * Stores every fact of one extraction (built-in and custom) in one transaction, and its
 * escalation signals when given (an empty list too: "none seen" differs from "not stored").
 */
export function insertExtraction(
  ctx: StoreContext,
  input: { lead_id: string; source_id?: string | null; run_id?: string | null; facts: Facts; signals?: readonly EscalationSignal[] },
): FactRow[] {
  return ctx.db.transaction(() => {
    const out: FactRow[] = [];
    const add = (name: string, f: { value: unknown; evidence: z.infer<typeof EvidenceSchema>[]; source: FactRow['source']; confidence?: number | undefined }) =>
      out.push(
        insert(ctx, {
          lead_id: input.lead_id,
          source_id: input.source_id ?? null,
          run_id: input.run_id ?? null,
          name,
          value: f.value,
          evidence: f.evidence,
          source: f.source,
          confidence: f.confidence ?? null,
        }),
      );
    for (const name of FACT_NAMES) add(name, input.facts[name]);
    for (const [name, f] of Object.entries(input.facts.custom)) add(`custom.${name}`, f);
    if (input.signals) {
      const value: StoredSignal[] = input.signals.map((s) => ({ reason: s.reason, value: s.value ?? null, detail: s.detail }));
      add(SIGNALS_FACT, { value, evidence: input.signals.flatMap((s) => s.evidence), source: 'embedded' });
    }
    return out;
  })();
}

/** Marks `oldId` replaced by `newId` (a correction); history stays. */
export function supersede(ctx: StoreContext, oldId: string, newId: string): boolean {
  return ctx.db.prepare('UPDATE facts SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL').run(newId, oldId).changes > 0;
}

/** All fact rows of a lead, oldest first (the audit view). */
export function listForLead(ctx: StoreContext, leadId: string): FactRow[] {
  return (ctx.db.prepare('SELECT * FROM facts WHERE lead_id = ? ORDER BY created_at, id').all(leadId) as Array<Record<string, unknown>>).map(toRow);
}

/** The facts of one run. */
export function listForRun(ctx: StoreContext, runId: string): FactRow[] {
  return (ctx.db.prepare('SELECT * FROM facts WHERE run_id = ? ORDER BY id').all(runId) as Array<Record<string, unknown>>).map(toRow);
}

/**
 * The fact that counts now for each name: a rep's newest correction wins over any extractor;
 * otherwise the newest row not superseded.
 */
export function current(ctx: StoreContext, leadId: string): Record<string, FactRow> {
  const out: Record<string, FactRow> = {};
  for (const f of listForLead(ctx, leadId)) {
    if (f.superseded_by || f.name === SIGNALS_FACT) continue;
    const prev = out[f.name];
    if (!prev || f.source === 'rep' || prev.source !== 'rep') out[f.name] = f;
  }
  return out;
}

/** The escalation signals of the lead's latest stored extraction; null when none were stored. */
export function currentSignals(ctx: StoreContext, leadId: string): StoredSignal[] | null {
  const text = ctx.db
    .prepare(
      `SELECT value FROM facts WHERE lead_id = ? AND name = ? AND superseded_by IS NULL
       ORDER BY source = 'rep' DESC, created_at DESC, id DESC LIMIT 1`,
    )
    .pluck()
    .get(leadId, SIGNALS_FACT) as string | null | undefined;
  return text === undefined || text === null ? null : (JSON.parse(text) as StoredSignal[]);
}
