import { useMemo, useState } from 'react';
import { useCall } from '../../api.js';
import { ProposalCard } from '../../components/ProposalCard.js';
import { Card, ClassBadge, ErrorState, Loading, PageHeader } from '../../components/ui.js';
import { fmtDate, humanize } from '../../format.js';
import { hrefOf } from '../../router.js';
import { EscalationBanner } from './EscalationBanner.js';
import { FactsTable } from './FactsTable.js';
import { Missing } from './Missing.js';
import { Qualification } from './Qualification.js';
import { highlightsFor, SourceText, type Highlight } from './SourceText.js';
import { Timeline } from './Timeline.js';

/** Everything about one lead: the text with its evidence, the facts, the decision, proposals and trace. */
export function LeadScreen({ id }: { id: string }) {
  const q = useCall('leads.get', { id });
  const proposals = useCall('proposals.list', { lead_id: id, status: 'all' });
  const [active, setActive] = useState<string | null>(null);
  const d = q.data;
  const extra = useMemo<Highlight[]>(
    () => [
      ...(d?.decision?.escalation.reasons ?? []).map((r) => ({
        key: `esc:${r.reason}`,
        label: `Escalation (${humanize(r.reason)})`,
        evidence: r.evidence,
      })),
      ...(d?.decision?.reasons ?? [])
        .filter((r) => r.rule === 'disqualifier')
        .map((r) => ({ key: `rule:${r.rule}`, label: r.label, evidence: r.evidence })),
    ],
    [d],
  );
  if (q.isLoading)
    return (
      <div className="page">
        <Loading label="Loading the lead…" />
      </div>
    );
  if (q.error || !d)
    return (
      <div className="page">
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </div>
    );
  const l = d.lead;
  return (
    <div className="page">
      <p style={{ margin: 0 }}>
        <a href={hrefOf({ screen: 'inbox' })}>← Inbox</a>
      </p>
      <PageHeader
        title={l.name ?? l.email ?? 'Unnamed lead'}
        subtitle={
          <>
            {[l.title, l.company, l.email].filter(Boolean).join(' · ') || 'No contact details'} · received{' '}
            {fmtDate(l.created_at)} · {humanize(l.source)}
            {l.owner ? ` · owner ${l.owner}` : ''}
          </>
        }
        actions={
          <>
            <ClassBadge value={l.latest_class} />
            <a className="btn" href={hrefOf({ screen: 'prep', id: l.id })}>
              Meeting prep
            </a>
          </>
        }
      />
      <EscalationBanner detail={d} />
      <div className="grid-2">
        <div className="stack">
          <Card title="Source">
            {d.sources.length === 0 ? (
              <p className="muted">No text stored for this lead (imported row).</p>
            ) : (
              d.sources.map((s, i) => (
                <div key={s.id} style={{ marginBottom: 10 }}>
                  {d.sources.length > 1 ? (
                    <h3>
                      {humanize(s.kind)} · {fmtDate(s.received_at ?? s.created_at)}
                    </h3>
                  ) : null}
                  <SourceText
                    source={s}
                    highlights={highlightsFor(s, i === 0, d.facts, extra)}
                    active={active}
                    onHover={setActive}
                  />
                </div>
              ))
            )}
          </Card>
          <Card title="Facts">
            <FactsTable leadId={l.id} facts={d.facts} active={active} onHover={setActive} />
          </Card>
        </div>
        <div className="stack">
          <Qualification decision={d.decision} onHover={setActive} />
          <Missing detail={d} />
        </div>
      </div>
      <Card title="Proposals">
        {proposals.isLoading ? (
          <Loading />
        ) : proposals.error ? (
          <ErrorState error={proposals.error} />
        ) : !proposals.data?.length ? (
          <p className="muted">No proposed CRM updates for this lead.</p>
        ) : (
          <div className="stack" style={{ gap: 10 }}>
            {proposals.data.map((p) => (
              <ProposalCard key={p.id} proposal={p} />
            ))}
          </div>
        )}
      </Card>
      <Timeline leadId={l.id} />
    </div>
  );
}
