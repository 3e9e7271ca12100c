import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { checkShape, roleText } from './roles.js';

describe('parseText: chat', () => {
  it('splits timestamped turns into header labels, lead words and our agent’s words', () => {
    const text = `[10:02] Visitor: does Growth include session replay?
[10:02] Harbor Bot: connecting you now.
[10:04] Sam (Harbor): Yes. Growth is USD 24,000/year.
[10:05] Visitor: we're 35 people, budget about 15k USD/yr
and we want it within 2 months`;
    const p = parseText(text);
    expect(p.channel).toBe('chat');
    expect(checkShape(p)).toEqual([]);
    const lead = roleText(p, 'lead');
    expect(lead).toContain('budget about 15k USD/yr');
    expect(lead).toContain('within 2 months');
    expect(lead).not.toContain('24,000');
    expect(lead).not.toContain('10:05');
    expect(roleText(p, 'seller')).toContain('USD 24,000/year');
    expect(roleText(p, 'header')).toContain('[10:04] Sam (Harbor): ');
  });

  it('reads name, title and company from the visitor label', () => {
    const text = `[09:12] Visitor (Ravi Menon, Eng Manager @ Kestrel Pay): we leaked a key\n[09:13] Agent (Harbor): escalating\n[09:15] Visitor (Ravi Menon): thanks`;
    const p = parseText(text, { channel: 'chat' });
    expect(p.contact).toMatchObject({ name: 'Ravi Menon', title: 'Eng Manager', company: 'Kestrel Pay' });
    expect(p.segments.filter((s) => s.role === 'lead').every((s) => s.author === 'Ravi Menon')).toBe(true);
  });

  it('handles untimed labels and keeps "Budget: 20k" inside a turn', () => {
    const text = `Visitor: hi, we are 40 people\nBudget: 20k\nAgent (Priya, Harbor): Starter is USD 6,000/year.\nVisitor: ok`;
    const p = parseText(text);
    expect(p.channel).toBe('chat');
    expect(roleText(p, 'lead')).toContain('Budget: 20k');
    expect(roleText(p, 'seller')).toContain('USD 6,000');
    expect(roleText(p, 'seller')).not.toContain('Budget');
    expect(p.contact.name).toBeNull();
  });

  it('picks up an email the visitor typed', () => {
    const p = parseText(`Visitor: reach me at ana@pixel.io or call me on +44 20 7946 0958\nAgent: thanks!`, { channel: 'chat' });
    expect(p.contact).toMatchObject({ email: 'ana@pixel.io', website: 'pixel.io', phone: '+442079460958' });
  });
});

describe('parseText: linkedin', () => {
  it('takes the header line as the sender and the message as lead', () => {
    const text = `Leah Abara · 6:20 PM\nHi Marco, thanks for connecting! We have a ~£2k/month budget.`;
    const p = parseText(text);
    expect(p.channel).toBe('linkedin');
    expect(checkShape(p)).toEqual([]);
    expect(roleText(p, 'header')).toBe('Leah Abara · 6:20 PM\n');
    expect(roleText(p, 'lead')).toContain('£2k/month');
    expect(p.contact.name).toBe('Leah Abara');
  });

  it('treats our rep’s reply in a LinkedIn thread as seller', () => {
    const text = `Leah Abara · 6:20 PM\nHi Marco, budget is £2k/month.\nMarco Rossi · 6:45 PM\nGreat, Growth is USD 24,000/year.`;
    const p = parseText(text, { channel: 'linkedin' });
    expect(roleText(p, 'lead')).not.toContain('24,000');
    expect(roleText(p, 'seller')).toContain('24,000');
  });

  it('reads a closing "- Name | Role @ Company" line as a signature', () => {
    const text = `Hi Jamie - could you share Harbor's Enterprise price list?\n- Drew Callahan | Growth @ PostHog | ex-Segment`;
    const p = parseText(text, { channel: 'linkedin' });
    expect(roleText(p, 'signature')).toContain('Drew Callahan');
    expect(p.contact).toMatchObject({ name: 'Drew Callahan', company: 'PostHog' });
  });
});
