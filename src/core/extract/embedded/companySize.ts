import type { Evidence } from '../../../contract/index.js';
import { EN_WORD_NUM_SRC, MULT_SRC, NUM_SRC, multiplierOf, parseEnglishNumber, parseNumber } from './numbers.js';
import { evidence, type Scope } from './scope.js';

export interface SizeFinding {
  value: number;
  evidence: Evidence[];
  confidence: number;
}

// Words for employees in EN / DE / ES / PT / FR, plus the abbreviations of call notes.
// "emplo\w*" also covers typos such as "emploees" and the French "employés".
const NOUN = String.raw`(?:emplo\w*|empleados|staff|people|persons|personas|pessoas|personnes|ppl|folks|FTEs?|headcount|workers|colleagues|team\s+members|Mitarbeiter(?:innen|n)?|Leute[n]?|Personen|Mitarbeitende[n]?|Beschäftigte[n]?|funcionários|funcionarios|colaboradores|salariés|salaries|collaborateurs|trabajadores|dipendenti|persone|collaboratori|medewerkers|werknemers|mensen|emp)(?![\p{L}])`;
const APPROX = String.raw`(?:~|ca\.?|circa|ongeveer|about|around|roughly|approx(?:imately|\.)?|almost|nearly|over|more than|some|unos|unas|cerca\s+de|environ|etwa|rund|ungefähr|aprox(?:imadamente)?|like)?\s*`;
const RANGE = String.raw`(?:\s?(?:-|–|—|to|and|bis|a|à|até|y|e|et)\s?(${NUM_SRC})(${MULT_SRC})?)?`;

/** "320 employees", "~3k emp", "2.400 Mitarbeitende", "50-100 people", "1000+ staff". */
const COUNT_NOUN = new RegExp(
  String.raw`(?<![\w.,])(${NUM_SRC})(${MULT_SRC})?${RANGE}\s?(\+)?\s*(?:full[- ]time\s+|total\s+|regular\s+)?${NOUN}`,
  'giu',
);
/** "a 300-person fintech", "a 4 person team", "a 1,200-person retailer". */
const PERSON_ADJ = new RegExp(String.raw`(?<![\w.,])(${NUM_SRC})(${MULT_SRC})?\s?-?\s?(?:person|strong|employee|Personen|Person)(?![\p{L}])`, 'giu');
/** "35 of us", "we're 18", "we're a team of 40". */
const WE_ARE = new RegExp(
  String.raw`(?<![\p{L}])(?:we(?:'re|\s+are)\s+(?:a\s+team\s+of\s+)?${APPROX}|(?:^|[\s(])(?:somos|nous sommes|wir sind|siamo|wij zijn|we zijn)\s+${APPROX})(${NUM_SRC})(?![\d.,]*\s*(?:%|k\b|years?|months?|weeks?|days?|markets|countries|offices|stores|users|customers|seats))`,
  'giu',
);
/** "headcount ~600", "team size: 120" written noun-first. */
const HEADCOUNT = new RegExp(String.raw`(?<![\p{L}])(?:headcount|head count|hc|total staff|staff count|employee count)\s*(?:of|is|at|:|=)?\s*${APPROX}(${NUM_SRC})(${MULT_SRC})?`, 'giu');
/**
 * Headcounts in words: "fifty employees", "a dozen staff". Only nouns that mean the payroll: "two
 * people will join the call" is about attendees, not the company.
 */
const WORD_COUNT = new RegExp(String.raw`(?<![\p{L}])(${EN_WORD_NUM_SRC})\s+(?:full[- ]time\s+)?(?:employees|staff|FTEs|folks|people on (?:the )?payroll)(?![\p{L}])`, 'giu');
/** Call notes' "Team of five, bootstrapped." at the start of a sentence: the whole company. */
const TEAM_OF = new RegExp(String.raw`(?:^|[.!;:\n]\s*|\b(?:small|tiny|whole)\s+)team\s+of\s+(\d{1,3}|${EN_WORD_NUM_SRC})(?=\s*(?:[,.;)!]|$|\s+(?:in total|total|people|ppl|folks)\b))`, 'gimu');
const OF_US = new RegExp(String.raw`(?<![\w.,])(${NUM_SRC})\s+of\s+us(?![\p{L}])`, 'giu');
/** Form fields: "Company size: 51-200", "Employees: 75", "Mitarbeiter: 80", "Company size: 1000+". */
const FIELD = new RegExp(
  String.raw`^[ \t]*[-•*]?[ \t]*[^:\n]{0,25}(?:company\s+size|size|employees|headcount|team\s+size|mitarbeiter\w*|mitarbeitende|beschäftigte|dipendenti|medewerkers|unternehmensgröße|empleados|tamaño|funcionários|funcionarios|colaboradores|tamanho|effectif|employés|salariés|taille)[^:\n]{0,25}:[ \t]*(?:<\/?\w+>\s*)*(?:between\s+|entre\s+|zwischen\s+)?(${NUM_SRC})(${MULT_SRC})?(?:\s?(?:-|–|—|to|and|bis|a|à|até|y|e|et)\s?(${NUM_SRC}))?\s?(\+)?`,
  'gimu',
);
// A sub-unit rather than the company: "product org is like 90 ppl", "26 people in engineering".
const SUBUNIT_BEFORE = /(?<![\p{L}])(org|organi[sz]ation|team|department|dept|squad|division|group|engineering|product and engineering|my team|our team|unit|office|of which)(?![\p{L}])[^.,;\n]{0,14}$/iu;
const SUBUNIT_AFTER = /^\s*(?:in|on)\s+(?:the\s+|our\s+|my\s+)?(?:product|engineering|eng|marketing|sales|support|data|analytics|office|team|it|dev|r&d|growth)\b/i;
const PAST = /(?<![\p{L}])(previous|former|formerly|used to|last job|worked|ex-)(?![\p{L}])[^.\n]{0,60}$/iu;
const WE_CONTEXT = /(?<![\p{L}])(we(?:'re|\s+are)|we\s+have|our\s+company|company\s+is|company\s+of|somos|nous sommes|wir sind|total|headcount)(?![\p{L}])[^.\n]{0,40}$/iu;

interface Candidate {
  start: number;
  end: number;
  value: number;
  score: number;
}

/**
 * The company's headcount. Form fields and "N employees" statements count; seats, users,
 * volunteers, a team inside the company and a former employer do not. Ranges count as their
 * lower bound.
 */
export function findCompanySize(scope: Scope): SizeFinding | null {
  const text = scope.text;
  const cands: Candidate[] = [];
  const allowed = (pos: number): number => {
    if (scope.masked(pos)) return -1;
    const r = scope.roleAt(pos);
    if (r === 'lead' || r === 'signature') return 0;
    if (r === 'other' || r === 'quoted') return -1.5;
    return -99;
  };
  const add = (start: number, end: number, raw: string, mult: string | undefined, score: number): void => {
    const penalty = allowed(start);
    if (penalty <= -99) return;
    const value = Math.round((/\d/.test(raw) ? parseNumber(raw) : parseEnglishNumber(raw)) * multiplierOf(mult));
    if (!Number.isFinite(value) || value < 1 || value > 2_000_000) return;
    const before = text.slice(Math.max(scope.sentenceAt(start)[0], start - 70), start);
    if (PAST.test(before)) return;
    cands.push({ start, end, value, score: score + penalty });
  };

  FIELD.lastIndex = 0;
  for (let m = FIELD.exec(text); m; m = FIELD.exec(text)) {
    // A range is weaker than a plain number stated elsewhere ("1-10" vs "we're a 4 person team").
    add(m.index, m.index + m[0].length, m[1] ?? '', m[2], m[3] ? 3.5 : 5);
  }
  COUNT_NOUN.lastIndex = 0;
  for (let m = COUNT_NOUN.exec(text); m; m = COUNT_NOUN.exec(text)) {
    const [, raw, mult, upRaw, upMult] = m;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (SUBUNIT_BEFORE.test(before) || SUBUNIT_AFTER.test(after)) continue;
    // "volunteers", "players" never reach here; "people" is weaker than "employees".
    const weakNoun = /people|persons|personas|pessoas|personnes|ppl/i.test(m[0]);
    const we = WE_CONTEXT.test(before);
    // "30-40k" style ranges borrow the upper magnitude for the lower bound.
    const useMult = mult ?? (upRaw && upMult ? upMult : undefined);
    add(m.index, m.index + m[0].length, raw ?? '', useMult, (weakNoun ? 3 : 4) + (we ? 0.5 : 0) - (upRaw ? 0.2 : 0));
  }
  PERSON_ADJ.lastIndex = 0;
  for (let m = PERSON_ADJ.exec(text); m; m = PERSON_ADJ.exec(text)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (/^\s*(?:product|engineering|data|analytics|sales|marketing|support)?\s*(?:team|org|squad|department)\b/i.test(after) && !/we(?:'re|\s+are)\s+(?:a\s+)?~?\s*$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    add(m.index, m.index + m[0].length, m[1] ?? '', m[2], 4);
  }
  WE_ARE.lastIndex = 0;
  for (let m = WE_ARE.exec(text); m; m = WE_ARE.exec(text)) {
    const numStart = m.index + m[0].length - (m[1] ?? '').length;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (!/^\s*(?:[,.!)]|$|\s+(?:all|now|people|person|of us|in total|total|strong|here|and|employees|staff))/i.test(after + ' ')) continue;
    add(numStart, m.index + m[0].length, m[1] ?? '', undefined, /team of/i.test(m[0]) ? 2.5 : 3);
  }
  HEADCOUNT.lastIndex = 0;
  for (let m = HEADCOUNT.exec(text); m; m = HEADCOUNT.exec(text)) add(m.index, m.index + m[0].length, m[1] ?? '', m[2], 4);
  WORD_COUNT.lastIndex = 0;
  for (let m = WORD_COUNT.exec(text); m; m = WORD_COUNT.exec(text)) {
    const raw = m[1] ?? '';
    // "a"/"an"/"a couple" are articles far more often than headcounts.
    if (/^(?:an?|a couple(?:\s+of)?)$/i.test(raw.trim())) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (SUBUNIT_BEFORE.test(before)) continue;
    add(m.index, m.index + m[0].length, raw, undefined, 3.5 + (WE_CONTEXT.test(before) ? 0.5 : 0));
  }
  TEAM_OF.lastIndex = 0;
  for (let m = TEAM_OF.exec(text); m; m = TEAM_OF.exec(text)) {
    const raw = m[1] ?? '';
    if (/^(?:an?|a couple(?:\s+of)?)$/i.test(raw.trim())) continue;
    const numStart = m.index + m[0].length - raw.length;
    add(m.index + m[0].search(/team/i), numStart + raw.length, raw, undefined, 2.5);
  }
  OF_US.lastIndex = 0;
  for (let m = OF_US.exec(text); m; m = OF_US.exec(text)) add(m.index, m.index + m[0].length, m[1] ?? '', undefined, 3);

  let best: Candidate | undefined;
  for (const c of cands) if (!best || c.score > best.score || (c.score === best.score && c.start < best.start)) best = c;
  if (!best || best.score < 1.5) return null;
  return { value: best.value, evidence: [evidence(text, best.start, best.end)], confidence: Math.min(0.95, 0.45 + best.score / 10) };
}
