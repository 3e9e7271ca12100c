import { describe, expect, it } from 'vitest';
import { companyFromDomain, websiteFromEmail } from '../../../../../src/core/intake/text/company.js';
import { isFreeMailDomain } from '../../../../../src/core/intake/text/freemail.js';
import { findPhone, regionHint } from '../../../../../src/core/intake/text/phone.js';
import { detectChannel } from '../../../../../src/core/intake/text/channel.js';
import { splitLines } from '../../../../../src/core/intake/text/lines.js';

describe('free-mail domains', () => {
  it.each(['gmail.com', 'outlook.com', 'hotmail.co.uk', 'yahoo.co.jp', 'icloud.com', 'proton.me', 'gmx.de', 'web.de', 'aol.com', 'live.com', 'mail.ru', 'yandex.ru', 'qq.com', '163.com', 'mail.yahoo.com'])(
    '%s is free mail',
    (d) => expect(isFreeMailDomain(d)).toBe(true),
  );
  it('business domains are not', () => {
    expect(isFreeMailDomain('lendwell.com')).toBe(false);
    expect(isFreeMailDomain('cartwheel.shop')).toBe(false);
  });
  it('no website or company from free mail', () => {
    const isSeller = (e: string): boolean => e.endsWith('@harboranalytics.com');
    expect(websiteFromEmail('a@gmail.com', isSeller)).toBeNull();
    expect(websiteFromEmail('a@harboranalytics.com', isSeller)).toBeNull();
    expect(websiteFromEmail('a@lendwell.com', isSeller)).toBe('lendwell.com');
    expect(companyFromDomain('gmail.com')).toBeNull();
    expect(companyFromDomain('acme-corp.io')).toBe('Acme Corp');
    expect(companyFromDomain('bloomandbrew.co.uk')).toBe('Bloomandbrew');
  });
});

describe('phone numbers', () => {
  it.each([
    ['+1 (646) 555-0142', 'US', '+16465550142'],
    ['Tel. +49 40 5550 1234', 'US', '+494055501234'],
    ['0161 555 0123', 'GB', '+441615550123'],
    ['+33 1 42 68 53 00', 'US', '+33142685300'],
    ['+81 3-1234-5678', 'US', '+81312345678'],
    ['(02) 9374 4000', 'AU', '+61293744000'],
    ['no number here, order #48213', 'US', null],
  ] as const)('%s in %s -> %s', (text, region, expected) => {
    expect(findPhone(text, region)).toBe(expected);
  });
  it('guesses the region from the email TLD, then place names, else US', () => {
    expect(regionHint('bloomandbrew.co.uk', '')).toBe('GB');
    expect(regionHint('surfstack.com.au', '')).toBe('AU');
    expect(regionHint(null, 'we are based in Toronto')).toBe('CA');
    expect(regionHint(null, 'hello')).toBe('US');
  });
});

describe('channel detection', () => {
  it.each([
    ['Subject: hi\n\nWe need funnels.\n\nBest,\nAna', 'email'],
    ['Visitor: hi\nAgent: hello\nVisitor: pricing?', 'chat'],
    ['[10:02] Ana: hi\n[10:03] Sam (Harbor): hello', 'chat'],
    ['Name: Ana\nEmail: ana@x.io\nCompany: X\nMessage: hi', 'web_form'],
    ['Call 7 May - Vantor Bank\n- Need: funnels\n- Budget: 90k', 'call_notes'],
    ['Daniela Cruz · 9:41 AM\nHi there!', 'linkedin'],
    ['Hi Sara, thanks for connecting! We need funnels.', 'linkedin'],
  ] as const)('%j -> %s', (text, channel) => {
    expect(detectChannel(splitLines(text))).toBe(channel);
  });
});

describe('self-introduction', () => {
  it('fills title and company only from a job-title introduction', async () => {
    const { selfIntroduction } = await import('../../../../../src/core/intake/text/contact.js');
    expect(selfIntroduction("Hi! I'm Head of E-commerce at Lumen & Loom (home textiles).")).toEqual({ title: 'Head of E-commerce', company: 'Lumen & Loom' });
    expect(selfIntroduction("Now I'm co-founder at Tiller Studio. We're 25 people")).toEqual({ title: 'co-founder', company: 'Tiller Studio' });
    expect(selfIntroduction("I'm based in Toronto and open to relocating")).toBeNull();
    expect(selfIntroduction("I'm happy at Acme")).toBeNull();
  });
});
