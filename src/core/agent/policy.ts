import type { z } from 'zod';
import type { BlockReason, PermissionClass } from '../../contract/agent.js';
import { describeIssues } from '../../contract/errors.js';
import type { Ruleset } from '../../contract/ruleset.js';
import type { EscalationReason, IntentKind } from '../../contract/signals.js';
import { findTool } from './catalog.js';
import { DECISION_FIELDS } from './crmFields.js';
import type { ToolDef } from './tools.js';

/** Who asked for a call: the model's requests get extra guards the application's plan does not need. */
export type CallOrigin = 'model' | 'app';

export interface PolicyContext {
  leadId: string;
  intent: IntentKind;
  ruleset: Pick<Ruleset, 'tool_policy'>;
  /** Instructions were found in the lead text: the model may still read and escalate, nothing else. */
  suspicious: boolean;
  stepsLeft: number;
  origin: CallOrigin;
}

/** A guardrail's verdict, in the allow / reject shape of openai-agents-js. */
export type Verdict =
  | { behavior: 'allow'; tool: ToolDef; args: unknown }
  | { behavior: 'reject'; reason: BlockReason; detail: string; permission: PermissionClass | null; escalate: EscalationReason | null };

const reject = (reason: BlockReason, detail: string, permission: PermissionClass | null = null, escalate: EscalationReason | null = null): Verdict => ({
  behavior: 'reject',
  reason,
  detail,
  permission,
  escalate,
});

// A refused destructive call becomes a hand-off for the matching reason.
const DESTRUCTIVE_ESCALATION: Record<string, EscalationReason> = {
  cancel_order: 'cancellation',
  issue_refund: 'refund',
  charge_payment: 'payment',
  delete_lead: 'suspicious_instructions',
  merge_leads: 'suspicious_instructions',
};

/** The tools a ruleset allows for an intent (managers see and edit this table). */
export const allowedTools = (rs: Pick<Ruleset, 'tool_policy'>, intent: IntentKind): readonly string[] => rs.tool_policy[intent] ?? [];

function parseArgs(raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (typeof raw !== 'string') return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (e) {
    return { ok: false, message: `arguments are not JSON: ${(e as Error).message.slice(0, 100)}` };
  }
}

/**
 * Checks one tool call before it runs. Order matters: a destructive tool is refused as such even
 * with bad arguments, and a call for another lead is refused before the intent check so the
 * trace names the more serious problem.
 */
export function checkCall(name: string, rawArgs: unknown, ctx: PolicyContext): Verdict {
  const def = findTool(name);
  if (!def) return reject('unknown_tool', `"${name.slice(0, 80)}" is not in the tool catalog`);
  if (def.permission === 'destructive') {
    return reject('destructive', `${name} is destructive and blocked by default; a person must do it`, 'destructive', DESTRUCTIVE_ESCALATION[name] ?? 'suspicious_instructions');
  }
  const parsedJson = parseArgs(rawArgs);
  if (!parsedJson.ok) return reject('invalid_args', parsedJson.message, def.permission);
  const args = (def.input as z.ZodType).safeParse(parsedJson.value);
  if (!args.success) return reject('invalid_args', describeIssues(args.error.issues).slice(0, 3).join('; '), def.permission);
  const data = args.data as { lead_id?: unknown };
  if (data.lead_id !== ctx.leadId) return reject('other_lead', `the call targets ${String(data.lead_id).slice(0, 60)}, not the current lead`, def.permission);
  if (ctx.origin === 'model') {
    if (ctx.suspicious && def.permission === 'propose') {
      return reject('suspicious_instructions', 'the lead text contains instructions to the assistant; the model may not propose changes for it', def.permission);
    }
    if (!allowedTools(ctx.ruleset, ctx.intent).includes(name)) return reject('not_allowed_for_intent', `${name} is not allowed for intent ${ctx.intent}`, def.permission);
    if (name === 'propose_crm_update') {
      const changes = (args.data as { changes: Array<{ field: string; evidence_quotes: string[] }> }).changes;
      const decided = changes.filter((c) => (DECISION_FIELDS as readonly string[]).includes(c.field));
      if (decided.length) return reject('model_sets_class', `only the rules engine sets ${decided.map((c) => c.field).join(', ')}`, def.permission);
    }
  } else if (def.permission !== 'escalate' && !allowedTools(ctx.ruleset, ctx.intent).includes(name)) {
    // The application's own plan respects the table too; a hand-off is always possible.
    return reject('not_allowed_for_intent', `${name} is not allowed for intent ${ctx.intent}`, def.permission);
  }
  // A hand-off stays possible when the budget is spent: it is the safe way out.
  if (ctx.stepsLeft <= 0 && def.permission !== 'escalate') return reject('step_budget', 'the step budget of this run is used up', def.permission);
  return { behavior: 'allow', tool: def, args: args.data };
}
