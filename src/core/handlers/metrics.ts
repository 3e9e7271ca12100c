import type { MetricName, metricsApi } from '../../contract/api/metrics.js';
import type { Handlers } from '../../transport/dispatch.js';
import type { CoreContext } from './context.js';

/**
 * Which trace event types count toward each metric. Several spellings are listed because the
 * agent, approval and CRM modules write their own event types; unknown types are ignored.
 */
export const METRIC_TYPES: Record<MetricName, readonly string[]> = {
  qualified_leads: ['step.decide'],
  tool_calls: ['tool.call', 'tool.called', 'tool_call'],
  tool_calls_ok: ['tool.result', 'tool.ok', 'tool.succeeded'],
  blocked_actions: ['tool.blocked', 'action.blocked', 'policy.blocked', 'blocked'],
  escalations: ['escalation', 'escalated', 'run.escalated'],
  recoveries: ['recovery', 'tool.recovered', 'run.recovered'],
  approvals: ['proposal.approved', 'field.approved', 'approval'],
  edits: ['proposal.edited', 'field.edited', 'edit'],
  rejections: ['proposal.rejected', 'field.rejected', 'rejection'],
  writebacks: ['writeback.done', 'crm.written', 'writeback'],
};
const NAMES = Object.keys(METRIC_TYPES) as MetricName[];
const TYPE_TO_METRIC = new Map<string, MetricName>(NAMES.flatMap((m) => METRIC_TYPES[m].map((t) => [t, m] as [string, MetricName])));

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Metrics over time, computed from the append-only trace in one grouped query. */
export function metricsHandlers(core: CoreContext): Handlers<typeof metricsApi> {
  return {
    'metrics.get': ({ days, bucket }) => {
      const now = core.store.clock();
      const step = bucket === 'week' ? 7 : 1;
      const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY);
      const count = Math.ceil(days / step);
      const start = new Date(end.getTime() - count * step * DAY);
      const buckets = Array.from({ length: count }, (_, i) => ymd(new Date(start.getTime() + i * step * DAY)));
      const series = Object.fromEntries(NAMES.map((n) => [n, buckets.map(() => 0)])) as Record<MetricName, number[]>;
      const types = [...TYPE_TO_METRIC.keys()];
      const rows = core.store.db
        .prepare(
          `SELECT substr(at, 1, 10) AS day, type, count(*) AS n FROM trace_events
           WHERE at >= ? AND at < ? AND type IN (${types.map(() => '?').join(',')}) GROUP BY day, type`,
        )
        .all(start.toISOString(), end.toISOString(), ...types) as Array<{ day: string; type: string; n: number }>;
      for (const r of rows) {
        const m = TYPE_TO_METRIC.get(r.type);
        if (!m) continue;
        const idx = Math.floor((Date.parse(`${r.day}T00:00:00Z`) - start.getTime()) / (step * DAY));
        if (idx >= 0 && idx < count) series[m][idx]! += r.n;
      }
      const totals = Object.fromEntries(NAMES.map((n) => [n, series[n].reduce((a, b) => a + b, 0)])) as Record<MetricName, number>;
      const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
      const reviewed = totals.approvals + totals.edits + totals.rejections;
      return {
        ok: true,
        value: {
          from: ymd(start),
          to: ymd(new Date(end.getTime() - DAY)),
          bucket,
          buckets,
          series,
          totals,
          rates: {
            tool_success: ratio(totals.tool_calls_ok, totals.tool_calls),
            recovery: ratio(totals.recoveries, totals.blocked_actions + totals.recoveries),
            approval: ratio(totals.approvals + totals.edits, reviewed),
            edit: ratio(totals.edits, reviewed),
          },
        },
      };
    },
  };
}
