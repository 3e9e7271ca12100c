import type { Disqualifier, EscalationSignal, Evidence, Intent, IntentKind, SegmentRole } from '../../../contract/index.js';
import { evidence, type Scope } from './scope.js';

const LEAD_SIDE: ReadonlySet<SegmentRole> = new Set<SegmentRole>(['lead']);

const FROM_DISQUALIFIER: Partial<Record<Disqualifier, IntentKind>> = {
  spam: 'spam',
  job_seeker: 'job_application',
  vendor_pitch: 'vendor_pitch',
  wrong_recipient: 'wrong_recipient',
  personal: 'personal',
  competitor: 'other',
};

const FROM_SIGNAL: Partial<Record<EscalationSignal['reason'], IntentKind>> = {
  cancellation: 'cancellation',
  refund: 'refund',
  payment: 'billing',
  frustration: 'complaint',
  security: 'support',
};

// Ordered: the first kind whose words appear in the lead's text wins.
const WORDS: Array<[IntentKind, RegExp]> = [
  ['demo', /\b(?:demo|demonstration|walk ?through|trial|sandbox|book a call|a call|démo|demostración)\b/gi],
  ['pricing', /\b(?:pricing|price|prices|quote|cost|costs|how much|precios?|preços?|preise?|presupuesto|orçamento|preis|prix|tarif\w*|angebot)\b/gi],
  ['renewal', /\b(?:renewal|renew|upgrade|move to (?:growth|enterprise))\b/gi],
  ['partnership', /\b(?:partnership|partner with|reseller|integration partner)\b/gi],
  ['support', /\b(?:not working|broken|bug|error|ticket|support|help with)\b/gi],
];

/**
 * What the message is for. Disqualifying reasons and escalations decide first (a cancellation
 * is a cancellation even if it also asks for a demo); otherwise the lead's own request words.
 */
export function findIntent(scope: Scope, disqualifier: { value: Disqualifier; evidence: Evidence[] } | null, signals: readonly EscalationSignal[], needStated: boolean): Intent {
  if (disqualifier) {
    const kind = FROM_DISQUALIFIER[disqualifier.value];
    if (kind) return { kind, confidence: 0.8, evidence: disqualifier.evidence.slice(0, 2) };
  }
  for (const reason of ['cancellation', 'refund', 'payment', 'security', 'frustration'] as const) {
    const s = signals.find((x) => x.reason === reason);
    const kind = FROM_SIGNAL[reason];
    if (s && kind) return { kind, confidence: 0.75, evidence: s.evidence.slice(0, 2) };
  }
  const text = scope.text;
  for (const [kind, re] of WORDS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!LEAD_SIDE.has(scope.roleAt(m.index)) || scope.masked(m.index)) continue;
      return { kind, confidence: needStated ? 0.7 : 0.55, evidence: [evidence(text, m.index, m.index + m[0].length)] };
    }
  }
  return { kind: needStated ? 'new_inquiry' : 'other', confidence: needStated ? 0.6 : 0.3, evidence: [] };
}
