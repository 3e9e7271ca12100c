import { dispatch, type Handlers } from '../../../../src/transport/dispatch.js';
import type { ApiSpec } from '../../../../src/contract/api/define.js';

/**
 * Calls handlers through the one dispatch path, so input and output schemas are checked too.
 * `handlers` is read at call time: tests rebuild them for each case.
 */
export function dispatchCalls<S extends ApiSpec>(spec: S, handlers: () => Handlers<S>) {
  return {
    /** The data of a call that must succeed. */
    call: async <T>(name: keyof S & string, input: unknown): Promise<T> => {
      const r = await dispatch(spec, handlers(), name, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.data as T;
    },
    /** The error of a call that must fail. */
    callErr: async (name: keyof S & string, input: unknown) => {
      const r = await dispatch(spec, handlers(), name, input);
      if (r.ok) throw new Error(`${name} should have failed`);
      return r.error;
    },
  };
}
