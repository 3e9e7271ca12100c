import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { checkShape, roleText } from './roles.js';

describe('parseText: call notes', () => {
  const text = `Notes - call w/ Oliver Grant (COO) - Stackwise Ltd (UK B2B SaaS, HR software)
- 85 emp, 3 product squads
- Bdgt: £1.5k/mo max, OG has sign-off
- NB: order #48213 is their webinar signup, ignore
- Next: demo Tue 10th w/ Head of Eng`;

  it('treats the notes as the lead’s side and our next steps as seller', () => {
    const p = parseText(text);
    expect(p.channel).toBe('call_notes');
    expect(checkShape(p)).toEqual([]);
    const lead = roleText(p, 'lead');
    expect(lead).toContain('85 emp');
    expect(lead).toContain('Stackwise Ltd (UK B2B SaaS');
    expect(lead).not.toContain('48213');
    expect(lead).not.toContain('Tue 10th');
    expect(roleText(p, 'seller')).toContain('Next: demo');
  });

  it('reads the contact from the title line', () => {
    expect(parseText(text).contact).toMatchObject({ name: 'Oliver Grant', title: 'COO', company: 'Stackwise Ltd', email: null });
  });

  it('reads "Contact:" and "@ Company" cues', () => {
    const p = parseText(`Inbound call - 3/19\nCaller: Maya (intern, Growth team) @ Brightpath Learning (edtech SaaS, ~300 ppl)\n- no budget yet\n- TODO: get Chris on a call`, { channel: 'call_notes' });
    expect(p.contact).toMatchObject({ name: 'Maya', title: 'intern', company: 'Brightpath Learning' });
    const q = parseText(`Call notes 8/3 - Skyward Travel (online travel agency)\nContact: Beatriz Lima, VP Digital (decides)\n- Budget: $60k/yr`, { channel: 'call_notes' });
    expect(q.contact).toMatchObject({ name: 'Beatriz Lima', title: 'VP Digital', company: 'Skyward Travel' });
  });
});
