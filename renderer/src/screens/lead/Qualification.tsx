import type { DecisionView } from '../../../../src/contract/api/leads.js';
import { ClassBadge, StatusPill } from '../../components/ui.js';

/** The class, the score and every rule with its status, plus what would change the class. */
export function Qualification({
  decision,
  onHover,
}: {
  decision: DecisionView | null;
  onHover(key: string | null): void;
}) {
  return (
    <section className="card" role="region" aria-label="Qualification">
      <div className="card-head">
        <h2>Qualification</h2>
        {decision ? (
          <span className="muted" style={{ fontSize: 12 }}>
            Ruleset v{decision.ruleset_version ?? '—'}
          </span>
        ) : null}
      </div>
      {!decision ? (
        <p className="muted">Not qualified yet.</p>
      ) : (
        <>
          <div className="kpis">
            <div className="kpi">
              <span className="label">Class</span>
              <span style={{ fontSize: 16 }}>
                <ClassBadge value={decision.class} />
              </span>
            </div>
            <div className="kpi">
              <span className="label">Score</span>
              <span className="value" aria-label={`Score ${decision.score}`}>
                {decision.score}
              </span>
            </div>
          </div>
          <table className="simple" aria-label="Rules" style={{ marginTop: 10 }}>
            <thead>
              <tr>
                <th>Rule</th>
                <th>Status</th>
                <th>Seen</th>
              </tr>
            </thead>
            <tbody>
              {decision.reasons.map((r) => (
                <tr key={r.rule} onMouseEnter={() => onHover(`rule:${r.rule}`)} onMouseLeave={() => onHover(null)}>
                  <td>{r.label}</td>
                  <td>
                    <StatusPill status={r.status} />
                  </td>
                  <td className="muted">{r.actual ?? 'unknown'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {decision.counterfactual ? <p className="counterfactual">{decision.counterfactual}</p> : null}
        </>
      )}
    </section>
  );
}
