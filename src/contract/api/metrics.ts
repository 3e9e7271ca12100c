import { z } from 'zod';
import { method } from './define.js';

/** The metrics named in DESIGN.md, each computed from the trace table. */
export const MetricNameSchema = z.enum([
  'qualified_leads',
  'tool_calls',
  'tool_calls_ok',
  'blocked_actions',
  'escalations',
  'recoveries',
  'approvals',
  'edits',
  'rejections',
  'writebacks',
]);
export type MetricName = z.infer<typeof MetricNameSchema>;

export const MetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'week']),
  /** Bucket start dates (YYYY-MM-DD), oldest first. */
  buckets: z.array(z.string()),
  series: z.record(MetricNameSchema, z.array(z.number())),
  totals: z.record(MetricNameSchema, z.number()),
  /** Ratios over the whole range, null when the denominator is 0. */
  rates: z.object({
    tool_success: z.number().nullable(),
    recovery: z.number().nullable(),
    approval: z.number().nullable(),
    edit: z.number().nullable(),
  }),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const metricsApi = {
  'metrics.get': method(
    'Metrics over time from the trace: tool calls, blocks, escalations, recovery, approvals and edits.',
    z.object({ days: z.number().int().min(1).max(366).default(30), bucket: z.enum(['day', 'week']).default('day') }),
    MetricsSchema,
  ),
} as const;
