import { z } from 'zod';
import { nowIso, type StoreContext } from './context.js';
import { nextId } from './ids.js';
import { domainOf, normCompany } from './identity.js';
import { readJson } from './json.js';

/** An account: leads point at it by normalised name (pipeline `account`, CRM company). */
export const CompanySchema = z.object({
  id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  name: z.string(),
  sector: z.string().nullable(),
  year_established: z.number().int().nullable(),
  revenue: z.number().nullable(),
  employees: z.number().int().nullable(),
  location: z.string().nullable(),
  parent_name: z.string().nullable(),
  website: z.string().nullable(),
  domain: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  import_id: z.string().nullable(),
});
export type Company = z.infer<typeof CompanySchema>;

export const NewCompanySchema = CompanySchema.omit({ id: true, created_at: true, updated_at: true, domain: true }).partial().extend({
  name: z.string().min(1),
});
export type NewCompany = z.input<typeof NewCompanySchema>;

const toCompany = (r: Record<string, unknown>): Company =>
  CompanySchema.parse({ ...r, attributes: readJson(z.record(z.string(), z.string()), r['attributes'] as string, `company ${String(r['id'])}`) });

/**
 * Inserts or updates by normalised name; returns the id and whether it was new. Also links
 * leads that already name this company, so import order (accounts before or after the
 * pipeline) does not matter.
 */
export function upsert(ctx: StoreContext, input: NewCompany, idFactory = () => nextId(ctx, 'co')): { id: string; created: boolean } {
  const c = NewCompanySchema.parse(input);
  const nameNorm = normCompany(c.name);
  if (!nameNorm) throw new Error('company name normalises to nothing; validate before upsert');
  const at = nowIso(ctx);
  const existing = ctx.db.prepare('SELECT id FROM companies WHERE name_norm = ?').get(nameNorm) as { id: string } | undefined;
  const row = {
    name: c.name,
    name_norm: nameNorm,
    sector: c.sector ?? null,
    year_established: c.year_established ?? null,
    revenue: c.revenue ?? null,
    employees: c.employees ?? null,
    location: c.location ?? null,
    parent_name: c.parent_name ?? null,
    website: c.website ?? null,
    domain: domainOf(c.website ?? null),
    attributes: JSON.stringify(c.attributes ?? {}),
    import_id: c.import_id ?? null,
    at,
  };
  let id: string;
  if (existing) {
    id = existing.id;
    ctx.db
      .prepare(
        `UPDATE companies SET updated_at = @at, name = @name, sector = @sector, year_established = @year_established,
          revenue = @revenue, employees = @employees, location = @location, parent_name = @parent_name, website = @website,
          domain = @domain, attributes = @attributes WHERE id = @id`,
      )
      .run({ ...row, id });
  } else {
    id = idFactory();
    ctx.db
      .prepare(
        `INSERT INTO companies (id, created_at, updated_at, name, name_norm, sector, year_established, revenue, employees,
          location, parent_name, website, domain, attributes, import_id)
         VALUES (@id, @at, @at, @name, @name_norm, @sector, @year_established, @revenue, @employees, @location, @parent_name,
          @website, @domain, @attributes, @import_id)`,
      )
      .run({ ...row, id });
  }
  ctx.db.prepare('UPDATE leads SET company_id = ? WHERE company_norm = ? AND company_id IS NULL').run(id, nameNorm);
  return { id, created: !existing };
}

/** One company by id, or null. */
export function get(ctx: StoreContext, id: string): Company | null {
  const r = ctx.db.prepare('SELECT * FROM companies WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toCompany(r) : null;
}

/** Looks a company up by any spelling of its name. */
export function findByName(ctx: StoreContext, name: string): Company | null {
  const n = normCompany(name);
  if (!n) return null;
  const r = ctx.db.prepare('SELECT * FROM companies WHERE name_norm = ?').get(n) as Record<string, unknown> | undefined;
  return r ? toCompany(r) : null;
}

/** normalised name -> id for every company, preloaded by the import. */
export function idsByName(ctx: StoreContext): Map<string, string> {
  const rows = ctx.db.prepare('SELECT id, name_norm FROM companies').all() as Array<{ id: string; name_norm: string }>;
  return new Map(rows.map((r) => [r.name_norm, r.id]));
}

/** All companies by name. */
export function list(ctx: StoreContext, limit = 1000): Company[] {
  return (ctx.db.prepare('SELECT * FROM companies ORDER BY name COLLATE NOCASE LIMIT ?').all(limit) as Array<Record<string, unknown>>).map(toCompany);
}
