import type { EscalationReason, EscalationSignal, Evidence, SegmentRole } from '../../../contract/index.js';
import { evidence, type Scope } from './scope.js';

const LEAD_SIDE: ReadonlySet<SegmentRole> = new Set<SegmentRole>(['lead', 'other']);

const CANCEL = new RegExp(
  String.raw`\b(?:cancel(?:l?ing|l?ation)?\s+(?:my|our|the|this)?\s*(?:\w+\s+){0,2}?(?:booking|subscription|renewal|account|contract|plan|order|membership|service|licen[cs]es?)|(?:please|want to|wish to|like to|would like to|need to|request to|going to|will)\s+cancel|request to cancel|cancel(?:lation)? (?:notice|request)|(?:decided|decide) not to renew|not (?:be )?renewing|terminate (?:our|my|the) (?:contract|subscription|account|agreement)|fix it or cancel|or (?:we(?:'ll)? )?cancel|cancelar (?:la|a|nuestra|nossa|mi|minha)|kündigen|kündigung|résilier|résiliation)\b`,
  'gi',
);
const REFUND = /\b(?:refund\w*|money back|reembolso|reembolsar|rückerstattung|erstatten|remboursement|rembourser)\b/gi;
const DISPUTE = new RegExp(
  String.raw`\b(?:unrecogni[sz]ed (?:charge|payment|transaction)|dispute (?:it|the charge|this charge|the payment)|charged (?:us |me )?twice|double[- ]charged|duplicate (?:charge|payment)|did(?: not|n'?t) (?:make|authori[sz]e) (?:this|that|the) (?:payment|charge|transaction)|unauthori[sz]ed (?:charge|payment|transaction)|fraudulent (?:charge|transaction)|(?:has )?gone from my (?:current |bank )?account|taken (?:money )?from my account|wrong(?:ly)? charged|overcharged|double billing|billed twice|reverse (?:it|the charge)|chargeback|asked (?:my|our) bank to)\b`,
  'gi',
);
// Card and bank details pasted in the message; the numbers themselves are checked below.
const CARD_NUMBER = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
const BANK_DETAIL = /\b(?:IBAN\s*:?\s*[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{2,4}){3,8}|(?:account (?:number|no\.?)|acct\.? no\.?|sort code|routing number|BIC|SWIFT)\s*(?:is|:)?\s*[A-Z0-9][A-Z0-9 -]{4,})/gi;
const CVC = /\b(?:CVC|CVV|CVV2|security code)\s*:?\s*\d{3,4}\b/gi;
const LEGAL = new RegExp(
  String.raw`\b(?:DPA|MSA|data processing (?:agreement|addendum)|master (?:services? |subscription )?agreement|limitation of liability|liability (?:cap|clause)|(?:unlimited|uncapped) (?:liability|indemnit\w*)|indemnif\w*|redlines?|our (?:own )?paper|audit rights|standard contractual clauses|SCCs|governing law|jurisdiction clause|contract (?:changes|amendments?|terms)|amend (?:the|our) contract|terms and conditions|auftragsverarbeitung\w*|AVV|contrato marco|cláusula|clause de responsabilité)\b`,
  'gi',
);
const DISCOUNT_PCT = new RegExp(
  String.raw`(\d{1,3}(?:[.,]\d+)?)\s?%\s*(?:off|discount|reduction|rebate|rabatt|descuento|desconto|remise|de descuento|de desconto|de réduction|lower|cheaper|less)|(?:discount|rabatt|descuento|desconto|remise|reduction)\s+(?:of\s+|von\s+|de\s+)?(\d{1,3}(?:[.,]\d+)?)\s?%`,
  'gi',
);
const DISCOUNT_FREE = new RegExp(
  String.raw`\b(?:free (?:[A-Z][\w-]*\s+)?(?:licen[cs]es?|tier|plan|version|account|use|access|seats?|subscription|workspace)|for free|free of charge|at no cost|kostenlos|gratis|gratuit\w*|sin coste|sem custo)\b`,
  'gi',
);
const DISCOUNT_WORD = /\b(?:discount\w*|better price|lower (?:the )?price|price reduction|nonprofit pricing|charity pricing|rabatt|descuento|desconto|remise)\b/gi;
// A request (not the seller's offer, not a description of what they have today).
const REQUEST = /\b(?:if you (?:can|could|would|will)|you (?:can|could) do|could you|can you|would you|will you|do you|is there|are there|any chance|possible|we(?:'d| would) need|need|ask(?:ing)?|knock|give us|can we|could we|forever|indefinitely|at least|we want|please|if not|\?)/i;
const OFFER = /\b(?:i|we)\s+(?:could|can|will|would|'d|'ll)?\s*(?:also\s+)?(?:offer|give you|extend)\b/i;
const PLAN_CONTEXT = /\b(?:harbor|plan|starter|growth|enterprise|licen[cs]e|subscription|price|pricing|list|seats?|upfront|annual|contract|tier|charit\w*|nonprofit|non-profit|ngo|startup|use)\b/i;
const FRUSTRATION = new RegExp(
  String.raw`\b(?:(?:second|third|fourth|fifth|3rd|4th|5th) (?:time|ticket|request|email|attempt)|nobody (?:got back|answered|responded|replied|has)|no one (?:got back|answered|responded|replied|has)|still (?:no (?:answer|reply|response|fix)|not (?:fixed|resolved|working)|waiting|broken)|unacceptable|ridiculous|fed up|frustrat\w*|disappoint\w*|angry|furious|terrible|worst|(?:broken|down|failing) again|again and again|every time|spent more time apologi[sz]ing|don'?t want customers|drags on|going with (?:amplitude|mixpanel|heap|pendo|posthog|a competitor|someone else)|moving to (?:amplitude|mixpanel|heap|pendo|posthog|a competitor)|switch(?:ing)? to (?:a competitor|someone else)|fix it or|or we(?:'ll)? (?:leave|cancel|churn)|this has happened|happened again|inaceptable|inakzeptabel|inadmissible|inaceitável|(?:zweite|dritte|vierte)[ns]? mal|schon wieder|niemand (?:meldet|antwortet|reagiert)|(?:segunda|tercera|cuarta|terceira|quarta) vez|otra vez|nadie (?:responde|contesta)|ninguém (?:responde|respondeu)|(?:deuxième|troisième|quatrième) fois|encore une fois|personne ne (?:répond|m'a répondu)|(?:two|three|four|five|several|multiple|zwei|drei|vier|fünf|mehrere|dos|tres|cuatro|varios|deux|trois|quatre|plusieurs|dois|três|quatro|vários) (?:support )?tickets|nicht mehr (?:tragbar|akzeptabel|hinnehmbar)|no es aceptable|(?:n'est )?pas acceptable|não é aceitável)\b|\bAGAIN\b`,
  'gi',
);
const SECURITY = new RegExp(
  String.raw`\b(?:data breach|breach\w*|leak(?:ed|s)?|compromised|hacked|unauthori[sz]ed (?:access|login|logins)|(?:api (?:key|secret|token)|(?:write|read|project|access|secret|private) (?:key|token)|credentials?|secret|password)s?\b[^.\n]{0,60}?\b(?:committed|exposed|leaked|public|pasted|captured|recorded|stolen)|(?:events?|requests?|logins?|traffic|access) (?:arriving |coming )?from (?:ips?|addresses) (?:we|that we) (?:don'?t|do not) recogni[sz]e|someone (?:has )?accessed our|(?:captured|recorded|exposed|stolen|changed)\b[^.\n]{0,30}?\bpasswords?|password had been changed|phishing|account takeover|logins? from (?:an? )?(?:unknown|unfamiliar|foreign|strange)|logins? to our [^.\n]{0,40} from an? ip|incident report|security incident|malware|ransomware|datenleck|sicherheitsvorfall|violación de datos|vazamento|fuite de données)\b`,
  'gi',
);
// Reading the standard or a sample contract without changes: paperwork, not a legal request.
const PAPERWORK_ONLY = /\b(?:no (?:changes|redlines|edits)|without (?:any )?changes|(?:don'?t|do not) (?:expect|need|plan|want) (?:to (?:make|request) )?(?:any )?changes|as[- ]is|(?:sample|standard) (?:DPA|MSA|contract)|for review only)\b/i;
// Words that make "for the second time" a complaint (in the languages FRUSTRATION reads).
const PROBLEM_WORD = /\b(?:ask\w*|request\w*|writ\w*|wrote|email\w*|ticket\w*|contact\w*|problem\w*|issue\w*|broken|break\w*|fail\w*|error\w*|fix\w*|bug\w*|down|crash\w*|report\w*|again|still|escrib\w*|escrev\w*|ped\w*|problema\w*|fall\w*|schreib\w*|frag\w*|Fehler\w*|kaputt|écri\w*|demand\w*|erreur\w*|panne|not|never|nicht|kein\w*|não|nunca|pas|jamais|nadie|ninguém|niemand|nobody|no one)\b|n't\b/i;
/** The paragraph (text between blank lines) around `pos`. */
function paragraphAt(text: string, pos: number): string {
  const start = text.lastIndexOf('\n\n', pos);
  const end = text.indexOf('\n\n', pos);
  return text.slice(start === -1 ? 0 : start, end === -1 ? text.length : end);
}
const OTHER_VENDOR = /\b(?:mixpanel|amplitude|heap|pendo|posthog|google analytics|ga4?|(?:current|old|existing|previous|legacy) (?:tool|vendor|provider|solution|setup|platform))\b/i;
// Contract wording about breaches ("carve-out for data-protection breaches") is legal, not an incident.
const CONTRACT_CONTEXT = /\b(?:liabilit\w*|carve-?out|clause|indemn\w*|msa|dpa|cap|contract)\b/i;

function luhn(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

interface Collected {
  evidence: Evidence[];
  details: string[];
  value: number | null;
}

/**
 * Escalation signals from the lead's side of the text (never the seller's own words). Each
 * reason is reported once with all its evidence; for discounts `value` is the largest percentage
 * asked for, or null for free use, so the rules engine can apply its threshold.
 */
export function findEscalations(scope: Scope): EscalationSignal[] {
  const text = scope.text;
  const found = new Map<EscalationReason, Collected>();
  const add = (reason: EscalationReason, s: number, e: number, detail: string, value: number | null = null): void => {
    const c = found.get(reason) ?? { evidence: [], details: [], value: null };
    if (c.evidence.some((x) => x.start <= s && x.end >= e)) return;
    c.evidence.push(evidence(text, s, e));
    if (!c.details.includes(detail)) c.details.push(detail);
    if (reason === 'discount') c.value = c.evidence.length === 1 ? value : value === null || c.value === null ? null : Math.max(c.value, value);
    found.set(reason, c);
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (LEAD_SIDE.has(scope.roleAt(m.index)) && !scope.masked(m.index)) fn(m);
    }
  };
  const sentence = (pos: number): string => text.slice(...scope.sentenceAt(pos));

  each(CANCEL, (m) => {
    // Cancelling a meeting or a demo is scheduling, not churn.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    // Up to three plain words before the noun ("our demo", "Thursday's demo", "the intro call").
    if (/^\s*(?:[A-Za-z']+\s+){0,3}?(?:meeting|call|demo|appointment|session|webinar|slot|chat|interview|sync|workshop|walkthrough)s?\b/i.test(after)) return;
    // "We're going to cancel our Amplitude contract" is about another vendor.
    const object = m[0] + text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (OTHER_VENDOR.test(object) && !/\b(?:harbor|your|you)\b/i.test(object)) return;
    add('cancellation', m.index, m.index + m[0].length, 'asks to cancel');
  });
  each(REFUND, (m) => {
    const s = sentence(m.index);
    // "no refund needed" or a question about the refund policy is not a request.
    if (/\b(?:no|without|policy)\b/i.test(s) && !/\b(?:please|want|request|need|asks?)\b/i.test(s)) return;
    // "track refund requests and chargebacks as events" is their data, not a request to us.
    if (/\b(?:track\w*|events?|funnel|dashboard|report\w*|process(?:es|ing)?|metrics?|rate)\b/i.test(s) && !/\b(?:please|could you|can you|we want|i want|we'd like|i'd like)\s+(?:\w+\s+){0,3}refund/i.test(s) && !/\brefund (?:us|me|our|my)\b/i.test(s)) return;
    // "Heap wouldn't refund the rest of our term" is about another vendor.
    const clause = text.slice(Math.max(scope.sentenceAt(m.index)[0], m.index - 60), m.index);
    if (OTHER_VENDOR.test(clause) && !/\b(?:harbor|you|your)\b/i.test(clause)) return;
    add('refund', m.index, m.index + m[0].length, 'asks for a refund');
  });
  each(DISPUTE, (m) => add('payment', m.index, m.index + m[0].length, 'disputes a charge'));
  each(CARD_NUMBER, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return;
    const around = text.slice(Math.max(0, m.index - 40), m.index);
    if (/\b(?:phone|tel|mobile|call|order|ticket|ref|invoice|voyage|company no)\b/i.test(around)) return;
    // Quote only the last four digits: evidence is stored and shown, the full number must not be.
    const end = m.index + m[0].length;
    add('payment', end - 4, end, 'contains payment card details');
  });
  each(CVC, (m) => add('payment', m.index, m.index + (/^[A-Za-z ]+/.exec(m[0])?.[0].trimEnd().length ?? 3), 'contains payment card details'));
  each(BANK_DETAIL, (m) => {
    if (!/\d{4}/.test(m[0])) return;
    // The label ("IBAN", "sort code") is evidence enough; the account number stays out of traces.
    add('payment', m.index, m.index + (/^(?:IBAN|account (?:number|no\.?)|acct\.? no\.?|sort code|routing number|BIC|SWIFT)/i.exec(m[0])?.[0].length ?? 4), 'contains bank account details');
  });
  each(LEGAL, (m) => {
    // "legal-tech" and "our legal team reviewed it" name the field, not a contract change; asking
    // for a sample DPA to read, with no changes, is paperwork rather than a legal request.
    const around = text.slice(scope.sentenceAt(m.index)[0], Math.min(text.length, scope.sentenceAt(m.index)[1] + 120));
    const asksChanges = (t: string) => /\b(?:redlines?|amend\w*|changes? (?:to|in) (?:the|our|your)|modif\w*|negotiat\w*|our (?:own )?paper|uncapped|unlimited|liability cap)\b/i.test(t);
    if (PAPERWORK_ONLY.test(around) && !asksChanges(sentence(m.index))) return;
    // A subject line or a list item naming the DPA, in a message that asks only for the standard
    // one to review and nowhere for changes, is paperwork too.
    if (PAPERWORK_ONLY.test(text) && !asksChanges(text)) return;
    add('legal', m.index, m.index + m[0].length, 'asks for contract / legal changes');
  });
  each(DISCOUNT_PCT, (m) => {
    const s = sentence(m.index);
    const before = text.slice(scope.sentenceAt(m.index)[0], m.index);
    if (OFFER.test(before) || !REQUEST.test(s)) return;
    const pct = Number((m[1] ?? m[2] ?? '').replace(',', '.'));
    if (!Number.isFinite(pct) || pct <= 0 || pct > 100) return;
    add('discount', m.index, m.index + m[0].length, `asks for ${pct}% off`, pct);
  });
  each(DISCOUNT_FREE, (m) => {
    const s = sentence(m.index);
    const before = text.slice(scope.sentenceAt(m.index)[0], m.index);
    if (OFFER.test(before) || !REQUEST.test(s)) return;
    // "we're on Heap's free tier" describes today, it asks for nothing.
    if (/\b(?:on|using|use|currently)\s+(?:\w+'s\s+|the\s+|a\s+|their\s+)?$/i.test(before)) return;
    // "Mixpanel (free plan)" next to the tool they use today: a description too.
    const lineStart = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    // After a form label ("What do you use today?: Mixpanel (free plan)") only the answer counts.
    const line = lineStart.slice(lineStart.lastIndexOf(':') + 1);
    if (OTHER_VENDOR.test(line) && !/\b(?:you|your|harbor)\b/i.test(line)) return;
    add('discount', m.index, m.index + m[0].length, 'asks for free use', null);
  });
  each(DISCOUNT_WORD, (m) => {
    if (found.has('discount')) return;
    const s = sentence(m.index);
    const before = text.slice(scope.sentenceAt(m.index)[0], m.index);
    if (OFFER.test(before) || !REQUEST.test(s) || !PLAN_CONTEXT.test(s)) return;
    // "your discount guidelines / policy" asks how discounts work (research, procurement), not for one.
    if (/^\s+(?:guidelines?|polic(?:y|ies)|structure|matrix|schedules?|guidance|rules|bands|approval (?:process|rules))\b/i.test(text.slice(m.index + m[0].length))) return;
    // "Is there a startup discount? Even 10% would help": the size is in the next sentence.
    const [, sEnd] = scope.sentenceAt(m.index);
    const next = text.slice(m.index, Math.min(text.length, scope.sentenceAt(Math.min(text.length - 1, sEnd + 1))[1]));
    const pct = /\b(?:off|discount\w*|even|just|only|would|could|help\w*)\b/i.test(next) ? /(\d{1,2}(?:[.,]\d+)?)\s?%/.exec(next) : null;
    add('discount', m.index, m.index + m[0].length, 'asks for a discount', pct ? Number((pct[1] ?? '').replace(',', '.')) : null);
  });
  each(FRUSTRATION, (m) => {
    const word = m[0];
    // Plain "again" is too common; only the upper-case shout counts.
    if (/^again$/i.test(word) && word !== 'AGAIN') return;
    if (/^every time$/i.test(word) && !/\b(?:fixed|broken|breaks|fails|again)\b/i.test(sentence(m.index))) return;
    // Annoyance with the tool they are leaving is why they came, not a complaint about us.
    const s = sentence(m.index);
    // The vendor is often named a sentence earlier ("We've been on Heap for years. Honestly we're fed up ...").
    if (/^(?:frustrat|disappoint|angry|furious|terrible|worst|unacceptable|ridiculous|fed up)/i.test(word) && OTHER_VENDOR.test(paragraphAt(text, m.index)) && !/\b(?:you|your|harbor)\b/i.test(s)) return;
    // "who buy for the second time" counts purchases; a second time is a complaint only about a problem or a request.
    if (/\b(?:time|vez|mal|fois)$/i.test(word) && (!PROBLEM_WORD.test(s) || (OTHER_VENDOR.test(s) && !/\b(?:you|your|harbor)\b/i.test(s)))) return;
    add('frustration', m.index, m.index + word.length, 'frustrated: complaint or repeated unresolved problem');
  });
  each(SECURITY, (m) => {
    const s = sentence(m.index);
    if (CONTRACT_CONTEXT.test(s) && /breach/i.test(m[0])) return;
    add('security', m.index, m.index + m[0].length, 'reports a security incident or data exposure');
  });

  const out: EscalationSignal[] = [];
  for (const [reason, c] of found) {
    const detail = reason === 'discount' && c.value !== null ? `asks for ${c.value}% off` : c.details.join('; ');
    out.push({ reason, evidence: c.evidence.slice(0, 5), detail, value: reason === 'discount' ? c.value : null });
  }
  return out;
}
