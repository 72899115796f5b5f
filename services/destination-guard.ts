// Outgoing webhooks go to the public internet only: a URL that resolves to loopback, a private
// network, link-local (cloud metadata) or another reserved range would let whoever sets an
// endpoint reach inside. Checked when the endpoint is created and on every delivery's own
// connection (the address it actually dials), so a DNS answer that changes cannot slip past.
import dns from 'node:dns';
import net from 'node:net';

const reserved = new net.BlockList();
for (const [range, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) reserved.addSubnet(range, bits, 'ipv4');
for (const [range, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) reserved.addSubnet(range, bits, 'ipv6');

/** Whether an address is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !reserved.check(address, 'ipv4');
  if (family !== 6) return false;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  return !reserved.check(address, 'ipv6');
}

export class DestinationError extends Error {}

/** The URL's own problem, or null: http(s) only, no credentials in it, a public host unless allowed. */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be an https:// URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && !allowPrivate && !isPublicAddress(host)) return 'must not point to a private, loopback or link-local address';
  if (!allowPrivate && /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i.test(host)) return 'must not point to a private, loopback or link-local address';
  return null;
}

/** The host's addresses, refused if any is not public (unless allowed). A name that does not exist is refused too. */
export async function checkDestination(raw: string, allowPrivate: boolean): Promise<void> {
  const problem = urlProblem(raw, allowPrivate);
  if (problem) throw new DestinationError(problem);
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) || allowPrivate) return;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTFOUND') throw new DestinationError('its host name does not resolve');
    return; // a passing DNS failure: every delivery checks again
  }
  if (addresses.some((a) => !isPublicAddress(a.address))) throw new DestinationError('resolves to a private, loopback or link-local address');
}

/** A `lookup` for http.request that refuses non-public answers: the check is on the address dialled. */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused && !allowPrivate) return callback(new DestinationError(`${hostname} resolves to ${refused.address}, which is not public`), '', 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
