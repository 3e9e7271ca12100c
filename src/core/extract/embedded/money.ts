import type { BudgetValue } from '../../../contract/index.js';
import { EN_WORD_NUM_SRC, MULT_SRC, NUM_SRC, multiplierOf, parseEnglishNumber, parseNumber } from './numbers.js';

/** An amount of money as written: where it is, its lower bound and what surrounds it. */
export interface MoneyMention {
  start: number;
  end: number;
  amount: number;
  /** ISO code, or null when the text names no currency next to the number. */
  currency: string | null;
  period: BudgetValue['period'];
  /** True when the period was written (not defaulted to a year). */
  periodWritten: boolean;
  /** A unit that makes it a non-budget: an hourly or daily rate, a percentage, a count of things. */
  foreignUnit: boolean;
  isRange: boolean;
  hasMultiplier: boolean;
}

// Symbols before codes so "US$" wins over "$"; the bare "$" is USD (the seller's market).
const CURRENCY_TOKENS: Array<[RegExp, string]> = [
  [/^(?:US\$|U\.S\.\s?\$|USD|dollars?|dólares|dolares|usd)$/i, 'USD'],
  [/^(?:C\$|CA\$|CAD|cad)$/i, 'CAD'],
  [/^(?:A\$|AU\$|AUD)$/i, 'AUD'],
  [/^(?:NZ\$|NZD)$/i, 'NZD'],
  [/^(?:S\$|SGD)$/i, 'SGD'],
  [/^(?:R\$|BRL|reais)$/i, 'BRL'],
  [/^(?:€|EUR|euros?|Euro)$/i, 'EUR'],
  [/^(?:£|GBP|pounds?|libras?)$/i, 'GBP'],
  [/^(?:CHF|Fr\.)$/i, 'CHF'],
  [/^(?:PLN|zł|złotych)$/i, 'PLN'],
  [/^(?:¥|JPY|yen)$/i, 'JPY'],
  [/^(?:₹|INR)$/i, 'INR'],
  [/^\$$/, 'USD'],
];
const CODES = 'USD|EUR|GBP|CAD|AUD|NZD|SGD|CHF|PLN|SEK|NOK|DKK|JPY|INR|MXN|BRL';
const CUR_PREFIX = String.raw`(?:US\$|U\.S\.\s?\$|C\$|CA\$|A\$|AU\$|NZ\$|S\$|R\$|\$|€|£|¥|₹|(?:${CODES})(?![A-Za-z]))`;
const CUR_SUFFIX = String.raw`(?:${CODES}|€|£|\$|zł|euros?|Euro|dollars?|dólares|pounds?|libras?|reais|CHF|złotych)(?![A-Za-z])`;
const RANGE_SEP = String.raw`\s?(?:-|–|—|to|and|bis|a|à|até|y|e|et|au)\s?`;

/**
 * One pass over the text finds every number, optionally with a currency before or after and an
 * optional upper bound. Groups: 1 prefix currency, 2 number, 3 suffix, 4 upper prefix,
 * 5 upper number, 6 upper suffix, 7 currency after.
 */
const MONEY = new RegExp(
  String.raw`(?<![\w.,])(?:(${CUR_PREFIX})\s?~?\s?)?(${NUM_SRC})(${MULT_SRC})?` +
    String.raw`(?:${RANGE_SEP}(?:(${CUR_PREFIX})\s?)?(${NUM_SRC})(${MULT_SRC})?)?` +
    String.raw`(?:\s?(${CUR_SUFFIX}))?`,
  'g',
);

// Periods written after the amount: "/yr", "per annum", "a month", "jährlich", "por mês", "par an".
const PERIOD_AFTER = new RegExp(
  String.raw`^\s*\)?\s*(?:(?:${CODES})\s*)?(?:,\s*)?(?:(?:\/|per|a|an|each|every|pro|im|al|por|par|ao|em|au|each|l'|all'|ogni)\s*)?` +
    String.raw`(years?|yr|y|annum|annually|yearly|annual|p\.?\s?a\.?|jährlich|jahr|jährlich|año|ano|an|anuales|anual|annuel|months?|mo|monthly|monat(?:lich)?|mes|mês|mensual(?:es)?|mensais|mensal|mois|maand|mese|al mese|anno|jaar|kwartaal|quarters?|qtr|quarterly|quartal|trimestre|trimestral|hours?|hr|h|days?|day|weeks?|tag|día|dia|jour|seats?|users?|licen[cs]es?|employees?|visitors|events|calls|head|person|%|x)(?![a-zA-Zäöüéêíóúç])`,
  'i',
);
const PERIOD_BEFORE = /(annual|yearly|per year|a year|monthly|per month|quarterly|per quarter|jährlich|monatlich|anual|mensual|mensal|annuel|mensuel|trimestral)(?:\s+(?:budget|spend|presupuesto|orçamento|budget)\w*)?\W{0,20}$/i;
const ONE_OFF = /\b(one[- ]?time|one[- ]?off|single payment|einmalig\w*|pago único|pagamento único|ponctuel\w*|lump sum)\b/i;

function currencyOf(token: string | undefined): string | null {
  if (!token) return null;
  const t = token.trim();
  for (const [re, code] of CURRENCY_TOKENS) if (re.test(t)) return code;
  return /^[A-Z]{3}$/.test(t) ? t : null;
}

function periodOf(word: string): BudgetValue['period'] | 'foreign' {
  const w = word.toLowerCase().replace(/\s/g, '');
  if (/^(years?|yr|y|annum|annually|yearly|annual|p\.?a\.?|jährlich|jahr|año|ano|an|anuales|anual|annuel|anno|jaar)$/.test(w)) return 'year';
  if (/^(months?|mo|monthly|monat|monatlich|mes|mês|mensual|mensuales|mensais|mensal|mois|maand|mese|almese)$/.test(w)) return 'month';
  if (/^(quarters?|qtr|quarterly|quartal|trimestre|trimestral|kwartaal)$/.test(w)) return 'quarter';
  return 'foreign';
}

/** The period written around an amount ("/yr" after, "monthly budget:" before, "one-off" near). */
function periodAround(text: string, start: number, end: number): { period: BudgetValue['period']; periodWritten: boolean; foreignUnit: boolean } {
  const pm = PERIOD_AFTER.exec(text.slice(end, end + 40));
  if (pm?.[1]) {
    const p = periodOf(pm[1]);
    if (p === 'foreign') return { period: 'year', periodWritten: false, foreignUnit: true };
    return { period: p, periodWritten: true, foreignUnit: false };
  }
  const pb = PERIOD_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (pb?.[1]) {
    const p = periodOf(pb[1].replace(/^(per|a)\s+/i, ''));
    if (p !== 'foreign') return { period: p, periodWritten: true, foreignUnit: false };
    if (/^(a year|per year)$/i.test(pb[1])) return { period: 'year', periodWritten: true, foreignUnit: false };
    if (/^(per month)$/i.test(pb[1])) return { period: 'month', periodWritten: true, foreignUnit: false };
    if (/^(per quarter)$/i.test(pb[1])) return { period: 'quarter', periodWritten: true, foreignUnit: false };
  }
  if (ONE_OFF.test(text.slice(Math.max(0, start - 30), Math.min(text.length, end + 30)))) return { period: 'one_off', periodWritten: true, foreignUnit: false };
  return { period: 'year', periodWritten: false, foreignUnit: false };
}

/**
 * Amounts written in words: "two grand a quarter", "fifty thousand dollars", "a couple hundred
 * euros". A magnitude word is required, so "two" alone is never money.
 */
const WORD_MONEY = new RegExp(
  String.raw`(?<![\p{L}\d])(${EN_WORD_NUM_SRC})(?:\s+(?:and|to|or|-)\s+(?:${EN_WORD_NUM_SRC}))?\s+(grand|thousand|hundred|k|million)(?![\p{L}])(?:\s+(dollars|bucks|euros|pounds|quid))?`,
  'giu',
);
const WORD_MAGNITUDE: Record<string, number> = { grand: 1e3, thousand: 1e3, k: 1e3, hundred: 100, million: 1e6 };
const WORD_CURRENCY: Record<string, string> = { dollars: 'USD', bucks: 'USD', euros: 'EUR', pounds: 'GBP', quid: 'GBP' };

/** Every number in the text read as a possible amount of money, in text order. */
export function findMoney(text: string): MoneyMention[] {
  const out: MoneyMention[] = [];
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m; m = MONEY.exec(text)) {
    const [whole, pre, num, mult, upPre, upNum, upMult, suf] = m;
    if (!num) continue;
    const upperMultiplier = multiplierOf(upMult);
    let factor = multiplierOf(mult);
    // "30-40k", "between 8 and 15k": the lower bound borrows the upper bound's magnitude.
    if (!mult && upMult && upNum && parseNumber(num) < parseNumber(upNum)) factor = upperMultiplier;
    const amount = Math.round(parseNumber(num) * factor * 100) / 100;
    const currency = currencyOf(pre) ?? currencyOf(upPre) ?? currencyOf(suf);
    const end = m.index + whole.length;
    out.push({
      start: m.index,
      end,
      amount,
      currency,
      ...periodAround(text, m.index, end),
      isRange: Boolean(upNum),
      hasMultiplier: Boolean(mult || upMult),
    });
  }
  WORD_MONEY.lastIndex = 0;
  for (let m = WORD_MONEY.exec(text); m; m = WORD_MONEY.exec(text)) {
    const n = parseEnglishNumber(m[1] ?? '');
    const factor = WORD_MAGNITUDE[(m[2] ?? '').toLowerCase()];
    if (!Number.isFinite(n) || !factor) continue;
    const end = m.index + m[0].length;
    const currency = m[3] ? (WORD_CURRENCY[m[3].toLowerCase()] ?? null) : /^grand$/i.test(m[2] ?? '') ? 'USD' : null;
    out.push({ start: m.index, end, amount: n * factor, currency, ...periodAround(text, m.index, end), isRange: false, hasMultiplier: true });
  }
  return out.sort((a, b) => a.start - b.start);
}
