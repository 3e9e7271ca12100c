/** One limit: at most `max` request starts in any rolling window of `windowMs`. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface RateLimitOptions {
  /** The account's burst limit (private apps: 100 or 190 per 10 s, more with the API add-on). */
  burst: WindowLimit;
  /** The search endpoints' own, lower limit (5 per second per account). */
  search: WindowLimit;
  /** Share of each limit we allow ourselves, so other integrations on the account keep room. */
  headroom: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  burst: { max: 100, windowMs: 10_000 },
  search: { max: 5, windowMs: 1_000 },
  headroom: 0.9,
};

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A rolling-window limiter. HubSpot counts requests in a rolling window, so a token bucket that
 * refills continuously could let through up to twice the limit in one window; remembering the
 * start time of the last `max` requests is exact and costs `max` numbers.
 */
export class RollingWindow {
  private readonly starts: number[] = [];
  readonly max: number;

  constructor(
    limit: WindowLimit,
    headroom: number,
    private readonly now: () => number = Date.now,
  ) {
    this.max = Math.max(1, Math.floor(limit.max * headroom));
    this.windowMs = limit.windowMs;
  }

  private readonly windowMs: number;

  /** Milliseconds to wait before one more request fits; 0 when it fits now. */
  waitMs(): number {
    const t = this.now();
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= t - this.windowMs) this.starts.shift();
    if (this.starts.length < this.max) return 0;
    // +1: the server's window edge is inclusive on its clock; one ms of slack avoids a 429 on the edge.
    return (this.starts[0] ?? t) + this.windowMs - t + 1;
  }

  record(): void {
    this.starts.push(this.now());
  }
}

/** Waits for room in every window that applies to a request, then records it in each. */
export class RateLimiter {
  private readonly burst: RollingWindow;
  private readonly search: RollingWindow;
  /** Serialises acquisitions so concurrent callers cannot both take the last slot. */
  private chain: Promise<void> = Promise.resolve();
  /** Set by a 429: nobody starts a request before this time. */
  private pausedUntil = 0;

  constructor(
    opts: RateLimitOptions = DEFAULT_RATE_LIMITS,
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {
    this.burst = new RollingWindow(opts.burst, opts.headroom, now);
    this.search = new RollingWindow(opts.search, opts.headroom, now);
  }

  /** Resolves when a request of this kind may start. */
  acquire(kind: 'search' | 'default'): Promise<void> {
    const next = this.chain.then(async () => {
      for (;;) {
        const pause = this.pausedUntil - this.now();
        const wait = Math.max(pause, this.burst.waitMs(), kind === 'search' ? this.search.waitMs() : 0);
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      this.burst.record();
      if (kind === 'search') this.search.record();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** After a 429: hold every request until the server said it is fine to retry. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
