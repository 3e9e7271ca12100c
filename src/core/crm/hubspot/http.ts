import type { z } from 'zod';
import { describeIssues, err, ok, type AppError, type Result } from '../../../contract/index.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, realSleep, type RateLimitOptions, type Sleep } from './rateLimit.js';
import { HsErrorSchema, type HsError } from './shapes.js';

export const DEFAULT_HUBSPOT_BASE_URL = 'https://api.hubapi.com';

export interface HubSpotHttpOptions {
  baseUrl?: string;
  /** Read on every call so a reconnect takes effect without a restart; never logged. */
  token: () => string | null;
  fetch?: typeof fetch;
  limits?: RateLimitOptions;
  /** A slow response counts as a failed attempt after this long. */
  timeoutMs?: number;
  /** 429 retries before giving up with `rate_limited`. */
  max429Retries?: number;
  /** 5xx and network retries (reads and idempotent writes only). */
  maxRetries?: number;
  backoffBaseMs?: number;
  sleep?: Sleep;
  now?: () => number;
}

/** What went wrong on the wire, kept on `AppError.details` for callers that branch on it. */
export interface HttpFailureDetails {
  status: number | null;
  /** True when the request may have reached HubSpot and been applied (timeout, reset after send). */
  uncertain: boolean;
  hubspot: HsError | null;
}

export interface HttpStats {
  calls: number;
  rateLimited: number;
  retries: number;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  schema: S;
  /** Search endpoints have their own, lower limit. */
  kind?: 'search' | 'default';
  /** Safe to send again after a network failure (reads, updates that set values). Creates are not. */
  idempotent: boolean;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
}

/** The failure details of an error this client produced, if it carries them. */
export function failureDetails(e: AppError): HttpFailureDetails | null {
  const d = e.details as Partial<HttpFailureDetails> | undefined;
  return d && typeof d === 'object' && 'uncertain' in d ? (d as HttpFailureDetails) : null;
}

/**
 * Plain fetch with HubSpot's rules: rolling-window limits, Retry-After on 429, backoff on 5xx,
 * retries only where a repeat cannot write twice, and every body checked with zod.
 */
export class HubSpotHttp {
  readonly baseUrl: string;
  readonly stats: HttpStats = { calls: 0, rateLimited: 0, retries: 0 };
  private readonly limiter: RateLimiter;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: Sleep;
  private readonly o: Required<
    Pick<HubSpotHttpOptions, 'timeoutMs' | 'max429Retries' | 'maxRetries' | 'backoffBaseMs'>
  >;

  constructor(private readonly opts: HubSpotHttpOptions) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_HUBSPOT_BASE_URL).replace(/\/+$/, '');
    this.sleep = opts.sleep ?? realSleep;
    this.limiter = new RateLimiter(opts.limits ?? DEFAULT_RATE_LIMITS, this.sleep, opts.now ?? Date.now);
    this.fetchImpl = opts.fetch ?? fetch;
    this.o = {
      timeoutMs: opts.timeoutMs ?? 30_000,
      max429Retries: opts.max429Retries ?? 8,
      maxRetries: opts.maxRetries ?? 4,
      backoffBaseMs: opts.backoffBaseMs ?? 500,
    };
  }

  /** Sends one logical request (with its retries) and validates the response body. */
  async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<Result<HttpResponse<z.output<S>>>> {
    const token = this.opts.token();
    if (!token)
      return err(
        'crm_auth',
        'No HubSpot token is stored. Connect first: `crm connect hubspot --token <private-app token>`.',
      );
    let attempts429 = 0;
    let attemptsOther = 0;
    for (;;) {
      await this.limiter.acquire(spec.kind ?? 'default');
      this.stats.calls++;
      let res: Response;
      let text: string;
      try {
        res = await this.fetchImpl(`${this.baseUrl}${spec.path}`, {
          method: spec.method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        text = await res.text();
      } catch (e) {
        // Dropped connection or timeout: the request may have been applied. Only repeat what is safe to repeat.
        const message = e instanceof Error ? `${e.name}: ${e.message}` : 'network failure';
        if (spec.idempotent && attemptsOther < this.o.maxRetries) {
          attemptsOther++;
          this.stats.retries++;
          await this.sleep(this.backoff(attemptsOther));
          continue;
        }
        return this.fail(
          'crm_error',
          `HubSpot did not answer ${spec.method} ${spec.path} (${message}).`,
          null,
          true,
          null,
        );
      }
      const status = res.status;
      if (status === 429) {
        this.stats.rateLimited++;
        const waitMs = retryAfterMs(res.headers) ?? 1_000;
        // Everyone waits, not only this request: the account is over its limit.
        this.limiter.pause(waitMs);
        if (attempts429 < this.o.max429Retries) {
          attempts429++;
          this.stats.retries++;
          continue;
        }
        return this.fail(
          'rate_limited',
          `HubSpot kept answering 429 (rate limit) after ${attempts429} retries; try again later.`,
          429,
          false,
          parseError(text),
        );
      }
      if (status >= 500) {
        // A create that failed with 5xx may still have been applied; the caller reconciles by marker instead of resending.
        if (spec.idempotent && attemptsOther < this.o.maxRetries) {
          attemptsOther++;
          this.stats.retries++;
          await this.sleep(this.backoff(attemptsOther));
          continue;
        }
        return this.fail(
          'crm_error',
          `HubSpot failed with ${status} on ${spec.method} ${spec.path}; try again later.`,
          status,
          !spec.idempotent,
          parseError(text),
        );
      }
      if (status === 401 || status === 403) {
        const hs = parseError(text);
        const what =
          status === 401
            ? 'refused the access token'
            : `denied access${hs?.category === 'MISSING_SCOPES' ? ' (missing scopes)' : ''}`;
        return this.fail(
          'crm_auth',
          `HubSpot ${what}. Reconnect with a valid private-app token that has the crm.objects.contacts read/write scopes: \`crm connect hubspot --token <token>\`.`,
          status,
          false,
          hs,
        );
      }
      if (status === 404) return this.fail('not_found', `HubSpot has no ${spec.path}.`, 404, false, parseError(text));
      if (status === 409)
        return this.fail(
          'conflict',
          parseError(text)?.message ?? 'HubSpot reported a conflict.',
          409,
          false,
          parseError(text),
        );
      if (status >= 400) {
        const hs = parseError(text);
        return this.fail(
          'crm_error',
          `HubSpot rejected ${spec.method} ${spec.path}: ${hs?.message ?? `status ${status}`}`,
          status,
          false,
          hs,
        );
      }
      let json: unknown;
      try {
        json = text === '' ? {} : JSON.parse(text);
      } catch {
        return this.fail(
          'crm_error',
          `HubSpot answered ${spec.path} with a body that is not JSON.`,
          status,
          false,
          null,
        );
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) {
        return this.fail(
          'crm_error',
          `HubSpot's answer to ${spec.path} has an unexpected shape: ${describeIssues(parsed.error.issues).slice(0, 3).join('; ')}`,
          status,
          false,
          null,
        );
      }
      return ok({ status, data: parsed.data });
    }
  }

  private backoff(attempt: number): number {
    const base = this.o.backoffBaseMs * 2 ** (attempt - 1);
    return Math.round(base / 2 + Math.random() * (base / 2));
  }

  private fail(
    code: AppError['code'],
    message: string,
    status: number | null,
    uncertain: boolean,
    hubspot: HsError | null,
  ): Result<never> {
    const details: HttpFailureDetails = { status, uncertain, hubspot };
    return err(code, message, { details });
  }
}

/** Retry-After in seconds (or an HTTP date), falling back to HubSpot's interval header. */
export function retryAfterMs(h: Headers): number | null {
  const ra = h.get('retry-after');
  if (ra !== null && ra.trim() !== '') {
    const secs = Number(ra);
    if (Number.isFinite(secs) && secs >= 0) return Math.min(Math.round(secs * 1000), 120_000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, Math.min(at - Date.now(), 120_000));
  }
  const interval = Number(h.get('x-hubspot-ratelimit-interval-milliseconds'));
  return Number.isFinite(interval) && interval > 0 ? Math.min(interval, 120_000) : null;
}

function parseError(text: string): HsError | null {
  try {
    const r = HsErrorSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
