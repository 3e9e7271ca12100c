import type { Authority, Evidence } from '../../../contract/index.js';
import { LEAD_AND_SIGNATURE, evidence, matchesIn, type Scope } from './scope.js';

export interface AuthorityFinding {
  value: Authority;
  evidence: Evidence[];
  confidence: number;
}

const ROLE_NOUN = String.raw`(?:CFO|CEO|COO|CTO|CPO|CIO|CISO|CDO|CMO|CRO|VP(?:\s+\w+)?|vice president|director|head of \w+|boss|manager|mgr|leadership|management|board|founder|owner|procurement|finance|purchasing|team lead|supervisor|Geschäftsführer\w*|Vorstand|jefe|jefa|gerente|diretor\w*|directeur|directrice|chef)`;

// Statements ranked above titles: what the lead says about the decision beats a job title.
const END_USER = new RegExp(
  String.raw`\b(?:(?:don't|do not|doesn't|does not|have no|has no)\s+(?:have\s+)?(?:any\s+)?say|no say in|just pull the numbers|not (?:the|a) decision[- ]?maker|not my (?:call|decision)|i'?m (?:just )?(?:an? )?(?:intern|student)|(?:master'?s|phd|undergrad\w*|university|college) student|\bintern\b|collect(?:ing)? pricing|i(?:'m| am)?\s+(?:just|only)\s+(?:the\s+)?(?:implement\w*|build\w*|integrat\w*|code\w*|developer|engineer|one (?:implementing|building|integrating))|not up to me|(?:it'?s|that'?s)\s+not\s+(?:my|me)\b|asked (?:me|her|him) to (?:collect|gather|get) (?:pricing|prices|quotes))`,
  'gi',
);
const INFLUENCER = new RegExp(
  String.raw`(?:` +
    [
      String.raw`\b(?:need|needs|require|requires|needing)\s+(?:final\s+)?(?:sign[- ]?off|approval|buy[- ]?in|the ok)\s+from`,
      String.raw`\b(?:bring|take|give|make|put)\s+(?:a\s+|my\s+|the\s+|this\s+)?(?:recommendation|proposal|business case|case)\s+(?:to|for)`,
      String.raw`\b(?:build|prepare|put together|write)\s+(?:the\s+|a\s+)?(?:business case|proposal|recommendation)`,
      String.raw`\b(?:i|i'd|i'll|i will|i would|we|we'd)\s+(?:\w+\s+)?recommend\b|\brecommending\b|\brecommendation\b|\b[A-Z][a-z]+\s+recommends\b`,
      String.raw`\b(?:present|pitch)(?:ing)?\s+(?:it|this)?\s*to\s+(?:our|my|the)`,
      String.raw`\brun (?:this|it) (?:past|by)`,
      String.raw`\b(?:running|leading|lead|run|runs|drive|driving|coordinating)\s+(?:the\s+)?(?:eval\w*|process|selection|comparison|research|assessment)`,
      String.raw`\b(?:our|the|my|his|her|their|says|whose)\s+${ROLE_NOUN}[^.;\n]{0,40}?\b(?:who\s+)?(?:signs|approves|decides|will decide|would decide|makes the (?:final )?(?:call|decision)|has the final say|has final say|signs off|will sign|has to sign|must approve)\b`,
      String.raw`\b(?:but|and|while)\s+[A-Z][a-z]+\s+(?:signs|approves|decides)\b`,
      String.raw`\b(?:he|she|they)\s+(?:signs|approves|decides)\b`,
      String.raw`\b(?:final (?:decision|call|say)|sign[- ]?off)\s+(?:is|lies|rests|sits)\s+with\b`,
      String.raw`(?:uiteindelijke\s+)?beslissing ligt bij (?:onze|onze|de|het)|la decisione (?:finale )?spetta a|decide (?:il|la) nostr[oa]|firma (?:il|la) nostr[oa]|decisión final es de|la decisión es de|decisão final é d|a decisão é d|yo preparo la recomendaci|preparo a recomenda|bereite die entscheidung|entscheidung (?:für|fuer) unsere|entscheidet unser|la décision finale revient|je prépare la (?:décision|recommandation)`,
    ].join('|') +
    `)`,
  'gi',
);
const DECISION_MAKER = new RegExp(
  String.raw`(?:` +
    [
      String.raw`\b(?:i|i'll|i will|we)\s+(?:make|makes|made)\s+the\s+(?:final\s+)?(?:call|decision)`,
      String.raw`\b(?:it'?s|its|it is|that'?s)\s+my\s+(?:call|decision)`,
      String.raw`\bmy call\b`,
      // Call notes speak of the lead in the third person: "confirmed she signs", "she's the decision maker".
      String.raw`\b(?:confirm(?:ed|s)|says|said|told us)\s+(?:that\s+)?(?:she|he|they)\s+(?:signs|decides|approves|owns the budget|is the (?:decision[- ]?maker|signer|budget (?:owner|holder)))`,
      String.raw`\b(?:she|he)(?:'s| is)\s+the\s+(?:final\s+)?(?:decision[- ]?maker|signer|budget (?:owner|holder))`,
      String.raw`\bi\s+(?:decide|sign|approve)\b`,
      String.raw`\bi(?:'m| am)\s+(?:the\s+)?(?:final\s+)?(?:decision[- ]?maker|decision|one signing|budget (?:holder|owner)|final approver|approver|one who (?:signs|decides))`,
      String.raw`\bsigned off by me\b`,
      String.raw`\b(?:i|she|he|[A-Z]{2,3}|[A-Z][a-z]+)\s+(?:has|have)\s+(?:final\s+)?(?:sign[- ]?off|final say|the final say|final approval|budget authority)`,
      String.raw`\bfinal (?:say|approver|decision[- ]?maker)\b`,
      String.raw`\b(?:i|she|he)(?:'s| is)\s+the\s+final\s+approver`,
      String.raw`\b(?:i|we)\s+(?:own|hold|control|manage)\s+(?:the\s+|this\s+|our\s+)?(?:\w+\s+)?budget`,
      String.raw`\b(?:owns?|holds?|controls?)\s+(?:the\s+|this\s+|our\s+)?(?:[\w€$£.,]+\s+){0,3}budget\b`,
      String.raw`\bbudget (?:owner|holder)\b`,
      String.raw`\bmy budget line\b`,
      String.raw`\bi (?:lead|own) the (?:decision|purchase)`,
      String.raw`\bi can sign\b`,
      String.raw`\((?:decides|final say|signs)[^)]*\)`,
      String.raw`\b[A-Z][a-z]+\s+decides\b`,
      String.raw`\bi am decision\b`,
      String.raw`la firma è mia|firmo io|decido io|la decisione (?:finale )?è mia|die entscheidung treffe ich|ich treffe die entscheidung|ik beslis|ik neem de beslissing|de beslissing ligt bij mij|c'est moi qui décide|la decisión es mía|yo decido|a decisão é minha|eu decido|decide sozinh[oa]|ich entscheide|entscheide ich|je décide`,
    ].join('|') +
    `)`,
  'gi',
);

// Where a title of the sender starts: after "I'm", in a form field, after "Name," or "(", or on a
// signature line. The phrase that follows is classified by titleAuthority.
const TITLE_PREFIX =
  /(?:\b(?:I'?m|I am|im)\s+(?:the\s+|a\s+|an\s+|our\s+)?|\b(?:soy|sou)\s+(?:el\s+|la\s+|o\s+|a\s+)?|\bje suis\s+(?:le\s+|la\s+)?|\bsono\s+(?:il\s+|la\s+|l')?|\bik ben\s+(?:de\s+|het\s+)?|(?:^|\n)[^\n]{0,40}?:\s+(?:(?:hi|hey|hello|yo|hola|ciao|hallo)\b[!.,]*\s*(?:[^\s\w]{1,3}\s*)?)?(?=(?:solo\s+|co-?)?(?:founder|ceo|cto|coo|cfo|cmo|cpo|director|head of|vp|owner)\b)|\bich bin\s+(?:der\s+|die\s+)?|\bas\s+(?:the\s+|our\s+)?(?=[A-Z])|(?:^|\n)[ \t]*(?:<\/?\w+>\s*)*(?:[-•*]\s*)?(?:job\s+title|job\s+level|seniority|title|role|position|cargo|poste|funktion|rolle|ruolo|functie)\s*:\s*(?:<\/?\w+>\s*)*|(?:^|\n)[ \t]*(?=[A-Z])|[,|·•(]\s*(?=[A-Za-z])|[!?:.]\s+(?=[A-Z][\w -]{1,40}?\s+(?:(?:at|@)\s+[^\n,.]{2,40}?\s+)?here\b))/gi;
const PHRASE_END = /[,.;:()|\n!?<]|\s[-–—]\s|\s@\s|\s(?:at|@|so|and|but|who|here)\b/i;
const THIRD_PARTY_BEFORE = /(?<![\p{L}])(our|the|their|his|her|your|w\/|with|to|for|from|says|said|by|cc)\s*$/iu;
const DETERMINER_START = /^(?:our|the|their|his|her|your|my|a|an|this|that)\s/i;
// A chat speaker's opening words ("visitor: yo 👋 founder of ...") rank with a comma-led title.
const CONTEXT_RANK = (prefix: string): number =>
  /^\s*(?:I'?m|I am|im|as|soy|sou|je suis|ich bin|sono|ik ben)\b/i.test(prefix) || /:\s*(?:<\/?\w+>\s*)*$/.test(prefix) ? 3 : /[,(|·•]|:\s+\S/.test(prefix) ? 2 : 1;

export function titleAuthority(title: string): Authority | null {
  const t = title.trim();
  if (/\b(intern|student|praktikant|estagi)/i.test(t)) return 'end_user';
  if (/\b(product owner|account manager|project manager)\b/i.test(t)) return 'influencer';
  if (/\b(fondatore|fondatrice|amministratore delegato|titolare|oprichter|eigenaar|directeur-eigenaar|fundador|fundadora|fondateur|fondatrice|gründer|gründerin|inhaber|inhaberin|dueño|dueña|propietari[oa]|proprietári[oa]|dono|dona|pdg|presidente|directora|diretora|director general|directeur général|gerente general|gerente geral|socio|sócio)/i.test(t)) return 'decision_maker';
  if (/\b(c-level|c-suite|chief\s+\w+(\s+\w+)?\s+officer|c[eftopidmr]o|ciso|founder|owner|president|managing partner|partner|general manager|gm|md|director|dir\.|directeur|directrice|diretor|head (?:of|de|da|do)|[se]?vp|vice president|geschäftsführer|leiter|jef[ea]|responsable)\b/i.test(t)) return 'decision_maker';
  if (/\b(manager|lead|product owner|pm|gerente)\b/i.test(t)) return 'influencer';
  if (/\b(analyst|engineer|developer|assistant|coordinator|specialist|associate)\b/i.test(t)) return 'end_user';
  return null;
}

interface Hit {
  value: Authority;
  rank: number;
  ev: Evidence;
}

/**
 * Who the sender is in the purchase. Explicit statements win over titles, in the order
 * end user ("no say") > influencer ("need sign-off from our CFO") > decision maker ("my call"),
 * because a statement about someone else signing overrides a senior-sounding title.
 */
export function findAuthority(scope: Scope, contactTitle: string | null, callNotes = false): AuthorityFinding | null {
  const text = scope.text;
  const hits: Hit[] = [];
  const take = (re: RegExp, value: Authority, rank: number): void => {
    for (const m of matchesIn(scope, re, LEAD_AND_SIGNATURE)) {
      // "wouldn't say who signs off" is not a statement that someone else signs.
      const before = text.slice(Math.max(0, m.index - 25), m.index);
      if (/\b(?:wouldn'?t|won'?t|didn'?t|couldn'?t|not)\s+(?:say|tell|know)\b[^.]*$/i.test(before)) continue;
      if (value === 'influencer' && /recommend/i.test(m[0]) && /\b(can you|could you|would you|do you|you)\s+$/i.test(before)) continue;
      if (value === 'influencer' && /^(?:he|she|they)\s/i.test(m[0]) && /\b(?:confirm(?:ed|s)|says|said|told us)\s+(?:that\s+)?$/i.test(before)) continue;
      // Call notes speak of the lead in the third person: there "she signs" is the contact signing.
      if (value === 'influencer' && callNotes && /^(?:he|she)\s/i.test(m[0])) {
        hits.push({ value: 'decision_maker', rank: 10, ev: evidence(text, m.index, m.index + m[0].length) });
        continue;
      }
      hits.push({ value, rank, ev: evidence(text, m.index, m.index + m[0].length) });
    }
  };
  take(END_USER, 'end_user', 30);
  take(INFLUENCER, 'influencer', 20);
  take(DECISION_MAKER, 'decision_maker', 10);
  const statement = hits.sort((a, b) => b.rank - a.rank || a.ev.start - b.ev.start)[0];
  if (statement) return { value: statement.value, evidence: [statement.ev], confidence: 0.8 };

  // No statement: fall back on the title (form field, signature, "I'm the CTO").
  let best: (Hit & { ctx: number }) | undefined;
  // The title phrase itself must be the lead's (a chat speaker's label before it is a header).
  TITLE_PREFIX.lastIndex = 0;
  for (let m = TITLE_PREFIX.exec(text); m; m = TITLE_PREFIX.exec(text)) {
    if (m[0].length === 0) {
      TITLE_PREFIX.lastIndex++;
      continue;
    }
    const at = m.index + m[0].length;
    if (!LEAD_AND_SIGNATURE.has(scope.roleAt(at)) || scope.masked(at)) continue;
    const rest = text.slice(at, at + 70);
    const cut = PHRASE_END.exec(rest);
    const phrase = (cut ? rest.slice(0, cut.index) : rest).trimEnd();
    if (!phrase || phrase.split(/\s+/).length > 7 || DETERMINER_START.test(phrase)) continue;
    if (THIRD_PARTY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index + (m[0].match(/^\s*/)?.[0].length ?? 0)))) continue;
    const ctx = CONTEXT_RANK(m[0]);
    // A bare line must be short and look like a title line, not a sentence that mentions one.
    if (ctx === 1 && (phrase.split(/\s+/).length > 5 || text.slice(at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at)).length > 60)) continue;
    const value = titleAuthority(phrase);
    if (!value) continue;
    if (!best || ctx > best.ctx) best = { value, rank: ctx, ctx, ev: evidence(text, at, at + phrase.length) };
  }
  if (best) return { value: best.value, evidence: [best.ev], confidence: 0.65 };
  if (contactTitle) {
    const v = titleAuthority(contactTitle);
    const at = text.indexOf(contactTitle);
    if (v && at >= 0) return { value: v, evidence: [evidence(text, at, at + contactTitle.length)], confidence: 0.6 };
  }
  return null;
}
