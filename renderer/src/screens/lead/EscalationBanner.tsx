import { useState } from 'react';
import type { LeadDetail } from '../../../../src/contract/api/leads.js';
import { useAction } from '../../api.js';
import { InlineError } from '../../components/ui.js';
import { fmtTime, humanize } from '../../format.js';

/** Shown when the policy says a person must take over; "Hand off" keeps the whole context with the lead. */
export function EscalationBanner({ detail }: { detail: LeadDetail }) {
  const [to, setTo] = useState('Sales manager');
  const handOff = useAction('leads.handOff', ['leads']);
  const esc = detail.decision?.escalation;
  if (!esc?.escalate) return null;
  return (
    <section className="banner banner-esc" role="alert" aria-label="Escalation">
      <div style={{ flex: 1 }}>
        <h2>Needs a person: escalated</h2>
        <ul>
          {esc.reasons.map((r) => (
            <li key={r.reason}>
              <strong>{humanize(r.reason)}</strong>: {r.detail}
              {r.evidence[0] ? <span className="muted"> — “{r.evidence[0].quote}”</span> : null}
            </li>
          ))}
        </ul>
        {detail.handoff ? (
          <p style={{ marginTop: 8 }} role="status">
            Handed off to <strong>{detail.handoff.to}</strong> on {fmtTime(detail.handoff.at)}.
          </p>
        ) : null}
        <InlineError error={handOff.error} />
      </div>
      {!detail.handoff ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            handOff.mutate({ id: detail.lead.id, to });
          }}
        >
          <label className="field">
            Hand off to
            <input type="text" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={handOff.isPending || !to.trim()}
            style={{ alignSelf: 'flex-end' }}
          >
            Hand off
          </button>
        </form>
      ) : null}
    </section>
  );
}
