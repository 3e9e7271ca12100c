import { useState } from 'react';
import { LeadFieldSchema, type ImportReport } from '../../../../src/contract/store.js';
import { useAction } from '../../api.js';
import { InlineError } from '../../components/ui.js';

// The contract's list of lead fields, plus the two pseudo-fields a column can map to.
const LEAD_FIELDS = [...LeadFieldSchema.options, 'attribute', 'ignore'];

/** CSV import: choose a file, check the guessed columns and the row errors, then import. */
export function ImportPanel({ onDone }: { onDone(): void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const preview = useAction('imports.preview');
  const run = useAction('imports.run', ['leads', 'app', 'imports']);
  const [result, setResult] = useState<ImportReport | null>(null);

  const load = async (f: File | undefined) => {
    setResult(null);
    setMapping({});
    if (!f) return setFile(null);
    const text = await f.text();
    setFile({ name: f.name, text });
    preview.mutate({ text, file_name: f.name });
  };
  const remap = (column: string, field: string) => {
    const next = { ...mapping, [column]: field };
    setMapping(next);
    if (file) preview.mutate({ text: file.text, file_name: file.name, mapping: next });
  };
  const report = preview.data;
  return (
    <div className="stack" style={{ gap: 10 }}>
      <label className="field">
        CSV file
        <input type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      {preview.isPending ? <p className="muted">Reading the file…</p> : null}
      <InlineError error={preview.error ?? run.error} />
      {report && !result ? (
        <>
          <h3>Column mapping</h3>
          <table className="simple" aria-label="Column mapping">
            <thead>
              <tr>
                <th>Column</th>
                <th>Maps to</th>
                <th>Confidence</th>
              </tr>
            </thead>
            <tbody>
              {report.mapping.map((m) => (
                <tr key={`${m.index}-${m.column}`}>
                  <td>{m.column || <span className="muted">(no header)</span>}</td>
                  <td>
                    <select
                      aria-label={`Field for column ${m.column}`}
                      value={mapping[m.column] ?? m.field}
                      onChange={(e) => remap(m.column, e.target.value)}
                    >
                      {[...new Set([m.field, ...LEAD_FIELDS])].map((f) => (
                        <option key={f} value={f}>
                          {f}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">
                    {m.via === 'none' ? 'not recognised' : `${Math.round(m.confidence * 100)}% (${m.via})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong>{report.rows_total - report.invalid.length - report.duplicates.length}</strong> of{' '}
            {report.rows_total} rows are ready; {report.invalid.length} with errors, {report.duplicates.length}{' '}
            duplicates.
          </p>
          <RowIssues report={report} />
          <div className="row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={run.isPending || !file}
              onClick={() =>
                file &&
                run.mutate(
                  { text: file.text, file_name: file.name, ...(Object.keys(mapping).length ? { mapping } : {}) },
                  {
                    onSuccess: (r) => {
                      setResult(r);
                      onDone();
                    },
                  },
                )
              }
            >
              {run.isPending ? 'Importing…' : 'Import'}
            </button>
          </div>
        </>
      ) : null}
      {result ? (
        <div role="status" className="stack" style={{ gap: 6 }}>
          <p>
            Imported <strong>{result.imported}</strong> of {result.rows_total} rows from{' '}
            {result.file_name ?? 'the file'}.{' '}
            {result.duplicates.length ? `${result.duplicates.length} duplicates skipped. ` : ''}
            {result.invalid.length ? `${result.invalid.length} rows were not imported:` : 'Every row went in.'}
          </p>
          <RowIssues report={result} />
        </div>
      ) : null}
    </div>
  );
}

function RowIssues({ report }: { report: ImportReport }) {
  if (!report.invalid.length) return null;
  return (
    <table className="simple" aria-label="Rows not imported">
      <thead>
        <tr>
          <th>Line</th>
          <th>Column</th>
          <th>Problem</th>
        </tr>
      </thead>
      <tbody>
        {report.invalid.slice(0, 200).map((r, i) => (
          <tr key={`${r.row}-${i}`}>
            <td>{r.row}</td>
            <td>{r.column ?? '—'}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
