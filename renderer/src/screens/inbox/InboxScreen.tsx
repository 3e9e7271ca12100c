import { useCallback, useDeferredValue, useState } from 'react';
import type { LeadSort } from '../../../../src/contract/lead.js';
import { useAction, useCall } from '../../api.js';
import { Card, Empty, ErrorState, InlineError, Loading, PageHeader } from '../../components/ui.js';
import { BulkBar } from './BulkBar.js';
import { FilterBar } from './FilterBar.js';
import { ImportPanel } from './ImportPanel.js';
import { LeadTable, type Filters } from './LeadTable.js';
import { PasteBox } from './PasteBox.js';

/** The rep's start screen: paste, import or sync leads, then work through the list. */
export function InboxScreen() {
  const [filters, setFilters] = useState<Filters>({ sort: 'created_at', dir: 'desc' });
  // Typing in search must not block the input while the list refetches.
  const deferred = useDeferredValue(filters);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [importOpen, setImportOpen] = useState(false);
  const count = useCall('leads.list', { ...deferred, limit: 1, offset: 0 }, { placeholderData: (p) => p });
  const sync = useAction('crm.sync', ['leads']);
  const sample = useAction('leads.loadSample', ['leads', 'app']);
  const total = count.data?.total ?? 0;
  const filtered = Object.keys(deferred).some((k) => k !== 'sort' && k !== 'dir');

  const onSort = (sort: LeadSort) =>
    setFilters((f) => ({
      ...f,
      sort,
      dir:
        f.sort === sort && f.dir === 'desc'
          ? 'asc'
          : f.sort === sort
            ? 'desc'
            : sort === 'name' || sort === 'company' || sort === 'owner'
              ? 'asc'
              : 'desc',
    }));
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );

  return (
    <div className="page">
      <PageHeader
        title="Inbox"
        subtitle="Paste, import or sync leads. Each one is qualified with the evidence behind it."
        actions={
          <>
            <button type="button" className="btn" onClick={() => setImportOpen((o) => !o)} aria-expanded={importOpen}>
              Import CSV
            </button>
            <button type="button" className="btn" onClick={() => sync.mutate({})} disabled={sync.isPending}>
              {sync.isPending ? 'Syncing…' : 'Sync'}
            </button>
          </>
        }
      />
      {sync.error || sync.data ? <InlineError error={sync.error ?? null} /> : null}
      {sync.data ? <p role="status">{sync.data.message}</p> : null}
      <div className="grid-2">
        <Card title="Qualify a lead">
          <PasteBox />
        </Card>
        {importOpen ? (
          <Card title="Import a CSV">
            <ImportPanel onDone={() => undefined} />
          </Card>
        ) : (
          <Card title="Bulk actions">
            <p className="muted">
              Re-run qualification over the list with the published rules. Progress shows here; you can cancel at any
              time.
            </p>
            <BulkBar filters={deferred} selected={[...selected]} total={total} />
          </Card>
        )}
      </div>
      <section aria-labelledby="leads-h" className="stack" style={{ gap: 10 }}>
        <div className="row">
          <h2 id="leads-h">Leads</h2>
          <span className="muted" role="status" aria-label="Lead count">
            {count.data ? `${total.toLocaleString()} ${filtered ? 'matching' : 'total'}` : ''}
          </span>
          {selected.size ? (
            <button type="button" className="btn btn-sm" onClick={() => setSelected(new Set())}>
              Clear selection ({selected.size})
            </button>
          ) : null}
        </div>
        <FilterBar filters={filters} onChange={setFilters} />
        {count.isLoading ? (
          <Loading label="Loading leads…" />
        ) : count.error ? (
          <ErrorState error={count.error} onRetry={() => void count.refetch()} />
        ) : total === 0 && !filtered ? (
          <Empty title="No leads yet">
            <p>Paste a lead above, import a CSV, or start with the sample inbox.</p>
            <button type="button" className="btn" onClick={() => sample.mutate({})} disabled={sample.isPending}>
              Load the sample inbox
            </button>
          </Empty>
        ) : total === 0 ? (
          <Empty title="No lead matches these filters">Clear the search or a filter to see more.</Empty>
        ) : (
          <LeadTable filters={deferred} total={total} onSort={onSort} selected={selected} onToggle={toggle} />
        )}
      </section>
    </div>
  );
}
