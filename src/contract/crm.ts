import { z } from 'zod';
import { AppErrorSchema } from './errors.js';

/** CRMs the app can connect to; `local` is the embedded default (SQLite). */
export const CrmKindSchema = z.enum(['local', 'hubspot']);
export type CrmKind = z.infer<typeof CrmKindSchema>;

/** A property value as CRMs carry it: text, or null when empty. */
export const CrmValueSchema = z.string().nullable();
export type CrmValue = z.infer<typeof CrmValueSchema>;

/** One record (a contact) as the connector returns it; properties keep the CRM's own names. */
export const CrmRecordSchema = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), CrmValueSchema),
  /** ISO time of the last change at the CRM; the sync cursor advances on it. */
  updated_at: z.string(),
  created_at: z.string().nullable(),
  /** The associated company, when the CRM has one. */
  company: z
    .object({ id: z.string(), properties: z.record(z.string(), CrmValueSchema) })
    .nullable()
    .default(null),
  /** Recent notes and emails, newest first, as plain text for qualification. */
  activities: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(['note', 'email', 'task', 'meeting']),
        at: z.string().nullable(),
        text: z.string(),
      }),
    )
    .default([]),
});
export type CrmRecord = z.infer<typeof CrmRecordSchema>;

/** A page of records changed since a cursor; `cursor` is opaque and goes into the next call. */
export const ChangedPageSchema = z.object({
  records: z.array(CrmRecordSchema),
  cursor: z.string(),
  done: z.boolean(),
  /** The CRM's estimate of what the whole run returns, for progress bars. */
  total_estimate: z.number().int().nonnegative().nullable(),
  /**
   * Set on the last page: every change the CRM stamped before this ISO time (its own clock) has
   * been returned, so a record with an older modification time is as the sync saw it.
   */
  watermark: z.string().nullable().default(null),
});
export type ChangedPage = z.infer<typeof ChangedPageSchema>;

/** One field of the CRM, as `describe fields` reports it. */
export const FieldDescriptorSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  field_type: z.string().nullable().default(null),
  options: z.array(z.object({ value: z.string(), label: z.string() })).default([]),
  read_only: z.boolean().default(false),
  custom: z.boolean().default(false),
});
export type FieldDescriptor = z.infer<typeof FieldDescriptorSchema>;

/** One field change of a CRM update proposal: the value we saw and the value to write. */
export const FieldChangeSchema = z.object({
  field: z.string().min(1),
  before: CrmValueSchema,
  after: CrmValueSchema,
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** Field updates for one record; `key` makes the write idempotent. */
export const RecordUpdateSchema = z.object({
  record_id: z.string().min(1),
  properties: z.record(z.string(), CrmValueSchema),
});
export type RecordUpdate = z.infer<typeof RecordUpdateSchema>;

/** Per-record outcome of a batch call: the rest of a batch lands even when some inputs fail. */
export const RecordOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), record_id: z.string() }),
  z.object({
    ok: z.literal(false),
    record_id: z.string(),
    /** `gone`: the record no longer exists; `rejected`: the CRM refused the values. */
    reason: z.enum(['gone', 'rejected', 'failed']),
    error: AppErrorSchema,
  }),
]);
export type RecordOutcome = z.infer<typeof RecordOutcomeSchema>;

export const ActivityKindSchema = z.enum(['note', 'task', 'meeting']);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** A note, task or meeting to create on a record; `marker` lets reconciliation find it again. */
export const ActivityInputSchema = z.object({
  kind: ActivityKindSchema,
  record_id: z.string().min(1),
  /** Subject of a task or title of a meeting; ignored for notes. */
  title: z.string().max(500).default(''),
  body: z.string().max(65_000),
  /** ISO time; notes and meetings need one, tasks use it as the due date. */
  at: z.string(),
  /** ISO end of a meeting. */
  end_at: z.string().nullable().default(null),
  /** Idempotency marker, unique per proposal action; stored invisibly in the body. */
  marker: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'letters, digits, _ and -, 8 to 80 characters'),
});
export type ActivityInput = z.input<typeof ActivityInputSchema>;
export type Activity = z.output<typeof ActivityInputSchema>;

export const ActivityOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), marker: z.string(), remote_id: z.string() }),
  z.object({
    ok: z.literal(false),
    marker: z.string(),
    reason: z.enum(['gone', 'rejected', 'failed']),
    error: AppErrorSchema,
  }),
]);
export type ActivityOutcome = z.infer<typeof ActivityOutcomeSchema>;

/** What the connection looks like to a person (Settings, `crm status`); never carries the token. */
export const CrmStatusSchema = z.object({
  kind: CrmKindSchema,
  connected: z.boolean(),
  base_url: z.string().nullable(),
  connected_at: z.string().nullable(),
  last_sync_at: z.string().nullable(),
  cursor: z.string().nullable(),
  records_synced: z.number().int().nonnegative(),
  pending_writebacks: z.number().int().nonnegative(),
  /** Set when the token was refused: the person must reconnect. */
  needs_reconnect: z.boolean(),
  message: z.string().nullable(),
});
export type CrmStatus = z.infer<typeof CrmStatusSchema>;

/** One mapping line: where a fact or the class lands in the CRM. */
export const FieldMappingEntrySchema = z.object({
  /** `class`, `score`, `summary`, or a fact name (`budget`, `timeline`, ... or `custom.x`). */
  source: z.string().min(1),
  /** The CRM property name. */
  property: z.string().min(1),
  /** Class value -> CRM option value (for enumerations such as hs_lead_status). */
  values: z.record(z.string(), z.string()).default({}),
  /** Only write when the CRM field is empty (lifecycle stages should not go backwards). */
  only_if_empty: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type FieldMappingEntry = z.infer<typeof FieldMappingEntrySchema>;

export const FieldMappingSchema = z.object({
  crm: CrmKindSchema,
  entries: z.array(FieldMappingEntrySchema),
});
export type FieldMapping = z.infer<typeof FieldMappingSchema>;

/** A custom property the mapping needs but the CRM lacks; a person decides to create it. */
export const PropertyCreationProposalSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['string', 'number', 'enumeration', 'datetime']),
  field_type: z.enum(['text', 'textarea', 'number', 'select', 'date']),
  group_name: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).default([]),
  reason: z.string(),
});
export type PropertyCreationProposal = z.infer<typeof PropertyCreationProposalSchema>;

/** Totals of one sync run. */
export const SyncReportSchema = z.object({
  crm: CrmKindSchema,
  started_at: z.string(),
  finished_at: z.string(),
  records: z.number().int().nonnegative(),
  leads_created: z.number().int().nonnegative(),
  leads_updated: z.number().int().nonnegative(),
  sources_added: z.number().int().nonnegative(),
  qualified: z.number().int().nonnegative(),
  cursor: z.string().nullable(),
  api_calls: z.number().int().nonnegative(),
  rate_limited: z.number().int().nonnegative(),
  errors: z.array(AppErrorSchema),
});
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** One approved action to write back: field updates, or an activity to create. */
export const WritebackItemSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('update'),
    proposal_id: z.string(),
    record_id: z.string(),
    changes: z.array(FieldChangeSchema).min(1),
  }),
  z.object({
    op: z.literal('activity'),
    proposal_id: z.string(),
    record_id: z.string(),
    activity: ActivityInputSchema.omit({ marker: true, record_id: true }),
  }),
]);
export type WritebackItem = z.input<typeof WritebackItemSchema>;

export const WritebackStateSchema = z.enum(['applied', 'stale', 'gone', 'rejected', 'failed', 'pending']);
export type WritebackState = z.infer<typeof WritebackStateSchema>;

/** Per-proposal result of a write-back run. */
export const WritebackOutcomeSchema = z.object({
  proposal_id: z.string(),
  record_id: z.string(),
  state: WritebackStateSchema,
  /** Stale only: the fields whose CRM value no longer matches the proposal's before value. */
  mismatches: z.array(z.object({ field: z.string(), expected: CrmValueSchema, actual: CrmValueSchema })).default([]),
  remote_id: z.string().nullable().default(null),
  error: AppErrorSchema.nullable().default(null),
});
export type WritebackOutcome = z.infer<typeof WritebackOutcomeSchema>;

export const WritebackReportSchema = z.object({
  outcomes: z.array(WritebackOutcomeSchema),
  api_calls: z.number().int().nonnegative(),
  reconciled: z.number().int().nonnegative(),
});
export type WritebackReport = z.infer<typeof WritebackReportSchema>;

/** A journal entry reconciliation still has to resolve (`crm pending`). */
export const PendingWritebackSchema = z.object({
  journal_id: z.string(),
  proposal_id: z.string(),
  record_id: z.string(),
  op: z.enum(['update', 'note', 'task', 'meeting']),
  created_at: z.string(),
  attempts: z.number().int().nonnegative(),
  last_error: z.string().nullable(),
});
export type PendingWriteback = z.infer<typeof PendingWritebackSchema>;
