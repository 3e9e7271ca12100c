import type { BudgetValue, Evidence } from '../../../contract/index.js';
import type { MoneyMention } from './money.js';
import { evidence, type Scope } from './scope.js';

export interface BudgetFinding {
  value: BudgetValue;
  evidence: Evidence[];
  confidence: number;
}

/** Currencies the reference policy can normalise; a restatement in one of them wins. */
const SUPPORTED = new Set(['USD', 'EUR', 'GBP', 'CAD', 'AUD']);

// Words that make the amount next to them a budget: the lead's money for this purchase.
const CUE_BEFORE =
  /\b(budget\w*|(?:our|the|hard|a) cap(?: is| of)?|bdgt|confirmed|signed off on|green-?lit|we'?ve got|we have got|got approval for|cleared|aprob\w*|aprov\w*|valid[ée]|genehmigt|presupuesto|orçamento|orcamento|budżet|budzet|etat|set aside|earmarked|allocated|approved|secured|can spend|could spend|to spend|spend up to|willing to (?:pay|spend|invest)|can (?:pay|afford|invest|do|go up to)|could (?:pay|do|go)|able to (?:pay|spend)|happy to pay|max(?:imum)?|ceiling|grant|afford|invest(?:ir)?|gastar|dépenser|ausgeben|podemos pagar|we can do|requesting|prepared to (?:pay|spend)|stretch (?:up )?to|go (?:up )?to|comfortable (?:with|at)|justify|expect to (?:spend|pay|invest))\b/i;
const CUE_AFTER =
  /^[^.!?\n]{0,40}?\b(earmarked|approved|budget(?:ed)?|to spend|to put into|to invest|max(?:imum)?|ceiling|set aside|allocated|works for us|available|is what we(?:'ve| have)? budgeted|freigegeben|aprobado|aprovado)\b/i;
// Spending today is a weaker sign: it may be what they pay a competitor, not what they'd pay us.
const WEAK_BEFORE = /\b(spend(?:ing)?|pay(?:ing)?|looking at|(?:we'?re|i'?m|we are|i am) thinking|up to|we (?:have|got)|i have|there is|there's|tenemos|temos|wir haben|nous avons)\b/i;
// Money that belongs to something else: prices, charges, limits, revenue, the seller's quote.
const ANTI_BEFORE =
  /\b(quoted?|charged?|charges|paid|cobran?|cobram|nos cobran|facturan|paghiamo|pagamos|zahlen|payons|invoice\w*|refund\w*|deposit|list(?: price)?|prices?d?|pricing|costs?|starts? at|starting at|from|rates?|fees?|salary|revenue|arr|raised|funding|round|valuation|gmv|turnover|won|earn|prize|gone from|approval for|sign[- ]?off (?:up )?to|sign off up to|tools under|under|below|more than|over|is (?:usd|eur|gbp)|plans start|worth)\W{0,12}(?:\S+\W{0,3}){0,2}$/i;
const ANTI_AFTER =
  /^\W{0,3}(?:\S+\W{0,2}){0,2}?\b(list|paid|charge[ds]?|deposit|per hour|an hour|without|fee|revenue|arr(?!\s+budget)|in funding|round|from\s+"|has gone|was taken|taken from|prize|quote)\b/i;
// A rate asked about or tied to one of our plans is our price, not the lead's budget.
const PLAN_OR_QUESTION = /\b(?:starter|growth|enterprise|plan|tier|pricing|price|cost|quote)\b|\?\s*$/i;
const ANY_CURRENCY = /\b(USD|EUR|GBP|CAD|AUD|CHF|PLN)\b|[$€£]/;
const CODE_TO_CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

interface Candidate {
  m: MoneyMention;
  score: number;
  currency: string;
  cueStart: number;
}

/**
 * Picks the lead's budget among the money mentions: the amount that budget words attach to,
 * never a price, a charge, an approval limit or a number inside an injected instruction.
 */
export function findBudget(scope: Scope, money: readonly MoneyMention[]): BudgetFinding | null {
  const text = scope.text;
  const cands: Candidate[] = [];
  money.forEach((m, i) => {
    const role = scope.roleAt(m.start);
    if (role !== 'lead' && role !== 'other' && role !== 'quoted') return;
    if (scope.masked(m.start) || m.foreignUnit) return;
    const [sStart, sEnd] = scope.sentenceAt(m.start);
    const prev = money[i - 1];
    const next = money[i + 1];
    // A cue attaches to the nearest amount: it must not have to jump over another amount.
    const winStart = Math.max(sStart, prev && prev.end <= m.start && prev.end > sStart ? prev.end : sStart, m.start - 90);
    const winEnd = Math.min(sEnd, next && next.start >= m.end ? next.start : sEnd, m.end + 60);
    const before = text.slice(winStart, m.start);
    const after = text.slice(m.end, winEnd);
    const line = text.slice(...scope.lineAt(m.start));
    let score = m.currency ? 1 : 0;
    let cueStart = m.start;
    const cb = CUE_BEFORE.exec(before);
    const ca = CUE_AFTER.exec(after);
    if (cb) {
      score += 3;
      cueStart = winStart + cb.index;
    } else if (ca) score += 3;
    const weak = !cb && !ca && WEAK_BEFORE.test(before);
    if (weak) score += 2;
    // Prices and charges are read within the amount's own clause: in "budget €55k/yr; our list is
    // higher" the list price belongs to the next clause, not to the budget.
    const clauseBefore = before.slice(-45).split(/[;|]/).pop() ?? '';
    const clauseAfter = after.split(/[;|]/)[0] ?? '';
    const anti = ANTI_BEFORE.test(clauseBefore) || ANTI_AFTER.test(clauseAfter);
    if (anti) score -= 4;
    if (role !== 'lead') score -= 1;
    if (m.periodWritten) score += 0.5;
    // The lead's own "1.500 USD al mes" / "£600 a month" is a budget even without a budget word:
    // money with a currency and a rate, in the lead's words, that is no price or charge.
    if (m.currency && m.periodWritten && m.period !== 'one_off' && role === 'lead' && !anti && !cb && !ca && !weak && !PLAN_OR_QUESTION.test(text.slice(sStart, sEnd + 1))) score += 1.5;
    // A bare number needs a budget word and a size that reads like money.
    if (!m.currency && !cb && !ca) return;
    if (!m.currency && m.amount !== 0 && m.amount < 100) return;
    // A bare year ("budget cycle FY27 starts July 2027") is a date, not money.
    if (!m.currency && !m.hasMultiplier && Number.isInteger(m.amount) && m.amount >= 1990 && m.amount <= 2099 && /^\d{4}\b/.test(text.slice(m.start, m.end))) return;
    if (m.currency && m.amount > 0 && m.amount < 50 && !m.hasMultiplier) return;
    let currency = m.currency;
    if (!currency) {
      const code = ANY_CURRENCY.exec(line);
      currency = code ? (code[1] ?? CODE_TO_CURRENCY[code[0]] ?? 'USD') : 'USD';
    }
    if (!SUPPORTED.has(currency)) score -= 0.5;
    cands.push({ m, score, currency, cueStart });
  });
  let best: Candidate | undefined;
  for (const c of cands) if (c.score >= 3 && (!best || c.score > best.score)) best = c;
  if (!best) return null;
  // "100 000 PLN/yr... in usd is ~25k USD": a restatement in a supported currency wins.
  if (!SUPPORTED.has(best.currency)) {
    const chosen = best;
    const restated = cands.find((c) => c !== chosen && SUPPORTED.has(c.currency) && c.m.start > chosen.m.end && c.m.start - chosen.m.end < 140 && c.score >= 0);
    if (restated) best = restated;
  }
  const { m } = best;
  const evStart = best.cueStart < m.start && m.start - best.cueStart < 60 ? best.cueStart : m.start;
  let evEnd = m.end;
  const tail = /^\s*(?:\/\s*|per |a |an |annually|monthly|quarterly)?\s*(?:years?|yr|annum|months?|mo|quarters?|annually|monthly|quarterly)\b/i.exec(text.slice(m.end, m.end + 20));
  if (tail) evEnd = m.end + tail[0].length;
  return {
    value: { amount: m.amount, currency: best.currency, period: m.period },
    evidence: [evidence(text, evStart, evEnd)],
    confidence: Math.min(0.95, 0.5 + best.score / 10),
  };
}
