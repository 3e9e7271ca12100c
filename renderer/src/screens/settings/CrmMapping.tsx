import { useEffect, useState } from 'react';
import type { CrmMappingCheck, CrmMappingView, MappingSource } from '../../../../src/contract/api/crmMapping.js';
import type { FieldMappingEntry, PropertyCreationProposal } from '../../../../src/contract/crm.js';
import { useAction, useCall } from '../../api.js';
import { Card, ErrorState, InlineError, Loading } from '../../components/ui.js';
import { fmtTime } from '../../format.js';

const CRM_LABEL = { local: 'the local CRM', hubspot: 'HubSpot' } as const;

const blank = (): FieldMappingEntry => ({
  source: 'score',
  property: '',
  values: {},
  only_if_empty: false,
  enabled: true,
});

function ValuesEditor({
  line,
  entry,
  source,
  onChange,
}: {
  line: number;
  entry: FieldMappingEntry;
  source: MappingSource | undefined;
  onChange(values: Record<string, string>): void;
}) {
  if (!source?.values.length) return <span className="muted">as is</span>;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'auto minmax(110px, 1fr)', gap: '4px 8px', alignItems: 'center' }}
    >
      {source.values.map((v) => (
        <label key={v} style={{ display: 'contents', fontSize: 12 }}>
          <span className="muted">{v.replace('_', ' ')}</span>
          <input
            type="text"
            aria-label={`CRM value for ${v} on line ${line}`}
            value={entry.values[v] ?? ''}
            placeholder="not written"
            onChange={(e) => {
              const next = { ...entry.values };
              if (e.target.value) next[v] = e.target.value;
              else delete next[v];
              onChange(next);
            }}
          />
        </label>
      ))}
    </div>
  );
}

function MappingTable({ view }: { view: CrmMappingView }) {
  const [entries, setEntries] = useState<FieldMappingEntry[]>(view.mapping.entries);
  useEffect(() => setEntries(view.mapping.entries), [view.mapping.entries]);
  const save = useAction('crm.mapping.set', ['crm']);
  const reset = useAction('crm.mapping.reset', ['crm']);
  const [confirmReset, setConfirmReset] = useState(false);
  const dirty = JSON.stringify(entries) !== JSON.stringify(view.mapping.entries);
  const sources = new Map(view.sources.map((s) => [s.value, s]));
  const patch = (i: number, p: Partial<FieldMappingEntry>) => {
    save.reset();
    setEntries((es) => es.map((e, k) => (k === i ? { ...e, ...p } : e)));
  };
  // The error names the line (entries.N.field); mark that input.
  const badPath = save.error?.appError.path;
  const invalid = (i: number, field: string) => badPath?.[0] === 'entries' && badPath[1] === i && badPath[2] === field;
  return (
    <div className="stack" style={{ gap: 10 }}>
      <div style={{ overflowX: 'auto' }}>
        <table className="simple" aria-label="Field mapping">
          <thead>
            <tr>
              <th>#</th>
              <th>Fact or class</th>
              <th>CRM property</th>
              <th>Values</th>
              <th>Only if empty</th>
              <th>On</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => {
              const line = i + 1;
              const known = sources.has(e.source);
              return (
                <tr key={i}>
                  <td className="muted">{line}</td>
                  <td>
                    <select
                      aria-label={`Source of line ${line}`}
                      value={e.source}
                      aria-invalid={invalid(i, 'source')}
                      onChange={(ev) => patch(i, { source: ev.target.value, values: {} })}
                    >
                      {!known ? <option value={e.source}>{e.source}</option> : null}
                      {view.sources.map((s) => (
                        <option key={s.value} value={s.value}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="text"
                      className="mono"
                      aria-label={`CRM property of line ${line}`}
                      aria-invalid={invalid(i, 'property')}
                      value={e.property}
                      placeholder="sales_copilot_…"
                      onChange={(ev) => patch(i, { property: ev.target.value.trim() })}
                    />
                  </td>
                  <td>
                    <ValuesEditor
                      line={line}
                      entry={e}
                      source={sources.get(e.source)}
                      onChange={(values) => patch(i, { values })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Only write line ${line} when the CRM field is empty`}
                      checked={e.only_if_empty}
                      onChange={(ev) => patch(i, { only_if_empty: ev.target.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Line ${line} enabled`}
                      checked={e.enabled}
                      onChange={(ev) => patch(i, { enabled: ev.target.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm"
                      aria-label={`Remove line ${line}`}
                      onClick={() => {
                        save.reset();
                        setEntries((es) => es.filter((_, k) => k !== i));
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={() => setEntries((es) => [...es, blank()])}>
          Add line
        </button>
        <span className="spacer" />
        {dirty ? (
          <button type="button" className="btn" onClick={() => setEntries(view.mapping.entries)}>
            Discard changes
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          disabled={!dirty || save.isPending || entries.some((e) => !e.property)}
          onClick={() => save.mutate({ entries })}
        >
          {save.isPending ? 'Saving…' : 'Save mapping'}
        </button>
      </div>
      <InlineError error={save.error ?? reset.error} />
      {save.isSuccess && !dirty ? <p role="status">Mapping saved. New proposals use it.</p> : null}
      <p className="muted" style={{ fontSize: 12, margin: 0 }}>
        {view.is_default ? 'The built-in mapping applies.' : `Saved ${fmtTime(view.updated_at)}.`}{' '}
        {!view.is_default ? (
          confirmReset ? (
            <>
              Go back to the built-in mapping?{' '}
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => reset.mutate({}, { onSuccess: () => setConfirmReset(false) })}
              >
                Confirm reset
              </button>{' '}
              <button type="button" className="btn btn-sm" onClick={() => setConfirmReset(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-sm" onClick={() => setConfirmReset(true)}>
              Reset to default
            </button>
          )
        ) : null}
      </p>
    </div>
  );
}

/** One missing property: created only after an explicit confirmation, or shown as a task for HubSpot. */
function Proposal({ p, canCreate }: { p: PropertyCreationProposal; canCreate: boolean }) {
  const create = useAction('crm.mapping.createProperty', ['crm']);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="card" style={{ padding: 10 }} aria-label={`Proposed property ${p.name}`}>
      <div>
        <code>{p.name}</code> · {p.label} · <span className="muted">{p.type}</span>
      </div>
      <div className="muted" style={{ fontSize: 12 }}>
        {p.reason}
      </div>
      {!canCreate ? (
        <p style={{ fontSize: 12, margin: '6px 0 0' }}>
          Create it in HubSpot: Settings › Properties › Create property, object Contact, internal name{' '}
          <code>{p.name}</code>, field type {p.field_type}.
        </p>
      ) : create.isSuccess ? (
        <p role="status" className="status-passed" style={{ margin: '6px 0 0' }}>
          Created in HubSpot.
        </p>
      ) : confirming ? (
        <div className="row" role="group" aria-label={`Confirm creating ${p.name}`} style={{ marginTop: 6 }}>
          <span style={{ fontSize: 12 }}>
            Create <code>{p.name}</code> ({p.type}) on HubSpot contacts?
          </span>
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={create.isPending}
            onClick={() => create.mutate({ name: p.name })}
          >
            {create.isPending ? 'Creating…' : 'Confirm create'}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="btn btn-sm"
          style={{ marginTop: 6 }}
          aria-label={`Create property ${p.name}`}
          onClick={() => setConfirming(true)}
        >
          Create property
        </button>
      )}
      <InlineError error={create.error} />
    </li>
  );
}

function CheckResult({ c }: { c: CrmMappingCheck }) {
  const clean = !c.create.length && !c.invalid.length && !c.read_only.length;
  if (clean)
    return (
      <p role="status" className="status-passed">
        Every mapped property exists in {CRM_LABEL[c.kind]}.
      </p>
    );
  return (
    <div className="stack" style={{ gap: 8 }}>
      {c.create.length ? (
        <>
          <h3 style={{ margin: 0 }}>Properties to create</h3>
          <p className="muted" style={{ fontSize: 12, margin: 0 }}>
            {c.note} Until then, lines that write to them propose nothing.
          </p>
          <ul
            aria-label="Proposed properties"
            className="stack"
            style={{ listStyle: 'none', padding: 0, margin: 0, gap: 6 }}
          >
            {c.create.map((p) => (
              <Proposal key={p.name} p={p} canCreate={c.can_create} />
            ))}
          </ul>
        </>
      ) : null}
      {c.invalid.length ? (
        <div className="inline-error" role="alert">
          <strong>Values {CRM_LABEL[c.kind]} would refuse:</strong>
          <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
            {c.invalid.map((v) => (
              <li key={`${v.property}-${v.value}`}>
                <code>{v.property}</code> has no option “{v.value}” (allowed: {v.allowed.slice(0, 8).join(', ')}
                {v.allowed.length > 8 ? ' …' : ''})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {c.read_only.length ? (
        <p className="inline-error">
          Read-only in {CRM_LABEL[c.kind]}: {c.read_only.join(', ')}. Switch those lines off.
        </p>
      ) : null}
    </div>
  );
}

/** Settings card: where the class, the score and each fact land in the CRM, and what the CRM still lacks. */
export function CrmMapping() {
  const view = useCall('crm.mapping.get', {});
  const check = useCall('crm.mapping.check', {});
  return (
    <Card title="CRM field mapping">
      <p className="muted">
        Where each fact and the class are written in {view.data ? CRM_LABEL[view.data.kind] : 'the CRM'}. Writes are
        always proposals a person approves; missing custom properties are proposed, never created silently.
      </p>
      {view.isLoading ? (
        <Loading label="Loading the mapping…" />
      ) : view.error || !view.data ? (
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <MappingTable view={view.data} />
      )}
      <div style={{ marginTop: 12 }}>
        {check.isLoading ? (
          <Loading label="Checking the CRM's properties…" />
        ) : check.error || !check.data ? (
          <ErrorState error={check.error} onRetry={() => void check.refetch()} />
        ) : (
          <CheckResult c={check.data} />
        )}
      </div>
    </Card>
  );
}
