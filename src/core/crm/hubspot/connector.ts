import type { z } from 'zod';
import {
  ActivityInputSchema,
  ActivityOutcomeSchema,
  ChangedPageSchema,
  CrmRecordSchema,
  FieldDescriptorSchema,
  RecordOutcomeSchema,
  err,
  ok,
  type Activity,
  type ActivityOutcome,
  type AppError,
  type ChangedPage,
  type CrmRecord,
  type FieldDescriptor,
  type RecordOutcome,
  type RecordUpdate,
  type Result,
} from '../../../contract/index.js';
import type { CrmConnector, CurrentValues, ListChangedOptions } from '../connector.js';
import { HS_LIMITS, HubSpotApi, idsOfError, type HsFilter } from './api.js';
import { BODY_PROPERTY, activityInput, markerOf } from './activities.js';
import { decodeCursor, encodeCursor, nextStep } from './cursor.js';
import { HubSpotHttp, failureDetails, type HubSpotHttpOptions } from './http.js';
import { DEFAULT_RELATED, fetchRelated, type RelatedOptions } from './related.js';
import { OBJECT_OF_ACTIVITY, type HsObject } from './shapes.js';

/** Contact properties every sync reads; mapping targets are added by the caller. */
export const DEFAULT_CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'jobtitle',
  'phone',
  'company',
  'website',
  'hs_lead_status',
  'lifecyclestage',
  'hubspot_owner_id',
  'hs_analytics_source',
  'message',
  'createdate',
  'lastmodifieddate',
];

export interface HubSpotConnectorOptions extends HubSpotHttpOptions {
  contactProperties?: readonly string[];
  related?: Partial<RelatedOptions>;
  /** Re-read this much before the last run's end: HubSpot's search index lags writes by seconds. */
  overlapMs?: number;
  /** Contacts per `listChanged` page; related objects are fetched once per page. */
  pageSize?: number;
}

const MARKER_SEARCH_KINDS = ['note', 'task', 'meeting'] as const;

/** HubSpot CRM v3/v4 over plain fetch. */
export class HubSpotConnector implements CrmConnector {
  readonly kind = 'hubspot' as const;
  readonly http: HubSpotHttp;
  readonly api: HubSpotApi;
  private readonly props: string[];
  private readonly related: RelatedOptions;
  private readonly companyCache = new Map<string, HsObject | null>();

  constructor(private readonly opts: HubSpotConnectorOptions) {
    this.http = new HubSpotHttp(opts);
    this.api = new HubSpotApi(this.http);
    this.props = [
      ...new Set([...(opts.contactProperties ?? DEFAULT_CONTACT_PROPERTIES), 'createdate', 'lastmodifieddate']),
    ];
    this.related = { ...DEFAULT_RELATED, ...opts.related };
  }

  callCount(): number {
    return this.http.stats.calls;
  }

  rateLimitedCount(): number {
    return this.http.stats.rateLimited;
  }

  /** Checks the token and base URL with one cheap call. */
  ping(): Promise<Result<true>> {
    return this.api.ping();
  }

  async listChanged(o: ListChangedOptions): Promise<Result<ChangedPage>> {
    const start = o.cursor
      ? decodeCursor(o.cursor)
      : { v: 2 as const, lo: o.since ? Math.max(0, Date.parse(o.since)) : 0, after: null, skip: [] };
    if (!start)
      return err(
        'invalid_input',
        `The sync cursor "${o.cursor}" is not one this app wrote; run \`crm sync --since <date>\` to restart.`,
      );
    let { lo, after } = start;
    const skip = new Set(start.skip);
    const want = Math.max(1, o.pageSize ?? this.opts.pageSize ?? 1_000);
    const seen = new Map<string, HsObject>();
    let maxSeen = -1;
    let total: number | null = null;
    let done = false;
    while (seen.size < want) {
      const r = await this.api.search('contacts', {
        filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(lo) }] }],
        sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
        properties: this.props,
        limit: HS_LIMITS.searchPage,
        ...(after ? { after } : {}),
      });
      if (!r.ok) return r;
      total ??= r.value.total;
      for (const c of r.value.results) {
        if (skip.has(c.id)) continue;
        seen.set(c.id, c);
        maxSeen = Math.max(maxSeen, modifiedMs(c) ?? -1);
      }
      const last = r.value.results.at(-1);
      const step = nextStep({
        lo,
        after,
        full: r.value.results.length >= HS_LIMITS.searchPage,
        nextAfter: r.value.paging?.next?.after,
        lastModifiedMs: last ? modifiedMs(last) : null,
        pageSize: HS_LIMITS.searchPage,
        cap: HS_LIMITS.searchCap,
      });
      if (step.kind === 'done') {
        done = true;
        break;
      }
      if (step.kind === 'stuck') {
        return err(
          'unsupported',
          'More than 10,000 HubSpot contacts share one modification time; the search API cannot page through them.',
        );
      }
      if (step.kind === 'narrow') {
        lo = step.lo;
        after = null;
      } else after = step.after;
    }
    let contacts = [...seen.values()];
    if (contacts.length > want) {
      // A search page holds 200; keep exactly what was asked (--limit) and resume after the last kept one.
      contacts = contacts.slice(0, want);
      const lastKept = contacts.at(-1);
      const keptMs = lastKept ? (modifiedMs(lastKept) ?? lo) : lo;
      lo = keptMs;
      after = null;
      done = false;
    }
    let related = new Map<string, Pick<CrmRecord, 'company' | 'activities'>>();
    if (o.withRelated !== false) {
      const rel = await fetchRelated(this.api, contacts, this.related, this.companyCache);
      if (!rel.ok) return rel;
      related = rel.value;
    }
    const records = contacts.map((c) => toRecord(c, related.get(c.id)));
    // Caught up: the next run starts just after the newest change seen, minus an overlap for
    // HubSpot's search index, which lags writes by a few seconds.
    const cursor = done
      ? encodeCursor({ lo: maxSeen < 0 ? lo : Math.max(0, maxSeen + 1 - (this.opts.overlapMs ?? 30_000)), after: null })
      : encodeCursor({ lo, after, skip: boundaryIds(contacts, lo, lo === start.lo ? start.skip : []) });
    const watermark = done && maxSeen >= 0 ? new Date(maxSeen).toISOString() : null;
    return parsePage({ records, cursor, done, total_estimate: total, watermark });
  }

  async readRecords(ids: readonly string[], properties: readonly string[]): Promise<Result<CrmRecord[]>> {
    const r = await this.api.batchReadAll('contacts', ids, [
      ...new Set([...properties, 'createdate', 'lastmodifieddate']),
    ]);
    if (!r.ok) return r;
    return validateAll(
      r.value.map((c) => toRecord(c, undefined)),
      CrmRecordSchema,
    );
  }

  async readCurrent(
    ids: readonly string[],
    fields: readonly string[],
    since?: ReadonlyMap<string, string>,
  ): Promise<Result<CurrentValues[]>> {
    const unique = [...new Set(ids)];
    const props = [...new Set([...fields, 'lastmodifieddate'])];
    const times = unique.map((id) => Date.parse(since?.get(id) ?? ''));
    // Batch read costs one call per 100 records; a "changed since" search covers 500 per call when
    // little has changed, so it only pays off above two batches.
    const useSearch = unique.length > 2 * HS_LIMITS.batch && times.every((t) => Number.isFinite(t));
    if (!useSearch) {
      const r = await this.api.batchReadAll('contacts', unique, props);
      if (!r.ok) return r;
      const byId = new Map(r.value.map((o) => [o.id, o]));
      return ok(
        unique.map((id): CurrentValues => {
          const o = byId.get(id);
          return o
            ? { record_id: id, state: 'values', values: pick(o.properties, fields) }
            : { record_id: id, state: 'gone' };
        }),
      );
    }
    const minSince = Math.min(...times);
    const changed = new Map<string, HsObject>();
    const perQuery = HS_LIMITS.inValues * HS_LIMITS.filterGroups;
    for (let i = 0; i < unique.length; i += perQuery) {
      const slice = unique.slice(i, i + perQuery);
      const groups: Array<{ filters: HsFilter[] }> = [];
      for (let j = 0; j < slice.length; j += HS_LIMITS.inValues) {
        groups.push({
          filters: [
            { propertyName: 'hs_object_id', operator: 'IN', values: slice.slice(j, j + HS_LIMITS.inValues) },
            { propertyName: 'lastmodifieddate', operator: 'GT', value: String(minSince) },
          ],
        });
      }
      let after: string | undefined;
      do {
        const r = await this.api.search('contacts', {
          filterGroups: groups,
          properties: props,
          limit: HS_LIMITS.searchPage,
          ...(after ? { after } : {}),
        });
        if (!r.ok) return r;
        for (const o of r.value.results) changed.set(o.id, o);
        after = r.value.paging?.next?.after;
      } while (after);
    }
    return ok(
      unique.map((id): CurrentValues => {
        const o = changed.get(id);
        return o
          ? { record_id: id, state: 'values', values: pick(o.properties, fields) }
          : { record_id: id, state: 'unchanged' };
      }),
    );
  }

  async applyUpdates(updates: readonly RecordUpdate[]): Promise<Result<RecordOutcome[]>> {
    const out: RecordOutcome[] = [];
    for (let i = 0; i < updates.length; i += HS_LIMITS.batch) {
      const r = await this.updateBatch(updates.slice(i, i + HS_LIMITS.batch));
      if (!r.ok) return r;
      out.push(...r.value);
    }
    return validateAll(out, RecordOutcomeSchema);
  }

  /**
   * One batch. HubSpot answers 207 with per-id errors for unknown ids, but rejects the whole batch
   * (400) when one input has an invalid value; then the batch is split in halves until the bad
   * inputs stand alone, so the good ones still land and each bad one is reported.
   */
  private async updateBatch(batch: readonly RecordUpdate[]): Promise<Result<RecordOutcome[]>> {
    const inputs = batch.map((u) => ({
      id: u.record_id,
      properties: Object.fromEntries(Object.entries(u.properties).map(([k, v]) => [k, v ?? ''])),
    }));
    const r = await this.api.batchUpdate('contacts', inputs);
    if (!r.ok) {
      const status = failureDetails(r.error)?.status ?? null;
      if ((status === 400 || status === 404) && batch.length > 1) {
        const mid = Math.ceil(batch.length / 2);
        const a = await this.updateBatch(batch.slice(0, mid));
        if (!a.ok) return a;
        const b = await this.updateBatch(batch.slice(mid));
        if (!b.ok) return b;
        return ok([...a.value, ...b.value]);
      }
      if ((status === 400 || status === 404) && batch[0]) {
        return ok([
          { ok: false, record_id: batch[0].record_id, reason: status === 404 ? 'gone' : 'rejected', error: r.error },
        ]);
      }
      return r;
    }
    const done = new Set(r.value.body.results.map((o) => o.id));
    const failed = new Map<string, AppError & { reason: 'gone' | 'rejected' }>();
    for (const e of r.value.body.errors ?? []) {
      const gone = e.category === 'OBJECT_NOT_FOUND';
      for (const id of idsOfError(
        e,
        inputs.map((x) => x.id),
      )) {
        failed.set(id, {
          code: gone ? 'not_found' : 'crm_error',
          message: e.message,
          reason: gone ? 'gone' : 'rejected',
        });
      }
    }
    return ok(
      batch.map((u): RecordOutcome => {
        if (done.has(u.record_id)) return { ok: true, record_id: u.record_id };
        const f = failed.get(u.record_id);
        if (f)
          return { ok: false, record_id: u.record_id, reason: f.reason, error: { code: f.code, message: f.message } };
        return {
          ok: false,
          record_id: u.record_id,
          reason: 'failed',
          error: { code: 'crm_error', message: 'HubSpot neither confirmed nor rejected this update.' },
        };
      }),
    );
  }

  async createActivities(inputs: readonly Activity[]): Promise<Result<ActivityOutcome[]>> {
    const parsed = inputs.map((a) => ActivityInputSchema.parse(a));
    const out: ActivityOutcome[] = [];
    for (const kind of MARKER_SEARCH_KINDS) {
      const ofKind = parsed.filter((a) => a.kind === kind);
      for (let i = 0; i < ofKind.length; i += HS_LIMITS.batch)
        out.push(...(await this.createBatch(kind, ofKind.slice(i, i + HS_LIMITS.batch))));
    }
    return validateAll(out, ActivityOutcomeSchema);
  }

  /**
   * One batch create. A 400 means HubSpot validated the batch and created nothing, so splitting it
   * to isolate the bad input is safe; any other failure may have created some, so it is reported
   * as `failed` and the journal reconciles by marker instead of resending.
   */
  private async createBatch(kind: Activity['kind'], batch: readonly Activity[]): Promise<ActivityOutcome[]> {
    const r = await this.api.batchCreate(
      OBJECT_OF_ACTIVITY[kind],
      batch.map((a) => activityInput(a).input),
    );
    if (!r.ok) {
      const status = failureDetails(r.error)?.status ?? null;
      if (status === 400 && batch.length > 1) {
        const mid = Math.ceil(batch.length / 2);
        return [
          ...(await this.createBatch(kind, batch.slice(0, mid))),
          ...(await this.createBatch(kind, batch.slice(mid))),
        ];
      }
      const gone = status === 400 && /does not exist/.test(r.error.message);
      return batch.map((a): ActivityOutcome => ({
        ok: false,
        marker: a.marker,
        reason: status === 400 ? (gone ? 'gone' : 'rejected') : 'failed',
        error: r.error,
      }));
    }
    const created = new Map<string, string>();
    for (const o of r.value.body.results) {
      const m = markerOf(o.properties[BODY_PROPERTY[kind]]);
      if (m) created.set(m, o.id);
    }
    const firstError = r.value.body.errors?.[0];
    return batch.map((a): ActivityOutcome => {
      const id = created.get(a.marker);
      if (id) return { ok: true, marker: a.marker, remote_id: id };
      return {
        ok: false,
        marker: a.marker,
        reason: firstError?.category === 'OBJECT_NOT_FOUND' ? 'gone' : 'failed',
        error: { code: 'crm_error', message: firstError?.message ?? 'HubSpot did not confirm this activity.' },
      };
    });
  }

  async findActivities(recordIds: readonly string[], markers: readonly string[]): Promise<Result<Map<string, string>>> {
    const want = new Set(markers);
    const found = new Map<string, string>();
    if (want.size === 0 || recordIds.length === 0) return ok(found);
    const ids = [...new Set(recordIds)];
    // Associations are read from the primary store, unlike search, so an activity created a moment
    // ago (just before a crash) is already visible here.
    for (const kind of MARKER_SEARCH_KINDS) {
      const assoc = await this.api.associations('contacts', OBJECT_OF_ACTIVITY[kind], ids);
      if (!assoc.ok) return assoc;
      const actIds = [...new Set([...assoc.value.values()].flat())];
      const objs = await this.api.batchReadAll(OBJECT_OF_ACTIVITY[kind], actIds, [BODY_PROPERTY[kind]]);
      if (!objs.ok) return objs;
      for (const o of objs.value) {
        const m = markerOf(o.properties[BODY_PROPERTY[kind]]);
        if (m && want.has(m) && !found.has(m)) found.set(m, o.id);
      }
    }
    return ok(found);
  }

  async describeFields(): Promise<Result<FieldDescriptor[]>> {
    const r = await this.api.properties('contacts');
    if (!r.ok) return r;
    return validateAll(
      r.value.map((p) => ({
        name: p.name,
        label: p.label,
        type: p.type,
        field_type: p.fieldType,
        options: p.options.filter((x) => !x.hidden).map((x) => ({ value: x.value, label: x.label })),
        read_only: p.calculated === true || p.modificationMetadata?.readOnlyValue === true,
        custom: p.hubspotDefined !== true,
      })),
      FieldDescriptorSchema,
    );
  }
}

function modifiedMs(o: HsObject): number | null {
  const v = o.properties['lastmodifieddate'] ?? o.updatedAt;
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(n) ? n : null;
}

/** Ids returned at exactly `lo` (the next window starts there), including earlier ones still at `lo`. */
function boundaryIds(contacts: readonly HsObject[], lo: number, carried: readonly string[]): string[] {
  return [...new Set([...carried, ...contacts.filter((c) => modifiedMs(c) === lo).map((c) => c.id)])].slice(0, 1000);
}

function toRecord(c: HsObject, rel: Pick<CrmRecord, 'company' | 'activities'> | undefined): CrmRecord {
  const ms = modifiedMs(c);
  return {
    id: c.id,
    properties: c.properties,
    updated_at: ms === null ? c.updatedAt : new Date(ms).toISOString(),
    created_at: c.createdAt ?? null,
    company: rel?.company ?? null,
    activities: rel?.activities ?? [],
  };
}

function pick(props: Record<string, string | null>, fields: readonly string[]): Record<string, string | null> {
  // HubSpot returns "" for a cleared value and omits never-set ones; both mean empty.
  return Object.fromEntries(
    fields.map((f) => [f, props[f] === undefined || props[f] === '' ? null : (props[f] ?? null)]),
  );
}

function parsePage(p: z.input<typeof ChangedPageSchema>): Result<ChangedPage> {
  const r = ChangedPageSchema.safeParse(p);
  return r.success ? ok(r.data) : err('crm_error', `A HubSpot page did not validate: ${r.error.message}`);
}

function validateAll<T>(
  items: readonly unknown[],
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
): Result<T[]> {
  const out: T[] = [];
  for (const [i, it] of items.entries()) {
    const r = schema.safeParse(it);
    if (!r.success) return err('crm_error', `CRM result ${i} did not validate: ${r.error.message}`, { path: [i] });
    out.push(r.data);
  }
  return ok(out);
}
