import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, nextStep } from '../../../../src/core/crm/hubspot/cursor.js';

const base = { after: null, pageSize: 200, cap: 10_000 };

describe('sync cursor and window narrowing', () => {
  it('round-trips and accepts an ISO date as a start', () => {
    expect(decodeCursor(encodeCursor({ lo: 5, after: '200', skip: ['7'] }))).toEqual({
      v: 2,
      lo: 5,
      after: '200',
      skip: ['7'],
    });
    expect(decodeCursor('2024-01-01')?.lo).toBe(Date.parse('2024-01-01'));
    expect(decodeCursor('hs2.garbage')).toBeNull();
  });

  it('narrows the window to the last timestamp of a full page instead of paging by offset', () => {
    expect(nextStep({ ...base, lo: 10, full: true, nextAfter: '200', lastModifiedMs: 50 })).toEqual({
      kind: 'narrow',
      lo: 50,
    });
    expect(nextStep({ ...base, lo: 10, full: false, nextAfter: undefined, lastModifiedMs: 50 })).toEqual({
      kind: 'done',
    });
  });

  it('pages by offset only inside one millisecond, and stops at the 10,000 cap', () => {
    expect(nextStep({ ...base, lo: 50, full: true, nextAfter: '200', lastModifiedMs: 50 })).toEqual({
      kind: 'offset',
      after: '200',
    });
    expect(nextStep({ ...base, lo: 50, full: true, nextAfter: '10000', lastModifiedMs: 50 })).toEqual({
      kind: 'stuck',
    });
  });
});
