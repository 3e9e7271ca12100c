import { useEffect, useState } from 'react';
import type { Settings } from '../../../../src/contract/api/settings.js';
import { useAction, useCall } from '../../api.js';
import { Card, ErrorState, InlineError, Loading, PageHeader } from '../../components/ui.js';
import { CrmMapping } from './CrmMapping.js';

function Provider({ s }: { s: Settings }) {
  const [kind, setKind] = useState(s.provider.kind);
  const [baseUrl, setBaseUrl] = useState(s.provider.base_url);
  const [model, setModel] = useState(s.provider.model);
  const [key, setKey] = useState('');
  const update = useAction('settings.update', ['settings']);
  const test = useAction('settings.testConnection');
  return (
    <Card title="Model provider">
      <form
        className="stack"
        style={{ gap: 10 }}
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate(
            { provider: { kind, base_url: baseUrl, model }, ...(key ? { api_key: key } : {}) },
            { onSuccess: () => setKey('') },
          );
        }}
      >
        <label className="field">
          Provider
          <select value={kind} onChange={(e) => setKind(e.target.value as Settings['provider']['kind'])}>
            <option value="embedded">Embedded (offline, no key)</option>
            <option value="openai_compatible">OpenAI-compatible endpoint</option>
          </select>
        </label>
        {kind === 'openai_compatible' ? (
          <>
            <label className="field">
              Endpoint URL
              <input
                type="url"
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                placeholder="https://api.openai.com/v1 or http://localhost:11434/v1"
              />
            </label>
            <label className="field">
              Model
              <input
                type="text"
                value={model}
                onChange={(e) => setModel(e.target.value)}
                placeholder="gpt-4o-mini, llama3.1 …"
              />
            </label>
            <label className="field">
              API key {s.provider.has_key ? '(stored; leave empty to keep it)' : ''}
              <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" />
            </label>
          </>
        ) : null}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            Save provider
          </button>
          <button type="button" className="btn" onClick={() => test.mutate({})} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        <InlineError error={update.error ?? test.error} />
        {test.data ? (
          <p role="status" className={test.data.ok ? 'status-passed' : 'status-failed'}>
            {test.data.message}
            {test.data.latency_ms ? ` (${test.data.latency_ms} ms)` : ''}
          </p>
        ) : null}
      </form>
    </Card>
  );
}

function Redaction({ s }: { s: Settings }) {
  const update = useAction('settings.update', ['settings']);
  const [r, setR] = useState(s.redaction);
  useEffect(() => setR(s.redaction), [s.redaction]);
  const set = (patch: Partial<Settings['redaction']>) => {
    const next = { ...r, ...patch };
    setR(next);
    update.mutate({ redaction: patch });
  };
  return (
    <Card title="Redaction">
      <p className="muted">
        Masks personal data before any text is sent to a model endpoint. The embedded extractor never sends text
        anywhere.
      </p>
      <div className="stack" style={{ gap: 6 }}>
        <label className="check">
          <input type="checkbox" checked={r.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Redact
          before sending to a model
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={r.emails}
            disabled={!r.enabled}
            onChange={(e) => set({ emails: e.target.checked })}
          />{' '}
          Email addresses
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={r.phones}
            disabled={!r.enabled}
            onChange={(e) => set({ phones: e.target.checked })}
          />{' '}
          Phone numbers
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={r.numbers}
            disabled={!r.enabled}
            onChange={(e) => set({ numbers: e.target.checked })}
          />{' '}
          Card and account numbers
        </label>
      </div>
      <InlineError error={update.error} />
    </Card>
  );
}

function Crm() {
  const status = useCall('crm.status', {});
  const connect = useAction('crm.connect', ['crm']);
  const [token, setToken] = useState('');
  return (
    <Card title="CRM connection">
      {status.data ? <p>{status.data.label}</p> : status.error ? <ErrorState error={status.error} /> : <Loading />}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          connect.mutate({ kind: 'hubspot', token });
        }}
      >
        <label className="field" style={{ flex: 1 }}>
          HubSpot private-app token
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="btn" disabled={!token || connect.isPending} style={{ alignSelf: 'flex-end' }}>
          Connect HubSpot
        </button>
      </form>
      <InlineError error={connect.error} />
    </Card>
  );
}

function DataFolder({ s }: { s: Settings }) {
  const backup = useAction('settings.backup');
  const exp = useAction('settings.export');
  const download = (name: string, csv: string) => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Card title="Data folder">
      <p>
        <span className="muted">Folder</span> <code>{s.data_dir}</code>
      </p>
      <p>
        <span className="muted">Database</span> <code>{s.db_path}</code>
      </p>
      <div className="row">
        <button type="button" className="btn" onClick={() => backup.mutate({})} disabled={backup.isPending}>
          Back up now
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => exp.mutate({}, { onSuccess: (r) => download(r.file_name, r.csv) })}
          disabled={exp.isPending}
        >
          Export leads (CSV)
        </button>
      </div>
      <InlineError error={backup.error ?? exp.error} />
      {backup.data ? (
        <p role="status">
          Backup written to <code>{backup.data.path}</code> ({Math.round(backup.data.bytes / 1024)} KB).
        </p>
      ) : null}
      {exp.data ? (
        <p role="status">
          Exported {exp.data.rows} leads as {exp.data.file_name}.
        </p>
      ) : null}
    </Card>
  );
}

/** Provider, CRM, redaction and the data folder. */
export function SettingsScreen() {
  const q = useCall('settings.get', {});
  const info = useCall('app.info', {});
  return (
    <div className="page">
      <PageHeader title="Settings" subtitle={info.data ? `Version ${info.data.version}` : undefined} />
      {q.isLoading ? (
        <Loading />
      ) : q.error || !q.data ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="grid-2">
          <div className="stack">
            <Provider s={q.data} />
            <Redaction s={q.data} />
          </div>
          <div className="stack">
            <Crm />
            <DataFolder s={q.data} />
            {info.data?.missing.length ? (
              <Card title="Coming in this build">
                <ul style={{ margin: 0, paddingLeft: 18 }} className="muted">
                  {info.data.missing.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </div>
        </div>
      )}
      <CrmMapping />
    </div>
  );
}
