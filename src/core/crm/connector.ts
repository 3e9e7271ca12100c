import type {
  Activity,
  ActivityOutcome,
  ChangedPage,
  CrmKind,
  CrmRecord,
  CrmValue,
  FieldDescriptor,
  RecordOutcome,
  RecordUpdate,
  Result,
} from '../../contract/index.js';

/** Options of one `listChanged` call. */
export interface ListChangedOptions {
  /** Opaque cursor from the previous page or run; null starts from the beginning (or `since`). */
  cursor: string | null;
  /** ISO lower bound used when there is no cursor. */
  since?: string | null;
  /** Records wanted in this page (the connector may return fewer). */
  pageSize?: number;
  /** Fill `company` and `activities` of each record (costs batch calls, not calls per record). */
  withRelated?: boolean;
}

/**
 * Current values of some fields of one record; `unchanged` means the CRM says the record was not
 * modified since the time the caller gave, so the caller's snapshot is current; `gone` means deleted.
 */
export type CurrentValues =
  | { record_id: string; state: 'values'; values: Record<string, CrmValue> }
  | { record_id: string; state: 'unchanged' }
  | { record_id: string; state: 'gone' };

/**
 * The boundary every CRM implements (local store, HubSpot; Salesforce and Pipedrive next).
 * Expected failures (auth, rate limits that outlast retries, validation) come back as values;
 * every result has been validated with zod before it is returned.
 */
export interface CrmConnector {
  readonly kind: CrmKind;
  /** Records changed since the cursor, one page at a time; call again with the returned cursor until `done`. */
  listChanged(opts: ListChangedOptions): Promise<Result<ChangedPage>>;
  /** Records by id, in batches; ids that do not exist are left out of the result. */
  readRecords(ids: readonly string[], properties: readonly string[]): Promise<Result<CrmRecord[]>>;
  /**
   * Current values of the given fields, read right before a write.
   * `since` maps record id -> the ISO time its values were last seen; a connector may use it to read
   * only records changed since then (the caller then trusts its snapshot for the others).
   */
  readCurrent(
    ids: readonly string[],
    fields: readonly string[],
    since?: ReadonlyMap<string, string>,
  ): Promise<Result<CurrentValues[]>>;
  /** Field updates in batches; one outcome per input, so partial failures are reported per record. */
  applyUpdates(updates: readonly RecordUpdate[]): Promise<Result<RecordOutcome[]>>;
  /** Creates notes, tasks or meetings associated with their records; one outcome per input. */
  createActivities(inputs: readonly Activity[]): Promise<Result<ActivityOutcome[]>>;
  /** Activities already on these records carrying one of the markers (reconciliation after a crash). */
  findActivities(recordIds: readonly string[], markers: readonly string[]): Promise<Result<Map<string, string>>>;
  /** The CRM's fields for contacts. */
  describeFields(): Promise<Result<FieldDescriptor[]>>;
  /** API calls made so far (for reports and the benchmark). */
  callCount(): number;
  /** 429 answers received so far (connectors without rate limits omit it). */
  rateLimitedCount?(): number;
}
