import type { Evidence, Need } from '../../../contract/index.js';
import { LEAD_ROLES, evidence, matchesIn, type Scope } from './scope.js';

export interface NeedFinding {
  value: Need;
  evidence: Evidence[];
  confidence: number;
}

// What a product-analytics buyer wants to do, in the five languages; "funels" is a common typo.
const TOPIC = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`fun+els?`,
      String.raw`funnel[- ]?\w*`,
      String.raw`retention\w*`,
      String.raw`cohorts?`,
      String.raw`session[- ]replay`,
      String.raw`replay`,
      String.raw`event[- ]?(?:tracking|analytics|data)`,
      String.raw`product[- ]analytics`,
      String.raw`feature adoption`,
      String.raw`adoption`,
      String.raw`drop[- ]?offs?`,
      String.raw`drop off`,
      String.raw`churn\w*`,
      String.raw`conversion\w*`,
      String.raw`activation`,
      String.raw`onboarding`,
      String.raw`abandon\w*`,
      String.raw`(?:who|which|what)\s+[\w\s]{0,30}(?:sticks? around|comes? back|coming back|keeps? \w+ (?:around|coming back)|retain)`,
      String.raw`in-app behaviou?r`,
      String.raw`how\s+(?:visitors|users|people|customers|players|members)\s+(?:move|navigate|use|behave|flow|interact|find)`,
      String.raw`(?:leave|leaves|leaving|drop|drops|dropping|abandon\w*|quit|quits|bounce\w*)\s+(?:the\s+|our\s+|their\s+)?(?:checkout|cart|basket|sign-?up|signup|funnel|onboarding|trial|tutorial|app|flow)`,
      String.raw`why\s+(?:people|users|customers|visitors|buyers|players|subscribers)\s+(?:leave|drop|churn|abandon|quit|don'?t|stop)`,
      String.raw`warehouse sync`,
      String.raw`sso`,
      String.raw`scim`,
      String.raw`audit logs?`,
      String.raw`(?:eu )?data residency`,
      String.raw`eu residency`,
      String.raw`dashboards?`,
      String.raw`track(?:ing)?\s+(?:\w+\s+){0,3}(?:usage|users|events|behaviou?r|journeys?)`,
      String.raw`repeat[- ](?:purchase|order)\w*`,
      String.raw`retención`,
      String.raw`retenção`,
      String.raw`rétention`,
      String.raw`embudos?`,
      String.raw`funis`,
      String.raw`tunnel`,
      String.raw`cohortes`,
      String.raw`coortes`,
      String.raw`kohorten\w*`,
      String.raw`abwanderung`,
      String.raw`abandono`,
      String.raw`(?:keep|keeps|stay|stays|remain|remains)\s+(?:\w+\s+){0,2}(?:active|engaged)`,
      String.raw`drop(?:s|ping)?\s+(?:in|during|at)\s+(?:the\s+|our\s+)?(?:onboarding|checkout|sign-?up|signup|trial|funnel)`,
      // Replacing a product-analytics tool is wanting one.
      String.raw`(?:replace|replacing|move off|moving off|migrate (?:off|away from|from)|migrating (?:off|away from|from)|switch(?:ing)? (?:off|away from|from)|get off|getting off)\s+(?:of\s+)?(?:mixpanel|amplitude|heap|pendo|posthog|google analytics|ga4)`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'giu',
);
const WANT =
  /(?<![\p{L}])(need|needs|needed|want|wants|wanted|looking for|looking to|would like|we'd like|i'd like|interested in|must[- ]haves?|require\w*|hoping|to see|to understand|to track|to measure|to debug|to find out|replace|consolidate|help us|main use|use case|we use|liked|love|evaluating|avaliando|avaliar|evaluamos|comparando|thinking about|considering|exploring|planning to|plan to|comparing|reviewing|valorando|evaluando|para analizar|para entender|analizar|analisar|analysieren|analyser|para medir|para ver|brauchen|suchen|benötigen|necesitamos|queremos|buscamos|precisamos|procuramos|nous avons besoin|nous cherchons|voulons|cherchons|pain(?: points?)?\s*:|struggl\w*|trying to|no idea where|can'?t see)(?![\p{L}])/iu;
// The lead says they do not know what they need: an explicit "unclear" that beats topic words.
const UNSURE = new RegExp(
  String.raw`(?:not sure (?:yet )?(?:whether|what|if)|don'?t know (?:yet )?(?:what|exactly)|doesn'?t know what|couldn'?t say what|no idea what|not (?:yet )?clear (?:what|whether)|unsure (?:what|whether)|undecided|still figuring out what)`,
  'gi',
);

/**
 * Need is `stated` when the lead names what they want the product for (funnels, retention,
 * replay, SSO ...), and `unclear` when they only ask for a price or say they don't know yet.
 */
export function findNeed(scope: Scope): NeedFinding {
  const text = scope.text;
  for (const m of matchesIn(scope, UNSURE, LEAD_ROLES)) {
    return { value: 'unclear', evidence: [evidence(text, m.index, m.index + m[0].length)], confidence: 0.7 };
  }
  const topics: RegExpExecArray[] = [];
  for (const m of matchesIn(scope, TOPIC, LEAD_ROLES)) topics.push(m);
  let anchored: RegExpExecArray | undefined;
  for (const m of topics) {
    const [s, e] = scope.sentenceAt(m.index);
    if (WANT.test(text.slice(s, e))) {
      anchored = m;
      break;
    }
  }
  const distinct = new Set(topics.map((m) => m[0].toLowerCase().slice(0, 5)));
  const pick = anchored ?? (distinct.size >= 2 ? topics[0] : undefined);
  if (pick) {
    const [s, e] = scope.sentenceAt(pick.index);
    const ev = e - s <= 220 ? evidence(text, s, e) : evidence(text, pick.index, pick.index + pick[0].length);
    return { value: 'stated', evidence: [ev], confidence: anchored ? 0.8 : 0.6 };
  }
  return { value: 'unclear', evidence: [], confidence: 0.5 };
}
