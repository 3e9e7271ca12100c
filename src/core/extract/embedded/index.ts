import type { Disqualifier, EscalationSignal, Extraction, Facts, ParsedText } from '../../../contract/index.js';
import { findAuthority } from './authority.js';
import { findBudget } from './budget.js';
import { findCompanySize } from './companySize.js';
import { findCompetitors } from './competitors.js';
import { findDisqualifier } from './disqualifier.js';
import { findEscalations } from './escalation.js';
import { findInjection } from './injection.js';
import { findIntent } from './intent.js';
import { findMoney } from './money.js';
import { findNeed } from './need.js';
import { buildScope, type Scope } from './scope.js';
import { findTimeline } from './timeline.js';

/** Bump when the extractor's behaviour changes, so that stored decisions can be replayed. */
export const EMBEDDED_EXTRACTOR_VERSION = 'embedded@1.3.0';

export interface EmbeddedInput {
  text: string;
  /** YYYY-MM-DD; timelines count whole months from this date. */
  receivedAt: string;
  /** Segments from intake; without them the whole text is read as the lead's own words. */
  parsed?: ParsedText;
}

// Senders who are not buyers: their numbers describe themselves, not a prospect.
const NOT_A_BUYER: ReadonlySet<Disqualifier> = new Set<Disqualifier>(['spam', 'job_seeker', 'vendor_pitch', 'competitor', 'wrong_recipient']);

const empty = <T>() => ({ value: null as T | null, evidence: [], source: 'embedded' as const });

/** Deterministic, offline extraction of the qualification facts, intent and escalation signals. */
/** Whether the lead's own words (outside any injection) ask for a demo, prices or anything else. */
function asksSomething(scope: Scope, signals: readonly EscalationSignal[]): boolean {
  const kind = findIntent(scope, null, signals.filter((s) => s.reason !== 'suspicious_instructions'), false).kind;
  return kind !== 'other';
}

export function extractEmbedded(input: EmbeddedInput): Extraction {
  const { text, receivedAt, parsed } = input;
  // Segments are trusted only when they describe this very text and find the lead somewhere;
  // a layout intake could not read is safer read whole than not at all.
  const usable = parsed && parsed.text === text && parsed.segments.some((s) => s.role === 'lead') ? parsed : undefined;
  const scope = buildScope(text, usable);

  // Injections first: their blocks are masked so that "budget=500000" never becomes a fact.
  const injection = findInjection(scope);
  const signals: EscalationSignal[] = findEscalations(scope);
  if (injection) signals.push({ reason: 'suspicious_instructions', evidence: injection.evidence, detail: injection.detail, value: null });

  const size = findCompanySize(scope);
  const disq = findDisqualifier(scope, size?.value ?? null, size?.evidence ?? []);
  const notBuyer = disq !== null && NOT_A_BUYER.has(disq.value);
  const keepSize = !notBuyer || disq?.value === 'wrong_recipient';

  const budget = notBuyer ? null : findBudget(scope, findMoney(text));
  const timeline = notBuyer ? null : findTimeline(scope, receivedAt);
  const authority = notBuyer ? null : findAuthority(scope, parsed?.contact.title ?? null, usable?.channel === 'call_notes');
  const need = notBuyer ? null : findNeed(scope);
  const competitors = notBuyer ? null : findCompetitors(scope, false);

  // A message that carries nothing but instructions to the assistant (no need, money, size or date
  // outside the masked injection) has no business intent: it is spam as well as an escalation.
  const onlyInstructions =
    injection !== null && disq === null && !budget && !timeline && !size && need?.value !== 'stated' && !asksSomething(scope, signals);
  const disqualifier = onlyInstructions ? { value: 'spam' as const, evidence: injection.evidence, confidence: 0.7 } : disq;

  const facts: Facts = {
    budget: budget ? { value: budget.value, evidence: budget.evidence, source: 'embedded', confidence: budget.confidence } : empty(),
    timeline: timeline ? { value: timeline.value, evidence: timeline.evidence, source: 'embedded', confidence: timeline.confidence } : empty(),
    authority: authority ? { value: authority.value, evidence: authority.evidence, source: 'embedded', confidence: authority.confidence } : empty(),
    company_size: size && keepSize ? { value: size.value, evidence: size.evidence, source: 'embedded', confidence: size.confidence } : empty(),
    // `unclear` without a quote is reported as unknown (null): every value needs evidence.
    need: need && need.evidence.length > 0 ? { value: need.value, evidence: need.evidence, source: 'embedded', confidence: need.confidence } : empty(),
    competitors: competitors ? { value: competitors.value, evidence: competitors.evidence, source: 'embedded', confidence: 0.8 } : empty(),
    disqualifier:
      disqualifier && disqualifier.evidence.length > 0
        ? { value: disqualifier.value, evidence: disqualifier.evidence, source: 'embedded', confidence: disqualifier.confidence }
        : empty(),
    custom: {},
  };
  const intent = findIntent(scope, disqualifier, signals, facts.need.value === 'stated');
  return { facts, intent, signals, extractor: EMBEDDED_EXTRACTOR_VERSION };
}
