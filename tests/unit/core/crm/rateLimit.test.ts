import { describe, expect, it } from 'vitest';
import { RateLimiter, RollingWindow } from '../../../../src/core/crm/hubspot/rateLimit.js';
import { retryAfterMs } from '../../../../src/core/crm/hubspot/http.js';

describe('rolling-window rate limiter', () => {
  it('never lets more than max * headroom requests start in any window', async () => {
    let now = 0;
    const starts: number[] = [];
    const sleep = async (ms: number) => {
      now += ms;
    };
    const rl = new RateLimiter(
      { burst: { max: 10, windowMs: 1000 }, search: { max: 2, windowMs: 100 }, headroom: 1 },
      sleep,
      () => now,
    );
    for (let i = 0; i < 35; i++) {
      await rl.acquire('default');
      starts.push(now);
    }
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(1000);
  });

  it('applies the lower search limit on top of the burst limit, and a 429 pause to everyone', async () => {
    let now = 0;
    const rl = new RateLimiter(
      { burst: { max: 100, windowMs: 10_000 }, search: { max: 5, windowMs: 1000 }, headroom: 0.9 },
      async (ms) => void (now += ms),
      () => now,
    );
    for (let i = 0; i < 5; i++) await rl.acquire('search');
    expect(now).toBeGreaterThanOrEqual(1000); // 4 per second with 10% headroom
    const t = now;
    rl.pause(2500);
    await rl.acquire('default');
    expect(now - t).toBeGreaterThanOrEqual(2500);
  });

  it('keeps the window exact at its edge', () => {
    let now = 0;
    const w = new RollingWindow({ max: 1, windowMs: 100 }, 1, () => now);
    w.record();
    now = 99;
    expect(w.waitMs()).toBeGreaterThan(0);
    now = 100;
    expect(w.waitMs()).toBe(0);
  });

  it('reads Retry-After in seconds, as a date, or falls back to the interval header', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'x-hubspot-ratelimit-interval-milliseconds': '10000' }))).toBe(10_000);
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
