import { useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../../../src/contract/api/define.js';
import { useAction, useClient } from '../../api.js';
import { InlineError, ProgressBar } from '../../components/ui.js';
import { fmtEta } from '../../format.js';
import type { Filters } from './LeadTable.js';

/** Bulk qualify with a progress bar, an ETA and a cancel button. */
export function BulkBar({ filters, selected, total }: { filters: Filters; selected: string[]; total: number }) {
  const client = useClient();
  const start = useAction('leads.bulkQualify');
  const cancel = useAction('tasks.cancel');
  const [task, setTask] = useState<ProgressEvent | null>(null);
  // A short task can finish before its id comes back from the call, so events are kept by id.
  const seen = useRef(new Map<string, ProgressEvent>());
  useEffect(
    () =>
      client.on('progress', (p) => {
        seen.current.set(p.task_id, p);
        setTask((cur) => (cur && cur.task_id === p.task_id ? p : cur));
      }),
    [client],
  );
  const running = task?.state === 'running';
  const { sort: _s, dir: _d, ...filter } = filters;
  return (
    <div className="row" style={{ minWidth: 0 }}>
      <button
        type="button"
        className="btn"
        disabled={running || start.isPending || (selected.length === 0 && total === 0)}
        onClick={() =>
          start.mutate(selected.length ? { ids: selected } : { filter }, {
            onSuccess: (r) =>
              setTask(
                seen.current.get(r.task_id) ?? {
                  task_id: r.task_id,
                  kind: 'bulk_qualify',
                  done: 0,
                  total: r.total,
                  eta_ms: null,
                  message: '',
                  state: 'running',
                },
              ),
          })
        }
      >
        {selected.length ? `Qualify ${selected.length} selected` : `Qualify all ${total.toLocaleString()} shown`}
      </button>
      {task ? (
        <div className="row" style={{ flex: 1, minWidth: 260 }} role="status" aria-live="polite">
          <div style={{ flex: 1, minWidth: 120 }}>
            <ProgressBar label="Bulk qualify progress" done={task.done} total={task.total} />
          </div>
          <span className="muted" style={{ fontSize: 12 }}>
            {task.done.toLocaleString()} / {task.total.toLocaleString()}
            {running ? ` · ${fmtEta(task.eta_ms)} left` : ` · ${task.state}`}
          </span>
          {running ? (
            <button type="button" className="btn btn-sm" onClick={() => cancel.mutate({ task_id: task.task_id })}>
              Cancel
            </button>
          ) : (
            <button type="button" className="btn btn-sm" onClick={() => setTask(null)} aria-label="Dismiss progress">
              Dismiss
            </button>
          )}
        </div>
      ) : null}
      <InlineError error={start.error} />
    </div>
  );
}
