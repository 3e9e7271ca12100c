/**
 * Who "we" are. Segments by the seller must never be read as the lead's words, so every
 * parser asks these questions instead of hard-coding the brand.
 */
export interface SellerIdentity {
  /** Company name, e.g. "Harbor Analytics". */
  name: string;
  /** Mail domains of the seller's staff. */
  domains: readonly string[];
  /** Words that mark a chat speaker or signature as ours, e.g. "Harbor" in "Sam (Harbor)". */
  brandWords: readonly string[];
}

/** The seller of the evaluation set (SPEC.md). */
export const DEFAULT_SELLER: SellerIdentity = {
  name: 'Harbor Analytics',
  domains: ['harboranalytics.com'],
  brandWords: ['Harbor'],
};

/** Precompiled checks for one seller; built once per seller object and cached. */
export interface SellerMatcher {
  identity: SellerIdentity;
  isSellerEmail(email: string): boolean;
  /** A display name or speaker label that names the seller (brand word as a whole word). */
  mentionsBrand(label: string): boolean;
}

const cache = new WeakMap<SellerIdentity, SellerMatcher>();

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function sellerMatcher(identity: SellerIdentity = DEFAULT_SELLER): SellerMatcher {
  const hit = cache.get(identity);
  if (hit) return hit;
  const domains = identity.domains.map((d) => d.toLowerCase());
  const words = [...identity.brandWords, identity.name].filter((w) => w.length > 0).map(escapeRe);
  const brandRe = words.length > 0 ? new RegExp(`(?:^|[^\\p{L}])(?:${words.join('|')})(?![\\p{L}])`, 'iu') : null;
  const matcher: SellerMatcher = {
    identity,
    isSellerEmail(email) {
      const at = email.lastIndexOf('@');
      if (at < 0) return false;
      const d = email.slice(at + 1).toLowerCase();
      return domains.some((s) => d === s || d.endsWith(`.${s}`));
    },
    mentionsBrand(label) {
      return brandRe !== null && brandRe.test(label);
    },
  };
  cache.set(identity, matcher);
  return matcher;
}
