import { constantTimeEqual, headerValue } from '../../protocol/index.ts';
import type { AdminConfig } from '../config/schema.ts';
import type { GatewayRequest } from '../http-model.ts';

export const ADMIN_TOKEN_HEADER = 'x-apig-kit-admin-token';

/** 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761: always the machine itself). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name) || name === '::ffff:127.0.0.1';
}

export const isWildcardHost = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]';

/** The host name of a Host header value, without its port. */
function hostName(hostHeader: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  return hostHeader.replace(/:\d+$/, '');
}

export interface AdminGuardContext {
  config: AdminConfig;
  /** The addresses the mock was told to serve (the listen host; the msw base URL's host). */
  servedHosts: ReadonlySet<string>;
  /** scheme://host[:port] as the client addressed the mock. */
  ownOrigin: string;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Why an admin call must be refused, or undefined: only the mock's owner may drive it. A web page
 * can send "simple" cross-site POSTs (text/plain, no preflight) and reach loopback through a
 * DNS-rebinding name; neither passes these checks.
 */
export function adminRefusal(request: GatewayRequest, context: AdminGuardContext): { status: number; message: string } | undefined {
  const { config } = context;
  if (config.token !== undefined) {
    const bearer = /^Bearer\s+(.+)$/i.exec(headerValue(request.headers, 'authorization') ?? '')?.[1];
    const sent = headerValue(request.headers, ADMIN_TOKEN_HEADER) ?? bearer;
    if (sent === undefined || !constantTimeEqual(sent.trim(), config.token)) {
      return { status: 401, message: `the admin API needs its token: send it as ${ADMIN_TOKEN_HEADER} or Authorization: Bearer` };
    }
  }
  const host = hostName(headerValue(request.headers, 'host') ?? '');
  const servesAnyHost = config.token !== undefined && [...context.servedHosts].some(isWildcardHost);
  if (!servesAnyHost && !isLoopbackHost(host) && !context.servedHosts.has(host) && !config.allowedHosts.includes(host)) {
    return {
      status: 403,
      message: `the admin API answers only for loopback names and the address it serves, not Host "${host.slice(0, 100)}" (add it to admin.allowedHosts)`,
    };
  }
  const origin = headerValue(request.headers, 'origin');
  if (origin !== undefined && origin !== context.ownOrigin) {
    return { status: 403, message: 'the admin API refuses calls from another origin (a web page)' };
  }
  if (headerValue(request.headers, 'sec-fetch-site') === 'cross-site') {
    return { status: 403, message: 'the admin API refuses cross-site calls' };
  }
  if (WRITE_METHODS.has(request.method)) {
    const mediaType = headerValue(request.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') return { status: 415, message: `admin ${request.method} calls must be sent as Content-Type: application/json` };
  }
  return undefined;
}
