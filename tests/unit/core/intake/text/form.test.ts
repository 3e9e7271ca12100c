import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { checkShape, roleText } from './roles.js';

describe('parseText: web form', () => {
  it('maps fields to the contact and keeps each answer line in the lead', () => {
    const text = `Form: Request a demo
First name: Jess
Last name: Okafor
Work email: jess@tinytinker.co
Company: Tiny Tinker (habit tracker)
Company size: 1-10
Job title: Founder
Country: United Kingdom
Phone: 020 7946 0958
Message: hiya!! we're a 4 person team.
can pay around £100/mo.`;
    const p = parseText(text);
    expect(p.channel).toBe('web_form');
    expect(checkShape(p)).toEqual([]);
    expect(roleText(p, 'header')).toBe('Form: Request a demo\n');
    const lead = roleText(p, 'lead');
    expect(lead).toContain('Company size: 1-10');
    expect(lead).toContain('can pay around £100/mo.');
    expect(p.contact).toEqual({
      name: 'Jess Okafor',
      email: 'jess@tinytinker.co',
      phone: '+442079460958',
      title: 'Founder',
      company: 'Tiny Tinker',
      website: 'tinytinker.co',
    });
  });

  it('finds a phone written in the message after a cue word', () => {
    const p = parseText(`Form: Talk to Sales\nName: Étienne Gagnon\nCompany: Caisse Boréale (digital banking, Montréal)\nCountry: Canada\nMessage: I'm the budget holder. Phone: 514-555-0187.`);
    expect(p.contact).toMatchObject({ name: 'Étienne Gagnon', company: 'Caisse Boréale', phone: '+15145550187', email: null, website: null });
  });
});
