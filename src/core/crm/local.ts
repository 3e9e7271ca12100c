import { z } from 'zod';
import {
  ActivityInputSchema,
  ChangedPageSchema,
  CrmRecordSchema,
  FieldDescriptorSchema,
  err,
  ok,
  type Activity,
  type ActivityOutcome,
  type ChangedPage,
  type CrmRecord,
  type FieldDescriptor,
  type RecordOutcome,
  type RecordUpdate,
  type Result,
} from '../../contract/index.js';
import type { StoreContext } from '../store/context.js';
import { createIdFactory } from '../store/ids.js';
import type { CrmConnector, CurrentValues, ListChangedOptions } from './connector.js';

const FieldsSchema = z.record(z.string(), z.string().nullable());
const RowSchema = z.object({
  id: z.string(),
  lead_id: z.string().nullable(),
  fields: z.string(),
  version: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** Fields of the embedded CRM; it accepts any other name too (it has no schema to enforce). */
const LOCAL_FIELDS: FieldDescriptor[] = [
  { name: 'email', label: 'Email', type: 'string', field_type: 'text', options: [], read_only: false, custom: false },
  {
    name: 'firstname',
    label: 'First name',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: false,
  },
  {
    name: 'lastname',
    label: 'Last name',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: false,
  },
  {
    name: 'company',
    label: 'Company',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: false,
  },
  {
    name: 'hs_lead_status',
    label: 'Lead status',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: false,
  },
  {
    name: 'lifecyclestage',
    label: 'Lifecycle stage',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: false,
  },
  {
    name: 'sales_copilot_score',
    label: 'Score',
    type: 'number',
    field_type: 'number',
    options: [],
    read_only: false,
    custom: true,
  },
  {
    name: 'sales_copilot_budget',
    label: 'Budget',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: true,
  },
  {
    name: 'sales_copilot_timeline',
    label: 'Timeline',
    type: 'string',
    field_type: 'text',
    options: [],
    read_only: false,
    custom: true,
  },
];

const PREFIX = 'l1.';

/**
 * The embedded default CRM over the store's `crm_records` (one row per lead, optimistic version)
 * and this area's `crm_activities`. It needs no network, so every call "costs" nothing.
 */
export class LocalCrmConnector implements CrmConnector {
  readonly kind = 'local' as const;
  private calls = 0;
  private readonly newActivityId: () => string;
  private readonly newRecordId: () => string;

  constructor(private readonly ctx: StoreContext) {
    this.newActivityId = createIdFactory('act', ctx.clock);
    this.newRecordId = createIdFactory('crm', ctx.clock);
  }

  callCount(): number {
    return this.calls;
  }

  /** Creates (or returns) the record of a lead; the local CRM's equivalent of "a contact exists". */
  ensureRecord(leadId: string | null, fields: Record<string, string | null>): string {
    if (leadId) {
      const row = this.ctx.db.prepare('SELECT id FROM crm_records WHERE lead_id = ?').get(leadId) as
        { id: string } | undefined;
      if (row) return row.id;
    }
    const id = this.newRecordId();
    const now = this.ctx.clock().toISOString();
    this.ctx.db
      .prepare(
        'INSERT INTO crm_records (id, lead_id, fields, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
      )
      .run(id, leadId, JSON.stringify(fields), now, now);
    return id;
  }

  private toRecord(row: unknown): CrmRecord {
    const r = RowSchema.parse(row);
    return CrmRecordSchema.parse({
      id: r.id,
      properties: FieldsSchema.parse(JSON.parse(r.fields)),
      updated_at: r.updated_at,
      created_at: r.created_at,
    });
  }

  async listChanged(o: ListChangedOptions): Promise<Result<ChangedPage>> {
    this.calls++;
    let at = o.since ?? '';
    let afterId = '';
    if (o.cursor) {
      if (!o.cursor.startsWith(PREFIX))
        return err('invalid_input', `The cursor "${o.cursor}" does not belong to the local CRM.`);
      const [t, id] = o.cursor.slice(PREFIX.length).split('|');
      at = t ?? '';
      afterId = id ?? '';
    }
    const size = Math.max(1, o.pageSize ?? 500);
    const rows = this.ctx.db
      .prepare(
        'SELECT * FROM crm_records WHERE (updated_at > ? OR (updated_at = ? AND id > ?)) ORDER BY updated_at, id LIMIT ?',
      )
      .all(at, at, afterId, size + 1);
    const page = rows.slice(0, size).map((r) => this.toRecord(r));
    if (o.withRelated !== false) for (const rec of page) rec.activities = this.activitiesOf(rec.id);
    const last = page.at(-1);
    return ok(
      ChangedPageSchema.parse({
        records: page,
        cursor: last ? `${PREFIX}${last.updated_at}|${last.id}` : (o.cursor ?? `${PREFIX}${at}|${afterId}`),
        done: rows.length <= size,
        total_estimate: null,
      }),
    );
  }

  private activitiesOf(recordId: string): CrmRecord['activities'] {
    return (
      this.ctx.db
        .prepare(
          "SELECT id, kind, at, body FROM crm_activities WHERE record_id = ? AND kind IN ('note', 'email') ORDER BY at DESC LIMIT 3",
        )
        .all(recordId) as Array<{ id: string; kind: 'note' | 'email'; at: string; body: string }>
    ).map((a) => ({ id: a.id, kind: a.kind, at: a.at, text: a.body }));
  }

  async readRecords(ids: readonly string[]): Promise<Result<CrmRecord[]>> {
    this.calls++;
    const stmt = this.ctx.db.prepare('SELECT * FROM crm_records WHERE id = ?');
    return ok(
      ids
        .map((id) => stmt.get(id))
        .filter((r) => r !== undefined)
        .map((r) => this.toRecord(r)),
    );
  }

  async readCurrent(ids: readonly string[], fields: readonly string[]): Promise<Result<CurrentValues[]>> {
    const r = await this.readRecords(ids);
    if (!r.ok) return r;
    const byId = new Map(r.value.map((x) => [x.id, x]));
    return ok(
      ids.map((id): CurrentValues => {
        const rec = byId.get(id);
        return rec
          ? {
              record_id: id,
              state: 'values',
              values: Object.fromEntries(fields.map((f) => [f, rec.properties[f] ?? null])),
            }
          : { record_id: id, state: 'gone' };
      }),
    );
  }

  async applyUpdates(updates: readonly RecordUpdate[]): Promise<Result<RecordOutcome[]>> {
    this.calls++;
    const get = this.ctx.db.prepare('SELECT fields, version FROM crm_records WHERE id = ?');
    const put = this.ctx.db.prepare(
      'UPDATE crm_records SET fields = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?',
    );
    const now = this.ctx.clock().toISOString();
    return ok(
      this.ctx.db.transaction(() =>
        updates.map((u): RecordOutcome => {
          const row = get.get(u.record_id) as { fields: string; version: number } | undefined;
          if (!row)
            return {
              ok: false,
              record_id: u.record_id,
              reason: 'gone',
              error: { code: 'not_found', message: `Local CRM record ${u.record_id} no longer exists.` },
            };
          const next = { ...FieldsSchema.parse(JSON.parse(row.fields)), ...u.properties };
          put.run(JSON.stringify(next), now, u.record_id, row.version);
          return { ok: true, record_id: u.record_id };
        }),
      )(),
    );
  }

  async createActivities(inputs: readonly Activity[]): Promise<Result<ActivityOutcome[]>> {
    this.calls++;
    const exists = this.ctx.db.prepare('SELECT id FROM crm_activities WHERE marker = ?');
    const rec = this.ctx.db.prepare('SELECT 1 FROM crm_records WHERE id = ?');
    const ins = this.ctx.db.prepare(
      'INSERT INTO crm_activities (id, record_id, kind, title, body, at, end_at, marker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const now = this.ctx.clock().toISOString();
    return ok(
      this.ctx.db.transaction(() =>
        inputs.map((raw): ActivityOutcome => {
          const a = ActivityInputSchema.parse(raw);
          // The marker is UNIQUE: a repeat returns the first one instead of a duplicate.
          const prior = exists.get(a.marker) as { id: string } | undefined;
          if (prior) return { ok: true, marker: a.marker, remote_id: prior.id };
          if (!rec.get(a.record_id))
            return {
              ok: false,
              marker: a.marker,
              reason: 'gone',
              error: { code: 'not_found', message: `Local CRM record ${a.record_id} no longer exists.` },
            };
          const id = this.newActivityId();
          ins.run(id, a.record_id, a.kind, a.title, a.body, a.at, a.end_at, a.marker, now);
          return { ok: true, marker: a.marker, remote_id: id };
        }),
      )(),
    );
  }

  async findActivities(
    _recordIds: readonly string[],
    markers: readonly string[],
  ): Promise<Result<Map<string, string>>> {
    this.calls++;
    const stmt = this.ctx.db.prepare('SELECT id FROM crm_activities WHERE marker = ?');
    const out = new Map<string, string>();
    for (const m of markers) {
      const r = stmt.get(m) as { id: string } | undefined;
      if (r) out.set(m, r.id);
    }
    return ok(out);
  }

  async describeFields(): Promise<Result<FieldDescriptor[]>> {
    this.calls++;
    return ok(LOCAL_FIELDS.map((f) => FieldDescriptorSchema.parse(f)));
  }
}
