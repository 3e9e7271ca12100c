import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { checkShape, roleText } from './roles.js';

const REPLY_WITH_QUOTE = `Subject: Re: Harbor pricing

Hi Elena,

Thanks for the recap. Our budget is $18,000 a year and we want to go live in May.

Tobias

On Tue, Mar 3, 2026 at 10:15 AM Elena Park <elena@harboranalytics.com> wrote:
> Hi Tobias, Growth is USD 24,000/year for up to 50 seats.
> Enterprise starts at USD 60,000.
> Best, Elena
`;

describe('parseText: email', () => {
  it('keeps the seller’s quoted reply and its numbers out of every lead span', () => {
    const p = parseText(REPLY_WITH_QUOTE, { channel: 'email', receivedAt: '2026-03-04' });
    expect(checkShape(p)).toEqual([]);
    const lead = roleText(p, 'lead');
    expect(lead).toContain('$18,000 a year');
    expect(lead).not.toContain('24,000');
    expect(lead).not.toContain('60,000');
    expect(roleText(p, 'seller')).toContain('USD 24,000/year');
    expect(roleText(p, 'header')).toContain('wrote:');
    expect(p.sentAt).toBe('2026-03-03');
    expect(p.contact.name).toBe('Tobias');
    // The seller's address must never become the lead's.
    expect(p.contact.email).toBeNull();
    expect(p.contact.website).toBeNull();
  });

  it('treats deeper quotes without an attribution as quoted, not the lead’s', () => {
    const text = `Sounds good, our budget is 40k.\n\n> On Mon, 2 Mar 2026, Sam Rep <sam@harboranalytics.com> wrote:\n> See pricing below.\n>> Old note: 90k\n`;
    const p = parseText(text, { channel: 'email' });
    expect(roleText(p, 'lead')).toContain('40k');
    expect(roleText(p, 'quoted')).toContain('90k');
    expect(roleText(p, 'seller')).toContain('See pricing below.');
  });

  it('finds the customer inside an internal forward by our rep', () => {
    const text = `---------- Forwarded message ---------
From: Kev Mitchell <kev@harboranalytics.com>
To: Alicia Romero <alicia@harboranalytics.com>
Subject: Fwd: need analytics

Hot one for you, she called twice. 3 calls today. K

---------- Forwarded message ---------
From: Tamsin Reid <tamsin@bloomandbrew.co.uk>
Date: Mon, 8 Jun 2026
Subject: need analytics

We are about 150 staff and can spend £25k a year.
TAMSIN REID
MANAGING DIRECTOR
BLOOM & BREW LTD | 0161 555 0123
`;
    const p = parseText(text, { receivedAt: '2026-06-09' });
    expect(p.channel).toBe('email');
    expect(checkShape(p)).toEqual([]);
    expect(roleText(p, 'seller')).toContain('Hot one for you');
    expect(roleText(p, 'lead')).toContain('£25k a year');
    expect(roleText(p, 'lead')).not.toContain('3 calls today');
    expect(roleText(p, 'signature')).toContain('MANAGING DIRECTOR');
    expect(p.sentAt).toBe('2026-06-08');
    expect(p.contact).toEqual({
      name: 'Tamsin Reid',
      email: 'tamsin@bloomandbrew.co.uk',
      phone: '+441615550123',
      title: 'Managing Director',
      company: 'Bloom & Brew Ltd',
      website: 'bloomandbrew.co.uk',
    });
  });

  it('reads title, company and phone from a signature', () => {
    const text = `Subject: Replacing Mixpanel\n\nWe have $30k a year.\n\nThanks,\nPriya Raman\nVP of Product | Lendwell\n+1 (646) 555-0142 | 41 W 24th St, New York, NY 10010`;
    const p = parseText(text, { channel: 'email' });
    expect(p.contact).toMatchObject({ name: 'Priya Raman', title: 'VP of Product', company: 'Lendwell', phone: '+16465550142' });
    expect(roleText(p, 'signature')).toContain('VP of Product | Lendwell');
    expect(roleText(p, 'lead')).not.toContain('555-0142');
    // The lead's own subject line is their words; its "Subject:" key is a header.
    expect(roleText(p, 'lead')).toContain('Replacing Mixpanel');
    expect(roleText(p, 'header')).toBe('Subject: ');
  });

  it('never derives a website or company from a free-mail address', () => {
    const text = `From: Jane Doe <jane.doe@gmail.com>\nDate: Tue, 10 Mar 2026 09:00:00 +0000\nSubject: pricing\n\nHi, what does Starter cost?\n\nJane`;
    const p = parseText(text, {});
    expect(p.contact).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@gmail.com', website: null, company: null });
    expect(p.sentAt).toBe('2026-03-10');
  });

  it('derives website and a conservative company from a business address when no signature says', () => {
    const p = parseText(`From: Ola Nordmann <ola@acme-corp.io>\nSubject: demo\n\nCan we get a demo?`, {});
    expect(p.contact).toMatchObject({ email: 'ola@acme-corp.io', website: 'acme-corp.io', company: 'Acme Corp' });
  });

  it('handles an Outlook thread: lead, a colleague’s approval, our rep’s reply', () => {
    const text = `Subject: Re: Re: pricing

Hi Jordan, adding our CFO who approved the spend.

Ben Alvarez
Product Lead | Cartwheel
cartwheel.shop | +1 (503) 555-0117

---
From: Mei Tanaka <mei@cartwheel.shop>
Sent: Friday, February 20, 2026 8:02 AM
To: Ben Alvarez <ben@cartwheel.shop>
Subject: RE: Re: pricing

Approved up to $28k/yr.

---
From: Jordan Pike <jordan@harboranalytics.com>
Sent: Wednesday, February 18, 2026 4:45 PM
To: Ben Alvarez <ben@cartwheel.shop>
Subject: Re: pricing

Growth is USD 24,000/year.
`;
    const p = parseText(text, { channel: 'email', receivedAt: '2026-02-20' });
    expect(checkShape(p)).toEqual([]);
    const lead = roleText(p, 'lead');
    expect(lead).toContain('adding our CFO');
    expect(lead).toContain('$28k/yr');
    expect(lead).not.toContain('24,000');
    expect(p.segments.find((s) => s.role === 'lead' && p.text.slice(s.start, s.end).includes('$28k'))?.author).toBe('Mei Tanaka');
    expect(p.sentAt).toBe('2026-02-20');
    expect(p.contact).toMatchObject({ name: 'Ben Alvarez', email: 'ben@cartwheel.shop', company: 'Cartwheel', website: 'cartwheel.shop', phone: '+15035550117' });
  });

  it('parses German Outlook headers and keeps our rep’s price out of the lead', () => {
    const text = `Hi Marcus,\n\nbudget is confirmed at EUR 75,000 per year.\n\nBest regards,\nKatrin Vogel\nDirector Digital Products\nNordkamm Payments GmbH\nTel. +49 40 5550 1234\n\n-----Ursprüngliche Nachricht-----\nVon: Marcus Lee <marcus.lee@harboranalytics.com>\nGesendet: Mittwoch, 28. Januar 2026 17:12\nAn: Katrin Vogel\nBetreff: order form\n\nList price from USD 60,000/year.\n\nBest,\nMarcus`;
    const p = parseText(text, { channel: 'email' });
    expect(roleText(p, 'lead')).toContain('EUR 75,000');
    expect(roleText(p, 'lead')).not.toContain('60,000');
    expect(roleText(p, 'signature')).not.toContain('Marcus');
    expect(p.sentAt).toBe('2026-01-28');
    expect(p.contact).toMatchObject({ name: 'Katrin Vogel', phone: '+494055501234', title: 'Director Digital Products', company: 'Nordkamm Payments GmbH' });
  });

  it('keeps offsets exact with CRLF line breaks', () => {
    const text = 'Subject: hi\r\n\r\nWe need funnels.\r\n\r\nBest,\r\nAna Lima\r\nCTO, Pixel Co\r\n';
    const p = parseText(text, { channel: 'email' });
    expect(checkShape(p)).toEqual([]);
    expect(roleText(p, 'lead')).toContain('We need funnels.');
    expect(p.contact).toMatchObject({ name: 'Ana Lima', title: 'CTO', company: 'Pixel Co' });
  });
});
