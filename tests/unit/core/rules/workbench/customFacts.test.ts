import { describe, expect, it } from 'vitest';
import {
  computeCustomFacts,
  lookupColumn,
  parseCell,
  withCustomFacts,
} from '../../../../../src/core/rules/workbench/customFacts.js';
import { emptyFacts } from '../../../../fixtures/facts.js';

describe('custom facts from imported columns', () => {
  it('reads placeholders and blanks as null', () => {
    for (const raw of ['', '  ', 'Select', 'select', 'N/A', null, undefined])
      expect(parseCell('string', raw)).toBeNull();
    expect(parseCell('string', ' Google ')).toBe('Google');
    expect(parseCell('number', '1532')).toBe(1532);
    expect(parseCell('number', '1,532')).toBe(1532);
    expect(parseCell('number', '2.5')).toBe(2.5);
    expect(parseCell('number', 'lots')).toBeNull();
    expect(parseCell('boolean', 'Yes')).toBe(true);
    expect(parseCell('boolean', 'No')).toBe(false);
    expect(parseCell('boolean', 'maybe')).toBeNull();
  });

  it('finds a column by its header, forgiving case and spacing', () => {
    const attrs = { 'Total Time Spent on Website': '674', 'Lead Source': 'Olark Chat' };
    expect(lookupColumn(attrs, 'total time spent  on website')).toBe('674');
    expect(lookupColumn(attrs, 'Country')).toBeNull();
    expect(
      computeCustomFacts(
        [{ name: 'time', label: 'Time', column: 'Total Time Spent on Website', type: 'number' }],
        attrs,
      ),
    ).toEqual({
      time: { value: 674, evidence: [], source: 'import' },
    });
  });

  it('never replaces a rep correction of a custom fact', () => {
    const f = emptyFacts();
    f.custom['source'] = { value: 'Reference', evidence: [], source: 'rep' };
    const defs = [
      { name: 'source', label: 'Source', column: 'Lead Source', type: 'string' as const },
      { name: 'visits', label: 'Visits', column: 'TotalVisits', type: 'number' as const },
    ];
    const out = withCustomFacts(f, defs, { 'Lead Source': 'Google', TotalVisits: '5' });
    expect(out.custom['source']?.value).toBe('Reference');
    expect(out.custom['visits']?.value).toBe(5);
  });
});
