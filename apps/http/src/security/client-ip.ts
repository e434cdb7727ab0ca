import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from, as the key of per-IP limits.
 *
 * With `trustedHops = 0` it is the socket's peer address: X-Forwarded-For is ignored, because any client can send
 * it and would otherwise pick its own bucket per request. Behind N reverse proxies (TRUST_PROXY=N) each proxy appends
 * the address it saw, so the client is the entry N places from the right of [...X-Forwarded-For, socket]; entries
 * further left were written by the client and are not believed.
 *
 * IPv4-mapped IPv6 addresses are folded to IPv4, and IPv6 addresses to their /64 (one subscriber usually holds a
 * whole /64, and would otherwise get 2^64 buckets).
 */
export function clientIp(c: Context, trustedHops: number): string {
  const socket = socketAddress(c);
  if (trustedHops <= 0) return normalise(socket ?? 'unknown');
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = socket === undefined ? forwarded : [...forwarded, socket];
  const picked = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return normalise(picked ?? 'unknown');
}

/** The peer of the Node socket; undefined when the app is called without a server (app.request() in tests). */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (env === undefined || (env.incoming === undefined && env.server === undefined)) return undefined;
  return getConnInfo(c).remote.address;
}

export function normalise(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (!bare.includes(':')) return bare;
  const groups = expandIpv6(bare);
  return groups === undefined ? bare : `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] | undefined {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
