import { err, ok, type MeetingBrief, type Result } from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import * as proposals from '../../store/proposals.js';
import * as trace from '../../store/trace.js';
import { briefToMarkdown } from '../export/markdown.js';

export interface AddToCrmOptions {
  /** A meeting note (the brief itself) or a task to prepare the meeting. */
  as: 'meeting_note' | 'task';
  /** ISO date-time the task is due. */
  due_at?: string;
  run_id?: string | null;
}

/**
 * "Add to CRM": creates a pending proposal; nothing reaches the CRM until a person approves it
 * in the queue.
 */
export function proposeBriefToCrm(ctx: StoreContext, brief: MeetingBrief, opts: AddToCrmOptions): Result<proposals.Proposal> {
  if (!brief.sections.some((s) => s.items.length)) return err('invalid_input', 'The brief is empty; compose it again before adding it to the CRM.');
  const body = briefToMarkdown(brief);
  const payload =
    opts.as === 'task'
      ? { draft: { subject: `Prepare the meeting with lead ${brief.lead_id}`, body, ...(opts.due_at ? { due_at: opts.due_at } : {}) } }
      : { draft: { subject: `Meeting brief (${brief.generated_at.slice(0, 10)})`, body } };
  const p = proposals.create(ctx, { lead_id: brief.lead_id, run_id: opts.run_id ?? null, kind: opts.as === 'task' ? 'task' : 'meeting_brief', payload });
  trace.append(ctx, { lead_id: brief.lead_id, run_id: opts.run_id ?? null, type: 'proposal_created', data: { proposal_id: p.id, kind: p.kind, from: 'brief' } });
  return ok(p);
}
