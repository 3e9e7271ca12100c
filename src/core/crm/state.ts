import { z } from 'zod';
import {
  CrmKindSchema,
  FieldMappingSchema,
  type CrmKind,
  type CrmRecord,
  type CrmValue,
  type FieldMapping,
} from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import { DEFAULT_HUBSPOT_MAPPING } from './mapping.js';

// Repository of the CRM area's own tables (schema.ts): connection, cursor, snapshots, mapping.

export const ConnectionSchema = z.object({
  kind: CrmKindSchema,
  base_url: z.string().nullable(),
  connected_at: z.string(),
  state: z.enum(['connected', 'needs_reconnect', 'disconnected']),
  message: z.string().nullable(),
  active: z.number().transform((n) => n === 1),
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** Records a connection and makes it the active one (the token itself goes to the SecretStore). */
export function saveConnection(ctx: StoreContext, kind: CrmKind, baseUrl: string | null): void {
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE crm_connection SET active = 0 WHERE active = 1').run();
    ctx.db
      .prepare(
        `INSERT INTO crm_connection (kind, base_url, connected_at, state, message, active) VALUES (?, ?, ?, 'connected', NULL, 1)
         ON CONFLICT(kind) DO UPDATE SET base_url = excluded.base_url, connected_at = excluded.connected_at, state = 'connected', message = NULL, active = 1`,
      )
      .run(kind, baseUrl, ctx.clock().toISOString());
  })();
}

export function activeConnection(ctx: StoreContext): Connection | null {
  const row = ctx.db.prepare('SELECT * FROM crm_connection WHERE active = 1').get();
  return row ? ConnectionSchema.parse(row) : null;
}

/** After a 401/403: the connection stays but every screen shows "reconnect". */
export function markNeedsReconnect(ctx: StoreContext, kind: CrmKind, message: string): void {
  ctx.db.prepare("UPDATE crm_connection SET state = 'needs_reconnect', message = ? WHERE kind = ?").run(message, kind);
}

export const SyncStateSchema = z.object({
  kind: z.string(),
  cursor: z.string().nullable(),
  last_sync_at: z.string().nullable(),
  records_synced: z.number().int(),
  last_report: z.string().nullable(),
  watermark: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

export function syncState(ctx: StoreContext, kind: CrmKind): SyncState | null {
  const row = ctx.db.prepare('SELECT * FROM crm_sync_state WHERE kind = ?').get(kind);
  return row ? SyncStateSchema.parse(row) : null;
}

/** Saves the cursor after each page, so an interrupted sync resumes where it stopped. */
export function saveCursor(ctx: StoreContext, kind: CrmKind, cursor: string, addRecords: number): void {
  ctx.db
    .prepare(
      `INSERT INTO crm_sync_state (kind, cursor, last_sync_at, records_synced) VALUES (?, ?, ?, ?)
       ON CONFLICT(kind) DO UPDATE SET cursor = excluded.cursor, last_sync_at = excluded.last_sync_at, records_synced = records_synced + excluded.records_synced`,
    )
    .run(kind, cursor, ctx.clock().toISOString(), addRecords);
}

/** Saved when a sync run has caught up (see ChangedPage.watermark). */
export function saveWatermark(ctx: StoreContext, kind: CrmKind, watermark: string): void {
  ctx.db.prepare('UPDATE crm_sync_state SET watermark = ? WHERE kind = ?').run(watermark, kind);
}

export function saveReport(ctx: StoreContext, kind: CrmKind, report: unknown): void {
  ctx.db.prepare('UPDATE crm_sync_state SET last_report = ? WHERE kind = ?').run(JSON.stringify(report), kind);
}

const PropsSchema = z.record(z.string(), z.string().nullable());

export interface Snapshot {
  kind: CrmKind;
  record_id: string;
  lead_id: string | null;
  properties: Record<string, CrmValue>;
  remote_updated_at: string;
  synced_at: string;
  gone_at: string | null;
}

export function upsertSnapshot(ctx: StoreContext, kind: CrmKind, rec: CrmRecord, leadId: string | null): void {
  ctx.db
    .prepare(
      `INSERT INTO crm_snapshots (kind, record_id, lead_id, properties, company, remote_updated_at, synced_at, gone_at)
       VALUES (@kind, @record_id, @lead_id, @properties, @company, @remote_updated_at, @synced_at, NULL)
       ON CONFLICT(kind, record_id) DO UPDATE SET lead_id = COALESCE(excluded.lead_id, crm_snapshots.lead_id), properties = excluded.properties,
         company = excluded.company, remote_updated_at = excluded.remote_updated_at, synced_at = excluded.synced_at, gone_at = NULL`,
    )
    .run({
      kind,
      record_id: rec.id,
      lead_id: leadId,
      properties: JSON.stringify(rec.properties),
      company: rec.company ? JSON.stringify(rec.company) : null,
      remote_updated_at: rec.updated_at,
      synced_at: ctx.clock().toISOString(),
    });
}

/** After a write lands, the snapshot carries the new values so the next freshness check agrees. */
export function patchSnapshot(
  ctx: StoreContext,
  kind: CrmKind,
  recordId: string,
  values: Record<string, CrmValue>,
): void {
  const s = getSnapshot(ctx, kind, recordId);
  if (!s) return;
  ctx.db
    .prepare('UPDATE crm_snapshots SET properties = ?, synced_at = ? WHERE kind = ? AND record_id = ?')
    .run(JSON.stringify({ ...s.properties, ...values }), ctx.clock().toISOString(), kind, recordId);
}

export function markGone(ctx: StoreContext, kind: CrmKind, recordId: string): void {
  ctx.db
    .prepare('UPDATE crm_snapshots SET gone_at = ? WHERE kind = ? AND record_id = ? AND gone_at IS NULL')
    .run(ctx.clock().toISOString(), kind, recordId);
}

export function getSnapshot(ctx: StoreContext, kind: CrmKind, recordId: string): Snapshot | null {
  const row = ctx.db.prepare('SELECT * FROM crm_snapshots WHERE kind = ? AND record_id = ?').get(kind, recordId) as
    Record<string, unknown> | undefined;
  if (!row) return null;
  return {
    kind,
    record_id: String(row['record_id']),
    lead_id: (row['lead_id'] as string | null) ?? null,
    properties: PropsSchema.parse(JSON.parse(String(row['properties']))),
    remote_updated_at: String(row['remote_updated_at']),
    synced_at: String(row['synced_at']),
    gone_at: (row['gone_at'] as string | null) ?? null,
  };
}

export function snapshotForLead(ctx: StoreContext, leadId: string): Snapshot | null {
  const row = ctx.db
    .prepare('SELECT kind, record_id FROM crm_snapshots WHERE lead_id = ? ORDER BY synced_at DESC LIMIT 1')
    .get(leadId) as { kind: CrmKind; record_id: string } | undefined;
  return row ? getSnapshot(ctx, row.kind, row.record_id) : null;
}

export function countSnapshots(ctx: StoreContext, kind: CrmKind): number {
  return (ctx.db.prepare('SELECT count(*) AS n FROM crm_snapshots WHERE kind = ?').get(kind) as { n: number }).n;
}

/** The mapping shown in Settings; the default until someone saves one. */
export function getMapping(ctx: StoreContext, kind: CrmKind): FieldMapping {
  const row = ctx.db.prepare('SELECT body FROM crm_mapping WHERE kind = ?').get(kind) as { body: string } | undefined;
  if (!row) return { ...DEFAULT_HUBSPOT_MAPPING, crm: kind };
  return FieldMappingSchema.parse(JSON.parse(row.body));
}

export function saveMapping(ctx: StoreContext, mapping: FieldMapping): void {
  const m = FieldMappingSchema.parse(mapping);
  ctx.db
    .prepare(
      'INSERT INTO crm_mapping (kind, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
    )
    .run(m.crm, JSON.stringify(m), ctx.clock().toISOString());
}
