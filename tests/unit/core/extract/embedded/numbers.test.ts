import { describe, expect, it } from 'vitest';
import { multiplierOf, parseCount, parseNumber } from '../../../../../src/core/extract/embedded/numbers.js';

describe('parseNumber', () => {
  it.each([
    ['30,000', 30000],
    ['30.000', 30000],
    ['2.400', 2400],
    ['45 000', 45000],
    ['1 200', 1200],
    ['1.5', 1.5],
    ['2,5', 2.5],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['120,000', 120000],
    ['0', 0],
  ])('reads %s as %d', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it('reads magnitude suffixes in several languages', () => {
    expect(multiplierOf('k')).toBe(1000);
    expect(multiplierOf(' K')).toBe(1000);
    expect(multiplierOf('m')).toBe(1e6);
    expect(multiplierOf('Mio.')).toBe(1e6);
    expect(multiplierOf(' mil')).toBe(1000);
    expect(multiplierOf(undefined)).toBe(1);
  });

  it('reads counts written as words', () => {
    expect(parseCount('two')).toBe(2);
    expect(parseCount('a couple of')).toBe(2);
    expect(parseCount('drei')).toBe(3);
    expect(parseCount('12')).toBe(12);
    expect(parseCount('many')).toBeNaN();
  });
});
