import { describe, expect, it } from 'vitest';
import { extract } from './helpers.js';

describe('competitors', () => {
  it('lists products used or evaluated, in mention order', () => {
    expect(extract("We're on Google Analytics and if this drags on I'm going with Amplitude.").facts.competitors.value).toEqual(['Google Analytics', 'Amplitude']);
    expect(extract('Curr: GA + Hotjar').facts.competitors.value).toEqual(['Google Analytics']);
    expect(extract('we use google analitycs and mixpanel both').facts.competitors.value).toEqual(['Google Analytics', 'Mixpanel']);
  });

  it("skips the sender's employer, a former employer and Harbor's ads", () => {
    expect(extract('I used to work at Mixpanel. Now we need retention charts.').facts.competitors.value).toBeNull();
    expect(extract('I saw your ads comparing Harbor to Amplitude.').facts.competitors.value).toBeNull();
    const x = extract("I'm on the product marketing team at Amplitude; could you share your pricing tiers and which of your customers migrated from us?");
    expect(x.facts.disqualifier.value).toBe('competitor');
    expect(x.facts.competitors.value).toBeNull();
  });
});

describe('need', () => {
  it('is stated when the lead names a use', () => {
    expect(extract('We need funnels and retention by merchant cohort.').facts.need.value).toBe('stated');
    expect(extract('looking for something to see why people leave the checkout').facts.need.value).toBe('stated');
  });

  it('is unclear for a bare price request or an admitted uncertainty', () => {
    expect(extract('hi - can u send ur pricing? thx').facts.need.value).toBeNull();
    expect(extract("I want better data. Honestly I'm not sure yet whether that's product analytics, a CDP or BI.").facts.need.value).toBe('unclear');
  });
});

describe('disqualifier', () => {
  it.each([
    ['EARN $5,000/DAY WITH AI CRYPTO SIGNALS 100% GUARANTEED join now t.me/cryptoalpha', 'spam'],
    ["I'd love to be considered for the Solutions Engineer opening on your careers page. My resume is attached.", 'job_seeker'],
    ['We help B2B SaaS companies like Harbor book 20+ qualified demos a month. Worth a 15-minute call?', 'vendor_pitch'],
    ['We need berth availability and tide data for our vessels. Who at the port authority handles it?', 'wrong_recipient'],
    ['i run a minecraft server with some friends, its just for fun, not a company', 'personal'],
    ['We have zero budget for analytics this year and no plans to get any.', 'no_budget'],
  ])('%s -> %s', (text, value) => {
    expect(extract(text).facts.disqualifier.value).toBe(value);
  });

  it('does not disqualify a budget that is only not approved yet', () => {
    expect(extract('Budget: no budget approved yet, the CFO signs.').facts.disqualifier.value).toBeNull();
  });

  it('blanks the facts of a sender who is not a buyer', () => {
    const x = extract("I'm a data analyst with 5 years of experience and I'd love to be considered for the opening on your careers page. I built funnels at a 500-person company.");
    expect(x.facts.disqualifier.value).toBe('job_seeker');
    expect(x.facts.company_size.value).toBeNull();
    expect(x.intent.kind).toBe('job_application');
  });
});
