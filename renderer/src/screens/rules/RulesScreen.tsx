import { useEffect, useState } from 'react';
import type { RuleIssue } from '../../../../src/contract/api/rules.js';
import type { Ruleset } from '../../../../src/contract/index.js';
import { callOrThrow, useAction, useCall, useClient } from '../../api.js';
import { Card, ClassBadge, ErrorState, InlineError, Loading, PageHeader } from '../../components/ui.js';
import { Backtest } from './Backtest.js';
import { History } from './History.js';
import { RuleForm } from './RuleForm.js';
import { WhatIfDetail } from './WhatIfDetail.js';

/** Validates the draft as the manager types (debounced); issues come back with their paths. */
function useValidation(body: unknown, jsonError: string | null): RuleIssue[] {
  const client = useClient();
  const [issues, setIssues] = useState<RuleIssue[]>([]);
  useEffect(() => {
    if (jsonError) return setIssues([{ path: '', message: jsonError }]);
    const t = setTimeout(() => {
      void callOrThrow(client, 'rules.validate', { body }).then(
        (r) => setIssues(r.issues),
        () => undefined,
      );
    }, 250);
    return () => clearTimeout(t);
  }, [client, body, jsonError]);
  return issues;
}

function Editor({
  initial,
  version,
  onNotice,
}: {
  initial: Ruleset;
  version: number | null;
  onNotice(text: string): void;
}) {
  const [body, setBody] = useState<Ruleset>(initial);
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [jsonText, setJsonText] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const issues = useValidation(body, tab === 'json' ? jsonError : null);
  const whatIf = useAction('rules.whatIf');
  const save = useAction('rules.saveDraft', ['rules']);
  const publish = useAction('rules.publish', ['rules', 'leads', 'metrics', 'app']);
  const dirty = JSON.stringify(body) !== JSON.stringify(initial);

  const update = (b: Ruleset) => {
    setBody(b);
    setJsonText(JSON.stringify(b, null, 2));
    whatIf.reset();
  };
  const onJson = (text: string) => {
    setJsonText(text);
    whatIf.reset();
    try {
      setBody(JSON.parse(text) as Ruleset);
      setJsonError(null);
    } catch (e) {
      setJsonError(`Not valid JSON: ${(e as Error).message}`);
    }
  };
  const general = issues.filter(
    (i) => tab === 'json' || !/^(name|base_currency|rules\.\d+\.(id|label|fact|value|weight)|questions\.)/.test(i.path),
  );
  const doPublish = () =>
    save.mutate(
      { body, note: note || 'Edited in the rules screen' },
      {
        onSuccess: (draft) =>
          publish.mutate(
            { version: draft.version },
            // The editor remounts on the new version, so the outcome is reported by the screen.
            {
              onSuccess: (r) =>
                onNotice(
                  `Published v${r.version.version}: ${r.changed} of ${r.reclassified} leads re-classified into a new class.`,
                ),
            },
          ),
      },
    );
  return (
    <>
      <div className="grid-2" style={{ gridTemplateColumns: 'minmax(0, 2.3fr) minmax(260px, 0.8fr)' }}>
        <Card title={`Edit ruleset${version ? ` (published v${version})` : ''}`}>
          <div className="tabs" role="tablist" aria-label="Editor">
            <button type="button" role="tab" aria-selected={tab === 'form'} onClick={() => setTab('form')}>
              Form
            </button>
            <button type="button" role="tab" aria-selected={tab === 'json'} onClick={() => setTab('json')}>
              JSON
            </button>
          </div>
          {general.length ? (
            <div role="alert" className="inline-error" style={{ marginBottom: 10 }}>
              <strong>
                {general.length} problem{general.length === 1 ? '' : 's'}:
              </strong>
              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {general.map((i, k) => (
                  <li key={k}>
                    {i.path ? <code>{i.path}</code> : null} {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {tab === 'form' ? (
            <RuleForm body={body} issues={issues} onChange={update} />
          ) : (
            <label className="field">
              Ruleset JSON
              <textarea
                rows={28}
                value={jsonText}
                onChange={(e) => onJson(e.target.value)}
                spellCheck={false}
                aria-invalid={issues.length > 0}
              />
            </label>
          )}
        </Card>
        <div className="stack">
          <Card title="What-if">
            <p className="muted">Replays the stored leads under this draft before anything is published.</p>
            <button
              type="button"
              className="btn"
              disabled={issues.length > 0 || whatIf.isPending}
              onClick={() => whatIf.mutate({ body })}
            >
              {whatIf.isPending ? 'Replaying…' : 'What-if'}
            </button>
            <InlineError error={whatIf.error} />
            {whatIf.data ? (
              <div role="status" aria-label="What-if result" style={{ marginTop: 10 }}>
                <p>
                  <strong>{whatIf.data.changed}</strong> of {whatIf.data.evaluated} leads would change class.
                </p>
                {whatIf.data.items.length ? (
                  <table className="simple" aria-label="Leads that would change">
                    <tbody>
                      {whatIf.data.items.slice(0, 50).map((it) => (
                        <tr key={it.lead_id}>
                          <td>
                            <a href={`#/lead/${encodeURIComponent(it.lead_id)}`}>{it.name ?? 'Unnamed'}</a>
                            {it.company ? (
                              <div className="muted" style={{ fontSize: 12 }}>
                                {it.company}
                              </div>
                            ) : null}
                          </td>
                          <td style={{ whiteSpace: 'nowrap' }}>
                            <ClassBadge value={it.from} /> → <ClassBadge value={it.to} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
              </div>
            ) : null}
          </Card>
          <Card title="Publish">
            <label className="field">
              Note for the audit log
              <input
                type="text"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder="Why this change?"
              />
            </label>
            <div className="row" style={{ marginTop: 10 }}>
              <button
                type="button"
                className="btn"
                disabled={!dirty || issues.length > 0 || save.isPending}
                onClick={() => save.mutate({ body, note })}
              >
                Save draft
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!dirty || issues.length > 0 || save.isPending || publish.isPending}
                onClick={doPublish}
              >
                {publish.isPending ? 'Publishing…' : 'Publish'}
              </button>
            </div>
            <InlineError error={save.error ?? publish.error} />
            {save.data && !publish.isPending && !publish.data ? (
              <p role="status" style={{ marginTop: 8 }}>
                Draft v{save.data.version} saved.
              </p>
            ) : null}
          </Card>
        </div>
      </div>
      <div className="grid-2">
        <Card title="What-if in detail">
          <WhatIfDetail body={body} disabled={issues.length > 0} />
        </Card>
        <Card title="Back-test">
          <Backtest draft={issues.length === 0 && dirty ? body : undefined} />
        </Card>
      </div>
    </>
  );
}

/** Rules for managers: form and JSON editing, what-if, publish, history, diff and rollback. */
export function RulesScreen() {
  const active = useCall('rules.active', {});
  const versions = useCall('rules.versions', {});
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <PageHeader
        title="Rules"
        subtitle="The class comes from these rules, never from a model. Check the effect on stored leads before publishing."
      />
      {active.isLoading ? (
        <Loading label="Loading the ruleset…" />
      ) : active.error || !active.data ? (
        <ErrorState error={active.error} onRetry={() => void active.refetch()} />
      ) : (
        <>
          {notice ? (
            <p role="status" className="banner banner-ok">
              {notice}
            </p>
          ) : null}
          <Editor
            key={`${active.data.version}`}
            initial={active.data.body}
            version={active.data.version}
            onNotice={setNotice}
          />
        </>
      )}
      <Card title="Version history">
        {versions.data ? (
          <History versions={versions.data} />
        ) : versions.error ? (
          <ErrorState error={versions.error} />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}
