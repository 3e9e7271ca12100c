import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import type { BacktestMetrics, BacktestResult } from '../../../../src/contract/workbench.js';
import type { LeadClass } from '../../../../src/contract/ruleset.js';
import { useAction, useCall } from '../../api.js';
import { Card, Empty, ErrorState, InlineError, Loading } from '../../components/ui.js';
import { CLASS_LABEL } from '../../format.js';

// Only the pieces a bar chart needs; the Metrics screen registers its own.
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const CLASSES: LeadClass[] = ['qualified', 'needs_info', 'nurture', 'disqualified'];
const COLORS = { published: '#8a8f98', draft: '#2f5bd3' };

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);
const auc = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));

/** One exclude pattern per line (or comma); `Asymmetrique*` matches a prefix. */
const parseExclude = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

function chartOptions() {
  const text = css('--muted') || '#5b6572';
  const grid = css('--border') || '#dde1e7';
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: {
      legend: { labels: { color: text, boxWidth: 12 } },
      tooltip: {
        callbacks: {
          label: (c: { dataset: { label?: string }; parsed: { y: number | null } }) =>
            `${c.dataset.label ?? ''}: ${c.parsed.y ?? 0}%`,
        },
      },
    },
    scales: {
      x: { ticks: { color: text }, grid: { color: grid } },
      y: {
        beginAtZero: true,
        max: 100,
        ticks: { color: text, callback: (v: string | number) => `${v}%` },
        grid: { color: grid },
      },
    },
  };
}

interface Side {
  label: string;
  m: BacktestMetrics;
  color: string;
}

/** The rulesets the result has, published first. */
const sets = (r: BacktestResult): Side[] => [
  ...(r.published ? [{ label: 'Published', m: r.published, color: COLORS.published }] : []),
  ...(r.draft ? [{ label: 'Draft', m: r.draft, color: COLORS.draft }] : []),
];

const ratePct = (m: BacktestMetrics, c: LeadClass) => {
  const rate = m.by_class[c]?.rate;
  return rate === null || rate === undefined ? 0 : Math.round(rate * 1000) / 10;
};

/** Conversion rate per class, published next to draft: the chart, and the same numbers as a table. */
function ConversionByClass({ r }: { r: BacktestResult }) {
  const s = sets(r);
  const data = {
    labels: CLASSES.map((c) => CLASS_LABEL[c]),
    datasets: s.map(({ label, m, color }) => ({
      label,
      data: CLASSES.map((c) => ratePct(m, c)),
      backgroundColor: color,
      borderColor: color,
    })),
  };
  const summary = s
    .map(
      ({ label, m }) => `${label}: ${CLASSES.map((c) => `${CLASS_LABEL[c]} ${pct(m.by_class[c]?.rate)}`).join(', ')}`,
    )
    .join('. ');
  return (
    <>
      <div className="chart-box" role="img" aria-label={`Conversion rate per class. ${summary}`}>
        <Bar data={data} options={chartOptions()} />
      </div>
      <table className="simple" aria-label="Conversion by class" style={{ marginTop: 8 }}>
        <thead>
          <tr>
            <th>Class</th>
            {s.map(({ label }) => (
              <th key={label}>{label}: converted / leads</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CLASSES.map((c) => (
            <tr key={c}>
              <th scope="row">{CLASS_LABEL[c]}</th>
              {s.map(({ label, m }) => {
                const b = m.by_class[c];
                return <td key={label}>{b ? `${b.converted} / ${b.leads} (${pct(b.rate)})` : '—'}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Results({ r }: { r: BacktestResult }) {
  const s = sets(r);
  const base = r.published ?? r.draft;
  return (
    <div className="stack" role="region" aria-label="Back-test result" style={{ gap: 12, marginTop: 12 }}>
      {r.warnings.length ? (
        <div className="banner banner-esc" role="alert" aria-label="Leak warnings">
          <strong>
            {r.warnings.length} leak warning{r.warnings.length === 1 ? '' : 's'}
          </strong>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {r.warnings.map((w) => (
              <li key={`${w.reason}-${w.column}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="metric-grid" role="list" aria-label="Back-test totals">
        {[
          ...s.map(({ label, m }) => [`AUC ${label.toLowerCase()}`, auc(m.auc)] as const),
          ['Leads with an outcome', String(base?.leads ?? 0)] as const,
          ['Converted', String(base?.positives ?? 0)] as const,
          ['Skipped (open outcome)', String(r.skipped)] as const,
        ].map(([label, value]) => (
          <div key={label} className="card kpi" role="listitem">
            <span className="label">{label}</span>
            <span className="value">{value}</span>
          </div>
        ))}
      </div>
      <ConversionByClass r={r} />
      <table className="simple" aria-label="Qualified precision and recall">
        <thead>
          <tr>
            <th>Ruleset</th>
            <th>Precision of qualified</th>
            <th>Recall of qualified</th>
          </tr>
        </thead>
        <tbody>
          {s.map(({ label, m }) => (
            <tr key={label}>
              <th scope="row">
                {label}
                {m.version ? ` (v${m.version})` : ''}
              </th>
              <td>{pct(m.qualified.precision)}</td>
              <td>{pct(m.qualified.recall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: 12 }}>
        Left out: {r.excluded_columns.length ? r.excluded_columns.join(', ') : 'nothing'}. AUC is the chance that a
        converted lead scores above one that did not (0.5 is a coin toss).
      </p>
    </div>
  );
}

/**
 * Back-test on the Rules screen: how well the published ruleset (and the draft being edited)
 * separate the stored leads by a known outcome, with the leaking columns left out.
 */
export function Backtest({ draft }: { draft?: unknown }) {
  const opts = useCall('rules.backtestOptions', {});
  const run = useAction('rules.backtest');
  const [outcome, setOutcome] = useState('');
  const [exclude, setExclude] = useState<string | null>(null);
  const [withDraft, setWithDraft] = useState(true);
  useEffect(() => {
    if (!opts.data) return;
    setOutcome((o) => o || opts.data.suggested_outcome || opts.data.columns[0] || 'outcome');
    setExclude((e) => e ?? opts.data.known_leaking.join('\n'));
  }, [opts.data]);
  // A new draft makes the last result out of date.
  const { reset } = run;
  useEffect(() => reset(), [draft, reset]);

  if (opts.isLoading) return <Loading label="Reading the stored columns…" />;
  if (opts.error || !opts.data) return <ErrorState error={opts.error} onRetry={() => void opts.refetch()} />;
  const o = opts.data;
  if (o.leads === 0)
    return (
      <Empty title="Nothing to back-test yet">
        Import leads with a known outcome (a Converted or deal stage column) from the Inbox.
      </Empty>
    );
  const columns = [...new Set(['outcome', ...o.columns])];
  return (
    <div>
      <form
        className="stack"
        style={{ gap: 10 }}
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate({
            outcome,
            exclude: parseExclude(exclude ?? ''),
            ...(withDraft && draft !== undefined ? { draft } : {}),
          });
        }}
      >
        <label className="field">
          Outcome column
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c === 'outcome' ? "outcome (the lead's own field)" : c}
                {c === o.suggested_outcome ? ' — suggested' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Columns to leave out (one per line; Name* matches a prefix)
          <textarea rows={5} value={exclude ?? ''} onChange={(e) => setExclude(e.target.value)} spellCheck={false} />
        </label>
        <p className="muted" style={{ fontSize: 12, margin: 0 }}>
          Prefilled with columns the sales team filled in after the outcome was known: rules that read them look better
          than they are.
        </p>
        {draft !== undefined ? (
          <label className="check">
            <input type="checkbox" checked={withDraft} onChange={(e) => setWithDraft(e.target.checked)} /> Compare with
            the draft being edited
          </label>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!outcome || run.isPending}>
            {run.isPending ? 'Running…' : 'Run back-test'}
          </button>
        </div>
      </form>
      <InlineError error={run.error} />
      {run.data ? <Results r={run.data} /> : null}
    </div>
  );
}

/** The back-test as a card, for screens that mount it on its own. */
export function BacktestCard({ draft }: { draft?: unknown }) {
  return (
    <Card title="Back-test">
      <p className="muted">Scores and classes against what really happened to the stored leads.</p>
      <Backtest draft={draft} />
    </Card>
  );
}
