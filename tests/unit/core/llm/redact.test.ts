import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, redact, restore, restoreDeep, toOriginalOffset } from '../../../../src/core/llm/redact.js';

const TEXT = `Hi, I'm Ana (ana.silva@example.com, cc ana.silva@example.com). Call +44 20 7946 0958.
Pay with 4242 4242 4242 4242 or IBAN DE89 3704 0044 0532 0130 00. Account number: 12345678.
Order 1234 5678 9012 3456 is not a card. Budget USD 40,000 per year.`;

describe('redaction', () => {
  it('masks emails, phones, Luhn-valid cards, IBANs and bank numbers', () => {
    const r = redact(TEXT);
    expect(r.text).not.toContain('ana.silva@example.com');
    expect(r.text).not.toContain('4242 4242 4242 4242');
    expect(r.text).not.toContain('DE89 3704');
    expect(r.text).not.toContain('7946 0958');
    expect(r.text).not.toContain('12345678');
    expect(r.text).toContain('1234 5678 9012 3456'); // fails Luhn
    expect(r.text).toContain('USD 40,000');
    expect(r.text.match(/\[EMAIL_1\]/g)).toHaveLength(2); // same value, same placeholder
    expect(r.entries.map((e) => e.kind).sort()).toEqual(['BANK', 'CARD', 'EMAIL', 'IBAN', 'PHONE']);
  });

  it('round-trips: restore(redact(x)) === x', () => {
    for (const t of [TEXT, '', 'no personal data here', 'a@b.co a@b.co b@c.io', 'literal [EMAIL_1] and real x@y.com']) {
      const r = redact(t);
      expect(restore(r.text, r)).toBe(t);
    }
  });

  it('restores values nested in model output', () => {
    const r = redact(TEXT);
    const out = restoreDeep({ quotes: ['reach me at [EMAIL_1]'], n: 3, nested: [{ q: '[CARD_1]' }] }, r);
    expect(out).toEqual({ quotes: ['reach me at ana.silva@example.com'], n: 3, nested: [{ q: '4242 4242 4242 4242' }] });
  });

  it('maps offsets in the redacted text back to the original', () => {
    const r = redact(TEXT);
    const red = r.text.indexOf('Budget');
    expect(TEXT.slice(toOriginalOffset(r, red), toOriginalOffset(r, red) + 6)).toBe('Budget');
    const ph = r.text.indexOf('[CARD_1]');
    expect(toOriginalOffset(r, ph)).toBe(TEXT.indexOf('4242'));
    expect(toOriginalOffset(r, ph + '[CARD_1]'.length, 'end')).toBe(TEXT.indexOf('4242') + '4242 4242 4242 4242'.length);
  });

  it('checksums', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });
});
