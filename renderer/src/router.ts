import { useEffect, useState } from 'react';

export type Route =
  | { screen: 'inbox' }
  | { screen: 'lead'; id: string }
  | { screen: 'approvals' }
  | { screen: 'rules' }
  | { screen: 'prep'; id: string | null }
  | { screen: 'metrics' }
  | { screen: 'knowledge' }
  | { screen: 'settings' };

/** Hash routes work the same from the bridge and from Electron's file:// page. */
export function parseRoute(hash: string): Route {
  const [head, arg] = hash.replace(/^#\/?/, '').split('/');
  switch (head) {
    case 'lead':
      return arg ? { screen: 'lead', id: decodeURIComponent(arg) } : { screen: 'inbox' };
    case 'approvals':
      return { screen: 'approvals' };
    case 'rules':
      return { screen: 'rules' };
    case 'prep':
      return { screen: 'prep', id: arg ? decodeURIComponent(arg) : null };
    case 'metrics':
      return { screen: 'metrics' };
    case 'knowledge':
      return { screen: 'knowledge' };
    case 'settings':
      return { screen: 'settings' };
    default:
      return { screen: 'inbox' };
  }
}

export const hrefOf = (r: Route): string => {
  if (r.screen === 'lead') return `#/lead/${encodeURIComponent(r.id)}`;
  if (r.screen === 'prep') return r.id ? `#/prep/${encodeURIComponent(r.id)}` : '#/prep';
  return `#/${r.screen}`;
};

export const navigate = (r: Route): void => {
  window.location.hash = hrefOf(r);
};

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
