import { describe, expect, it } from 'vitest';
import { extract } from './helpers.js';

const authorityOf = (text: string) => extract(text).facts.authority.value;

describe('authority', () => {
  it('lets a statement about who signs beat a senior title', () => {
    expect(authorityOf("I'm Head of Growth. I'll need sign-off from our CFO, but I'm running the process.")).toBe('influencer');
    expect(authorityOf('Contact: Tomás Ribeiro, Head of Growth\n- he will build the business case for the CFO, who signs')).toBe('influencer');
    expect(authorityOf("I'm leading the evaluation but Greg signs the contract.")).toBe('influencer');
  });

  it('reads decision statements', () => {
    expect(authorityOf("im the CTO so I make the call")).toBe('decision_maker');
    expect(authorityOf('I own this budget: €36k/year, already approved.')).toBe('decision_maker');
    expect(authorityOf('Role: Product Owner')).toBe('influencer');
  });

  it('reads titles from signatures, fields and self-introductions', () => {
    expect(authorityOf('Thanks,\nPriya Raman\nVP of Product | Lendwell')).toBe('decision_maker');
    expect(authorityOf('Job title: Founder')).toBe('decision_maker');
    expect(authorityOf('Visitor: hey! Head of Growth at Nimbus Pay here')).toBe('decision_maker');
    expect(authorityOf('Soy la fundadora de Huerta Fresca.')).toBe('decision_maker');
  });

  it('reads end users', () => {
    expect(authorityOf("I'm a data analyst. I don't have any say in purchasing, I just pull the numbers.")).toBe('end_user');
    expect(authorityOf('Job title: Marketing intern')).toBe('end_user');
  });

  it('reads German and Spanish influencer statements', () => {
    expect(authorityOf('Ich bereite die Entscheidung für unseren Geschäftsführer vor.')).toBe('influencer');
    expect(authorityOf('La decisión final es de nuestra CPO; yo preparo la recomendación.')).toBe('influencer');
  });

  it('is unknown without a role', () => {
    expect(authorityOf('Can you send a deck and pricing?')).toBeNull();
  });
});
