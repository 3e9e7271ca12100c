import * as chrono from 'chrono-node';
import type { Evidence, TimelineValue } from '../../../contract/index.js';
import {
  MONTH_SRC,
  addDays,
  addMonths,
  blackFriday,
  compare,
  endOfMonth,
  endOfQuarter,
  monthNumber,
  monthsBetween,
  parseIso,
  quarterOf,
  toIso,
  type Ymd,
} from './dates.js';
import { WORD_NUM_SRC, parseCount } from './numbers.js';
import { evidence, type Scope } from './scope.js';

export interface TimelineFinding {
  value: TimelineValue;
  evidence: Evidence[];
  confidence: number;
}

interface Candidate {
  start: number;
  end: number;
  /** Target date, or null when only a month count is known ("in 3 months"). */
  date: Ymd | null;
  months: number;
  strength: number;
  evStart: number;
  named: boolean;
}

const QUAL = String.raw`(end|ende|fin|fine|eind|final|finales|late|early|mid|start|beginning|first\s+week|last\s+week|first\s+half|second\s+half|anfang|mitte|début|debut|inicio|início|principios|comienzos|meados|mediados)`;
/** "end of March", "mid-August", "15 March 2027", "December 1st", "Ende September", "fin juin". */
const MONTH_DATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${QUAL}\s*-?\s*(?:of|de|do|da|des|del|von)?\s*(?:the\s+)?)?(?:(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:of\s+|de\s+)?)?(${MONTH_SRC})(?![\p{L}])\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?!\s*(?:[ap]m|h)\b))?(?:,?\s+(20\d\d))?`,
  'giu',
);
const QUARTER = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(end|ende|fin|final|start|beginning|early|late|after|nach|après|apres|después|depois)\s*(?:of|de|del|do|des|von)?\s*(?:the\s+|our\s+)?)?(?:Q|T)([1-4])(?![\p{L}\d])(?:\s*(?:FY)?\s*'?(20\d\d))?`,
  'gu',
);
/** "the third quarter", "el tercer trimestre", "drittes Quartal": a quarter in words, read as its last day. */
const ORDINAL_QUARTER =
  /(?<![\p{L}])(first|second|third|fourth|1st|2nd|3rd|4th|primer|segundo|tercer|cuarto|premier|deuxième|troisième|quatrième|primeiro|terceiro|quarto|primo|terzo|erste[nsr]?|zweite[nsr]?|dritte[nsr]?|vierte[nsr]?)\s+(?:fiscal\s+)?(?:quarter|trimestre|quartal)(?![\p{L}])(?:\s+(?:of\s+|de\s+|del\s+)?(20\d\d))?/giu;
const ORDINAL_INDEX: Record<string, number> = {
  first: 1,
  '1st': 1,
  primer: 1,
  premier: 1,
  primeiro: 1,
  primo: 1,
  second: 2,
  '2nd': 2,
  segundo: 2,
  deuxième: 2,
  third: 3,
  '3rd': 3,
  tercer: 3,
  troisième: 3,
  terceiro: 3,
  terzo: 3,
  fourth: 4,
  '4th': 4,
  cuarto: 4,
  quatrième: 4,
  quarto: 4,
};
const ordinalOf = (w: string): number | undefined =>
  ORDINAL_INDEX[w.toLowerCase()] ??
  ({ erst: 1, zweit: 2, dritt: 3, viert: 4 } as Record<string, number>)[w.toLowerCase().replace(/e[nsr]?$/, '')];
/** "end of H1", "by H2 2027\", "first half of next year" are read as the half's last day. */
const HALF =
  /(?<![\p{L}\d])(?:(?:end|ende|fin|final|by|before)\s+(?:of\s+)?(?:the\s+)?)?(?:H([12])|(first|second) half(?: of (?:the year|next year|(20\d\d)))?)(?![\p{L}\d])(?:\s*(20\d\d))?/giu;
const DURATION = new RegExp(
  String.raw`(?<![\p{L}])(?:in|within|inside|next|over\s+the\s+next|en|dentro\s+de|em|nos\s+próximos|nas\s+próximas|innerhalb(?:\s+von)?|in\s+den\s+nächsten|d'ici|dans|sous|en\s+los\s+próximos|en\s+las\s+próximas|the\s+next)\s+(?:(?:até|hasta|up\s+to|bis\s+zu|jusqu'à|no\s+máximo)\s+)?(?:the\s+)?(?:next\s+)?(?:~\s*)?(\d{1,3}|${WORD_NUM_SRC})(?:\s*(?:-|–|to|or|a|à|bis|y|e|ou|o)\s*(\d{1,3}|${WORD_NUM_SRC}))?\s*-?\s*(days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?|días|dias|semanas|meses|mes|tagen?|wochen|monaten?|monat|jahren?|jours|semaines|mois|ans|années|sprints?)(?![\p{L}])`,
  'giu',
);
/** "by 15/05", "until 30/9/2026": day first (the policy's markets), month first only when the day cannot be a month. */
const NUMERIC_DATE = /(?<![\d/.,])(\d{1,2})\/(\d{1,2})(?:\/(20\d\d|\d\d))?(?![\d/%])/g;
const BARE_DURATION =
  /(?<![\p{L}\d])(\d{1,3})(?:\s*(?:-|–|to)\s*\d{1,3})?\s*-?\s*(weeks?|wks?|months?|mths?|meses|monate|mois|semanas|wochen|settimane|mesi|weken|maanden)(?![\p{L}])/giu;
const RELATIVE = new RegExp(
  String.raw`(?<![\p{L}])(asap|as soon as possible|a\.s\.a\.p\.?|immediately|right away|urgently|lo antes posible|cuanto antes|o quanto antes|o mais rápido possível|dès que possible|so schnell wie möglich|sofort|this month|within the month|end of (?:the|this) month|este mes|este mês|ce mois-ci|ce mois|diesen monat|this week|next week|esta semana|cette semaine|diese woche|next month|el próximo mes|le mois prochain|nächsten monat|próximo mês|this quarter|current quarter|end of (?:the |this )?quarter|next quarter|end of next quarter|este trimestre|ce trimestre|dieses quartal|nächsten quartal|this year|end of (?:the |this )?year|year[- ]end|by year end|jahresende|fin de año|fin d'année|fin de l'année|final do ano|fim do ano|black friday|cyber monday|christmas|xmas|navidad|weihnacht\w*|noël|natal|holiday season|end of (?:the |this )?week|tomorrow|next year|next calendar year|el (?:año|ano) que viene|el próximo año|l'année prochaine|l'an prochain|nächstes jahr|im nächsten jahr|próximo ano|no ano que vem|(?:this|next|by|on|before)\s+(?:monday|tuesday|wednesday|thursday|friday)|(?:this|next|by|before|until|in the|early|late)\s+(?:spring|summer|autumn|fall|winter)|(?:after|nach|después\s+del|après\s+l'|dopo\s+l'|depois\s+do|na\s+de)\s*(?:the\s+|dem\s+)?(?:summer|sommer|verano|été|estate|verão|zomer)|(?:early|anfang|début|debut|inicio\s+de|principios\s+de|comienzos\s+de|início\s+de|inizio|begin|beginning\s+of|start\s+of)\s+(?:20\d\d))(?![\p{L}])`,
  'giu',
);

// A labelled timeline field: everything on that line is the timeline.
const LABEL_LINE =
  /^\s*[-•*]?\s*(?:timeline|timing|timeframe|time\s*frame|decision timeline|when do you plan to buy\??|go-live target|target date|deadline|zeitrahmen|zeitplan|plazo|prazo|délai|delai|calendrier|calendario|cronograma)\b[^:\n]{0,30}:/i;
// Lines that hold no buying plan: next steps, follow-ups and mail headers.
const DEAD_LINE =
  /^\s*[-•*>]*\s*(?:next(?:\s+steps?)?|f\/u|follow[- ]?up|todo|nb|date|sent|gesendet|datum|envoyé|enviado|from|von|de|on\s.+wrote)\s*[:-]/i;
const STRONG =
  /(?<![\p{L}])(decid\w*|decision|décision|décider|decisione|beslissing|beslissen|pick(?:ing)?\s+(?:a|the|our|one)|choos\w*|chose|select(?:ing)?\s+(?:a|the|our|one)|sign\w*|contract|purchas\w*|buy\w*|commit\w*|live|go-live|in place|roll(?:ing)?[- ]?out|deploy\w*|implement\w*|deadline|decidir|decisión|decisão|entscheid\w*|einführung|firmar|assinar|signer|unterschreiben|contratar|comprar|kaufen|acheter|mise en place|en production|produção|produção|in produktion)(?![\p{L}])/iu;
const MEDIUM =
  /(?<![\p{L}])(start(?:s|ed|ing)?|kick-?off|begin\w*|switch\w*|migrat\w*|move|moving|running|ready|launch\w*|onboard\w*|empezar|comenzar|começar|iniciar|starten|beginnen|commencer|démarrer|lancer|einsetzen|pilot|arrancar|partire|iniziare|cominciare|avviare|beginnen|starten)(?![\p{L}])/iu;
const WEAK =
  /(?<![\p{L}])(by|before|until|till|within|in|b4|no later than|bis|vor|avant|antes|até|hasta|d'ici|para|entro|prima di|vóór|voor|uiterlijk|from|after|nach|après|después|depois|target\w*|aiming|aim|ziel|plan to|want|need|ideally|wollen|möchten|willen|vogliamo|voulons|queremos|queríamos)(?![\p{L}])/iu;
// Dates that are history or someone else's schedule, not the lead's purchase.
const ANTI =
  /(?<![\p{L}])(since|ago|founded|established|filled|submitted|paid|charged?|invoice\w*|arriv\w*|eta|f\/u|follow[- ]?up|check[- ]in|reconnect|diligence|webinar|born|happened|cancel\w*|terminat\w*|confirmation|rotat\w*|reply|respond\w*|current term|notice period|relaunch|seit|desde|depuis|vacation|holiday in|out of office|ooo|from your|expires?|exp\.?)(?![\p{L}])/iu;
// "timeline: no fixed date yet, depends on Q1 roadmap": the lead says there is no date.
const NO_DATE =
  /(?<![\p{L}])(?:no (?:fixed |firm |set |hard |specific |concrete )?(?:date|timeline|deadline|time ?frame|timing)|(?:timeline|timing|date) (?:is )?(?:tbd|tbc|open|undecided|unclear|not (?:set|fixed|decided))|not sure (?:about )?(?:when|(?:the )?timing))(?![\p{L}])/iu;
const NEGATED = /(?<![\p{L}])(not|no|never|nicht|kein|pas|nada)\s+$/iu;

function strengthOf(scope: Scope, start: number): { strength: number; cueAt: number; dead: boolean } {
  const text = scope.text;
  const [lStart] = scope.lineAt(start);
  const line = text.slice(lStart, start);
  if (DEAD_LINE.test(line)) return { strength: 0, cueAt: start, dead: true };
  const [sStart] = scope.sentenceAt(start);
  const winStart = Math.max(sStart, start - 80);
  const before = text.slice(winStart, start);
  if (ANTI.test(text.slice(Math.max(sStart, start - 60), start))) return { strength: 0, cueAt: start, dead: true };
  if (LABEL_LINE.test(line)) return { strength: 5, cueAt: lStart + (/\S/.exec(line)?.index ?? 0), dead: false };
  for (const [re, s] of [
    [STRONG, 4],
    [MEDIUM, 3],
    [WEAK, 2],
  ] as const) {
    const m = re.exec(before);
    if (m) return { strength: s, cueAt: winStart + m.index, dead: false };
  }
  return { strength: 0, cueAt: start, dead: false };
}

function yearFor(ref: Ymd, month: number, day: number | null): { y: number; rolled: boolean; past: boolean } {
  if (month < ref.m) return { y: ref.y + 1, rolled: true, past: false };
  if (month === ref.m && day !== null && day < ref.d) return { y: ref.y, rolled: false, past: true };
  return { y: ref.y, rolled: false, past: false };
}

function qualifiedDay(y: number, m: number, qual: string | undefined, day: number | null): Ymd {
  if (day !== null) return { y, m, d: Math.min(day, endOfMonth(y, m).d) };
  const q = (qual ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (/^(end|ende|fin|fine|eind|final|finales|late|last week|second half)$/.test(q)) return endOfMonth(y, m);
  if (/^(mid|mitte|meados|mediados)$/.test(q)) return { y, m, d: 15 };
  if (/^(early|first week|first half|principios|comienzos)$/.test(q)) return { y, m, d: 7 };
  return { y, m, d: 1 };
}

const SEASON_START: Record<string, [number, number]> = {
  spring: [3, 20],
  summer: [6, 21],
  autumn: [9, 22],
  fall: [9, 22],
  winter: [12, 21],
};

function relativeDate(phrase: string, ref: Ymd): { date: Ymd | null; months: number; base: number } | null {
  const p = phrase.toLowerCase();
  if (/asap|soon as|a\.s\.a\.p|antes posible|cuanto antes|quanto antes|mais rápido|dès que|schnell/.test(p))
    return { date: null, months: 1, base: 4 };
  // "immediately" is as often about a reply or an incident as about a purchase: it needs a cue.
  if (/immediately|right away|urgently|sofort/.test(p)) return { date: null, months: 1, base: 0 };
  if (/month|mes$|mês|mois|monat/.test(p) && !/next|próximo|prochain|nächsten/.test(p))
    return { date: null, months: 1, base: 3 };
  if (/week|semana|semaine|woche|tomorrow/.test(p) || /^(?:this|next|by|on|before)\s+\w+day$/.test(p))
    return { date: null, months: 1, base: 0 };
  // "after the summer" in any of the languages: from September, when the summer break is over.
  if (/^(?:after|nach|después|après|dopo|depois|na de)\b/.test(p) && /(?:summer|sommer|verano|été|estate|verão|zomer)$/.test(p)) {
    let date: Ymd = { y: ref.y, m: 9, d: 1 };
    if (compare(date, ref) < 0) date = { ...date, y: ref.y + 1 };
    return { date, months: 0, base: 0 };
  }
  // "early 2027", "Anfang 2027": the first week of that year, as "early January" would be.
  const yearStart = /(20\d\d)$/.exec(p);
  if (yearStart) return { date: { y: Number(yearStart[1]), m: 1, d: 7 }, months: 0, base: 0 };
  const season = /(spring|summer|autumn|fall|winter)$/.exec(p)?.[1];
  if (season) {
    // A season counts from its first day, this year's unless it has already begun.
    const [m, d] = SEASON_START[season] ?? [6, 21];
    let date: Ymd = { y: ref.y, m, d };
    if (compare(date, ref) < 0) date = { ...date, y: ref.y + 1 };
    if (/^late/.test(p)) date = addMonths(date, 2);
    return { date, months: 0, base: 0 };
  }
  if (/next month|próximo mes|mois prochain|nächsten monat|próximo mês/.test(p)) {
    const n = addMonths({ ...ref, d: 1 }, 1);
    return { date: endOfMonth(n.y, n.m), months: 0, base: 0 };
  }
  if (/next quarter|nächsten quartal/.test(p)) {
    const q = quarterOf(ref) + 1;
    return { date: q > 4 ? endOfQuarter(ref.y + 1, 1) : endOfQuarter(ref.y, q), months: 0, base: 2 };
  }
  if (/quarter|trimestre|quartal/.test(p)) return { date: endOfQuarter(ref.y, quarterOf(ref)), months: 0, base: 2 };
  // "maybe next year" is vague but certainly over six months away: its earliest reading counts.
  if (
    /next (?:calendar )?year|que viene|próximo año|prochaine|an prochain|nächstes jahr|nächsten jahr|próximo ano|ano que vem/.test(
      p,
    )
  ) {
    // Only certain when even its first day is over six months away; from July on it may be near.
    const jan = { y: ref.y + 1, m: 1, d: 1 };
    return monthsBetween(ref, jan) > 6 ? { date: jan, months: 0, base: 2 } : null;
  }
  // "this year" alone is often about budgets ("zero budget this year"); it needs a buying cue.
  if (/year|jahresende|año|année|ano/.test(p)) return { date: { y: ref.y, m: 12, d: 31 }, months: 0, base: 0 };
  if (/black friday|cyber monday/.test(p)) {
    let bf = blackFriday(ref.y);
    if (compare(bf, ref) < 0) bf = blackFriday(ref.y + 1);
    return { date: /cyber/.test(p) ? addDays(bf, 3) : bf, months: 0, base: 1 };
  }
  if (/holiday season/.test(p)) return { date: { y: ref.y, m: 11, d: 30 }, months: 0, base: 1 };
  const xmas = { y: ref.y, m: 12, d: 25 };
  return { date: compare(xmas, ref) < 0 ? { ...xmas, y: ref.y + 1 } : xmas, months: 0, base: 1 };
}

function durationMonths(count: number, unit: string): number {
  const u = unit.toLowerCase();
  if (/^(day|días|dias|tag|jour)/.test(u)) return Math.max(1, Math.ceil(count / 30.44));
  if (/^(week|wk|semana|woche|semaine|settiman|weken)/.test(u)) return Math.max(1, Math.ceil((count * 7) / 30.44));
  // A sprint is two weeks unless the lead says otherwise.
  if (/^sprint/.test(u)) return Math.max(1, Math.ceil((count * 14) / 30.44));
  if (/^(year|yr|jahr|ans|année)/.test(u)) return count * 12;
  return Math.max(1, count);
}

/**
 * Finds the purchase / decision / go-live date the lead states and turns it into whole months
 * from `receivedAt`. Dates count only next to a buying cue; history, follow-ups and mail headers
 * are ignored. The strongest cue wins, then the earliest mention.
 */
export function findTimeline(scope: Scope, receivedAt: string): TimelineFinding | null {
  const text = scope.text;
  const ref = parseIso(receivedAt);
  const cands: Candidate[] = [];
  const allowed = (pos: number): boolean => {
    const r = scope.roleAt(pos);
    return (r === 'lead' || r === 'other') && !scope.masked(pos);
  };
  const push = (
    start: number,
    end: number,
    date: Ymd | null,
    months: number,
    base: number,
    rolled: boolean,
    named: boolean,
  ): void => {
    const st = strengthOf(scope, start);
    if (st.dead) return;
    const strength = Math.max(st.strength, base);
    if (strength < 2 || (rolled && strength < 3)) return;
    if (NEGATED.test(text.slice(Math.max(0, start - 8), start))) return;
    const [sStart] = scope.sentenceAt(start);
    if (NO_DATE.test(text.slice(Math.max(sStart, start - 80), start))) return;
    if (date && compare(date, ref) < 0) return;
    const m = date ? monthsBetween(ref, date) : months;
    const evStart = st.cueAt < start && start - st.cueAt <= 60 ? st.cueAt : start;
    cands.push({
      start,
      end,
      date,
      months: m,
      strength: scope.roleAt(start) === 'lead' ? strength : strength - 1,
      evStart,
      named,
    });
  };

  MONTH_DATE.lastIndex = 0;
  for (let m = MONTH_DATE.exec(text); m; m = MONTH_DATE.exec(text)) {
    const [, qual, dayBefore, word, dayAfter, year] = m;
    if (!word || !allowed(m.index)) continue;
    // "may" and "mar" are ordinary words in lower case; "Jan" is also a name, so it needs context.
    if (
      /^(may|mar|mai)$/.test(word) ||
      (/^(Jan|Mar)$/.test(word) &&
        !qual &&
        !dayBefore &&
        !dayAfter &&
        !year &&
        !/(?:in|by|before|until|end|ends|from|since)\s+$/i.test(text.slice(Math.max(0, m.index - 8), m.index)))
    )
      continue;
    const month = monthNumber(word);
    if (!month) continue;
    const dayRaw = dayBefore ?? dayAfter;
    const day = dayRaw ? Number(dayRaw) : null;
    if (day !== null && (day < 1 || day > 31)) continue;
    let y: number;
    let rolled = false;
    if (year) y = Number(year);
    else {
      const yf = yearFor(ref, month, day);
      if (yf.past) continue;
      y = yf.y;
      rolled = yf.rolled;
    }
    push(m.index, m.index + m[0].length, qualifiedDay(y, month, qual, day), 0, 0, rolled, true);
  }

  QUARTER.lastIndex = 0;
  for (let m = QUARTER.exec(text); m; m = QUARTER.exec(text)) {
    if (!allowed(m.index)) continue;
    const [, qual, qRaw, year] = m;
    const q = Number(qRaw);
    let y = year ? Number(year) : ref.y;
    if (!year && compare(endOfQuarter(y, q), ref) < 0) y++;
    const after = /^(after|nach|après|apres|después|depois)$/i.test(qual ?? '');
    const startOf = /^(start|beginning|early)$/i.test(qual ?? '');
    let date = endOfQuarter(y, q);
    if (after) date = addDays(date, 1);
    else if (startOf) date = { y, m: q * 3 - 2, d: 1 };
    push(m.index, m.index + m[0].length, date, 0, after ? 2 : 0, false, true);
  }

  ORDINAL_QUARTER.lastIndex = 0;
  for (let m = ORDINAL_QUARTER.exec(text); m; m = ORDINAL_QUARTER.exec(text)) {
    const q = ordinalOf(m[1] ?? '');
    if (!q || !allowed(m.index)) continue;
    let y = m[2] ? Number(m[2]) : ref.y;
    if (!m[2] && compare(endOfQuarter(y, q), ref) < 0) y++;
    push(m.index, m.index + m[0].length, endOfQuarter(y, q), 0, 0, false, true);
  }

  HALF.lastIndex = 0;
  for (let m = HALF.exec(text); m; m = HALF.exec(text)) {
    if (!allowed(m.index)) continue;
    const half = m[1] ? Number(m[1]) : m[2]?.toLowerCase() === 'first' ? 1 : 2;
    let y = Number(m[3] ?? m[4] ?? 0) || (/next year/i.test(m[0]) ? ref.y + 1 : ref.y);
    if (!m[3] && !m[4] && compare(endOfMonth(y, half * 6), ref) < 0) y++;
    push(m.index, m.index + m[0].length, endOfMonth(y, half * 6), 0, 0, false, true);
  }

  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) {
    if (!allowed(m.index) || m[0] === '24/7') continue;
    let a = Number(m[1]);
    let b = Number(m[2]);
    if (b > 12 && a <= 12) [a, b] = [b, a];
    if (a < 1 || a > 31 || b < 1 || b > 12) continue;
    let y = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : ref.y;
    if (!m[3] && compare({ y, m: b, d: a }, ref) < 0) y++;
    push(m.index, m.index + m[0].length, { y, m: b, d: a }, 0, 0, !m[3] && y > ref.y, true);
  }

  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m; m = DURATION.exec(text)) {
    if (!allowed(m.index)) continue;
    // A range ("6-8 weeks", "1-2 months") counts as its lower bound, as the policy reads ranges of
    // money and headcount.
    const n = parseCount(m[1] ?? '');
    if (!Number.isFinite(n) || n <= 0) continue;
    push(m.index, m.index + m[0].length, null, durationMonths(n, m[3] ?? ''), 2, false, false);
  }

  RELATIVE.lastIndex = 0;
  for (let m = RELATIVE.exec(text); m; m = RELATIVE.exec(text)) {
    if (!allowed(m.index)) continue;
    const r = relativeDate(m[1] ?? '', ref);
    if (!r) continue;
    push(m.index, m.index + m[0].length, r.date, r.months, r.base, false, r.date !== null);
  }

  // Labelled fields ("Timeline: 3 months", "Timing: 30/09") get the bare forms and chrono.
  for (let pos = text.search(/\S/); pos >= 0 && pos < text.length;) {
    const [ls, le] = scope.lineAt(pos);
    const line = text.slice(ls, le);
    const label = LABEL_LINE.exec(line);
    if (label && allowed(ls) && !cands.some((c) => c.start >= ls && c.start < le)) {
      BARE_DURATION.lastIndex = 0;
      const b = BARE_DURATION.exec(line.slice(label[0].length));
      if (b) {
        const s = ls + label[0].length + b.index;
        push(s, s + b[0].length, null, durationMonths(Number(b[1]), b[2] ?? ''), 5, false, false);
      } else {
        const refDate = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12));
        const res = chrono.parse(line.slice(label[0].length), refDate, { forwardDate: true })[0];
        if (res) {
          const d = res.start.date();
          const s = ls + label[0].length + res.index;
          push(
            s,
            s + res.text.length,
            { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() },
            0,
            5,
            false,
            true,
          );
        }
      }
    }
    if (le <= pos) break;
    pos = le;
  }

  let best: Candidate | undefined;
  for (const c of cands)
    if (!best || c.strength > best.strength || (c.strength === best.strength && c.start < best.start)) best = c;
  if (!best) return null;
  const value: TimelineValue = { months: best.months };
  if (best.date && best.named) value.date = toIso(best.date);
  return {
    value,
    evidence: [evidence(text, best.evStart, best.end)],
    confidence: Math.min(0.9, 0.4 + best.strength / 10),
  };
}
