import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Hints that say which country a local number ("0161 555 0123") belongs to, checked in order.
const TLD_REGION: ReadonlyArray<readonly [RegExp, CountryCode]> = [
  [/\.(?:co\.)?uk$/, 'GB'],
  [/\.(?:com\.)?au$/, 'AU'],
  [/\.(?:co\.)?nz$/, 'NZ'],
  [/\.ca$/, 'CA'],
  [/\.de$/, 'DE'],
  [/\.at$/, 'AT'],
  [/\.ch$/, 'CH'],
  [/\.fr$/, 'FR'],
  [/\.es$/, 'ES'],
  [/\.pt$/, 'PT'],
  [/\.it$/, 'IT'],
  [/\.nl$/, 'NL'],
  [/\.be$/, 'BE'],
  [/\.ie$/, 'IE'],
  [/\.(?:co\.)?in$/, 'IN'],
  [/\.sg$/, 'SG'],
  [/\.(?:co\.)?jp$/, 'JP'],
  [/\.(?:com\.)?br$/, 'BR'],
  [/\.pl$/, 'PL'],
  [/\.se$/, 'SE'],
  [/\.dk$/, 'DK'],
  [/\.fi$/, 'FI'],
  [/\.no$/, 'NO'],
];

const TEXT_REGION: ReadonlyArray<readonly [RegExp, CountryCode]> = [
  [/\b(?:United Kingdom|UK|England|Scotland|Wales|London|Manchester|Edinburgh|Glasgow|Ltd)\b|£/, 'GB'],
  [/\b(?:Canada|Canadian|Toronto|Montréal|Montreal|Vancouver|Calgary|Ottawa|CAD)\b/, 'CA'],
  [/\b(?:Australia|Sydney|Melbourne|Brisbane|Perth|AUD)\b/, 'AU'],
  [/\b(?:Germany|Deutschland|Berlin|Hamburg|München|Munich|Stuttgart|GmbH)\b/, 'DE'],
  [/\b(?:France|Paris|Lyon)\b/, 'FR'],
  [/\b(?:Ireland|Dublin)\b/, 'IE'],
  [/\b(?:India|Pune|Bangalore|Bengaluru|Mumbai|Delhi)\b/, 'IN'],
  [/\b(?:Spain|España|Madrid|Barcelona)\b/, 'ES'],
  [/\b(?:Portugal|Lisbon|Lisboa|Porto)\b/, 'PT'],
  [/\b(?:Netherlands|Amsterdam|Rotterdam)\b/, 'NL'],
];

/** The region for numbers without a country code: the email's country TLD, then place names, else US. */
export function regionHint(emailDomain: string | null, text: string): CountryCode {
  if (emailDomain) {
    for (const [re, cc] of TLD_REGION) if (re.test(emailDomain)) return cc;
  }
  for (const [re, cc] of TEXT_REGION) if (re.test(text)) return cc;
  return 'US';
}

// Digit runs that could be a phone number; each is then checked by libphonenumber, which is
// much cheaper than letting it scan the whole text.
const CANDIDATE_RE = /\+?\(?\d[\d\s()./-]{5,22}\d/g;

/** The first valid phone number in `text`, as E.164, or null. */
export function findPhone(text: string, region: CountryCode): string | null {
  CANDIDATE_RE.lastIndex = 0;
  for (let m = CANDIDATE_RE.exec(text); m; m = CANDIDATE_RE.exec(text)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) continue;
    const parsed = parsePhoneNumberFromString(raw, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

// Phone numbers written in running text only count after a cue, so order numbers and
// amounts are never taken for one.
const PHONE_CUE_RE =
  /(?:phone|tel(?:ephone)?|mobile|mob|cell|whats ?app|call me (?:on|at)|reach me (?:on|at)|ring me on)\.?\s*(?:no\.?|number)?\s*[:#]?\s*(\+?[\d(][\d\s()./-]{5,22}\d)/gi;

/** A phone number introduced by a cue word ("Phone: 514-555-0187", "call me on 07700 900123"). */
export function findCuedPhone(text: string, region: CountryCode): string | null {
  PHONE_CUE_RE.lastIndex = 0;
  for (let m = PHONE_CUE_RE.exec(text); m; m = PHONE_CUE_RE.exec(text)) {
    const p = findPhone(m[1] ?? '', region);
    if (p) return p;
  }
  return null;
}
