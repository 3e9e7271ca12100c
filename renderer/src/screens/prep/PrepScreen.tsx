import { useState } from 'react';
import { useAction, useCall } from '../../api.js';
import { Card, Empty, ErrorState, Loading, PageHeader } from '../../components/ui.js';
import { humanize } from '../../format.js';
import { navigate } from '../../router.js';

/** Saves a file the core produced (the browser and Electron both download it). */
function download(file: { file_name: string; mime: string; content_base64: string }) {
  const bytes = Uint8Array.from(atob(file.content_base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.file_name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const EXPORTS = [
  ['markdown', 'Markdown'],
  ['pdf', 'PDF'],
] as const;

function BriefActions({ id }: { id: string }) {
  const exportBrief = useAction('knowledge.exportBrief');
  const toCrm = useAction('knowledge.briefToCrm', ['proposals']);
  return (
    <div className="row" role="group" aria-label="Brief actions" style={{ gap: 8, flexWrap: 'wrap' }}>
      {EXPORTS.map(([format, label]) => (
        <button
          key={format}
          type="button"
          className="btn"
          onClick={() => exportBrief.mutate({ lead_id: id, format }, { onSuccess: download })}
        >
          Export {label}
        </button>
      ))}
      <button
        type="button"
        className="btn btn-primary"
        onClick={() => toCrm.mutate({ lead_id: id, as: 'meeting_note' })}
      >
        Add to CRM
      </button>
      {toCrm.isSuccess ? <span className="muted">Proposed as a meeting note; approve it in Approvals.</span> : null}
      {exportBrief.error || toCrm.error ? (
        <span role="alert" style={{ color: '#b91c1c' }}>
          {(exportBrief.error ?? toCrm.error)?.message}
        </span>
      ) : null}
    </div>
  );
}

function Brief({ id }: { id: string }) {
  const b = useCall('knowledge.brief', { lead_id: id });
  if (b.isLoading) return <Loading label="Preparing the brief…" />;
  if (b.error || !b.data) return <ErrorState error={b.error} onRetry={() => void b.refetch()} />;
  const d = b.data;
  return (
    <div className="stack">
      <Card title={d.title}>
        <p>{d.summary}</p>
        <BriefActions id={id} />
        {d.kind === 'facts' ? (
          <p className="muted" style={{ fontSize: 12 }}>
            Built from the lead's facts. Company research is added when the knowledge base is set up.
          </p>
        ) : null}
      </Card>
      <div className="grid-2">
        <div className="stack">
          {d.sections.map((s) => (
            <Card key={s.title} title={s.title}>
              {s.items.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {s.items.map((it, i) => (
                    <li key={i}>
                      {it.text}
                      {it.source ? (
                        <div className="muted" style={{ fontSize: 12 }}>
                          “{it.source}”
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">Nothing known yet.</p>
              )}
            </Card>
          ))}
        </div>
        <div className="stack">
          <Card title="Gaps">
            {d.gaps.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {d.gaps.map((g) => (
                  <li key={g.fact}>
                    {humanize(g.fact)}
                    {g.decisive ? ' (could change the class)' : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No required fact is missing.</p>
            )}
          </Card>
          <Card title="Questions to ask">
            {d.questions.length ? (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {d.questions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ol>
            ) : (
              <p className="muted">Confirm next steps and timing.</p>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

/** Meeting prep: pick a lead, read its brief. */
export function PrepScreen({ id }: { id: string | null }) {
  const [search, setSearch] = useState('');
  const list = useCall(
    'leads.list',
    { search: search || undefined, limit: 50, sort: 'score', dir: 'desc' },
    { placeholderData: (p) => p },
  );
  return (
    <div className="page">
      <PageHeader
        title="Meeting prep"
        subtitle="A brief for the call: what we know, what is missing and what to ask."
      />
      <div className="row">
        <label className="field" style={{ minWidth: 320 }}>
          Lead
          <select value={id ?? ''} onChange={(e) => e.target.value && navigate({ screen: 'prep', id: e.target.value })}>
            <option value="">Choose a lead…</option>
            {(list.data?.items ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name ?? 'Unnamed'}
                {l.company ? ` — ${l.company}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Find
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name or company"
          />
        </label>
      </div>
      {id ? (
        <Brief id={id} />
      ) : (
        <Empty title="Choose a lead">The brief lists the facts, the gaps and the questions to ask.</Empty>
      )}
    </div>
  );
}
