import { z } from 'zod';

/** Lead fields a table column can map to; `ignore` drops it, `attribute` keeps it only in attributes. */
export const LeadFieldSchema = z.enum([
  'name',
  'first_name',
  'last_name',
  'email',
  'phone',
  'title',
  'company',
  'website',
  'owner',
  'lead_source',
  'external_id',
  'created_at',
  'notes',
  'outcome',
  'status',
]);
export type LeadField = z.infer<typeof LeadFieldSchema>;

/** Company fields (maven-crm accounts.csv, CRM company exports). */
export const CompanyFieldSchema = z.enum(['name', 'sector', 'year_established', 'revenue', 'employees', 'location', 'parent_name', 'website']);
export type CompanyField = z.infer<typeof CompanyFieldSchema>;

export const TableKindSchema = z.enum(['leads', 'companies']);
export type TableKind = z.infer<typeof TableKindSchema>;

/** How one column is read; the UI previews this and lets a person override it. */
export const ColumnMappingSchema = z.object({
  column: z.string(),
  index: z.number().int().nonnegative(),
  /** A lead or company field, `attribute` (kept in attributes only) or `ignore`. */
  field: z.string(),
  /** 0..1: 1 = exact known header or a person's override; 0 = not recognised. */
  confidence: z.number().min(0).max(1),
  via: z.enum(['override', 'alias', 'fuzzy', 'none']),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A manual mapping: column header -> field or 'ignore' (or 'attribute'). */
export const MappingOverrideSchema = z.record(z.string(), z.string());
export type MappingOverride = z.infer<typeof MappingOverrideSchema>;

/** A row that was not imported; `row` is the 1-based line in the file (the header line counts). */
export const RowIssueSchema = z.object({
  row: z.number().int().positive(),
  column: z.string().nullable(),
  reason: z.string(),
});
export type RowIssue = z.infer<typeof RowIssueSchema>;

export const DuplicateMatchSchema = z.object({
  row: z.number().int().positive(),
  /** The lead matched; for a companies import, the company's id. */
  matched_lead_id: z.string(),
  by: z.enum(['email', 'domain_name', 'external_id', 'company_name']),
  /** True when the match is an earlier row of the same file. */
  in_file: z.boolean(),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

export const ImportReportSchema = z.object({
  import_id: z.string().nullable(),
  kind: TableKindSchema,
  file_name: z.string().nullable(),
  sha256: z.string(),
  delimiter: z.string(),
  /** 1-based line of the header row. */
  header_row: z.number().int().positive(),
  rows_total: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  duplicates: z.array(DuplicateMatchSchema),
  invalid: z.array(RowIssueSchema),
  /** Not errors: the row went in (e.g. a pipeline row whose account is unknown). */
  warnings: z.array(RowIssueSchema),
  mapping: z.array(ColumnMappingSchema),
  /** Set when a file with the same sha256 was imported before. */
  previous_import_id: z.string().nullable(),
  dry_run: z.boolean(),
  /** Dry run only: the first rows as they would be stored. */
  preview: z.array(z.record(z.string(), z.unknown())).optional(),
  duration_ms: z.number().nonnegative(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
