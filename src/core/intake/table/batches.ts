import { z } from 'zod';
import { DuplicateMatchSchema, RowIssueSchema, type RowIssue } from '../../../contract/store.js';

/**
 * A row that duplicates a stored lead (`lead`: its id) or an earlier row of the same import
 * (`seq`: that row's position among the rows to store; the writing side, which gives the ids,
 * turns it into the lead id).
 */
export const BatchDuplicateSchema = DuplicateMatchSchema.omit({ matched_lead_id: true }).extend({
  lead: z.string().nullable(),
  seq: z.number().int().nonnegative().nullable(),
});
export type BatchDuplicate = z.infer<typeof BatchDuplicateSchema>;

/**
 * Prepared rows in the form they travel from the preparing thread to the writing one: the
 * values of all rows of a batch concatenated into one string, with the end offset of each value
 * in an Int32Array (bitwise-inverted for null). Posting one string and two typed arrays costs
 * the receiving thread little more than a copy; the same rows as arrays of ~20 values cost it a
 * structured clone of every value, a third of what the worker saved. Offsets rather than a
 * separator character: any character can occur in a cell.
 */
export const PreparedBatchSchema = z.object({
  text: z.string(),
  /** STRIDE entries per row: the end of each value in `text`, or `~end` when it is null. */
  ends: z.instanceof(Int32Array),
  /** The 1-based file line of each row. */
  lines: z.instanceof(Int32Array),
  /** Rows in the batch: valid rows that duplicate nothing, ready to insert. */
  rows: z.number().int().nonnegative(),
  /** Rows read from the file for this batch, valid or not (they add up to rows_total). */
  seen: z.number().int().nonnegative(),
  /** Issues of the batch's invalid rows, in file order. */
  invalid: z.array(RowIssueSchema),
  /** The batch's duplicate rows, in file order. */
  duplicates: z.array(BatchDuplicateSchema),
  /** Account-link warnings of the batch's rows, in file order. */
  warnings: z.array(RowIssueSchema),
  /** Dry runs: the first rows as the preview shows them (PreparePlan.previewRows in all). */
  preview: z.array(z.record(z.string(), z.unknown())),
});
export type PreparedBatch = z.infer<typeof PreparedBatchSchema>;

/** Value positions within a prepared row. */
export const F = {
  name: 0,
  email: 1,
  phone: 2,
  title: 3,
  company: 4,
  website: 5,
  owner: 6,
  lead_source: 7,
  external_id: 8,
  created_at: 9,
  notes: 10,
  outcome: 11,
  status: 12,
  name_norm: 13,
  email_norm: 14,
  company_norm: 15,
  domain: 16,
  attributes: 17,
  notes_sha256: 18,
  company_id: 19,
} as const;
export const STRIDE = 20;

/** Collects prepared rows value by value and hands them out as batches. */
export class BatchWriter {
  // A string built with += is a rope that is flattened once, when the batch is posted or first
  // read; typed arrays filled in place. Arrays and a join took a quarter of the preparing time.
  private text = '';
  private ends: Int32Array;
  private lines: Int32Array;
  private n = 0;
  private rows = 0;
  private seen = 0;
  private invalid: RowIssue[] = [];
  private duplicates: BatchDuplicate[] = [];
  private warnings: RowIssue[] = [];
  private preview: Array<Record<string, unknown>> = [];

  constructor(private readonly capacity: number) {
    this.ends = new Int32Array(capacity * STRIDE);
    this.lines = new Int32Array(capacity);
  }

  /** Starts a row read from file line `line`; then call `value` STRIDE times, in `F` order. */
  row(line: number): void {
    if (this.rows === this.lines.length) {
      const lines = new Int32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
      const ends = new Int32Array(this.ends.length * 2);
      ends.set(this.ends);
      this.ends = ends;
    }
    this.lines[this.rows++] = line;
  }

  value(v: string | null): void {
    if (v === null) {
      this.ends[this.n++] = ~this.text.length;
      return;
    }
    this.text += v;
    this.ends[this.n++] = this.text.length;
  }

  /** Counts a row read from the file, valid or not. */
  count(): void {
    this.seen++;
  }

  issue(i: RowIssue): void {
    this.invalid.push(i);
  }

  duplicate(d: BatchDuplicate): void {
    this.duplicates.push(d);
  }

  warning(w: RowIssue): void {
    this.warnings.push(w);
  }

  previewRow(p: Record<string, unknown>): void {
    this.preview.push(p);
  }

  /** Rows read into the current batch. */
  get size(): number {
    return this.seen;
  }

  /** The batch so far; the writer starts the next one. */
  take(): PreparedBatch {
    const b: PreparedBatch = {
      text: this.text,
      ends: this.ends.slice(0, this.n),
      lines: this.lines.slice(0, this.rows),
      rows: this.rows,
      seen: this.seen,
      invalid: this.invalid,
      duplicates: this.duplicates,
      warnings: this.warnings,
      preview: this.preview,
    };
    this.text = '';
    this.n = 0;
    this.rows = 0;
    this.seen = 0;
    this.invalid = [];
    this.duplicates = [];
    this.warnings = [];
    this.preview = [];
    return b;
  }
}

/** The value at `field` of row `row` of a batch: null, '' or text. */
export function valueAt(b: PreparedBatch, row: number, field: number): string | null {
  const k = row * STRIDE + field;
  const end = b.ends[k] as number;
  if (end < 0) return null;
  const prev = k === 0 ? 0 : (b.ends[k - 1] as number);
  return b.text.slice(prev < 0 ? ~prev : prev, end);
}
