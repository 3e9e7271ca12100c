import { z } from 'zod';
import { ColumnMappingSchema, TableKindSchema } from '../../contract/store.js';
import type { StoreContext } from './context.js';
import { readJson } from './json.js';

/** One import run of a table; the report keeps the row-level outcome. */
export const ImportRowSchema = z.object({
  id: z.string(),
  file_name: z.string().nullable(),
  sha256: z.string(),
  kind: TableKindSchema,
  created_at: z.string(),
  rows_total: z.number().int(),
  rows_imported: z.number().int(),
  rows_duplicate: z.number().int(),
  rows_invalid: z.number().int(),
  mapping: z.array(ColumnMappingSchema),
  report: z.record(z.string(), z.unknown()),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

const toRow = (r: Record<string, unknown>): ImportRow =>
  ImportRowSchema.parse({
    ...r,
    mapping: readJson(z.array(ColumnMappingSchema), r['mapping'] as string, `import ${String(r['id'])} mapping`),
    report: readJson(z.record(z.string(), z.unknown()), r['report'] as string, `import ${String(r['id'])} report`),
  });

/**
 * Records the start of an import (counts are filled by `finish` in the same transaction).
 * `headers` is the attribute key of each column when the leads store their cells as arrays.
 */
export function insert(
  ctx: StoreContext,
  row: Pick<ImportRow, 'id' | 'file_name' | 'sha256' | 'kind' | 'created_at' | 'mapping'> & { headers?: ReadonlyArray<string | null> },
): void {
  ctx.db
    .prepare('INSERT INTO imports (id, file_name, sha256, kind, created_at, mapping, headers) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, row.file_name, row.sha256, row.kind, row.created_at, JSON.stringify(row.mapping), row.headers ? JSON.stringify(row.headers) : null);
}

/**
 * Stores the final counts and report, and the first and last id of the leads the import created.
 * An import is one write transaction whose lead ids come from one ascending factory (ids.ts), so
 * its leads are exactly the leads with its import_id inside that range: `leadIds` finds them
 * through the primary key, and no index on import_id costs every imported row.
 */
export function finish(
  ctx: StoreContext,
  id: string,
  counts: { rows_total: number; rows_imported: number; rows_duplicate: number; rows_invalid: number; report: Record<string, unknown> },
  leadIdRange: { first: string; last: string } | null = null,
): void {
  ctx.db
    .prepare(
      `UPDATE imports SET rows_total = ?, rows_imported = ?, rows_duplicate = ?, rows_invalid = ?, report = ?,
         lead_id_first = ?, lead_id_last = ? WHERE id = ?`,
    )
    .run(counts.rows_total, counts.rows_imported, counts.rows_duplicate, counts.rows_invalid, JSON.stringify(counts.report), leadIdRange?.first ?? null, leadIdRange?.last ?? null, id);
}

/**
 * SQL for "the lead belongs to import @param" (see `finish`), for a WHERE clause over `leads`.
 * An import that created no lead has no range, and the BETWEEN matches nothing.
 */
export const importLeadsSql = (param: string): string =>
  `(leads.id BETWEEN (SELECT lead_id_first FROM imports WHERE imports.id = @${param})
     AND (SELECT lead_id_last FROM imports WHERE imports.id = @${param}) AND leads.import_id = @${param})`;

/** The ids of the leads an import created that still exist, in the order it created them. */
export function leadIds(ctx: StoreContext, importId: string): string[] {
  return ctx.db
    .prepare(`SELECT id FROM leads WHERE ${importLeadsSql('imp')} ORDER BY id`)
    .pluck()
    .all({ imp: importId }) as string[];
}

/** One import by id, or null. */
export function get(ctx: StoreContext, id: string): ImportRow | null {
  const r = ctx.db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toRow(r) : null;
}

/** The earliest import of a file with this content hash, or null. */
export function findBySha(ctx: StoreContext, sha256: string): { id: string; created_at: string } | null {
  const r = ctx.db.prepare('SELECT id, created_at FROM imports WHERE sha256 = ? ORDER BY created_at LIMIT 1').get(sha256);
  return (r as { id: string; created_at: string } | undefined) ?? null;
}

/** Imports, newest first, without their reports (the history list). */
export function list(ctx: StoreContext, limit = 50): Array<Omit<ImportRow, 'report' | 'mapping'>> {
  return ctx.db
    .prepare(
      `SELECT id, file_name, sha256, kind, created_at, rows_total, rows_imported, rows_duplicate, rows_invalid
       FROM imports ORDER BY created_at DESC, id DESC LIMIT ?`,
    )
    .all(limit)
    .map((r) => ImportRowSchema.omit({ report: true, mapping: true }).parse(r));
}
