import type { AgentMetrics } from '../../contract/agent.js';
import type { MetricName, metricsApi } from '../../contract/api/metrics.js';
import type { Handlers } from '../../transport/dispatch.js';
import { computeMetrics } from '../agent/metrics.js';
import type { CoreContext } from './context.js';

const DAY = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** How each chart series reads the agent's per-day metrics (computed from the trace by issue 3's module). */
const FROM_AGENT: Record<Exclude<MetricName, 'qualified_leads'>, (m: AgentMetrics) => number> = {
  tool_calls: (m) => m.successful_tool_calls + m.failed_tool_calls,
  tool_calls_ok: (m) => m.successful_tool_calls,
  blocked_actions: (m) => sum(m.blocks_by_reason),
  escalations: (m) => sum(m.escalations_by_reason),
  recoveries: (m) => m.recovered_runs,
  approvals: (m) => m.field_approvals,
  edits: (m) => m.field_edits,
  rejections: (m) => m.field_rejections,
  writebacks: (m) => m.writebacks,
};
const NAMES: MetricName[] = ['qualified_leads', ...(Object.keys(FROM_AGENT) as MetricName[])];

/** Metrics over time, all from the append-only trace. */
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
      const slot = (day: string) => Math.floor((Date.parse(`${day}T00:00:00Z`) - start.getTime()) / (step * DAY));
      const range = { from: start.toISOString(), to: end.toISOString() };
      const report = computeMetrics(core.store, range);
      for (const d of report.days) {
        const i = slot(d.day);
        if (i < 0 || i >= count) continue;
        for (const [name, read] of Object.entries(FROM_AGENT)) series[name as MetricName][i]! += read(d);
      }
      // Decisions are traced by the qualification service, not the agent loop.
      const decided = core.store.db
        .prepare(
          "SELECT substr(at, 1, 10) AS day, count(*) AS n FROM trace_events WHERE type = 'step' AND json_extract(data, '$.name') = 'decide' AND at >= ? AND at < ? GROUP BY day",
        )
        .all(range.from, range.to) as Array<{ day: string; n: number }>;
      for (const r of decided) {
        const i = slot(r.day);
        if (i >= 0 && i < count) series.qualified_leads[i]! += r.n;
      }
      const totals = Object.fromEntries(NAMES.map((n) => [n, series[n].reduce((a, b) => a + b, 0)])) as Record<
        MetricName,
        number
      >;
      const t = report.total;
      const tools = t.successful_tool_calls + t.failed_tool_calls;
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
            tool_success: tools ? t.successful_tool_calls / tools : null,
            recovery: t.recovery_rate,
            approval: t.approval_rate,
            edit: t.edit_rate,
          },
        },
      };
    },
  };
}
