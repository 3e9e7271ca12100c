import { ClassSchema } from '../../../../src/contract/ruleset.js';
import { useCall } from '../../api.js';
import { CLASS_LABEL } from '../../format.js';
import type { Filters } from './LeadTable.js';

/** Search and filters by class, escalation, owner and date; every control has a visible label. */
export function FilterBar({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const owners = useCall('leads.owners', {});
  const set = (patch: Partial<Filters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const k of Object.keys(next)) if (next[k] === '' || next[k] === undefined) delete next[k];
    onChange(next as Filters);
  };
  return (
    <div className="filters" role="search">
      <label className="field">
        Search
        <input
          type="search"
          placeholder="Name, email, company…"
          value={filters.search ?? ''}
          onChange={(e) => set({ search: e.target.value })}
        />
      </label>
      <label className="field">
        Class
        <select
          value={filters.class ?? ''}
          onChange={(e) => set({ class: e.target.value ? ClassSchema.parse(e.target.value) : undefined })}
        >
          <option value="">All classes</option>
          {ClassSchema.options.map((c) => (
            <option key={c} value={c}>
              {CLASS_LABEL[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Escalation
        <select
          value={filters.escalated === undefined ? '' : filters.escalated ? 'yes' : 'no'}
          onChange={(e) => set({ escalated: e.target.value === '' ? undefined : e.target.value === 'yes' })}
        >
          <option value="">Any</option>
          <option value="yes">Escalated</option>
          <option value="no">Not escalated</option>
        </select>
      </label>
      <label className="field">
        Owner
        <select value={filters.owner ?? ''} onChange={(e) => set({ owner: e.target.value || undefined })}>
          <option value="">Anyone</option>
          {(owners.data ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        From
        <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label className="field">
        To
        <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
    </div>
  );
}
