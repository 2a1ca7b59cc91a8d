// The server (scripts/server.ts) writes the client address into this header
// after removing any copy the client sent, so nothing downstream can be fooled.
export const CLIENT_IP_HEADER = 'x-tougao-client-ip';

// The address a request came from: the socket's, unless `trustedHops` proxies
// stand in front of us, in which case the entry that many hops from the right
// of X-Forwarded-For (what our own proxies appended). Entries a client wrote
// further left are never believed.
export function resolveClientIp(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string {
  const socket = normalize(socketAddress) ?? 'unknown';
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const chain = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The socket is the nearest proxy; each trusted proxy appended its peer.
  const index = chain.length - trustedHops;
  const candidate = index >= 0 ? chain[index] : chain[0];
  return normalize(candidate) ?? socket;
}

function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) is reported as IPv4; either way the
  // result must look like an address, never like whatever a header said.
  const a = address.trim().replace(/^::ffff:(?=\d+\.)/i, '');
  return /^[0-9a-fA-F:.]{2,45}$/.test(a) ? a : undefined;
}

export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}
