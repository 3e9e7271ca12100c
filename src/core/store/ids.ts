import { randomFillSync } from 'node:crypto';

// Crockford base32: ids sort by time as plain strings (ULID layout: 10 time + 16 random chars).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/**
 * A generator of time-sortable ids (`lead_01J...`). Within one millisecond it increments the
 * random part, so ids made in a tight loop (an import) still sort in creation order. Should the
 * clock step back (NTP), it keeps the last time and increments: every id it makes sorts after
 * the ones before, which is what finds an import's leads by id range.
 */
export function createIdFactory(prefix: string, clock: () => Date = () => new Date()): () => string {
  let lastMs = -1;
  let timePart = '';
  const rand = new Uint8Array(16);
  const pool = new Uint8Array(4096);
  let poolPos = pool.length;
  return () => {
    const ms = clock().getTime();
    if (ms <= lastMs) {
      // Increment the 80-bit random part (16 base32 digits) like a ULID monotonic factory.
      for (let i = 15; i >= 0; i--) {
        const v = rand[i] ?? 0;
        if (v < 31) {
          rand[i] = v + 1;
          break;
        }
        rand[i] = 0;
      }
    } else {
      lastMs = ms;
      // Encoding the time is the costly part of an id; once per millisecond is enough.
      timePart = encodeTime(ms);
      if (poolPos + 16 > pool.length) {
        randomFillSync(pool);
        poolPos = 0;
      }
      for (let i = 0; i < 16; i++) rand[i] = (pool[poolPos + i] ?? 0) & 15; // top bit 0 leaves room to increment
      poolPos += 16;
    }
    let r = '';
    for (let i = 0; i < 16; i++) r += ALPHABET[rand[i] ?? 0];
    return `${prefix}_${timePart}${r}`;
  };
}

// One factory per (context, prefix) so ids made in the same millisecond by separate calls still
// sort in creation order. Keyed weakly by the context: state lives and dies with it.
const perContext = new WeakMap<object, Map<string, () => string>>();

/** The next time-sortable id for this store context, monotonic within the context. */
export function nextId(ctx: { clock: () => Date }, prefix: string): string {
  let byPrefix = perContext.get(ctx);
  if (!byPrefix) {
    byPrefix = new Map();
    perContext.set(ctx, byPrefix);
  }
  let f = byPrefix.get(prefix);
  if (!f) {
    f = createIdFactory(prefix, ctx.clock);
    byPrefix.set(prefix, f);
  }
  return f();
}

/** One id outside any context. */
export function newId(prefix: string, at: Date = new Date()): string {
  return createIdFactory(prefix, () => at)();
}
