// TRUST_PROXY as Express's `trust proxy`: which hops may say who the client is (X-Forwarded-For).
import { isIP } from 'node:net';

/** false: the socket's address is the client; a number: that many proxies in front; else a list. */
export type TrustProxy = false | number | string;

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !isIP(address)) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return false;
  // `true` would believe the left-most X-Forwarded-For, which any client can write.
  if (text === 'true') throw new Error('"true" trusts any client\'s X-Forwarded-For; give the hop count (e.g. 1) or the proxies\' addresses');
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) throw new Error(`not a hop count, an address, a CIDR or loopback/linklocal/uniquelocal: ${bad.join(', ')}`);
  return entries.join(',');
}
