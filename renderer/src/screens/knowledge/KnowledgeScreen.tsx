import { useState, type FormEvent } from 'react';
import type { KbDocumentView, KbUploadFile } from '../../../../src/contract/api/kb.js';
import { KB_STALE_AFTER_DAYS } from '../../../../src/contract/api/kb.js';
import type { KbIngestReport } from '../../../../src/contract/knowledge.js';
import { useAction, useCall } from '../../api.js';
import { Card, Empty, ErrorState, InlineError, Loading, PageHeader } from '../../components/ui.js';
import { fmtDate, fmtTime } from '../../format.js';

const ACCEPT = '.md,.markdown,.mdx,.txt,.text,.html,.htm,.pdf';
const FORMAT_LABEL: Record<KbDocumentView['format'], string> = {
  markdown: 'Markdown',
  text: 'Text',
  html: 'HTML',
  pdf: 'PDF',
};

/** 1.2 KB, 3.4 MB. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Base64 of a file's bytes, in slices so a large PDF does not overflow the argument list. */
async function base64Of(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** PDF travels as bytes (the core reads its text layer); every other format as UTF-8 text. */
async function toUpload(f: File): Promise<KbUploadFile> {
  return /\.pdf$/i.test(f.name)
    ? { name: f.name, content_base64: await base64Of(f) }
    : { name: f.name, content: await f.text() };
}

const fileName = (source: string) => source.split('/').pop() ?? source;

function UploadReport({ report }: { report: KbIngestReport }) {
  const failed = report.outcomes.filter((o) => o.status === 'failed');
  const parts = [
    `${report.added} added`,
    `${report.updated} updated`,
    `${report.unchanged} unchanged`,
    ...(report.failed ? [`${report.failed} failed`] : []),
  ];
  return (
    <div role="status" aria-label="Upload result" style={{ marginTop: 10 }}>
      <p className={report.failed ? 'status-failed' : 'status-passed'}>{parts.join(' · ')}</p>
      {failed.length ? (
        <ul className="inline-error" style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {failed.map((o) => (
            <li key={o.source}>{o.error?.message ?? `${fileName(o.source)} could not be added.`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Upload() {
  const add = useAction('kb.add', ['kb', 'knowledge']);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const onFiles = async (list: FileList | null) => {
    setReadError(null);
    add.reset();
    if (!list?.length) return;
    setReading(true);
    try {
      const files = await Promise.all([...list].map(toUpload));
      add.mutate({ files });
    } catch (e) {
      setReadError(`Could not read the file: ${(e as Error).message}`);
    } finally {
      setReading(false);
    }
  };
  return (
    <Card title="Add documents">
      <p className="muted">
        Markdown, text, HTML or PDF. A file with the same name replaces the earlier version; unchanged files are
        skipped.
      </p>
      <label className="field">
        Upload documents
        <input
          type="file"
          multiple
          accept={ACCEPT}
          disabled={reading || add.isPending}
          onChange={(e) => {
            void onFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {reading || add.isPending ? <Loading label="Adding documents…" /> : null}
      {readError ? (
        <p className="inline-error" role="alert">
          {readError}
        </p>
      ) : null}
      <InlineError error={add.error} />
      {add.data ? <UploadReport report={add.data} /> : null}
    </Card>
  );
}

function Search() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const hits = useCall('kb.search', { query, limit: 10 }, { enabled: query.trim().length > 0 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(text.trim());
  };
  return (
    <Card title="Search">
      <form className="row" role="search" onSubmit={submit}>
        <label className="field" style={{ flex: 1 }}>
          Search knowledge
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="SSO, pricing for 50 seats, Mixpanel objections…"
            maxLength={500}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!text.trim()} style={{ alignSelf: 'flex-end' }}>
          Search
        </button>
      </form>
      {!query ? null : hits.isLoading ? (
        <Loading label="Searching…" />
      ) : hits.error ? (
        <ErrorState error={hits.error} onRetry={() => void hits.refetch()} />
      ) : !hits.data?.length ? (
        <Empty title={`No passages match “${query}”`}>Try other words, or add the documents that answer it.</Empty>
      ) : (
        <ol className="stack" aria-label="Search results" style={{ listStyle: 'none', padding: 0, margin: '12px 0 0' }}>
          {hits.data.map((h, i) => (
            <li key={h.chunk_id} className="card" style={{ padding: 12 }}>
              <div className="row" style={{ justifyContent: 'space-between' }}>
                <strong>{h.title}</strong>
                {/* BM25 scores are only comparable within one query, so the rank is what a person reads. */}
                <span
                  className="muted"
                  style={{ fontSize: 12 }}
                  title={`Ranked by ${h.ranker}, score ${h.score.toFixed(3)}`}
                >
                  #{i + 1}
                </span>
              </div>
              {h.heading_path.length ? (
                <nav aria-label="Heading path" className="muted" style={{ fontSize: 12 }}>
                  {h.heading_path.join(' › ')}
                </nav>
              ) : null}
              <blockquote style={{ margin: '8px 0 4px', paddingLeft: 10, borderLeft: '3px solid var(--accent)' }}>
                <mark className="ev">{h.citation.quote}</mark>
              </blockquote>
              <p className="muted" style={{ fontSize: 12, margin: 0 }}>
                Source: <code>{fileName(h.source)}</code>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Freshness({ doc }: { doc: KbDocumentView }) {
  const f = doc.freshness;
  return (
    <span title={`Content as of ${fmtTime(f.as_of)}`}>
      {f.stale ? (
        <span className="badge badge-stale">
          <span aria-hidden="true">⚠ </span>Stale · {f.label}
        </span>
      ) : (
        f.label
      )}
    </span>
  );
}

function RemoveButton({ doc }: { doc: KbDocumentView }) {
  const remove = useAction('kb.remove', ['kb', 'knowledge']);
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button
        type="button"
        className="btn btn-sm"
        aria-label={`Remove ${doc.title}`}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
    );
  return (
    <div className="stack" style={{ gap: 4 }} role="group" aria-label={`Confirm removing ${doc.title}`}>
      <span style={{ fontSize: 12 }}>
        Remove “{doc.title}” and its {doc.chunk_count} passages?
      </span>
      <div className="row">
        <button
          type="button"
          className="btn btn-sm btn-danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate({ id: doc.id })}
        >
          {remove.isPending ? 'Removing…' : 'Confirm remove'}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      <InlineError error={remove.error} />
    </div>
  );
}

function Documents() {
  const docs = useCall('kb.list', {});
  const sample = useAction('kb.loadSample', ['kb', 'knowledge']);
  const stale = docs.data?.filter((d) => d.freshness.stale).length ?? 0;
  return (
    <Card
      title="Documents"
      actions={
        docs.data?.length ? (
          <span className="muted" style={{ fontSize: 12 }}>
            {docs.data.length} document{docs.data.length === 1 ? '' : 's'}
            {stale ? ` · ${stale} stale` : ''}
          </span>
        ) : undefined
      }
    >
      {docs.isLoading ? (
        <Loading label="Loading documents…" />
      ) : docs.error || !docs.data ? (
        <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />
      ) : docs.data.length === 0 ? (
        <Empty title="No documents yet">
          <p>Upload product sheets, pricing, battlecards or case studies; meeting briefs cite them.</p>
          <button type="button" className="btn" disabled={sample.isPending} onClick={() => sample.mutate({})}>
            {sample.isPending ? 'Adding…' : 'Add the sample knowledge base'}
          </button>
          <InlineError error={sample.error} />
        </Empty>
      ) : (
        <>
          {stale ? (
            <p className="banner" role="note">
              {stale} document{stale === 1 ? ' has' : 's have'} not changed in more than {KB_STALE_AFTER_DAYS} days.
              Check that prices and claims still hold before a brief cites them.
            </p>
          ) : null}
          <div style={{ overflowX: 'auto' }}>
            <table className="simple" aria-label="Documents">
              <thead>
                <tr>
                  <th>Title</th>
                  <th>Format</th>
                  <th>Passages</th>
                  <th>Size</th>
                  <th>Content hash</th>
                  <th>Added</th>
                  <th>Freshness</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {docs.data.map((d) => (
                  <tr key={d.id} aria-label={d.title}>
                    <td>
                      {d.title}
                      <div className="muted mono" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                        {d.source}
                      </div>
                    </td>
                    <td>{FORMAT_LABEL[d.format]}</td>
                    <td>{d.chunk_count}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>{fmtBytes(d.bytes)}</td>
                    <td>
                      <code title={d.sha256} aria-label={`sha256 ${d.sha256}`}>
                        {d.sha256.slice(0, 12)}
                      </code>
                    </td>
                    <td
                      className="muted"
                      style={{ whiteSpace: 'nowrap' }}
                      title={`Last changed here ${fmtTime(d.updated_at)}`}
                    >
                      {fmtDate(d.ingested_at)}
                    </td>
                    <td>
                      <Freshness doc={d} />
                    </td>
                    <td>
                      <RemoveButton doc={d} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

/** The knowledge base: upload documents, search them with citations, and keep an eye on stale ones. */
export function KnowledgeScreen() {
  return (
    <div className="page">
      <PageHeader
        title="Knowledge"
        subtitle="Documents that meeting briefs and drafts cite. Search works offline (SQLite full-text search)."
      />
      <div className="grid-2">
        <Upload />
        <Search />
      </div>
      <Documents />
    </div>
  );
}
