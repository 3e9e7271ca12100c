import { isBlank, type Line } from './lines.js';
import { cleanName, isNameLike } from './names.js';

/** A signature found at the end of a message body, as indices into that body's line list. */
export interface SignatureBlock {
  /** First and last body positions (inclusive) of the signature, disclaimers included. */
  from: number;
  to: number;
  /** The signer's name when a line says it. */
  name: string | null;
  /** Signature lines after the name line: title, company, phone, website. */
  detailLines: Line[];
}

// A closing line, optionally followed by the name on the same line ("Thanks, Lin").
const SIGNOFF_RE =
  /^\s*(?:thanks(?: again| so much)?|thank you|many thanks|thx|ty|cheers|best|all the best|best wishes|best regards|kind regards|warm regards|warmest regards|regards|warmly|sincerely|yours sincerely|yours truly|take care|talk soon|viele grüße|beste grüße|liebe grüße|mit freundlichen grüßen|freundliche grüße|grüße|obrigad[oa]|abraços|atenciosamente|saludos|un saludo|cordialmente|cordialement|bien à vous|merci|cordiali saluti|grazie|met vriendelijke groet|groeten|med venlig hilsen|pozdrawiam)\s*[,.!]*\s*(?:[-–—]\s*)?(.{0,40}?)\s*$/i;
const DASH_NAME_RE = /^\s*(?:--?|–|—)\s*([^,|·]{1,40}?)\s*(?:[,|·]\s*(.+))?$/;
const MOBILE_FOOTER_RE = /^\s*(?:sent from my|get outlook for|sent via|von meinem)\b/i;
const DISCLAIMER_RE =
  /^\s*(?:confidentiality notice|disclaimer|this (?:e-?mail|message)(?: and any attachments?)? (?:is|are|may|contains?)|the information (?:contained )?in this (?:e-?mail|message)|please consider the environment)/i;
const MAX_SIGNATURE_LINES = 7;
const MAX_SIGNATURE_LINE_CHARS = 100;
const SIGNOFF_SEARCH_LINES = 14;

/** The name carried by a sign-off line, or undefined when the line is not a sign-off. */
export function signoffName(text: string): string | null | undefined {
  const m = SIGNOFF_RE.exec(text);
  if (!m) return undefined;
  const rest = (m[1] ?? '').trim();
  if (rest.length === 0) return null;
  return isNameLike(rest) ? cleanName(rest) : undefined;
}

/** "- Hannah Lindqvist, Co-founder & CEO" -> name and the rest, else null. */
export function dashNameLine(text: string): { name: string; rest: string | null } | null {
  const m = DASH_NAME_RE.exec(text);
  if (!m) return null;
  const name = (m[1] ?? '').trim();
  if (!isNameLike(name)) return null;
  return { name: cleanName(name) ?? name, rest: m[2]?.trim() ?? null };
}

/**
 * Finds the signature at the end of one message body. Why so careful: a signature is read
 * for title and company, but it is taken out of the lead's words, so a false positive would
 * hide facts. It needs a sign-off line, a "- Name" line, or a short trailing block that
 * starts with a name.
 */
export function findSignature(body: readonly Line[]): SignatureBlock | null {
  let end = body.length - 1;
  while (end >= 0 && isBlank(body[end])) end--;
  if (end < 0) return null;

  // A legal footer is the sender's boilerplate, never their words.
  let disclaimerFrom = -1;
  let p = end;
  while (p > 0 && !isBlank(body[p - 1])) p--;
  if (DISCLAIMER_RE.test(body[p]?.text ?? '')) {
    disclaimerFrom = p;
    end = p - 1;
    while (end >= 0 && isBlank(body[end])) end--;
  }

  const close = (from: number, to: number, name: string | null, details: Line[]): SignatureBlock => ({
    from,
    to: disclaimerFrom >= 0 ? body.length - 1 : to,
    name,
    detailLines: details,
  });
  if (end < 0) return disclaimerFrom >= 0 ? close(disclaimerFrom, body.length - 1, null, []) : null;

  // 1. An explicit sign-off close to the end.
  let seen = 0;
  for (let i = end; i >= 0 && seen < SIGNOFF_SEARCH_LINES; i--) {
    const line = body[i];
    if (!line || isBlank(line)) continue;
    seen++;
    const inline = signoffName(line.text);
    if (inline === undefined) continue;
    // Anything the sign-off runs into: the name, title, company lines, until a blank line.
    let to = i;
    let name = inline;
    const details: Line[] = [];
    for (let j = i + 1; j <= end && j - i <= MAX_SIGNATURE_LINES; j++) {
      const l = body[j];
      if (!l) break;
      if (isBlank(l)) {
        if (j === i + 1) continue;
        break;
      }
      if (l.text.length > MAX_SIGNATURE_LINE_CHARS) break;
      to = j;
      if (name === null) {
        const dash = dashNameLine(l.text);
        if (dash) {
          name = dash.name;
          if (dash.rest) details.push(l);
          continue;
        }
        const first = firstField(l.text);
        if (isNameLike(first)) {
          name = cleanName(first);
          if (first.length < l.text.trim().length) details.push(l);
          continue;
        }
      }
      details.push(l);
    }
    return close(i, to, name, details);
  }

  // 2. No sign-off: a short trailing block that starts with a name ("TAMSIN REID\nMANAGING DIRECTOR").
  let top = end;
  while (top > 0 && end - top < MAX_SIGNATURE_LINES - 1) {
    const prev = body[top - 1];
    if (!prev || isBlank(prev) || prev.text.length > MAX_SIGNATURE_LINE_CHARS) break;
    top--;
  }
  for (let i = top; i <= end; i++) {
    const l = body[i];
    if (!l) continue;
    if (MOBILE_FOOTER_RE.test(l.text)) {
      const after = body.slice(i + 1, end + 1).filter((x) => !isBlank(x));
      const nameLine = after.find((x) => isNameLike(x.text));
      return close(i, end, nameLine ? cleanName(nameLine.text) : null, after.filter((x) => x !== nameLine));
    }
    const dash = dashNameLine(l.text);
    if (dash) return close(i, end, dash.name, body.slice(i, end + 1));
    const first = firstField(l.text);
    if (isNameLike(first) && end - i < MAX_SIGNATURE_LINES - 1) {
      // A lone capitalised word mid-block ("Grocerly") is too weak unless it ends the body.
      const oneWord = !/\s/.test(first.trim());
      if (oneWord && i !== end && i !== top) continue;
      const details = body.slice(i + 1, end + 1);
      if (first.length < l.text.trim().length) details.unshift(l);
      return close(i, end, cleanName(first), details);
    }
  }
  return disclaimerFrom >= 0 ? close(disclaimerFrom, body.length - 1, null, []) : null;
}

const FIELD_SPLIT_RE = /\s*(?:\||·|•|,|\s[-–—]\s)\s*/;

/** The first field of a signature line ("Kyle Brennan | Product Marketing Manager"). */
function firstField(text: string): string {
  return (text.trim().split(FIELD_SPLIT_RE)[0] ?? '').trim();
}
