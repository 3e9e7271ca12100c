import type { AgentMetrics, AgentMetricsReport } from '../../contract/agent.js';
import type { StoreContext } from '../store/context.js';

const TYPES = [
  'run_finished',
  'model_call',
  'tool_call',
  'tool_blocked',
  'escalation',
  'proposal_approved',
  'proposal_edited',
  'proposal_rejected',
  'proposal_stale',
  'writeback',
] as const;

interface Row {
  day: string;
  type: string;
  reason: string | null;
  ok: number | null;
  recovered: number | null;
  failure: string | null;
  n: number;
  tokens_in: number | null;
  tokens_out: number | null;
  cost: number | null;
}

const empty = (): AgentMetrics => ({
  runs: 0,
  successful_tool_calls: 0,
  failed_tool_calls: 0,
  blocks_by_reason: {},
  escalations_by_reason: {},
  runs_with_failure: 0,
  recovered_runs: 0,
  recovery_rate: null,
  field_approvals: 0,
  field_edits: 0,
  field_rejections: 0,
  approval_rate: null,
  edit_rate: null,
  rejection_rate: null,
  stale_proposals: 0,
  writebacks: 0,
  model_calls: 0,
  tokens_in: 0,
  tokens_out: 0,
  cost_usd: 0,
});

const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10000) / 10000);

function add(m: AgentMetrics, r: Row): void {
  switch (r.type) {
    case 'run_finished':
      m.runs += r.n;
      if (r.failure !== null) {
        m.runs_with_failure += r.n;
        if (r.recovered === 1) m.recovered_runs += r.n;
      }
      break;
    case 'model_call':
      m.model_calls += r.n;
      m.tokens_in += r.tokens_in ?? 0;
      m.tokens_out += r.tokens_out ?? 0;
      m.cost_usd = Math.round((m.cost_usd + (r.cost ?? 0)) * 1e6) / 1e6;
      break;
    case 'tool_call':
      if (r.ok === 1) m.successful_tool_calls += r.n;
      else m.failed_tool_calls += r.n;
      break;
    case 'tool_blocked':
      m.blocks_by_reason[r.reason ?? 'unknown'] = (m.blocks_by_reason[r.reason ?? 'unknown'] ?? 0) + r.n;
      break;
    case 'escalation':
      m.escalations_by_reason[r.reason ?? 'unknown'] = (m.escalations_by_reason[r.reason ?? 'unknown'] ?? 0) + r.n;
      break;
    case 'proposal_approved':
      m.field_approvals += r.n;
      break;
    case 'proposal_edited':
      m.field_edits += r.n;
      break;
    case 'proposal_rejected':
      m.field_rejections += r.n;
      break;
    case 'proposal_stale':
      m.stale_proposals += r.n;
      break;
    case 'writeback':
      m.writebacks += r.n;
      break;
  }
}

function finish(m: AgentMetrics): AgentMetrics {
  const decided = m.field_approvals + m.field_edits + m.field_rejections;
  return {
    ...m,
    recovery_rate: rate(m.recovered_runs, m.runs_with_failure),
    approval_rate: rate(m.field_approvals, decided),
    edit_rate: rate(m.field_edits, decided),
    rejection_rate: rate(m.field_rejections, decided),
  };
}

/** The agent's metrics per day (UTC) and in total, computed from the trace alone. */
export function computeMetrics(ctx: StoreContext, range: { from?: string; to?: string } = {}): AgentMetricsReport {
  // One grouped scan: the trace grows without bound, so nothing is loaded row by row.
  const rows = ctx.db
    .prepare(
      `SELECT substr(at, 1, 10) AS day, type,
              json_extract(data, '$.reason') AS reason,
              json_extract(data, '$.ok') AS ok,
              json_extract(data, '$.recovered') AS recovered,
              json_extract(data, '$.failure') AS failure,
              count(*) AS n,
              sum(json_extract(data, '$.tokens_in')) AS tokens_in,
              sum(json_extract(data, '$.tokens_out')) AS tokens_out,
              sum(json_extract(data, '$.cost_usd')) AS cost
         FROM trace_events
        WHERE type IN (${TYPES.map(() => '?').join(', ')}) AND at >= ? AND at < ?
        GROUP BY day, type, reason, ok, recovered, failure
        ORDER BY day`,
    )
    .all(...TYPES, range.from ?? '', range.to ?? '\uffff') as Row[];
  const total = empty();
  const days = new Map<string, AgentMetrics>();
  for (const r of rows) {
    add(total, r);
    let d = days.get(r.day);
    if (!d) days.set(r.day, (d = empty()));
    add(d, r);
  }
  return { total: finish(total), days: [...days.entries()].map(([day, m]) => ({ day, ...finish(m) })) };
}
