import { describe, expect, it } from 'vitest';
import { extract } from './helpers.js';

const sizeOf = (text: string) => extract(text).facts.company_size.value;

describe('company size', () => {
  it('prefers the company over a team inside it', () => {
    expect(sizeOf('I manage a team of 8 analysts at a 2,000-person company.')).toBe(2000);
    expect(sizeOf('~1,200 ppl, fintech (card issuing), product org is like 90 ppl')).toBe(1200);
    expect(sizeOf('26 people in product and engineering now need access. Company is Brightloop, 110 employees.')).toBe(110);
  });

  it('does not read a user group, seats or volunteers as headcount', () => {
    expect(sizeOf('My team of 12 analysts would be the main users.')).toBeNull();
    expect(sizeOf("We'd need roughly 30 seats across product and engineering.")).toBeNull();
    expect(sizeOf('we have 14 markets and 3M monthly visitors')).toBeNull();
  });

  it('takes the lower bound of a range and reads 1000+', () => {
    expect(sizeOf('Company size: 501-1000')).toBe(501);
    expect(sizeOf('Company size: 1000+')).toBe(1000);
    expect(sizeOf('How many employees?: between 50 and 100')).toBe(50);
  });

  it('reads headcounts in several languages and abbreviations', () => {
    expect(sizeOf('Nordkamm Payments GmbH · ca. 2.400 Mitarbeitende')).toBe(2400);
    expect(sizeOf('app de movilidad, Madrid, unos 400 empleados')).toBe(400);
    expect(sizeOf('somos uma fintech com 150 funcionários')).toBe(150);
    expect(sizeOf('environ 1 200 salariés')).toBe(1200);
    expect(sizeOf('Vantor Bank (EU retail bank, ~3k emp)')).toBe(3000);
    expect(sizeOf('- headcount ~600')).toBe(600);
  });

  it('reads "we are N" and "N of us"', () => {
    expect(sizeOf("we're a B2B scheduling SaaS, 35 of us total")).toBe(35);
    expect(sizeOf("We're a team of 40, all remote")).toBe(40);
    expect(sizeOf("we're a 4 person team making a habit tracker app")).toBe(4);
  });

  it('makes a company under 10 too small', () => {
    expect(extract("We're 6 people building a B2B invoicing tool.").facts.disqualifier.value).toBe('too_small');
  });
});
