import { z } from 'zod';
import { err, ok } from '../../contract/errors.js';
import { EscalationReasonSchema } from '../../contract/signals.js';
import * as crm from '../store/crm.js';
import * as leads from '../store/leads.js';
import * as proposals from '../store/proposals.js';
import * as trace from '../store/trace.js';
import { verifyQuotes } from '../extract/verify.js';
import { CRM_FIELDS, MODEL_WRITABLE_FIELDS } from './crmFields.js';
import { LeadIdArg, tool, type ToolDef } from './tools.js';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ProposalOut = z.object({ proposal_id: z.string().describe('id of the pending proposal; nothing is written until a person approves') });

const get_lead = tool({
  name: 'get_lead',
  description: 'Reads the current lead: name, company, title, status and latest class.',
  permission: 'read',
  input: z.object({ lead_id: LeadIdArg }),
  output: z.object({
    id: z.string(),
    name: z.string().nullable(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    status: z.string(),
    latest_class: z.string().nullable(),
  }),
  run: (ctx, a) => {
    const l = leads.get(ctx.store, a.lead_id);
    if (!l) return err('not_found', `lead ${a.lead_id} does not exist`);
    return ok({ id: l.id, name: l.name, company: l.company, title: l.title, status: l.status, latest_class: l.latest_class });
  },
});

const search_leads = tool({
  name: 'search_leads',
  description: 'Finds leads that may be duplicates of the current one (same company or email). Read only.',
  permission: 'read',
  input: z.object({ lead_id: LeadIdArg, query: z.string().min(2).max(200).describe('company name or email to look for'), limit: z.number().int().min(1).max(20).default(5).describe('at most 20') }),
  output: z.object({ items: z.array(z.object({ id: z.string(), name: z.string().nullable(), company: z.string().nullable() })) }),
  run: (ctx, a) => {
    const r = leads.list(ctx.store, { search: a.query, limit: a.limit + 1 });
    return ok({ items: r.items.filter((l) => l.id !== a.lead_id).slice(0, a.limit).map((l) => ({ id: l.id, name: l.name, company: l.company })) });
  },
});

const search_knowledge = tool({
  name: 'search_knowledge',
  description: 'Searches the sales knowledge base (pricing, plans, security, integrations).',
  permission: 'read',
  input: z.object({ lead_id: LeadIdArg, query: z.string().min(2).max(300).describe('what to look up'), limit: z.number().int().min(1).max(10).default(3) }),
  output: z.object({ hits: z.array(z.object({ title: z.string(), snippet: z.string() })) }),
  run: (ctx, a) => ok({ hits: ctx.knowledge(a.query, a.limit) }),
});

const get_crm_record = tool({
  name: 'get_crm_record',
  description: 'Reads the CRM record of the current lead (fields and version), or null when there is none yet.',
  permission: 'read',
  input: z.object({ lead_id: LeadIdArg }),
  output: z.object({ record: z.object({ id: z.string(), fields: z.record(z.string(), Scalar), version: z.number().int() }).nullable() }),
  run: (ctx, a) => {
    const r = crm.getRecordByLead(ctx.store, a.lead_id);
    return ok({ record: r ? { id: r.id, fields: r.fields, version: r.version } : null });
  },
});

export const CrmChangeInputSchema = z.object({
  field: z.enum(CRM_FIELDS).describe('a CRM field the agent may propose'),
  new: Scalar.describe('the proposed value'),
  reason: z.string().min(1).max(500).describe('why, in one sentence'),
  evidence_quotes: z.array(z.string()).default([]).describe('verbatim quotes from the lead text that support the value'),
});

const propose_crm_update = tool({
  name: 'propose_crm_update',
  description: 'Proposes CRM field changes (old -> new) for a person to approve; writes nothing.',
  permission: 'propose',
  input: z.object({ lead_id: LeadIdArg, changes: z.array(CrmChangeInputSchema).min(1).max(20) }),
  output: ProposalOut,
  run: (ctx, a) => {
    const rec = crm.getRecordByLead(ctx.store, a.lead_id);
    const changes = a.changes.flatMap((c) => {
      const old = rec?.fields[c.field] ?? null;
      if (old === c.new) return [];
      return [{ field: c.field, old, new: c.new, reason: c.reason, evidence: verifyQuotes(ctx.text, c.evidence_quotes).evidence, status: 'pending' as const }];
    });
    if (!changes.length) return err('invalid_input', 'every proposed value equals the CRM value; nothing to propose');
    const p = proposals.create(ctx.store, { lead_id: a.lead_id, run_id: ctx.runId, kind: 'crm_update', payload: { changes } });
    return ok({ proposal_id: p.id });
  },
});

const draftTool = (name: string, kind: 'task' | 'followup_email' | 'meeting_brief', description: string, input: z.ZodType<{ lead_id: string; subject?: string | undefined; body: string; due_at?: string | undefined }>) =>
  tool({
    name,
    description,
    permission: 'propose',
    input,
    output: ProposalOut,
    run: (ctx, a) => {
      const draft = { body: a.body, ...(a.subject ? { subject: a.subject } : {}), ...(a.due_at ? { due_at: a.due_at } : {}) };
      const p = proposals.create(ctx.store, { lead_id: a.lead_id, run_id: ctx.runId, kind, payload: { draft } });
      return ok({ proposal_id: p.id });
    },
  });

const propose_task = draftTool(
  'propose_task',
  'task',
  'Proposes a task for the rep (call back, send pricing); a person approves it.',
  z.object({
    lead_id: LeadIdArg,
    subject: z.string().min(1).max(200).describe('the task title'),
    body: z.string().min(1).max(2000).describe('what to do and why'),
    due_at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('YYYY-MM-DD'),
  }),
);
const propose_followup_email = draftTool(
  'propose_followup_email',
  'followup_email',
  'Drafts a follow-up email to the lead (asking the missing facts); a person approves and sends it.',
  z.object({ lead_id: LeadIdArg, subject: z.string().min(1).max(200), body: z.string().min(1).max(4000).describe('the email text, no internal notes') }),
);
const propose_meeting_brief = draftTool(
  'propose_meeting_brief',
  'meeting_brief',
  'Drafts a meeting brief for the rep before a call.',
  z.object({ lead_id: LeadIdArg, subject: z.string().max(200).optional(), body: z.string().min(1).max(8000) }),
);

const escalate_to_human = tool({
  name: 'escalate_to_human',
  description: 'Hands the lead to a person with the facts, the trace and the reason.',
  permission: 'escalate',
  input: z.object({ lead_id: LeadIdArg, reason: EscalationReasonSchema.describe('why a person must handle it'), detail: z.string().min(1).max(1000) }),
  output: z.object({ escalation_seq: z.number().int().describe('trace sequence number of the hand-off') }),
  run: (ctx, a) => {
    const seq = trace.append(ctx.store, { run_id: ctx.runId, lead_id: a.lead_id, type: 'escalation', data: { reason: a.reason, detail: a.detail, run_id: ctx.runId } });
    return ok({ escalation_seq: seq });
  },
});

const Money = { amount: z.number().positive().describe('amount'), currency: z.string().length(3).describe('ISO 4217') };
const destructive = (name: string, description: string, input: z.ZodType): ToolDef =>
  tool({ name, description: `${description} DESTRUCTIVE: always refused and escalated to a person.`, permission: 'destructive', input, output: z.object({}) });

/** Every tool the agent knows; anything else is an unknown tool. */
export const CATALOG: readonly ToolDef[] = [
  get_lead,
  search_leads,
  search_knowledge,
  get_crm_record,
  propose_crm_update,
  propose_task,
  propose_followup_email,
  propose_meeting_brief,
  escalate_to_human,
  destructive('delete_lead', 'Deletes a lead.', z.object({ lead_id: LeadIdArg })),
  destructive('merge_leads', 'Merges two leads.', z.object({ lead_id: LeadIdArg, into_lead_id: z.string() })),
  destructive('cancel_order', 'Cancels an order.', z.object({ lead_id: LeadIdArg, order_id: z.string() })),
  destructive('issue_refund', 'Refunds money.', z.object({ lead_id: LeadIdArg, ...Money })),
  destructive('charge_payment', 'Charges a payment.', z.object({ lead_id: LeadIdArg, ...Money })),
] as ToolDef[];

const BY_NAME = new Map(CATALOG.map((t) => [t.name, t]));

/** A tool by name, or undefined when the catalog has none. */
export const findTool = (name: string): ToolDef | undefined => BY_NAME.get(name);

/** The catalog as the model reads it: one JSON line per tool, destructive ones left out. */
const described = new Map<string, string>();
export function describeCatalog(allowed: readonly string[]): string {
  const key = allowed.join(',');
  const hit = described.get(key);
  if (hit !== undefined) return hit;
  const text = CATALOG.filter((t) => t.permission !== 'destructive' && allowed.includes(t.name))
    .map((t) => JSON.stringify({ name: t.name, permission: t.permission, description: t.description, parameters: z.toJSONSchema(t.input, { io: 'input' }) }))
    .join('\n');
  described.set(key, text);
  return text;
}

export { MODEL_WRITABLE_FIELDS };
