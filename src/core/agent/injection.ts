import type { EscalationSignal } from '../../contract/signals.js';

// Phrases that address an assistant or its tools rather than a seller. Lead text is data:
// these are reported (suspicious_instructions) and never followed.
const PATTERNS: Array<{ re: RegExp; detail: string }> = [
  { re: /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|all|your|the)\b[^.\n]{0,30}\b(?:instructions?|rules?|prompts?|guidelines?|polic(?:y|ies))/i, detail: 'tells the assistant to ignore its instructions' },
  { re: /\b(?:system|developer)\s*(?:prompt|message|instructions?)\b/i, detail: 'refers to the assistant\'s system prompt' },
  { re: /\byou are now\b|\bact as (?:an?|the) (?:admin|administrator|system|assistant|ai)\b|\bnew instructions?\s*:/i, detail: 'tries to give the assistant a new role' },
  { re: /\b(?:AI|assistant|bot|copilot|agent|LLM|model)\b[^.\n]{0,40}\b(?:must|should|shall|please)\b[^.\n]{0,60}\b(?:mark|set|classify|qualify|update|delete|call|run|approve|refund|write|send)/i, detail: 'instructs the assistant to take an action' },
  { re: /\b(?:mark|classify|set|flag|tag)\s+(?:this|the|me|my|our)?\s*(?:lead|contact|deal|record|account)?\s*(?:as|to)\s+["']?(?:qualified|hot|priority|approved|won|vip)\b/i, detail: 'asks to set its own classification' },
  { re: /\b(?:call|invoke|use|run|execute)\s+(?:the\s+)?(?:tool|function)\b|\b(?:delete_lead|merge_leads|cancel_order|issue_refund|charge_payment|propose_crm_update|escalate_to_human|get_crm_record)\b/i, detail: 'names the assistant\'s tools' },
  { re: /<\/?\s*(?:system|assistant|user|tool|instructions?)\s*>|\[\/?(?:INST|SYS)\]|<<<\s*END_LEAD_TEXT|^\s*(?:system|assistant)\s*:/im, detail: 'contains chat-markup or data-boundary tokens' },
  { re: /\b(?:reveal|print|show|output|repeat)\b[^.\n]{0,30}\b(?:your|the)\s+(?:prompt|instructions|system|api key|secrets?)\b/i, detail: 'asks the assistant to reveal its configuration' },
  { re: /\b(?:without|skip|bypass|no need for)\s+(?:any\s+)?(?:human\s+)?(?:approval|review|confirmation)\b/i, detail: 'asks to bypass human approval' },
];

/** Finds attempts to instruct the assistant in lead text; each hit quotes the words. */
export function detectInjection(text: string): EscalationSignal[] {
  const out: EscalationSignal[] = [];
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const quote = m[0];
    if (out.some((s) => s.evidence.some((e) => m.index < e.end && e.start < m.index + quote.length))) continue;
    out.push({ reason: 'suspicious_instructions', detail: p.detail, value: null, evidence: [{ quote, start: m.index, end: m.index + quote.length }] });
  }
  if (out.length <= 1) return out;
  // One signal with every quote: the decision lists the reason once.
  return [{ reason: 'suspicious_instructions', detail: out.map((s) => s.detail).join('; '), value: null, evidence: out.flatMap((s) => s.evidence) }];
}
