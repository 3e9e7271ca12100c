import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { checkShape, roleText } from './roles.js';

describe('parseText: multilingual chat labels', () => {
  it.each([
    ['Besucher:', 'Harbor-Team:'],
    ['Kunde:', 'Berater:'],
    ['Visiteur :', 'Conseiller Harbor :'],
    ['Visitante:', 'Agente (Harbor):'],
    ['Cliente:', 'Atendente:'],
  ])('%s / %s give lead and seller turns', (visitor, agent) => {
    const text = `${visitor} Hallo, wir sind 140 Leute und brauchen Kohorten.\n${agent} Gerne, Growth kostet USD 24,000/year.\n${visitor} Budget 30.000 € pro Jahr.`;
    const p = parseText(text);
    expect(p.channel).toBe('chat');
    expect(checkShape(p)).toEqual([]);
    const lead = roleText(p, 'lead');
    expect(lead).toContain('140 Leute');
    expect(lead).toContain('30.000 €');
    expect(lead).not.toContain('24,000');
  });
});
