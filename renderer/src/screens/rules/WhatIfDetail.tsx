import { useEffect } from 'react';
import type { WhatIfDetail as Detail } from '../../../../src/contract/api/workbench.js';
import type { LeadClass } from '../../../../src/contract/ruleset.js';
import { useAction } from '../../api.js';
import { ClassBadge, InlineError } from '../../components/ui.js';
import { CLASS_LABEL } from '../../format.js';
import { hrefOf } from '../../router.js';

const CLASSES: LeadClass[] = ['qualified', 'needs_info', 'nurture', 'disqualified'];
const EFFECT: Record<Detail['changes'][number]['cause']['effect'], string> = {
  now_blocks: 'now blocks',
  no_longer_blocks: 'no longer blocks',
  class_order: 'class order',
};

/** Rows: class under the published ruleset; columns: class under the draft; the diagonal stays put. */
export function TransitionMatrix({ r }: { r: Detail }) {
  return (
    <table className="simple" aria-label="Transition matrix">
      <thead>
        <tr>
          <th scope="col">
            Published <span aria-hidden="true">↓</span> / draft <span aria-hidden="true">→</span>
          </th>
          {CLASSES.map((c) => (
            <th key={c} scope="col">
              {CLASS_LABEL[c]}
            </th>
          ))}
          <th scope="col">Before</th>
        </tr>
      </thead>
      <tbody>
        {CLASSES.map((from) => (
          <tr key={from}>
            <th scope="row">{CLASS_LABEL[from]}</th>
            {CLASSES.map((to) => {
              const n = r.matrix[from]?.[to] ?? 0;
              const moved = from !== to && n > 0;
              return (
                <td
                  key={to}
                  aria-label={`${CLASS_LABEL[from]} to ${CLASS_LABEL[to]}: ${n}`}
                  style={{
                    fontWeight: moved ? 600 : undefined,
                    background: moved ? 'var(--warn-soft)' : from === to ? 'var(--surface-2)' : undefined,
                  }}
                >
                  {n}
                </td>
              );
            })}
            <td className="muted">{r.before[from] ?? 0}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">After</th>
          {CLASSES.map((c) => (
            <td key={c} className="muted">
              {r.after[c] ?? 0}
            </td>
          ))}
          <td className="muted">{r.leads}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The changed leads, each with the rule that made the difference, linking to the lead. */
export function ChangedLeads({ r }: { r: Detail }) {
  if (!r.changes.length) return <p className="muted">No lead changes class.</p>;
  return (
    <table className="simple" aria-label="Leads that change class">
      <thead>
        <tr>
          <th>Lead</th>
          <th>Class</th>
          <th>Score</th>
          <th>Because</th>
        </tr>
      </thead>
      <tbody>
        {r.changes.map((c) => (
          <tr key={c.lead_id}>
            <td>
              <a href={hrefOf({ screen: 'lead', id: c.lead_id })}>{c.name ?? c.company ?? c.lead_id}</a>
              {c.name && c.company ? (
                <div className="muted" style={{ fontSize: 12 }}>
                  {c.company}
                </div>
              ) : null}
            </td>
            <td style={{ whiteSpace: 'nowrap' }}>
              <ClassBadge value={c.from} /> <span aria-label="to">→</span> <ClassBadge value={c.to} />
            </td>
            <td style={{ whiteSpace: 'nowrap' }}>
              {Math.round(c.score_from)} → {Math.round(c.score_to)}
            </td>
            <td>
              {c.cause.label} <span className="badge badge-neutral">{EFFECT[c.cause.effect]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Escalations({ r }: { r: Detail }) {
  const e = r.escalations;
  const delta = e.after - e.before;
  return (
    <p>
      Escalations: {e.before} → <strong>{e.after}</strong>
      {delta ? ` (${delta > 0 ? '+' : ''}${delta})` : ' (no change)'}
      {e.started.length ? `; ${e.started.length} start` : ''}
      {e.stopped.length ? `; ${e.stopped.length} stop` : ''}.
      {e.from_decisions ? (
        <span className="muted" style={{ fontSize: 12 }}>
          {' '}
          {e.from_decisions} lead{e.from_decisions === 1 ? "'s" : "s'"} escalation replayed from the stored decision.
        </span>
      ) : null}
    </p>
  );
}

/** The full result, for callers that already have one. */
export function WhatIfDetailView({ r }: { r: Detail }) {
  return (
    <div className="stack" role="region" aria-label="Detailed what-if result" style={{ gap: 12 }}>
      <p>
        <strong>{r.changed}</strong> of {r.leads} leads would change class against {r.baseline.ruleset}
        {r.baseline.version ? ` v${r.baseline.version}` : ''}.{' '}
        <span className="muted" style={{ fontSize: 12 }}>
          Replayed in {Math.round(r.timing_ms.total)} ms.
        </span>
      </p>
      <div style={{ overflowX: 'auto' }}>
        <TransitionMatrix r={r} />
      </div>
      <Escalations r={r} />
      {r.by_cause.length ? (
        <div>
          <h3>Rules that made the difference</h3>
          <ul aria-label="Changes by rule" style={{ margin: 0, paddingLeft: 18 }}>
            {r.by_cause.map((c) => (
              <li key={`${c.effect}:${c.rule}`}>
                {c.label} <span className="muted">({EFFECT[c.effect]})</span>: {c.leads} lead{c.leads === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ChangedLeads r={r} />
      {r.changes.length < r.changed ? (
        <p className="muted" style={{ fontSize: 12 }}>
          Showing the first {r.changes.length} of {r.changed} changed leads.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The detailed what-if the Rules screen can mount next to its editor: replays `body` against the
 * published version and shows the transition matrix and who moves, with the rule behind each move.
 */
export function WhatIfDetail({ body, disabled = false }: { body: unknown; disabled?: boolean }) {
  const run = useAction('rules.whatIfDetail');
  const { reset } = run;
  // An edit makes the last replay out of date.
  useEffect(() => reset(), [body, reset]);
  return (
    <div className="stack" style={{ gap: 10 }}>
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={disabled || run.isPending}
          onClick={() => run.mutate({ body, limit: 200 })}
        >
          {run.isPending ? 'Replaying…' : 'Detailed what-if'}
        </button>
      </div>
      <InlineError error={run.error} />
      {run.data ? <WhatIfDetailView r={run.data} /> : null}
    </div>
  );
}
