import { useCall } from '../../api.js';
import { Card, ErrorState, Loading } from '../../components/ui.js';
import { fmtTime, humanize } from '../../format.js';

const summary = (data: Record<string, unknown>): string =>
  Object.entries(data)
    .filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('  ');

/** Every traced step of this lead, oldest first. */
export function Timeline({ leadId }: { leadId: string }) {
  const t = useCall('leads.trace', { id: leadId });
  return (
    <Card title="Trace">
      {t.isLoading ? (
        <Loading />
      ) : t.error ? (
        <ErrorState error={t.error} />
      ) : !t.data?.length ? (
        <p className="muted">No steps recorded.</p>
      ) : (
        <ol className="timeline" aria-label="Trace timeline">
          {t.data.map((e) => (
            <li key={e.seq}>
              <span className="t-type">{humanize(e.type)}</span>{' '}
              <span className="muted" style={{ fontSize: 12 }}>
                {fmtTime(e.at)}
              </span>
              <div className="t-data">{summary(e.data)}</div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
