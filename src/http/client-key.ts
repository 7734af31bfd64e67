/**
 * Who a request counts against for rate limits and per-client caps: the authenticated principal, or
 * else the client's IP address. The IP comes from X-Forwarded-For only as far as TRUST_PROXY proxies
 * vouch for it (Express's numeric `trust proxy` rule, via the same proxy-addr), so a client cannot
 * pick its own key by sending the header.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Principal } from './auth.js';

/** The address `trustProxy` hops back from the socket: 0 is the socket's peer itself. */
export function clientIp(request: IncomingMessage, trustProxy: number): string {
  return proxyaddr(request, (_address, hop) => hop < trustProxy);
}

export function clientKey(principal: Principal | undefined, ip: string): string {
  return principal ? `${principal.kind}:${principal.subject}` : `ip:${ip}`;
}
