import { useState } from 'react';
import type { FieldChangeView, ProposalView } from '../../../src/contract/api/proposals.js';
import { useAction } from '../api.js';
import { fmtTime, fmtValue, humanize } from '../format.js';
import { InlineError } from './ui.js';

const KIND_LABEL: Record<ProposalView['kind'], string> = {
  crm_update: 'CRM update',
  task: 'Task',
  followup_email: 'Follow-up email',
  meeting_brief: 'Meeting brief',
};

function parseEdited(raw: string, old: FieldChangeView['new']): string | number | boolean | null {
  if (raw === '') return null;
  if (typeof old === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  if (typeof old === 'boolean') return raw === 'true';
  return raw;
}

function FieldRow({ proposal, change }: { proposal: ProposalView; change: FieldChangeView }) {
  const review = useAction('proposals.review', ['proposals', 'crm', 'leads', 'metrics']);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(fmtValue(change.new) === '—' ? '' : String(change.new ?? ''));
  const open = change.status === 'pending' || change.status === 'stale';
  const label = humanize(change.field);
  return (
    <div className="change" role="group" aria-label={`Field ${label}`}>
      <strong>{label}</strong>
      <span className="old" aria-label="Current value">
        {fmtValue(change.old)}
      </span>
      <span aria-hidden="true">→</span>
      {editing ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            review.mutate(
              {
                id: proposal.id,
                verdicts: [{ field: change.field, action: 'edit', value: parseEdited(value, change.new) }],
              },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <input
            type="text"
            aria-label={`New value for ${label}`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoFocus
          />
          <button type="submit" className="btn btn-sm btn-primary">
            Save edit
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <span className="new" title={change.reason}>
          {fmtValue(change.new)}
          <div className="muted" style={{ fontWeight: 400, fontSize: 12 }}>
            {change.reason}
          </div>
        </span>
      )}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        {open && !editing ? (
          <>
            <button
              type="button"
              className="btn btn-sm btn-ok"
              aria-label={`Approve ${label}`}
              disabled={review.isPending}
              onClick={() => review.mutate({ id: proposal.id, verdicts: [{ field: change.field, action: 'approve' }] })}
            >
              Approve
            </button>
            <button type="button" className="btn btn-sm" aria-label={`Edit ${label}`} onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-sm btn-danger"
              aria-label={`Reject ${label}`}
              disabled={review.isPending}
              onClick={() => review.mutate({ id: proposal.id, verdicts: [{ field: change.field, action: 'reject' }] })}
            >
              Reject
            </button>
          </>
        ) : !editing ? (
          <span
            className={`badge ${change.status === 'rejected' || change.status === 'failed' ? 'badge-disqualified' : change.status === 'stale' ? 'badge-stale' : 'badge-qualified'}`}
          >
            {humanize(change.status)}
          </span>
        ) : null}
      </div>
      {review.error ? (
        <div style={{ gridColumn: '1 / -1' }}>
          <InlineError error={review.error} />
        </div>
      ) : null}
    </div>
  );
}

/** One proposal, field by field as old → new, each with approve, edit and reject. */
export function ProposalCard({
  proposal,
  current = false,
  showLead = false,
}: {
  proposal: ProposalView;
  current?: boolean;
  showLead?: boolean;
}) {
  return (
    <article
      className={`queue-item${current ? ' is-current' : ''}`}
      aria-label={`Proposal for ${proposal.lead_name ?? proposal.lead_id}`}
      aria-current={current ? 'true' : undefined}
    >
      <div className="row" style={{ marginBottom: 6 }}>
        <strong>{KIND_LABEL[proposal.kind]}</strong>
        {showLead ? (
          <a href={`#/lead/${encodeURIComponent(proposal.lead_id)}`}>
            {proposal.lead_name ?? 'Unnamed lead'}
            {proposal.lead_company ? `, ${proposal.lead_company}` : ''}
          </a>
        ) : null}
        {proposal.status === 'stale' ? (
          <span className="badge badge-stale">Stale: the CRM changed, review again</span>
        ) : (
          <span className="badge badge-neutral">{humanize(proposal.status)}</span>
        )}
        <span className="spacer" />
        <span className="muted" style={{ fontSize: 12 }}>
          {fmtTime(proposal.created_at)}
        </span>
      </div>
      {proposal.changes.map((c) => (
        <FieldRow key={c.field} proposal={proposal} change={c} />
      ))}
      {proposal.draft ? (
        <pre className="email-draft">
          {proposal.draft.subject ? `Subject: ${proposal.draft.subject}\n\n` : ''}
          {proposal.draft.body}
        </pre>
      ) : null}
    </article>
  );
}
