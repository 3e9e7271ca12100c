import { z } from 'zod';
import { err, ok, type Result } from '../../contract/errors.js';
import { RulesetSchema, type Ruleset } from '../../contract/ruleset.js';
import { nowIso, type StoreContext } from './context.js';
import { readJson } from './json.js';

export const RulesetStatusSchema = z.enum(['draft', 'published', 'archived']);
export type RulesetStatus = z.infer<typeof RulesetStatusSchema>;

/** One version of a ruleset. Published and archived versions are frozen; drafts can be replaced. */
export const RulesetRowSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  status: RulesetStatusSchema,
  body: RulesetSchema,
  author: z.string().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
  published_at: z.string().nullable(),
});
export type RulesetRow = z.infer<typeof RulesetRowSchema>;

const toRow = (r: Record<string, unknown>): RulesetRow =>
  RulesetRowSchema.parse({ ...r, body: readJson(RulesetSchema, r['body'] as string, `ruleset ${String(r['id'])}@${String(r['version'])}`) });

/** Saves a new draft version (next number after the highest). */
export function saveDraft(ctx: StoreContext, input: { id: string; body: Ruleset; author?: string | null; note?: string | null }): RulesetRow {
  return ctx.db.transaction(() => {
    const max = (ctx.db.prepare('SELECT max(version) AS v FROM rulesets WHERE id = ?').get(input.id) as { v: number | null }).v ?? 0;
    const row: RulesetRow = {
      id: input.id,
      version: max + 1,
      status: 'draft',
      body: RulesetSchema.parse(input.body),
      author: input.author ?? null,
      note: input.note ?? null,
      created_at: nowIso(ctx),
      published_at: null,
    };
    ctx.db
      .prepare('INSERT INTO rulesets (id, version, status, body, author, note, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.version, row.status, JSON.stringify(row.body), row.author, row.note, row.created_at, row.published_at);
    return row;
  })();
}

/** Replaces the body of a draft; published versions are never edited (decisions point at them). */
export function updateDraft(ctx: StoreContext, id: string, version: number, body: Ruleset, note?: string | null): Result<RulesetRow> {
  const cur = get(ctx, id, version);
  if (!cur) return err('not_found', `ruleset ${id} version ${version} does not exist`);
  if (cur.status !== 'draft') return err('conflict', `ruleset ${id} version ${version} is ${cur.status}; save a new draft instead`);
  const parsed = RulesetSchema.parse(body);
  ctx.db
    .prepare('UPDATE rulesets SET body = ?, note = coalesce(?, note) WHERE id = ? AND version = ?')
    .run(JSON.stringify(parsed), note ?? null, id, version);
  return ok({ ...cur, body: parsed, note: note ?? cur.note });
}

/** Publishes a draft and archives the version published before, atomically. */
export function publish(ctx: StoreContext, id: string, version: number): Result<RulesetRow> {
  return ctx.db.transaction((): Result<RulesetRow> => {
    const cur = get(ctx, id, version);
    if (!cur) return err('not_found', `ruleset ${id} version ${version} does not exist`);
    if (cur.status !== 'draft') return err('conflict', `ruleset ${id} version ${version} is ${cur.status}, only a draft can be published`);
    const at = nowIso(ctx);
    ctx.db.prepare("UPDATE rulesets SET status = 'archived' WHERE id = ? AND status = 'published'").run(id);
    ctx.db.prepare("UPDATE rulesets SET status = 'published', published_at = ? WHERE id = ? AND version = ?").run(at, id, version);
    return ok({ ...cur, status: 'published', published_at: at });
  })();
}

/** One version, or null. */
export function get(ctx: StoreContext, id: string, version: number): RulesetRow | null {
  const r = ctx.db.prepare('SELECT * FROM rulesets WHERE id = ? AND version = ?').get(id, version) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** The version decisions use now, or null if none is published. */
export function getPublished(ctx: StoreContext, id: string): RulesetRow | null {
  const r = ctx.db.prepare("SELECT * FROM rulesets WHERE id = ? AND status = 'published'").get(id) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** Every version of a ruleset, newest first. */
export function listVersions(ctx: StoreContext, id: string): RulesetRow[] {
  return (ctx.db.prepare('SELECT * FROM rulesets WHERE id = ? ORDER BY version DESC').all(id) as Array<Record<string, unknown>>).map(toRow);
}

/** The ids of all rulesets with their highest version and published version. */
export function listIds(ctx: StoreContext): Array<{ id: string; latest_version: number; published_version: number | null }> {
  return ctx.db
    .prepare(
      `SELECT id, max(version) AS latest_version, max(CASE WHEN status = 'published' THEN version END) AS published_version
       FROM rulesets GROUP BY id ORDER BY id`,
    )
    .all() as Array<{ id: string; latest_version: number; published_version: number | null }>;
}
