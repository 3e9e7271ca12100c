import { useQueries } from '@tanstack/react-query';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import type { LeadListQuery, LeadSort, LeadSummary } from '../../../../src/contract/lead.js';
import { callOrThrow, useClient } from '../../api.js';
import { ClassBadge } from '../../components/ui.js';
import { fmtDate } from '../../format.js';
import { navigate } from '../../router.js';

const PAGE = 200;
const ROW_HEIGHT = 40;
const PREFETCH = 60;

export type Filters = Omit<LeadListQuery, 'limit' | 'offset'>;

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, LeadSummary>();
// The table model gives the header structure; rows are fetched a page at a time, so sorting
// happens in SQL and each column names the sort key it maps to.
const SORT_OF: Record<string, LeadSort | null> = {
  select: null,
  name: 'name',
  company: 'company',
  class: 'class',
  score: 'score',
  escalated: null,
  owner: 'owner',
  created_at: 'created_at',
};
const columns = helper.columns([
  helper.display({ id: 'select', header: '' }),
  helper.accessor('name', { header: 'Name' }),
  helper.accessor('company', { header: 'Company' }),
  helper.accessor('latest_class', { id: 'class', header: 'Class' }),
  helper.accessor('latest_score', { id: 'score', header: 'Score' }),
  helper.accessor('latest_escalate', { id: 'escalated', header: 'Escalation' }),
  helper.accessor('owner', { header: 'Owner' }),
  helper.accessor('created_at', { header: 'Received' }),
]);
const NO_ROWS: LeadSummary[] = [];

interface Props {
  filters: Filters;
  total: number;
  onSort(sort: LeadSort): void;
  selected: Set<string>;
  onToggle(id: string): void;
}

/** The inbox list: virtual rows over pages fetched on demand, so 100,000 leads scroll like 100. */
export function LeadTable({ filters, total, onSort, selected, onToggle }: Props) {
  const client = useClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const table = useTable({ features, columns, data: NO_ROWS });
  const v = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const pages = useMemo(() => {
    const out: number[] = [];
    // A margin of rows on each side fetches the next page before it scrolls into view.
    const lo = Math.max(0, first - PREFETCH);
    const hi = Math.min(Math.max(total - 1, 0), last + PREFETCH);
    for (let p = Math.floor(lo / PAGE); p <= Math.floor(hi / PAGE); p++) out.push(p);
    return out;
  }, [first, last, total]);
  const results = useQueries({
    queries: pages.map((p) => ({
      queryKey: ['leads', 'leads.list', { ...filters, limit: PAGE, offset: p * PAGE }],
      queryFn: () => callOrThrow(client, 'leads.list', { ...filters, limit: PAGE, offset: p * PAGE }),
      placeholderData: (prev: unknown) => prev as Awaited<ReturnType<typeof callOrThrow<'leads.list'>>> | undefined,
    })),
  });
  const rowAt = (index: number): LeadSummary | undefined => {
    const pi = pages.indexOf(Math.floor(index / PAGE));
    return results[pi]?.data?.items[index % PAGE];
  };
  const onRowKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, id: string, index: number) => {
      if (e.key === 'Enter') navigate({ screen: 'lead', id });
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = index + (e.key === 'ArrowDown' ? 1 : -1);
        v.scrollToIndex(Math.max(0, Math.min(total - 1, next)));
        requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
      }
      if (e.key === ' ') {
        e.preventDefault();
        onToggle(id);
      }
    },
    [v, total, onToggle],
  );
  return (
    <div className="grid" role="table" aria-label="Leads" aria-rowcount={total + 1}>
      {table.getHeaderGroups().map((g) => (
        <div className="grid-head" role="row" key={g.id} aria-rowindex={1}>
          {g.headers.map((h) => {
            const sortKey = SORT_OF[h.column.id] ?? null;
            const label = String(h.column.columnDef.header ?? '');
            const active = sortKey && filters.sort === sortKey;
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {h.column.id === 'select' ? (
                  <span className="sr-only">Select</span>
                ) : sortKey ? (
                  <button type="button" onClick={() => onSort(sortKey)} aria-label={`Sort by ${label}`}>
                    {label}
                    <span aria-hidden="true">{active ? (filters.dir === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                ) : (
                  label
                )}
              </div>
            );
          })}
        </div>
      ))}
      <div className="grid-body" ref={scrollRef} data-testid="lead-scroll">
        <div style={{ height: v.getTotalSize(), position: 'relative' }} role="rowgroup">
          {items.map((it) => {
            const l = rowAt(it.index);
            const style = { transform: `translateY(${it.start}px)` };
            if (!l) {
              return (
                <div
                  key={it.key}
                  className="grid-row"
                  role="row"
                  aria-rowindex={it.index + 2}
                  style={style}
                  aria-busy="true"
                >
                  {columns.map((c, i) => (
                    <div key={c.id ?? i} role="cell">
                      <span className="skeleton" />
                    </div>
                  ))}
                </div>
              );
            }
            return (
              <LeadRow
                key={it.key}
                lead={l}
                index={it.index}
                start={it.start}
                selected={selected.has(l.id)}
                onToggle={onToggle}
                onKey={onRowKey}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  lead: LeadSummary;
  index: number;
  start: number;
  selected: boolean;
  onToggle(id: string): void;
  onKey(e: KeyboardEvent<HTMLDivElement>, id: string, index: number): void;
}

/** One lead row; memoised so that scrolling renders only the rows that enter the window. */
const LeadRow = memo(function LeadRow({ lead: l, index, start, selected, onToggle, onKey }: RowProps) {
  return (
    <div
      data-index={index}
      className="grid-row"
      role="row"
      aria-rowindex={index + 2}
      aria-label={`${l.name ?? 'Unnamed lead'}${l.company ? `, ${l.company}` : ''}`}
      tabIndex={0}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => navigate({ screen: 'lead', id: l.id })}
      onKeyDown={(e) => onKey(e, l.id, index)}
    >
      <div role="cell" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Select ${l.name ?? l.id}`}
          checked={selected}
          onChange={() => onToggle(l.id)}
        />
      </div>
      <div role="cell">
        {l.name ?? <span className="muted">Unnamed</span>}
        {l.email ? <div className="sub">{l.email}</div> : null}
      </div>
      <div role="cell">{l.company ?? <span className="muted">—</span>}</div>
      <div role="cell">
        <ClassBadge value={l.latest_class} />
      </div>
      <div role="cell">{l.latest_score ?? '—'}</div>
      <div role="cell">
        {l.latest_escalate ? <span className="badge badge-esc">Escalated</span> : <span className="muted">—</span>}
      </div>
      <div role="cell">{l.owner ?? <span className="muted">Unassigned</span>}</div>
      <div role="cell">{fmtDate(l.created_at)}</div>
    </div>
  );
});
