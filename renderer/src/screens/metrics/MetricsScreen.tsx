import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { MetricName, Metrics } from '../../../../src/contract/api/metrics.js';
import { useCall } from '../../api.js';
import { Card, ErrorState, Loading, PageHeader } from '../../components/ui.js';

ChartJS.register(CategoryScale, LinearScale, LineElement, PointElement, BarElement, Tooltip, Legend);

const LABELS: Record<MetricName, string> = {
  qualified_leads: 'Leads qualified',
  tool_calls: 'Tool calls',
  tool_calls_ok: 'Successful tool calls',
  blocked_actions: 'Blocked actions',
  escalations: 'Escalations',
  recoveries: 'Recoveries',
  approvals: 'Approvals',
  edits: 'Edits',
  rejections: 'Rejections',
  writebacks: 'Write-backs',
};
const PALETTE = ['#2f5bd3', '#1f9d63', '#d9822b', '#b42318', '#7b61ff', '#0e9fb5', '#8a8f98'];

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

function chartOptions() {
  const text = css('--muted') || '#5b6572';
  const grid = css('--border') || '#dde1e7';
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    interaction: { mode: 'index' as const, intersect: false },
    plugins: { legend: { labels: { color: text, boxWidth: 12 } } },
    scales: {
      x: { ticks: { color: text, maxRotation: 0, autoSkipPadding: 12 }, grid: { color: grid } },
      y: { beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
    },
  };
}

function Series({ m, names, kind, label }: { m: Metrics; names: MetricName[]; kind: 'line' | 'bar'; label: string }) {
  const data = {
    labels: m.buckets.map((b) => b.slice(5)),
    datasets: names.map((n, i) => ({
      label: LABELS[n],
      data: m.series[n],
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      tension: 0.25,
      pointRadius: 2,
    })),
  };
  const summary = names.map((n) => `${LABELS[n]}: ${m.totals[n]}`).join(', ');
  return (
    <div className="chart-box" role="img" aria-label={`${label}. Totals: ${summary}`}>
      {kind === 'line' ? <Line data={data} options={chartOptions()} /> : <Bar data={data} options={chartOptions()} />}
    </div>
  );
}

/** Metrics from the trace over time: tool calls, blocks, escalations, recovery, approvals and edits. */
export function MetricsScreen() {
  const [days, setDays] = useState(30);
  const q = useCall('metrics.get', { days, bucket: days > 60 ? 'week' : 'day' });
  const m = q.data;
  return (
    <div className="page">
      <PageHeader
        title="Metrics"
        subtitle="Computed from the append-only trace."
        actions={
          <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
            Period
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              <option value={7}>Last 7 days</option>
              <option value={30}>Last 30 days</option>
              <option value={90}>Last 90 days</option>
            </select>
          </label>
        }
      />
      {q.isLoading ? (
        <Loading />
      ) : q.error || !m ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <div className="metric-grid" role="list" aria-label="Totals">
            {(
              [
                ['Leads qualified', String(m.totals.qualified_leads)],
                ['Escalations', String(m.totals.escalations)],
                ['Blocked actions', String(m.totals.blocked_actions)],
                ['Tool success', pct(m.rates.tool_success)],
                ['Recovery rate', pct(m.rates.recovery)],
                ['Approval rate', pct(m.rates.approval)],
                ['Edit rate', pct(m.rates.edit)],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="card kpi" role="listitem">
                <span className="label">{label}</span>
                <span className="value">{value}</span>
              </div>
            ))}
          </div>
          <div className="grid-2">
            <Card title="Qualification and escalation">
              <Series
                m={m}
                names={['qualified_leads', 'escalations']}
                kind="line"
                label="Leads qualified and escalations per day"
              />
            </Card>
            <Card title="Agent tool calls">
              <Series
                m={m}
                names={['tool_calls', 'tool_calls_ok', 'blocked_actions', 'recoveries']}
                kind="bar"
                label="Tool calls, successes, blocks and recoveries"
              />
            </Card>
            <Card title="Reviews">
              <Series
                m={m}
                names={['approvals', 'edits', 'rejections']}
                kind="bar"
                label="Approvals, edits and rejections"
              />
            </Card>
            <Card title="CRM write-backs">
              <Series m={m} names={['writebacks']} kind="line" label="Write-backs to the CRM" />
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
