import { useState } from 'react';
import type { CurrentFact } from '../../../../src/contract/api/leads.js';
import { AuthoritySchema, DisqualifierSchema, NeedSchema } from '../../../../src/contract/facts.js';
import { useAction } from '../../api.js';
import { InlineError } from '../../components/ui.js';
import { humanize } from '../../format.js';

// Choices come from the contract's schemas, so the form offers exactly what the core accepts.
const AUTHORITY = AuthoritySchema.options;
const NEED = NeedSchema.options;
const DISQUALIFIERS = DisqualifierSchema.options;
const PERIODS = ['year', 'month', 'quarter', 'one_off'];
const CORRECTABLE = new Set(['budget', 'timeline', 'authority', 'company_size', 'need', 'competitors', 'disqualifier']);

type Draft = Record<string, string>;

function initialDraft(f: CurrentFact): Draft {
  const v = f.value as Record<string, unknown> | string | number | string[] | null;
  if (f.name === 'budget') {
    const b = (v ?? {}) as Record<string, unknown>;
    return {
      amount: b['amount'] !== undefined ? String(b['amount']) : '',
      currency: String(b['currency'] ?? 'USD'),
      period: String(b['period'] ?? 'year'),
    };
  }
  if (f.name === 'timeline')
    return { months: v && typeof v === 'object' && !Array.isArray(v) ? String(v['months'] ?? '') : '' };
  if (f.name === 'competitors') return { value: Array.isArray(v) ? v.join(', ') : '' };
  return { value: v === null || v === undefined ? '' : String(v) };
}

/** Turns the editor's strings into the fact's JSON value; '' means unknown. */
function valueOf(name: string, d: Draft): unknown {
  if (name === 'budget')
    return d['amount']
      ? { amount: Number(d['amount']), currency: (d['currency'] ?? 'USD').toUpperCase(), period: d['period'] }
      : null;
  if (name === 'timeline') return d['months'] ? { months: Number(d['months']) } : null;
  if (name === 'company_size') return d['value'] ? Number(d['value']) : null;
  if (name === 'competitors')
    return (d['value'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return d['value'] ? d['value'] : null;
}

function Editor({ fact, draft, set }: { fact: CurrentFact; draft: Draft; set(d: Draft): void }) {
  const label = humanize(fact.name);
  const sel = (opts: string[]) => (
    <select aria-label={`New ${label}`} value={draft['value'] ?? ''} onChange={(e) => set({ value: e.target.value })}>
      <option value="">Unknown</option>
      {opts.map((o) => (
        <option key={o} value={o}>
          {humanize(o)}
        </option>
      ))}
    </select>
  );
  switch (fact.name) {
    case 'budget':
      return (
        <div className="row">
          <input
            type="number"
            min={0}
            aria-label="Budget amount"
            style={{ width: 110 }}
            value={draft['amount'] ?? ''}
            onChange={(e) => set({ ...draft, amount: e.target.value })}
          />
          <input
            type="text"
            aria-label="Budget currency"
            style={{ width: 64 }}
            maxLength={3}
            value={draft['currency'] ?? ''}
            onChange={(e) => set({ ...draft, currency: e.target.value })}
          />
          <select
            aria-label="Budget period"
            value={draft['period'] ?? 'year'}
            onChange={(e) => set({ ...draft, period: e.target.value })}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                per {p.replace('_', '-')}
              </option>
            ))}
          </select>
        </div>
      );
    case 'timeline':
      return (
        <input
          type="number"
          min={0}
          aria-label="Timeline in months"
          value={draft['months'] ?? ''}
          onChange={(e) => set({ months: e.target.value })}
        />
      );
    case 'authority':
      return sel(AUTHORITY);
    case 'need':
      return sel(NEED);
    case 'disqualifier':
      return sel(DISQUALIFIERS);
    case 'company_size':
      return (
        <input
          type="number"
          min={0}
          aria-label={`New ${label}`}
          value={draft['value'] ?? ''}
          onChange={(e) => set({ value: e.target.value })}
        />
      );
    default:
      return (
        <input
          type="text"
          aria-label={`New ${label}`}
          value={draft['value'] ?? ''}
          onChange={(e) => set({ value: e.target.value })}
        />
      );
  }
}

/** The facts behind the decision; a rep can correct one, which is logged and re-runs the rules. */
export function FactsTable({
  leadId,
  facts,
  active,
  onHover,
}: {
  leadId: string;
  facts: CurrentFact[];
  active: string | null;
  onHover(k: string | null): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const correct = useAction('leads.correctFact', ['leads', 'knowledge']);
  return (
    <>
      <table className="simple" aria-label="Facts">
        <thead>
          <tr>
            <th>Fact</th>
            <th>Value</th>
            <th>Evidence</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr
              key={f.name}
              className={active === f.name ? 'is-active' : undefined}
              onMouseEnter={() => onHover(f.name)}
              onMouseLeave={() => onHover(null)}
            >
              <th scope="row" style={{ fontWeight: 550 }}>
                {humanize(f.name)}
              </th>
              <td>
                {editing === f.name ? (
                  <form
                    className="stack"
                    style={{ gap: 6 }}
                    onSubmit={(e) => {
                      e.preventDefault();
                      correct.mutate(
                        { lead_id: leadId, name: f.name, value: valueOf(f.name, draft) },
                        { onSuccess: () => setEditing(null) },
                      );
                    }}
                  >
                    <Editor fact={f} draft={draft} set={setDraft} />
                    <div className="row">
                      <button type="submit" className="btn btn-sm btn-primary" disabled={correct.isPending}>
                        Save correction
                      </button>
                      <button type="button" className="btn btn-sm" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </div>
                    <InlineError error={correct.error} />
                  </form>
                ) : (
                  <>
                    {f.value === null || (Array.isArray(f.value) && !f.value.length) ? (
                      <span className="muted">unknown</span>
                    ) : (
                      f.display
                    )}
                    {f.source === 'rep' ? (
                      <span className="badge badge-neutral" style={{ marginLeft: 6 }}>
                        corrected
                      </span>
                    ) : null}
                  </>
                )}
              </td>
              <td
                title={f.evidence.map((e) => `“${e.quote}”`).join('\n') || undefined}
                className="muted"
                style={{ maxWidth: 260 }}
              >
                {f.evidence.length
                  ? `“${f.evidence[0]!.quote}”${f.evidence.length > 1 ? ` +${f.evidence.length - 1}` : ''}`
                  : '—'}
              </td>
              <td style={{ textAlign: 'right' }}>
                {CORRECTABLE.has(f.name) && editing !== f.name ? (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Correct ${humanize(f.name)}`}
                    onClick={() => {
                      setDraft(initialDraft(f));
                      setEditing(f.name);
                    }}
                  >
                    Correct
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
