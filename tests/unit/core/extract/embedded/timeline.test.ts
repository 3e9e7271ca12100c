import { describe, expect, it } from 'vitest';
import { extract } from './helpers.js';

const monthsOf = (text: string, receivedAt: string) => extract(text, receivedAt).facts.timeline.value?.months ?? null;

describe('timeline', () => {
  it('counts whole months to a named date, rounding up', () => {
    expect(monthsOf("I'd like to have a contract signed before the end of March.", '2026-01-08')).toBe(3);
    expect(monthsOf('We want to sign by 15 March.', '2026-02-02')).toBe(2);
    expect(monthsOf('Purchase decision by mid-August.', '2026-06-23')).toBe(2);
    expect(monthsOf('We want to be live by December 1st.', '2026-10-26')).toBe(2);
  });

  it('keeps the target date', () => {
    expect(extract('Decision by end of October.', '2026-07-09').facts.timeline.value).toEqual({ months: 4, date: '2026-10-31' });
  });

  it('reads quarters and relative periods', () => {
    expect(monthsOf('Timeline: This quarter', '2026-04-06')).toBe(3);
    expect(monthsOf('We need to decide by the end of next quarter.', '2026-02-15')).toBe(5);
    expect(monthsOf('When do you plan to buy?: Before the end of Q3', '2026-07-30')).toBe(2);
    expect(monthsOf('not this year - sometime next year, after our Q2 replatforming is done', '2026-09-08')).toBe(10);
    expect(monthsOf('We want to be live in 3 months.', '2026-03-26')).toBe(3);
    expect(monthsOf('need it live in 6 weeks', '2026-05-21')).toBe(2);
    expect(monthsOf('We want something in place by September.', '2026-06-02')).toBe(3);
    expect(monthsOf('Live by the end of H1.', '2026-02-01')).toBe(5);
  });

  it('reads weekdays and seasons next to a buying cue', () => {
    expect(monthsOf("We'd sign by Friday if the numbers work.", '2026-03-02')).toBe(1);
    expect(monthsOf('We want to be live before summer.', '2026-03-02')).toBe(4);
    expect(monthsOf('Worth a 15-minute call next Tuesday?', '2026-03-02')).toBeNull();
    expect(monthsOf('We need Harbor live before Black Friday.', '2026-07-20')).toBe(5);
  });

  it('reads ASAP and this month as 1', () => {
    expect(monthsOf('Timeline: ASAP - our current tool cannot do cohorts', '2026-04-21')).toBe(1);
    expect(monthsOf("I'd like to move to Growth this month.", '2026-05-04')).toBe(1);
  });

  it('reads dates in German, French, Spanish and Portuguese', () => {
    expect(monthsOf('Ziel ist eine Einführung bis Ende September.', '2026-06-19')).toBe(4);
    expect(monthsOf('Nous voulons une solution en production d’ici juin.', '2026-03-10')).toBe(3);
    expect(monthsOf("Nous voulons une solution en production d'ici juin.", '2026-03-10')).toBe(3);
    expect(monthsOf('Queremos decidir antes de final de octubre.', '2026-08-10')).toBe(3);
    expect(monthsOf('Queremos começar até março.', '2026-01-15')).toBe(2);
  });

  it('ignores history, follow-ups, headers and durations that are not plans', () => {
    expect(monthsOf('I filled in your form on Feb 20 and again on Mar 2 and nobody got back to me.', '2026-03-09')).toBeNull();
    expect(monthsOf('- Next: send one-pager, f/u 20 Jan\n- check in Aug', '2026-01-13')).toBeNull();
    expect(monthsOf("I'm a data analyst with 5 years of experience. Could we chat for 15 minutes this week?", '2026-01-27')).toBeNull();
    expect(monthsOf('Sent: Friday, February 20, 2026 8:02 AM', '2026-02-18')).toBeNull();
    expect(monthsOf('we need berth availability for our vessels arriving in September', '2026-08-24')).toBeNull();
  });

  it('lets a signature date beat a softer start date', () => {
    expect(monthsOf("We'd sign the contract in the first week of April. Could we start technical due diligence in January?", '2026-11-09')).toBe(5);
  });
});
