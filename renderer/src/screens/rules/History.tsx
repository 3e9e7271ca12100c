import { useState } from 'react';
import type { RulesetVersion } from '../../../../src/contract/api/rules.js';
import { useAction, useCall } from '../../api.js';
import { InlineError } from '../../components/ui.js';
import { fmtTime } from '../../format.js';

function Diff({ from, to }: { from: number; to: number }) {
  const d = useCall('rules.diff', { from, to });
  if (!d.data) return <InlineError error={d.error} />;
  const changed = d.data.filter((l) => l.op !== 'same');
  return (
    <div className="diff" role="region" aria-label={`Diff v${from} to v${to}`}>
      {changed.length === 0 ? <div>No differences.</div> : null}
      {d.data.map((l, i) =>
        l.op === 'same' ? null : (
          <div key={i} className={l.op}>
            {l.op === 'add' ? '+ ' : '- '}
            {l.text}
          </div>
        ),
      )}
    </div>
  );
}

/** Every version with its status; pick two to diff, roll back to an older one (audited). */
export function History({ versions }: { versions: RulesetVersion[] }) {
  const published = versions.find((v) => v.status === 'published');
  const [pair, setPair] = useState<[number, number] | null>(null);
  const rollback = useAction('rules.rollback', ['rules', 'leads', 'metrics']);
  return (
    <div className="stack" style={{ gap: 10 }}>
      <table className="simple" aria-label="Version history">
        <thead>
          <tr>
            <th>Version</th>
            <th>Status</th>
            <th>Note</th>
            <th>Saved</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td>
              <td>
                <span className={`badge ${v.status === 'published' ? 'badge-qualified' : 'badge-neutral'}`}>
                  {v.status}
                </span>
              </td>
              <td className="muted">{v.note ?? ''}</td>
              <td className="muted">{fmtTime(v.published_at ?? v.created_at)}</td>
              <td className="row" style={{ justifyContent: 'flex-end' }}>
                {published && v.version !== published.version ? (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Diff v${v.version} with published`}
                    onClick={() => setPair([v.version, published.version])}
                  >
                    Diff
                  </button>
                ) : null}
                {published && v.status === 'archived' ? (
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={`Roll back to v${v.version}`}
                    disabled={rollback.isPending}
                    onClick={() => rollback.mutate({ version: v.version })}
                  >
                    Roll back
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <InlineError error={rollback.error} />
      {rollback.data ? (
        <p role="status">
          Rolled back: v{rollback.data.version.version} is published; {rollback.data.changed} of{' '}
          {rollback.data.reclassified} leads changed class.
        </p>
      ) : null}
      {pair ? <Diff from={pair[0]} to={pair[1]} /> : null}
    </div>
  );
}
