import type { Disqualifier, Evidence, SegmentRole } from '../../../contract/index.js';
import { evidence, type Scope } from './scope.js';

export interface DisqualifierFinding {
  value: Disqualifier;
  evidence: Evidence[];
  confidence: number;
}

const LEAD_SIDE: ReadonlySet<SegmentRole> = new Set<SegmentRole>(['lead', 'signature']);

interface Rule {
  value: Disqualifier;
  /** Each match adds its weight; the category fires at `threshold`. */
  cues: Array<[RegExp, number]>;
  threshold: number;
}

// Weighted cue lists: one strong cue or several weak ones. Order is precedence when several fire.
const RULES: Rule[] = [
  {
    value: 'spam',
    threshold: 3,
    cues: [
      [/\b(?:earn|make) \$?[\d,.]+k?\s*(?:\/|per|a)\s*(?:day|week)\b/gi, 3],
      [/\b(?:crypto|forex|bitcoin|signals?)\b/gi, 1],
      [/\b(?:100% guaranteed|guaranteed (?:returns|profit|income))\b/gi, 2],
      [/\bt\.me\/\S+/gi, 2],
      [/\b(?:you have (?:been selected|won)|you(?:'ve| have) won|claim your (?:prize|reward)|lottery|winner|inheritance|processing fee)\b/gi, 2],
      [/\b(?:join now|only \d+ spots? left|act now|click here|limited offer)\b/gi, 1.5],
      [/\b(?:viagra|casino|betting|loan offer|weight loss)\b/gi, 3],
      [/\bcongratulations\b/gi, 1],
      [/\b(?:(?:our|the) bank (?:details|account) (?:has|have) changed|(?:transfer|pay) the (?:full )?amount (?:today )?to (?:our|the) new (?:bank )?account|remittance advice|final notice)\b/gi, 2],
      [/\b(?:backlinks?|seo services|(?:1st|first) page (?:rank\w*|of google)|dear website owner|errors hurting your|reply yes|guaranteed (?:1st|first|top) (?:page|rank\w*))\b/gi, 2],
      [/\b(?:\d+ slots? left|limited offer|free audit)\b/gi, 1],
      // Prize and reward scams: "your domain has been selected to receive ... reward".
      [/\b(?:ha(?:s|ve) been (?:selected|chosen) to (?:receive|win|claim)|selected (?:as|for) (?:a|the) (?:winner|reward)|(?:cash|bitcoin|crypto|usd|gift) (?:reward|prize|bonus))\b/gi, 2],
      [/\b(?:to claim|claim (?:it|now|the)|within 24 hours|reply stop|unsubscribe)\b/gi, 1],
      [/\bhxxps?:\/\//gi, 1],
      [/\b(?:verify your (?:billing|payment) details|(?:sign|log) in with your [\w ]{2,20}credentials|to avoid (?:the )?suspension|permanent(?:ly)? (?:data )?delet\w*|verify your (?:account|identity|mailbox)|mailbox (?:is|storage is) (?:\d+% )?full|will be (?:deleted|suspended|closed|locked)|confirm your password|unusual sign-in activity|your account (?:has been|will be) (?:suspended|locked))\b/gi, 2],
    ],
  },
  {
    value: 'job_seeker',
    threshold: 3,
    cues: [
      [/\b(?:my (?:resume|résumé|cv|portfolio)|(?:resume|cv|curriculum)(?: vitae)? (?:is )?attached|attached (?:my|is my) (?:resume|cv)|mon cv|mi cv|meu cv|meinen lebenslauf|lebenslauf)\b/gi, 2],
      [/\b(?:be considered for|apply(?:ing)? for the|application for the|(?:role|position|opening|vacancy|job) (?:on your careers page|is still open|still open)|careers page|job opening|you(?:'re| are) hiring|is hiring|candidature|postuler|postular|bewerbung|bewerbe mich|vaga de|open to relocating|would love to join|bring a lot to your)\b/gi, 2],
      [/\b(?:years of experience|ans d'expérience|años de experiencia|anos de experiência|jahre erfahrung)\b/gi, 1],
      [/\b(?:interview|entretien|entrevista|vorstellungsgespräch)\b/gi, 1],
    ],
  },
  {
    value: 'competitor',
    threshold: 3,
    cues: [
      [/(?:\bi(?:'m| am)? (?:\w+\s+){0,5}(?:at|@)|\bteam at|\bwork(?:ing)? (?:at|for)|^[^\n]{0,60}(?:@|\||\bat\b))\s*(?:mixpanel|amplitude|heap|pendo|posthog)\b(?!\s+(?:user|customer|today|account|contract|plan))/gim, 2],
      [/\b(?:market (?:scan|landscape|research|map)|analyst briefing|competitive (?:teardown|analysis|intel\w*)|teardown|benchmark\w*|your (?:pricing tiers|price list)|number of customers|which of your customers|migrated from us)\b/gi, 1.5],
    ],
  },
  {
    value: 'vendor_pitch',
    threshold: 3,
    cues: [
      [/\b(?:we help (?:\w+\s+){0,4}(?:companies|teams|startups|businesses|brands)|(?:companies|teams|brands|startups|businesses) like (?:harbor|yours|you)|(?:help|support) (?:your|harbor(?:'s)?) (?:team|pipeline|release|growth|sales|engineering|marketing))\b/gi, 2],
      [/\b(?:our (?:clients|packages|services|rates|team of \d+)|rates from|packages start|pricing starts|we offer|we provide|we(?:'ve| have) helped|dev shop|agency|outsourc\w*|as-a-service|white[- ]label|lead gen\w*|book \d+\+? (?:[\w-]+\s+){0,2}(?:demos|meetings)|packages (?:from|start\w*)|done-for-you|our pilot is)\b/gi, 1.5],
      [/\b(?:runs? outbound for|(?:book|booked|fill) (?:\d[\d,]* )?(?:qualified )?(?:meetings|demos|calendars?)|our retainer|retainers? (?:start|from)|fill your reps'? calendars|pre-vetted|placements?|first-year salary|open to new roles|hiring roadmap|talent partner|recruit(?:er|ing|ment) (?:agency|firm|partner)|staff augmentation|candidates (?:who are|ready|available))\b/gi, 1.5],
      [/\b(?:worth a (?:\d+[- ]minute |quick )?call|open to a (?:quick )?(?:intro )?(?:call|chat)|quick intro call|\d+[- ]min(?:ute)?s? (?:call|chat))\b/gi, 1],
      [/\b(?:(?:my|our) (?:day|daily|hourly) rate|i can help you|we can help you|independent (?:\w+ )?consultant|consultancy|freelance (?:developer|designer|consultant))\b/gi, 1.5],
      [/\b(?:harbor(?: analytics)?'s pipeline|your (?:release cycle|pipeline|series [a-d] news|careers))\b/gi, 1],
    ],
  },
  {
    value: 'wrong_recipient',
    threshold: 3,
    cues: [
      [/\b(?:voilier|bateau|ponton|place au port|amarre|velero|barco|veleiro|liegeplatz|segelboot|mooring|marina|boat|berth\w*|port authority|harbou?r (?:master|city|cruise|tour)|tide|vessels?|voyages?|ferry|pier|dock(?:ing)?|cruise|sailing|yacht)\b/gi, 1.5],
      [/\b(?:online banking|my bank account|current account|sort code|freeze my account|my (?:savings|checking) account|my card was)\b/gi, 1.5],
      [/\b(?:tickets? for|book(?:ing)? (?:\d+ )?tickets?|table for|reservation for|my (?:booking|appointment|order|parcel|prescription))\b/gi, 1.5],
      [/\b(?:wrong (?:address|person|company|email)|not meant for you|sent (?:this )?to the wrong)\b/gi, 3],
      [/\b(?:\d+ pallets?|pickup (?:confirmation|for booking)|confirm (?:the )?pickup|truck (?:is )?assigned|CMR|bill of lading|customs clearance)\b/g, 1.5],
      [/\b(?:(?:bought|purchased|ordered) (?:a|an|the|my|some) [\w -]{0,30}? from your (?:store|shop|website|site)|from your store|where (?:to|do i) (?:ship|send|return) it|return (?:it|the item|my order)|receipt|stopped working|my delivery|my parcel|my package|tracking number)\b/gi, 1.5],
    ],
  },
  {
    value: 'personal',
    threshold: 3,
    cues: [
      [/\b(?:just for fun|not a company|hobby|personal (?:blog|project|use|website|site)|side project for myself|it'?s just me|my (?:thesis|dissertation|homework|coursework|class project)|for my (?:thesis|class|course|studies))\b/gi, 3],
      [/\b(?:master'?s student|phd student|student at|undergrad\w*|university project|school project|(?:a|my|our) (?:class|school|classroom|student|university|college) project|with my (?:students|class|pupils)|high-school|high school|teacher|with some friends|my friends)\b/gi, 2],
      [/\b(?:minecraft|my blog|my family|for myself)\b/gi, 1],
    ],
  },
];

// "zero budget ... no plans to get any": a permanent no, not a "not yet".
// "$0" has no word boundary before the "$", so it is matched on its own.
const NO_BUDGET = /\b(?:zero budget|no budget|budget (?:is|of) (?:zero|\$?0\b)|no money|kein budget|sin presupuesto|sem orçamento|pas de budget)\b|(?<![\w$])[$€£]0(?!\d|[.,]\d)/gi;
const NO_BUDGET_FOREVER = /\b(?:no plans? to (?:get|have|find) any|no plans? to (?:buy|purchase) any|(?:spending|budget|hiring and spending) freeze|none planned|there is none planned|won'?t be any|frozen|indefinitely|not going to (?:have|get) (?:one|any)|at all|(?:for|in) the foreseeable future|won'?t have one|will not have one|no plans? (?:for|to get) one|none (?:this|next) year|froze|no plans? to revisit)\b/i;

/**
 * Why the lead is not a prospect at all, from weighted cues in the lead's own words; plus the
 * size and budget rules (under 10 employees; an explicit zero budget with no plan to get one).
 */
export function findDisqualifier(scope: Scope, companySize: number | null, sizeEvidence: Evidence[]): DisqualifierFinding | null {
  const text = scope.text;
  for (const rule of RULES) {
    let score = 0;
    const evs: Evidence[] = [];
    for (const [re, w] of rule.cues) {
      re.lastIndex = 0;
      const seen = new Set<string>();
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (!LEAD_SIDE.has(scope.roleAt(m.index)) || scope.masked(m.index)) continue;
        // Distinct words count (at most twice per list), so one word repeated five times is one sign.
        const key = m[0].toLowerCase();
        if (seen.has(key) || seen.size >= 2) continue;
        seen.add(key);
        score += w;
        evs.push(evidence(text, m.index, m.index + m[0].length));
      }
    }
    if (score >= rule.threshold) return { value: rule.value, evidence: evs.slice(0, 4), confidence: Math.min(0.95, 0.5 + score / 10) };
  }
  NO_BUDGET.lastIndex = 0;
  for (let m = NO_BUDGET.exec(text); m; m = NO_BUDGET.exec(text)) {
    if (!LEAD_SIDE.has(scope.roleAt(m.index)) || scope.masked(m.index)) continue;
    const [s] = scope.sentenceAt(m.index);
    const window = text.slice(s, Math.min(text.length, scope.sentenceAt(m.index)[1] + 160));
    if (/\b(?:yet|approved yet|so far|for now)\b/i.test(text.slice(m.index, m.index + 40)) && !NO_BUDGET_FOREVER.test(window)) continue;
    if (NO_BUDGET_FOREVER.test(window)) return { value: 'no_budget', evidence: [evidence(text, m.index, m.index + m[0].length)], confidence: 0.75 };
  }
  if (companySize !== null && companySize < 10) return { value: 'too_small', evidence: sizeEvidence, confidence: 0.8 };
  return null;
}
