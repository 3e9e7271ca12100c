import { z } from 'zod';
import {
  LeadAttributesSchema,
  LeadIntakeSchema,
  LeadListQuerySchema,
  LeadSchema,
  LeadSummarySchema,
  type Lead,
  type LeadListQuery,
  type LeadListResult,
  type LeadSummary,
} from '../../contract/lead.js';
import { ClassSchema, type LeadClass } from '../../contract/ruleset.js';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { domainOf, normCompany, normEmail, normName } from './identity.js';
import { decodeAttributes } from './attributes.js';

/** What a caller gives to create a lead; keys are derived here so every path agrees. */
export const NewLeadSchema = z.object({
  name: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  title: z.string().nullable().default(null),
  company: z.string().nullable().default(null),
  company_id: z.string().nullable().default(null),
  website: z.string().nullable().default(null),
  owner: z.string().nullable().default(null),
  source: LeadIntakeSchema,
  lead_source: z.string().nullable().default(null),
  external_id: z.string().nullable().default(null),
  channel: z.string().nullable().default(null),
  status: z.string().default('new'),
  outcome: z.string().nullable().default(null),
  attributes: LeadAttributesSchema.default({}),
  import_id: z.string().nullable().default(null),
  /** When the lead was created at its origin (CRM create date); defaults to now. */
  created_at: z.string().optional(),
});
export type NewLead = z.input<typeof NewLeadSchema>;

export const LeadPatchSchema = NewLeadSchema.omit({ source: true, import_id: true, created_at: true }).partial();
export type LeadPatch = z.input<typeof LeadPatchSchema>;

/** Raw row shape as SQLite returns it. */
const LeadDbRowSchema = LeadSchema.extend({
  attributes: z.string(),
  latest_class: z.string().nullable(),
  latest_escalate: z.number().nullable(),
});
type LeadDbRow = z.infer<typeof LeadDbRowSchema>;

const LEAD_COLUMNS = `id, created_at, updated_at, name, email, email_norm, phone, title, company, company_id, website,
  domain, owner, source, lead_source, external_id, channel, status, outcome, attributes, import_id,
  latest_decision_id, latest_class, latest_score, latest_escalate, decided_at,
  (SELECT headers FROM imports WHERE imports.id = leads.import_id) AS attribute_headers`;

function toLead(row: unknown): Lead {
  const { attribute_headers: headers, ...rest } = row as { attribute_headers: string | null };
  const r: LeadDbRow = LeadDbRowSchema.parse(rest);
  return {
    ...r,
    attributes: decodeAttributes(r.attributes, headers, `lead ${r.id} attributes`),
    latest_class: r.latest_class === null ? null : ClassSchema.parse(r.latest_class),
    latest_escalate: r.latest_escalate === null ? null : r.latest_escalate === 1,
  };
}

/** The derived keys every insert and update stores next to the visible fields. */
export function identityKeys(l: { name: string | null; email: string | null; company: string | null; website: string | null }) {
  return {
    name_norm: normName(l.name),
    email_norm: normEmail(l.email),
    company_norm: normCompany(l.company),
    domain: domainOf(l.website, l.email),
  };
}

/** Prepared insert shared by single inserts and the bulk import; bind with `leadParams`. */
export function prepareInsert(ctx: StoreContext) {
  return ctx.db.prepare(`INSERT INTO leads (id, created_at, updated_at, name, name_norm, email, email_norm, phone, title,
      company, company_norm, company_id, website, domain, owner, source, lead_source, external_id, channel, status, outcome,
      attributes, import_id)
    VALUES (@id, @created_at, @updated_at, @name, @name_norm, @email, @email_norm, @phone, @title, @company, @company_norm,
      @company_id, @website, @domain, @owner, @source, @lead_source, @external_id, @channel, @status, @outcome,
      @attributes, @import_id)`);
}

/** Creates a lead and returns it as stored. */
export function insert(ctx: StoreContext, input: NewLead, id: string = nextId(ctx, 'lead')): Lead {
  const l = NewLeadSchema.parse(input);
  const now = nowIso(ctx);
  prepareInsert(ctx).run({
    ...l,
    ...identityKeys(l),
    id,
    created_at: l.created_at ?? now,
    updated_at: now,
    attributes: JSON.stringify(l.attributes),
  });
  const lead = get(ctx, id);
  if (!lead) throw new Error(`lead ${id} vanished after insert`);
  return lead;
}

/** One lead by id, or null. */
export function get(ctx: StoreContext, id: string): Lead | null {
  const row = ctx.db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = ?`).get(id);
  return row ? toLead(row) : null;
}

/** Changes visible fields (keys are recomputed); returns null when the lead does not exist. */
export function update(ctx: StoreContext, id: string, patch: LeadPatch): Lead | null {
  const current = get(ctx, id);
  if (!current) return null;
  const p = LeadPatchSchema.parse(patch);
  // Only keys the caller sent: zod fills defaults (null) for the others, which would erase them.
  const given = new Set(Object.keys(patch));
  const next = { ...current, ...Object.fromEntries(Object.entries(p).filter(([k, v]) => given.has(k) && v !== undefined)) } as Lead;
  ctx.db
    .prepare(
      `UPDATE leads SET updated_at = @updated_at, name = @name, name_norm = @name_norm, email = @email, email_norm = @email_norm,
        phone = @phone, title = @title, company = @company, company_norm = @company_norm, company_id = @company_id,
        website = @website, domain = @domain, owner = @owner, lead_source = @lead_source, external_id = @external_id,
        channel = @channel, status = @status, outcome = @outcome, attributes = @attributes WHERE id = @id`,
    )
    .run({ ...next, ...identityKeys(next), updated_at: nowIso(ctx), attributes: JSON.stringify(next.attributes) });
  return get(ctx, id);
}

/** Deletes a lead and (by cascade) its sources, facts, decisions and proposals. */
export function remove(ctx: StoreContext, id: string): boolean {
  return ctx.db.prepare('DELETE FROM leads WHERE id = ?').run(id).changes > 0;
}

/** Number of stored leads. */
export function count(ctx: StoreContext): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
}

/** Called by decisions.insert inside its transaction so the list never shows a stale class. */
export function setLatestDecision(
  ctx: StoreContext,
  leadId: string,
  d: { decision_id: string; class: LeadClass; score: number; escalate: boolean; decided_at: string },
): void {
  ctx.db
    .prepare(
      `UPDATE leads SET latest_decision_id = ?, latest_class = ?, latest_score = ?, latest_escalate = ?, decided_at = ?, updated_at = ?
       WHERE id = ?`,
    )
    .run(d.decision_id, d.class, d.score, d.escalate ? 1 : 0, d.decided_at, d.decided_at, leadId);
}

/** The identity keys of every stored lead with one, as columns (for dedupe without a SELECT per row). */
export function identityColumns(ctx: StoreContext): {
  ids: string[];
  email_norm: Array<string | null>;
  external_id: Array<string | null>;
  domain: Array<string | null>;
  company_norm: Array<string | null>;
  name_norm: Array<string | null>;
} {
  const out = { ids: [] as string[], email_norm: [] as Array<string | null>, external_id: [] as Array<string | null>, domain: [] as Array<string | null>, company_norm: [] as Array<string | null>, name_norm: [] as Array<string | null> };
  const stmt = ctx.db
    .prepare(
      `SELECT id, email_norm, external_id, domain, company_norm, name_norm FROM leads
       WHERE email_norm IS NOT NULL OR external_id IS NOT NULL OR domain IS NOT NULL OR company_norm IS NOT NULL OR name_norm IS NOT NULL`,
    )
    .raw();
  for (const row of stmt.iterate() as Iterable<[string, string | null, string | null, string | null, string | null, string | null]>) {
    out.ids.push(row[0]);
    out.email_norm.push(row[1]);
    out.external_id.push(row[2]);
    out.domain.push(row[3]);
    out.company_norm.push(row[4]);
    out.name_norm.push(row[5]);
  }
  return out;
}

const SORT_SQL: Record<z.infer<typeof LeadListQuerySchema>['sort'], string> = {
  created_at: 'created_at',
  updated_at: 'updated_at',
  name: 'name COLLATE NOCASE',
  company: 'company COLLATE NOCASE',
  owner: 'owner COLLATE NOCASE',
  score: 'latest_score',
  class: 'latest_class',
  decided_at: 'decided_at',
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of leads with their latest decision, filtered and sorted; `total` counts all matches. */
export function list(ctx: StoreContext, query: LeadListQuery = {}): LeadListResult {
  const q = LeadListQuerySchema.parse(query);
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (q.search) {
    where.push(`(name LIKE @search ESCAPE '\\' OR email LIKE @search ESCAPE '\\' OR company LIKE @search ESCAPE '\\'
      OR external_id LIKE @search ESCAPE '\\')`);
    params['search'] = `%${escapeLike(q.search)}%`;
  }
  if (q.class) {
    where.push('latest_class = @class');
    params['class'] = q.class;
  }
  if (q.escalated !== undefined) where.push(q.escalated ? 'latest_escalate = 1' : '(latest_escalate IS NULL OR latest_escalate = 0)');
  if (q.owner) {
    where.push('owner = @owner');
    params['owner'] = q.owner;
  }
  if (q.from) {
    where.push('created_at >= @from');
    params['from'] = q.from;
  }
  if (q.to) {
    where.push('created_at < @to');
    params['to'] = q.to;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  // NULLS LAST keeps undecided leads out of the way when sorting by score or class.
  const order = `${SORT_SQL[q.sort]} ${dir} NULLS LAST, id ${dir}`;
  const rows = ctx.db
    .prepare(
      `SELECT id, created_at, updated_at, name, email, company, title, owner, source, lead_source, external_id, status, outcome,
        latest_class, latest_score, latest_escalate, decided_at
       FROM leads ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as Array<Record<string, unknown>>;
  const total = (ctx.db.prepare(`SELECT count(*) AS n FROM leads ${whereSql}`).get(params) as { n: number }).n;
  const items: LeadSummary[] = rows.map((r) =>
    LeadSummarySchema.parse({ ...r, latest_escalate: r['latest_escalate'] === null ? null : r['latest_escalate'] === 1 }),
  );
  return { items, total };
}
