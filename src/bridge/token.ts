import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh per-launch token: 32 random bytes, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: bearer header, `?token=` (page load, EventSource) or the session cookie. */
export function tokenOf(
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  url: URL,
): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const q = url.searchParams.get('token');
  if (q) return q;
  const m = /(?:^|;\s*)sc_token=([^;]+)/.exec(headers.cookie ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}
