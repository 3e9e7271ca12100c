import type { Rule } from '../../contract/index.js';

type Scalar = string | number | boolean;

/** Applies a rule's operator; the caller handles unknown values. */
export function compare(op: Rule['op'], actual: Scalar, expected: Rule['value']): boolean {
  switch (op) {
    case '>=':
      return typeof actual === 'number' && actual >= (expected as number);
    case '>':
      return typeof actual === 'number' && actual > (expected as number);
    case '<=':
      return typeof actual === 'number' && actual <= (expected as number);
    case '<':
      return typeof actual === 'number' && actual < (expected as number);
    case '==':
      return looseEqual(actual, expected as Scalar);
    case '!=':
      return !looseEqual(actual, expected as Scalar);
    case 'in':
      return (expected as Scalar[]).some((e) => looseEqual(actual, e));
    case 'not_in':
      return !(expected as Scalar[]).some((e) => looseEqual(actual, e));
  }
}

// Imported columns arrive as text, so "1" must equal 1 and "Yes" must equal "yes".
function looseEqual(a: Scalar, b: Scalar): boolean {
  if (typeof a === typeof b) return typeof a === 'string' ? a.toLowerCase() === (b as string).toLowerCase() : a === b;
  return String(a).toLowerCase() === String(b).toLowerCase();
}
