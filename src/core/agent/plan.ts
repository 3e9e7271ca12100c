import type { Decision } from '../../contract/decision.js';
import type { Extraction } from '../../contract/extraction.js';
import type { Evidence } from '../../contract/evidence.js';
import type { Contact } from '../../contract/text.js';
import type { CrmFields } from '../store/crm.js';
import type { CrmField } from './crmFields.js';

/** One planned tool call of the application itself (not the model's). */
export interface PlannedCall {
  tool: string;
  args: Record<string, unknown>;
}

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The CRM values the decision and facts imply, with the evidence behind each. */
export function desiredCrmValues(x: Extraction, d: Decision): Array<{ field: CrmField; value: string | number | null; reason: string; evidence: Evidence[] }> {
  const f = x.facts;
  const b = f.budget.value;
  return [
    { field: 'qualification_class', value: d.classification.class, reason: 'decided by the rules engine', evidence: [] },
    { field: 'qualification_score', value: d.classification.score, reason: 'rules engine score', evidence: [] },
    { field: 'budget', value: b ? `${b.currency} ${money.format(b.amount)} / ${b.period.replace('_', '-')}` : null, reason: 'budget stated by the lead', evidence: f.budget.evidence },
    { field: 'timeline_months', value: f.timeline.value?.months ?? null, reason: 'timeline stated by the lead', evidence: f.timeline.evidence },
    { field: 'authority', value: f.authority.value && f.authority.value !== 'unknown' ? f.authority.value : null, reason: "the sender's role", evidence: f.authority.evidence },
    { field: 'company_size', value: f.company_size.value, reason: 'company size stated by the lead', evidence: f.company_size.evidence },
    { field: 'need', value: f.need.value === 'stated' ? 'stated' : null, reason: 'need stated by the lead', evidence: f.need.evidence },
    { field: 'competitors', value: f.competitors.value?.length ? f.competitors.value.join(', ') : null, reason: 'competitors named by the lead', evidence: f.competitors.evidence },
    {
      field: 'escalation',
      value: d.escalation.escalate ? d.escalation.reasons.map((r) => r.reason).join(', ') : null,
      reason: 'needs a person',
      evidence: d.escalation.reasons.flatMap((r) => r.evidence),
    },
  ];
}

/** CRM changes worth proposing: known values that differ from the record (unknowns never erase data). */
export function crmChanges(current: CrmFields | null, x: Extraction, d: Decision) {
  return desiredCrmValues(x, d)
    .filter((c) => c.value !== null && (current?.[c.field] ?? null) !== c.value)
    .map((c) => ({ field: c.field, new: c.value, reason: c.reason, evidence_quotes: c.evidence.map((e) => e.quote) }));
}

const firstName = (c: Contact | null) => c?.name?.trim().split(/\s+/)[0] ?? null;

/** A follow-up email asking the missing facts, most decisive first; null when nothing is missing. */
export function followupDraft(d: Decision, contact: Contact | null): { subject: string; body: string } | null {
  if (d.classification.class === 'disqualified' || !d.missing.length) return null;
  const qs = d.missing.slice(0, 3).map((m) => `- ${m.question}`);
  const hello = firstName(contact) ? `Hi ${firstName(contact)},` : 'Hi,';
  return {
    subject: 'A few quick questions',
    body: [hello, '', 'Thanks for reaching out. So that we can suggest the right plan, could you tell us:', ...qs, '', 'Best regards'].join('\n'),
  };
}

/** The application's own plan for one lead, before the policy checks each call. */
export function planCalls(input: { leadId: string; x: Extraction; d: Decision; crm: CrmFields | null; contact: Contact | null; receivedAt: string; skipKinds: ReadonlySet<string> }): PlannedCall[] {
  const { leadId, x, d } = input;
  const calls: PlannedCall[] = [];
  const cls = d.classification.class;
  const changes = crmChanges(input.crm, x, d);
  if (changes.length && !input.skipKinds.has('crm_update')) calls.push({ tool: 'propose_crm_update', args: { lead_id: leadId, changes } });
  const draft = followupDraft(d, input.contact);
  if (draft && !input.skipKinds.has('followup_email')) calls.push({ tool: 'propose_followup_email', args: { lead_id: leadId, ...draft } });
  if (!input.skipKinds.has('task') && (cls === 'qualified' || cls === 'nurture')) {
    const due = new Date(`${input.receivedAt}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + (cls === 'qualified' ? 2 : 30));
    calls.push({
      tool: 'propose_task',
      args: {
        lead_id: leadId,
        subject: cls === 'qualified' ? 'Book a discovery call' : 'Check back in with this lead',
        body: cls === 'qualified' ? 'The lead meets the qualification policy; offer a discovery call.' : 'The lead is not ready yet; follow up later.',
        due_at: due.toISOString().slice(0, 10),
      },
    });
  }
  if (!input.skipKinds.has('meeting_brief') && cls === 'qualified' && x.intent.kind === 'demo') {
    const lines = desiredCrmValues(x, d)
      .filter((c) => c.value !== null && c.field !== 'qualification_score')
      .map((c) => `${c.field.replace(/_/g, ' ')}: ${c.value}`);
    calls.push({ tool: 'propose_meeting_brief', args: { lead_id: leadId, subject: 'Demo brief', body: lines.join('\n') } });
  }
  return calls;
}
