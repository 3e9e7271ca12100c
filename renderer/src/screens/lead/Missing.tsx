import { useState } from 'react';
import type { LeadDetail } from '../../../../src/contract/api/leads.js';
import { Card } from '../../components/ui.js';
import { humanize } from '../../format.js';

/** What is missing, the question to ask for each, and a drafted follow-up that asks them. */
export function Missing({ detail }: { detail: LeadDetail }) {
  const [copied, setCopied] = useState(false);
  const missing = detail.decision?.missing ?? [];
  const f = detail.followup;
  return (
    <Card title="Missing facts">
      {missing.length === 0 ? (
        <p className="muted">Nothing required is missing.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {missing.map((m) => (
            <li key={m.fact}>
              <strong>{humanize(m.fact)}</strong>
              {m.decisive ? (
                <span className="badge badge-needs_info" style={{ marginLeft: 6 }}>
                  could change the class
                </span>
              ) : null}
              <div className="muted">{m.question}</div>
            </li>
          ))}
        </ul>
      )}
      {f ? (
        <div style={{ marginTop: 12 }}>
          <div className="row" style={{ marginBottom: 6 }}>
            <h3 style={{ margin: 0 }}>Follow-up email (draft)</h3>
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                void navigator.clipboard?.writeText(`Subject: ${f.subject}\n\n${f.body}`).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy email'}
            </button>
          </div>
          <p className="muted" style={{ fontSize: 12 }}>
            To: {f.to ?? 'no address known'} · Subject: {f.subject}
          </p>
          <pre className="email-draft" aria-label="Follow-up email">
            {f.body}
          </pre>
        </div>
      ) : null}
    </Card>
  );
}
