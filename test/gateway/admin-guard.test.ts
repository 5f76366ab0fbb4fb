/**
 * Who may drive the admin API (README "Admin API (mock only)"): loopback names and the address
 * served, names added to admin.allowedHosts, no other Origin, no cross-site fetch, writes only as
 * application/json, and the admin token when one is set. Loopback names: 127.0.0.0/8, ::1,
 * localhost and *.localhost (RFC 6761 §6.3), in any case, bracketed, with a trailing dot.
 */
import { describe, expect, it } from 'vitest';
import { adminRefusal, isLoopbackHost, isWildcardHost } from '../../src/mock/admin/admin-guard.ts';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';

const TOKEN = 'an-admin-token-of-16+';

function adminRequest(method: string, headers: Array<[string, string]>): GatewayRequest {
  return toGatewayRequest({ method, target: '/_apig-kit/clock', headers, body: new Uint8Array(), chunkSizes: [], declaredLength: 'exact' });
}

const guard = (
  method: string,
  headers: Array<[string, string]>,
  options: { token?: string; allowedHosts?: string[]; servedHosts?: string[]; ownOrigin?: string } = {},
) =>
  adminRefusal(adminRequest(method, headers), {
    config: { enabled: true, token: options.token, allowedHosts: options.allowedHosts ?? [] } as never,
    servedHosts: new Set(options.servedHosts ?? []),
    ownOrigin: options.ownOrigin ?? 'http://127.0.0.1:8080',
  });

describe('loopback names (RFC 6761: always the machine itself)', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'api.localhost',
    'A.LocalHost.',
    '127.0.0.1',
    '127.1.2.3',
    '127.255.255.255',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '[::ffff:127.0.0.1]',
  ])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    '',
    'localhost.example.com',
    'localhostx',
    'evil-localhost',
    'x.localhost.evil',
    '128.0.0.1',
    '10.127.0.0.1',
    '127.0.0',
    '127.0.0.1.2',
    '127.0.0.1234',
    '127.a.0.1',
    '::2',
    '[::1',
    '::1]',
    '[[::1]]',
    'gw.apig-kit.test',
    '0.0.0.0',
    '::ffff:10.0.0.1',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));

  it('wildcard listen addresses are 0.0.0.0, :: and [::] only', () => {
    for (const host of ['0.0.0.0', '::', '[::]']) expect(isWildcardHost(host)).toBe(true);
    for (const host of ['', '0.0.0.1', '::1', '127.0.0.1', 'localhost']) expect(isWildcardHost(host)).toBe(false);
  });
});

describe('the Host an admin call is addressed to (DNS-rebinding guard)', () => {
  it('loopback names pass, with or without a port', () => {
    for (const host of ['localhost', 'localhost:8080', '127.0.0.1:1', '[::1]:8080', '[::1]', 'app.localhost:3000']) {
      expect(guard('GET', [['host', host]]), host).toBeUndefined();
    }
  });

  it('another name is 403 and is named in the refusal, cut to 100 characters', () => {
    expect(guard('GET', [['host', 'rebind.example.com:8080']])).toEqual({
      status: 403,
      message: 'the admin API answers only for loopback names and the address it serves, not Host "rebind.example.com" (add it to admin.allowedHosts)',
    });
    const long = `${'a'.repeat(150)}.example`;
    const refused = guard('GET', [['host', long]]);
    expect(refused?.message).toContain(`Host "${'a'.repeat(100)}"`);
    expect(refused?.message).not.toContain('a'.repeat(101));
  });

  it('no Host at all is refused', () => {
    expect(guard('GET', [])?.status).toBe(403);
  });

  it('the served address and admin.allowedHosts pass; the port is not part of the name', () => {
    expect(guard('GET', [['host', '192.0.2.7:8080']], { servedHosts: ['192.0.2.7'] })).toBeUndefined();
    expect(guard('GET', [['host', '[2001:db8::1]:8080']], { servedHosts: ['2001:db8::1'] })).toBeUndefined();
    expect(guard('GET', [['host', 'mock.internal:80']], { allowedHosts: ['mock.internal'] })).toBeUndefined();
    expect(guard('GET', [['host', 'other.internal']], { allowedHosts: ['mock.internal'], servedHosts: ['192.0.2.7'] })?.status).toBe(403);
  });

  it('serving every address answers any Host only when the admin token guards it', () => {
    expect(guard('GET', [['host', 'any.example']], { servedHosts: ['0.0.0.0'] })?.status).toBe(403);
    expect(
      guard(
        'GET',
        [
          ['host', 'any.example'],
          ['x-apig-kit-admin-token', TOKEN],
        ],
        { servedHosts: ['0.0.0.0'], token: TOKEN },
      ),
    ).toBeUndefined();
    expect(
      guard(
        'GET',
        [
          ['host', 'any.example'],
          ['x-apig-kit-admin-token', TOKEN],
        ],
        { servedHosts: ['::'], token: TOKEN },
      ),
    ).toBeUndefined();
    expect(
      guard(
        'GET',
        [
          ['host', 'any.example'],
          ['x-apig-kit-admin-token', TOKEN],
        ],
        { servedHosts: ['192.0.2.7'], token: TOKEN },
      )?.status,
    ).toBe(403);
  });
});

describe('the admin token', () => {
  const host: [string, string] = ['host', 'localhost'];
  const NEEDS = { status: 401, message: 'the admin API needs its token: send it as x-apig-kit-admin-token or Authorization: Bearer' };

  it('is not asked for when none is configured', () => {
    expect(guard('GET', [host])).toBeUndefined();
  });

  it('passes in its header or as a Bearer credential (any case, any blanks), trimmed', () => {
    expect(guard('GET', [host, ['x-apig-kit-admin-token', TOKEN]], { token: TOKEN })).toBeUndefined();
    expect(guard('GET', [host, ['x-apig-kit-admin-token', ` ${TOKEN} `]], { token: TOKEN })).toBeUndefined();
    expect(guard('GET', [host, ['authorization', `Bearer ${TOKEN}`]], { token: TOKEN })).toBeUndefined();
    expect(guard('GET', [host, ['authorization', `bearer   ${TOKEN}`]], { token: TOKEN })).toBeUndefined();
  });

  it('is 401 when missing, wrong, or sent under another scheme', () => {
    expect(guard('GET', [host], { token: TOKEN })).toEqual(NEEDS);
    expect(guard('GET', [host, ['x-apig-kit-admin-token', `${TOKEN}x`]], { token: TOKEN })).toEqual(NEEDS);
    expect(guard('GET', [host, ['authorization', `Basic ${TOKEN}`]], { token: TOKEN })).toEqual(NEEDS);
    expect(guard('GET', [host, ['authorization', `xBearer ${TOKEN}`]], { token: TOKEN })).toEqual(NEEDS);
    expect(guard('GET', [host, ['authorization', 'Bearer ']], { token: TOKEN })).toEqual(NEEDS);
  });

  it('is checked before the Host', () => {
    expect(guard('GET', [['host', 'rebind.example']], { token: TOKEN })?.status).toBe(401);
  });
});

describe('calls from a web page', () => {
  const host: [string, string] = ['host', '127.0.0.1:8080'];

  it('another Origin is 403; the mock’s own origin passes', () => {
    expect(guard('GET', [host, ['origin', 'https://evil.example']])).toEqual({
      status: 403,
      message: 'the admin API refuses calls from another origin (a web page)',
    });
    expect(guard('GET', [host, ['origin', 'http://127.0.0.1:8080']])).toBeUndefined();
  });

  it('Sec-Fetch-Site: cross-site is 403; same-origin and none pass', () => {
    expect(guard('GET', [host, ['sec-fetch-site', 'cross-site']])).toEqual({ status: 403, message: 'the admin API refuses cross-site calls' });
    expect(guard('GET', [host, ['sec-fetch-site', 'same-origin']])).toBeUndefined();
    expect(guard('GET', [host, ['sec-fetch-site', 'none']])).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'PATCH'])('a %s must be application/json (415 otherwise)', (method) => {
    const refusal = { status: 415, message: `admin ${method} calls must be sent as Content-Type: application/json` };
    expect(guard(method, [host])).toEqual(refusal);
    expect(guard(method, [host, ['content-type', 'text/plain']])).toEqual(refusal);
    expect(guard(method, [host, ['content-type', 'application/jsonx']])).toEqual(refusal);
    expect(guard(method, [host, ['content-type', 'application/json']])).toBeUndefined();
    expect(guard(method, [host, ['content-type', ' Application/JSON ; charset=utf-8']])).toBeUndefined();
  });

  it.each(['GET', 'DELETE'])('a %s needs no content type', (method) => {
    expect(guard(method, [host, ['content-type', 'text/plain']])).toBeUndefined();
  });
});
