import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { createContext, useContext, useEffect } from 'react';
import type { AppError } from '../../src/contract/errors.js';
import type { ApiClient, MethodName } from '../../src/contract/api/index.js';
import type { Api } from '../../src/contract/api/index.js';
import type { InputOf, OutputOf } from '../../src/contract/api/define.js';

export const ClientContext = createContext<ApiClient | null>(null);

/** The transport-agnostic client of the running app. */
export function useClient(): ApiClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient outside ClientContext');
  return c;
}

/** An expected failure from the core, thrown inside react-query so screens render it. */
export class CallError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

/** Calls one method and throws a CallError on an error value (react-query's error channel). */
export async function callOrThrow<K extends MethodName>(
  client: ApiClient,
  name: K,
  input: InputOf<Api, K>,
): Promise<OutputOf<Api, K>> {
  const r = await client.call(name, input);
  if (!r.ok) throw new CallError(r.error);
  return r.data;
}

/** A query keyed by method and input; the area prefix lets `changed` events invalidate it. */
export function useCall<K extends MethodName>(
  name: K,
  input: InputOf<Api, K>,
  opts: Omit<UseQueryOptions<OutputOf<Api, K>, CallError>, 'queryKey' | 'queryFn'> = {},
) {
  const client = useClient();
  return useQuery<OutputOf<Api, K>, CallError>({
    queryKey: [name.split('.')[0], name, input],
    queryFn: () => callOrThrow(client, name, input),
    ...opts,
  });
}

/** A mutation of one method; on success the listed areas are refetched. */
export function useAction<K extends MethodName>(name: K, invalidate: string[] = []) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation<OutputOf<Api, K>, CallError, InputOf<Api, K>>({
    mutationFn: (input) => callOrThrow(client, name, input),
    onSuccess: () => {
      for (const area of invalidate) void qc.invalidateQueries({ queryKey: [area] });
    },
  });
}

const TOPIC_AREAS: Record<string, string[]> = {
  leads: ['leads', 'knowledge', 'metrics', 'proposals'],
  proposals: ['proposals', 'leads', 'crm', 'metrics'],
  rules: ['rules', 'leads'],
  knowledge: ['knowledge', 'kb'],
  crm: ['crm', 'leads'],
  settings: ['settings', 'crm'],
};

/** Keeps cached data fresh when the core says something changed (another window, a bulk run). */
export function useChangeEvents(): void {
  const client = useClient();
  const qc = useQueryClient();
  useEffect(
    () =>
      client.on('changed', (e) => {
        for (const area of TOPIC_AREAS[e.topic] ?? []) void qc.invalidateQueries({ queryKey: [area] });
      }),
    [client, qc],
  );
}
