import { useEffect, useState } from 'react';
import { useAction, useCall } from '../../api.js';
import { ProposalCard } from '../../components/ProposalCard.js';
import { Empty, ErrorState, InlineError, Loading, PageHeader } from '../../components/ui.js';

/** The approval queue across leads: batch approve, stale proposals marked, j/k/a/r from the keyboard. */
export function ApprovalsScreen() {
  const q = useCall('proposals.list', { status: 'open', limit: 500 });
  const approve = useAction('proposals.approveAll', ['proposals', 'crm', 'leads', 'metrics']);
  const reject = useAction('proposals.rejectAll', ['proposals', 'leads', 'metrics']);
  const [cursor, setCursor] = useState(0);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const items = q.data ?? [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)) return;
      const cur = items[cursor];
      if (e.key === 'j') setCursor((c) => Math.min(items.length - 1, c + 1));
      else if (e.key === 'k') setCursor((c) => Math.max(0, c - 1));
      else if (e.key === 'a' && cur) approve.mutate({ ids: [cur.id] });
      else if (e.key === 'r' && cur) reject.mutate({ ids: [cur.id] });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, cursor, approve, reject]);
  useEffect(() => {
    document.querySelector('.queue-item.is-current')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const toggle = (id: string) =>
    setChecked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const stale = items.filter((p) => p.status === 'stale').length;
  return (
    <div className="page">
      <PageHeader
        title="Approvals"
        subtitle={
          <>
            Nothing reaches the CRM until someone approves it. <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approves,{' '}
            <kbd>r</kbd> rejects.
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="btn"
              disabled={!items.length}
              onClick={() => setChecked(checked.size === items.length ? new Set() : new Set(items.map((p) => p.id)))}
            >
              {checked.size === items.length && items.length ? 'Select none' : 'Select all'}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!checked.size || approve.isPending}
              onClick={() => approve.mutate({ ids: [...checked] }, { onSuccess: () => setChecked(new Set()) })}
            >
              Approve selected ({checked.size})
            </button>
          </>
        }
      />
      <InlineError error={approve.error ?? reject.error} />
      {q.isLoading ? (
        <Loading label="Loading the queue…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !items.length ? (
        <Empty title="Nothing to review">Proposed CRM updates appear here after leads are qualified.</Empty>
      ) : (
        <>
          <p className="muted" role="status">
            {items.length} open proposal{items.length === 1 ? '' : 's'}
            {stale ? `, ${stale} stale` : ''}
          </p>
          <div className="stack" style={{ gap: 10 }} aria-label="Approval queue" role="list">
            {items.map((p, i) => (
              <div
                key={p.id}
                role="listitem"
                className="row"
                style={{ alignItems: 'flex-start', flexWrap: 'nowrap' }}
                onClick={() => setCursor(i)}
              >
                <input
                  type="checkbox"
                  aria-label={`Select proposal for ${p.lead_name ?? p.lead_id}`}
                  checked={checked.has(p.id)}
                  onChange={() => toggle(p.id)}
                  style={{ marginTop: 14 }}
                />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <ProposalCard proposal={p} current={i === cursor} showLead />
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
