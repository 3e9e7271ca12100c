import { ok, type Result } from '../../../contract/index.js';
import { failureDetails, type HubSpotHttp } from './http.js';
import {
  HsAssociationBatchSchema,
  HsBatchResponseSchema,
  HsListResponseSchema,
  HsPropertiesResponseSchema,
  HsPropertySchema,
  HsSearchResponseSchema,
  type HsBatchResponse,
  type HsError,
  type HsObject,
  type HsProperty,
  type HsSearchResponse,
} from './shapes.js';

/** HubSpot's documented request limits. */
export const HS_LIMITS = {
  searchPage: 200,
  /** The search endpoint refuses to page past this many results of one query. */
  searchCap: 10_000,
  batch: 100,
  /** v4 association batch read (Feb 2025 changelog: at most 1,000 ids per request). */
  associationBatch: 1_000,
  filterGroups: 5,
  inValues: 100,
} as const;

export type HsFilter =
  | { propertyName: string; operator: 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'CONTAINS_TOKEN'; value: string }
  | { propertyName: string; operator: 'IN' | 'NOT_IN'; values: string[] }
  | { propertyName: string; operator: 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' };

export interface SearchBody {
  filterGroups: Array<{ filters: HsFilter[] }>;
  sorts?: Array<{ propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }>;
  properties: string[];
  limit: number;
  after?: string;
}

/** Thin typed calls, one per HubSpot endpoint the connector uses. */
export class HubSpotApi {
  constructor(readonly http: HubSpotHttp) {}

  async search(objectType: string, body: SearchBody): Promise<Result<HsSearchResponse>> {
    const r = await this.http.request({
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/search`,
      body,
      schema: HsSearchResponseSchema,
      kind: 'search',
      idempotent: true,
    });
    return r.ok ? ok(r.value.data) : r;
  }

  /** One batch read (<= 100 ids). Missing ids come back in `errors` (207), not as a failure. */
  async batchRead(
    objectType: string,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Result<HsBatchResponse>> {
    const r = await this.http.request({
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/read`,
      body: { inputs: ids.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] },
      schema: HsBatchResponseSchema,
      idempotent: true,
    });
    if (!r.ok) {
      // HubSpot answers 404 when none of the ids exist: that is an empty result, not an error.
      if (r.error.code === 'not_found') return ok({ status: 'COMPLETE', results: [], errors: [] });
      return r;
    }
    return ok(r.value.data);
  }

  /** Reads any number of ids in batches of 100; the results of every batch, in order. */
  async batchReadAll(
    objectType: string,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Result<HsObject[]>> {
    const out: HsObject[] = [];
    for (let i = 0; i < ids.length; i += HS_LIMITS.batch) {
      const r = await this.batchRead(objectType, ids.slice(i, i + HS_LIMITS.batch), properties);
      if (!r.ok) return r;
      out.push(...r.value.results);
    }
    return ok(out);
  }

  /** One batch update (<= 100 inputs). Setting values is idempotent, so it may be resent after a network failure. */
  async batchUpdate(
    objectType: string,
    inputs: ReadonlyArray<{ id: string; properties: Record<string, string> }>,
  ): Promise<Result<{ status: number; body: HsBatchResponse }>> {
    const r = await this.http.request({
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/update`,
      body: { inputs },
      schema: HsBatchResponseSchema,
      idempotent: true,
    });
    return r.ok ? ok({ status: r.value.status, body: r.value.data }) : r;
  }

  /** One batch create (<= 100 inputs). Never resent blindly: the caller reconciles by marker first. */
  async batchCreate(
    objectType: string,
    inputs: ReadonlyArray<{
      properties: Record<string, string>;
      associations: Array<{
        to: { id: string };
        types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }>;
      }>;
    }>,
  ): Promise<Result<{ status: number; body: HsBatchResponse }>> {
    const r = await this.http.request({
      method: 'POST',
      path: `/crm/v3/objects/${objectType}/batch/create`,
      body: { inputs },
      schema: HsBatchResponseSchema,
      idempotent: false,
    });
    return r.ok ? ok({ status: r.value.status, body: r.value.data }) : r;
  }

  /** Associated ids (first page per record) of many records: from id -> to ids. */
  async associations(from: string, to: string, ids: readonly string[]): Promise<Result<Map<string, string[]>>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += HS_LIMITS.associationBatch) {
      const r = await this.http.request({
        method: 'POST',
        path: `/crm/v4/associations/${from}/${to}/batch/read`,
        body: { inputs: ids.slice(i, i + HS_LIMITS.associationBatch).map((id) => ({ id })) },
        schema: HsAssociationBatchSchema,
        idempotent: true,
      });
      if (!r.ok) {
        if (r.error.code === 'not_found') continue;
        return r;
      }
      for (const row of r.value.data.results)
        out.set(
          row.from.id,
          row.to.map((t) => t.toObjectId),
        );
    }
    return ok(out);
  }

  async properties(objectType: string): Promise<Result<HsProperty[]>> {
    const r = await this.http.request({
      method: 'GET',
      path: `/crm/v3/properties/${objectType}`,
      schema: HsPropertiesResponseSchema,
      idempotent: true,
    });
    return r.ok ? ok(r.value.data.results) : r;
  }

  /** Creates a property; only ever called after a person approved the proposal to create it. */
  async createProperty(
    objectType: string,
    body: {
      name: string;
      label: string;
      type: string;
      fieldType: string;
      groupName: string;
      options: Array<{ label: string; value: string }>;
    },
  ): Promise<Result<HsProperty>> {
    const r = await this.http.request({
      method: 'POST',
      path: `/crm/v3/properties/${objectType}`,
      body,
      schema: HsPropertySchema,
      idempotent: false,
    });
    return r.ok ? ok(r.value.data) : r;
  }

  /** The cheapest authenticated call: checks the token and the base URL. */
  async ping(): Promise<Result<true>> {
    const r = await this.http.request({
      method: 'GET',
      path: '/crm/v3/objects/contacts?limit=1',
      schema: HsListResponseSchema,
      idempotent: true,
    });
    return r.ok ? ok(true) : r;
  }
}

/** The ids a batch error names (HubSpot puts them in `context.ids`, sometimes only in the message). */
export function idsOfError(e: HsError, candidates: readonly string[]): string[] {
  const fromContext = e.context?.['ids'] ?? e.context?.['id'] ?? [];
  if (fromContext.length > 0) return fromContext;
  return candidates.filter((id) => new RegExp(`\\b${id}\\b`).test(e.message));
}

/** True when an error from `batchUpdate`/`batchCreate` may have been applied anyway. */
export const isUncertain = (e: { details?: unknown; code: string; message: string }): boolean =>
  failureDetails({ code: 'crm_error', message: e.message, details: e.details })?.uncertain === true;
