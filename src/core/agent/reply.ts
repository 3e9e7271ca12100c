import type { NextAction } from '../../contract/agent.js';
import type { Decision } from '../../contract/decision.js';
import type { Contact } from '../../contract/text.js';
import { followupDraft } from './plan.js';

/** The next safe step: escalate beats ask beats propose beats answer. */
export function nextActionOf(d: Decision, escalations: readonly string[], proposals: number): NextAction {
  if (escalations.length) return { kind: 'escalate', detail: `A person should handle this lead (${[...new Set(escalations)].join(', ')}).` };
  if (d.classification.class !== 'disqualified' && d.missing.length) {
    return { kind: 'ask', detail: `Ask: ${d.missing[0]!.question}` };
  }
  if (proposals) return { kind: 'propose', detail: `Review ${proposals} pending proposal${proposals === 1 ? '' : 's'}.` };
  return { kind: 'answer', detail: 'Reply to the lead; nothing needs approval.' };
}

/**
 * The text a rep may send. Built from templates and the lead's own facts only, so it can carry
 * neither internal reasoning nor another lead's data; a model draft replaces it only after the
 * outgoing-text guardrail passed.
 */
export function replyOf(d: Decision, next: NextAction, contact: Contact | null, modelDraft: string | null): string {
  if (modelDraft && next.kind === 'ask') return modelDraft;
  const name = contact?.name?.trim().split(/\s+/)[0];
  const hello = name ? `Hi ${name},` : 'Hi,';
  if (next.kind === 'escalate') return `${hello}\n\nThank you for your message. A member of our team will look into it personally and get back to you shortly.\n\nBest regards`;
  if (next.kind === 'ask') return followupDraft(d, contact)?.body ?? `${hello}\n\nThanks for reaching out. Could you tell us a bit more about what you need?\n\nBest regards`;
  if (d.classification.class === 'qualified') return `${hello}\n\nThanks for the details. It sounds like a good fit; could we set up a short call this week to walk you through the platform?\n\nBest regards`;
  if (d.classification.class === 'disqualified') return `${hello}\n\nThank you for getting in touch. We don't think we are the right fit for this request, but feel free to reach out again if anything changes.\n\nBest regards`;
  return `${hello}\n\nThanks for the details. We'll keep you posted and are happy to help whenever the timing is right.\n\nBest regards`;
}
