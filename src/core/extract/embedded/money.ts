import type { BudgetValue } from '../../../contract/index.js';
import { MULT_SRC, NUM_SRC, multiplierOf, parseNumber } from './numbers.js';

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
  String.raw`^\s*\)?\s*(?:(?:${CODES})\s*)?(?:,\s*)?(?:(?:\/|per|a|an|each|every|pro|im|al|por|par|ao|em|au|each)\s*)?` +
    String.raw`(years?|yr|y|annum|annually|yearly|annual|p\.?\s?a\.?|jährlich|jahr|jährlich|año|ano|an|anuales|anual|annuel|months?|mo|monthly|monat(?:lich)?|mes|mês|mensual(?:es)?|mensais|mensal|mois|quarters?|qtr|quarterly|quartal|trimestre|trimestral|hours?|hr|h|days?|day|weeks?|tag|día|dia|jour|seats?|users?|licen[cs]es?|employees?|visitors|events|calls|head|person|%|x)(?![a-zA-Zäöüéêíóúç])`,
  'i',
);
const PERIOD_BEFORE = /(annual|yearly|per year|a year|monthly|per month|quarterly|per quarter|jährlich|monatlich|anual|mensual|mensal|annuel|mensuel|trimestral)\W{0,20}$/i;
const ONE_OFF = /\b(one[- ]?time|one[- ]?off|single payment|einmalig\w*|pago único|pagamento único|ponctuel\w*|lump sum)\b/i;

function currencyOf(token: string | undefined): string | null {
  if (!token) return null;
  const t = token.trim();
  for (const [re, code] of CURRENCY_TOKENS) if (re.test(t)) return code;
  return /^[A-Z]{3}$/.test(t) ? t : null;
}

function periodOf(word: string): BudgetValue['period'] | 'foreign' {
  const w = word.toLowerCase().replace(/\s/g, '');
  if (/^(years?|yr|y|annum|annually|yearly|annual|p\.?a\.?|jährlich|jahr|año|ano|an|anuales|anual|annuel)$/.test(w)) return 'year';
  if (/^(months?|mo|monthly|monat|monatlich|mes|mês|mensual|mensuales|mensais|mensal|mois)$/.test(w)) return 'month';
  if (/^(quarters?|qtr|quarterly|quartal|trimestre|trimestral)$/.test(w)) return 'quarter';
  return 'foreign';
}

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
    const after = text.slice(end, end + 40);
    const pm = PERIOD_AFTER.exec(after);
    let period: BudgetValue['period'] = 'year';
    let periodWritten = false;
    let foreignUnit = false;
    if (pm?.[1]) {
      const p = periodOf(pm[1]);
      if (p === 'foreign') foreignUnit = true;
      else {
        period = p;
        periodWritten = true;
      }
    }
    if (!periodWritten) {
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      const pb = PERIOD_BEFORE.exec(before);
      if (pb?.[1]) {
        const p = periodOf(pb[1].replace(/^(per|a)\s+/i, ''));
        if (p !== 'foreign') {
          period = p;
          periodWritten = true;
        } else if (/^(a year|per year)$/i.test(pb[1])) {
          period = 'year';
          periodWritten = true;
        } else if (/^(per month)$/i.test(pb[1])) {
          period = 'month';
          periodWritten = true;
        } else if (/^(per quarter)$/i.test(pb[1])) {
          period = 'quarter';
          periodWritten = true;
        }
      }
    }
    const near = text.slice(Math.max(0, m.index - 30), Math.min(text.length, end + 30));
    if (!periodWritten && ONE_OFF.test(near)) {
      period = 'one_off';
      periodWritten = true;
    }
    out.push({
      start: m.index,
      end,
      amount,
      currency,
      period,
      periodWritten,
      foreignUnit,
      isRange: Boolean(upNum),
      hasMultiplier: Boolean(mult || upMult),
    });
  }
  return out;
}
