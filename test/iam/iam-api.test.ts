import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../src/mock/config/demo-world.ts';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import type { GatewayResponse } from '../../src/mock/http-model.ts';
import { handleIamTokens, type IamContext } from '../../src/mock/iam/iam-api.ts';
import type { TokenClaims } from '../../src/mock/iam/token-claims.ts';
import { issueToken, readToken } from '../../src/mock/iam/token-codec.ts';
import { WorldIndex } from '../../src/mock/state/world-index.ts';
import { LIMITS, normalizeHeaders } from '../../src/protocol/index.ts';

const world = new WorldIndex(resolveConfig().world);
const c = DEMO_CREDENTIALS;
const demoAccount = world.accountByName(c.account)!;
const otherAccount = world.accountByName(c.otherAccount)!;
const demoUser = world.user(demoAccount, c.user)!;
const [northProject, eastProject] = demoAccount.projects as [{ id: string; name: string }, { id: string; name: string }];
const NOW = Date.UTC(2026, 10, 23, 9, 15, 0);
const HOUR = 60 * 60 * 1000;
const context: IamContext = { world, now: NOW, tokenLifetimeMs: LIMITS.tokenLifetimeMs, signingKey: world.world.tokenSigningKey };

const IAM_CATALOG = [
  {
    endpoints: [{ id: '33e1cbdd86d34e89a63cf8ad16a5f49f', interface: 'public', region: '*', region_id: '*', url: 'https://iam.myhuaweicloud.com/v3.0' }],
    id: '100a6a3477f1495286579b819d399e36',
    name: 'iam',
    type: 'iam',
  },
];
const demoDomain = { id: demoAccount.id, name: c.account };
const demoUserBody = { domain: demoDomain, id: demoUser.id, name: c.user, password_expires_at: '' };

const errorBody = (code: number, title: string, message: string) => ({ error: { code, message, title } });
const BODY_INVALID = errorBody(400, 'Bad Request', 'The request body is invalid');
const WRONG_CREDENTIALS = errorBody(401, 'Unauthorized', 'The username or password is wrong.');
const PROJECT_NOT_FOUND = errorBody(400, 'Bad Request', 'The project information cannot be found.');
const AUTHENTICATION_REQUIRED = errorBody(401, 'Unauthorized', 'The request you have made requires authentication.');
const SUBJECT_INVALID = errorBody(404, 'Not Found', 'X-Subject-Token is invalid in the request');

type Scope = Record<string, unknown> | undefined;

function passwordBody(scope: Scope, user: Record<string, unknown> = { name: c.user, password: c.password, domain: { name: c.account } }) {
  const auth: Record<string, unknown> = { identity: { methods: ['password'], password: { user } } };
  if (scope !== undefined) auth['scope'] = scope;
  return { auth };
}

function call(
  method: string,
  options: { body?: unknown; query?: string; headers?: Record<string, string>; context?: Partial<IamContext> } = {},
): GatewayResponse {
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
  return handleIamTokens(
    { method, query: options.query ?? '', headers: normalizeHeaders({ 'Content-Type': 'application/json;charset=utf8', ...options.headers }), body },
    { ...context, ...options.context },
  );
}

const post = (body: unknown, options: Omit<Parameters<typeof call>[1], 'body'> = {}) => call('POST', { ...options, body });
const json = (response: GatewayResponse) => JSON.parse(String(response.body)) as unknown;
const tokenOf = (response: GatewayResponse) => response.headers['X-Subject-Token'] as string;

function claimsOf(token: string): TokenClaims {
  const reading = readToken(token, context.signingKey);
  if (!reading.ok) throw new Error(`unreadable token: ${reading.problem}`);
  return reading.claims;
}

function issue(scope: Scope = { project: { name: northProject.name } }, now = NOW): string {
  const response = post(passwordBody(scope), { context: { now } });
  expect(response.status).toBe(201);
  return tokenOf(response);
}

describe('POST /v3/auth/tokens: project scope', () => {
  it('issues a project-scoped token by project name, with the documented body', () => {
    const response = post(passwordBody({ project: { name: 'cn-north-4' } }));
    expect(response.status).toBe(201);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(tokenOf(response)).toMatch(/^MII[A-Za-z0-9+/]{2000,4000}$/);
    expect(json(response)).toEqual({
      token: {
        expires_at: '2026-11-24T09:15:00.000000Z',
        issued_at: '2026-11-23T09:15:00.000000Z',
        methods: ['password'],
        catalog: IAM_CATALOG,
        project: { domain: demoDomain, id: northProject.id, name: 'cn-north-4' },
        roles: [{ id: '0', name: 'te_admin' }],
        user: demoUserBody,
      },
    });
  });

  it('puts the same facts into the token itself', () => {
    const token = issue({ project: { name: 'cn-north-4' } });
    expect(readToken(token, context.signingKey)).toEqual({
      ok: true,
      claims: {
        userId: demoUser.id,
        userName: c.user,
        domainId: demoAccount.id,
        domainName: c.account,
        scope: { kind: 'project', projectId: northProject.id, projectName: 'cn-north-4' },
        methods: ['password'],
        issuedAt: NOW,
        expiresAt: NOW + 24 * HOUR,
      },
    });
  });

  it('issues a project-scoped token by project id', () => {
    const body = json(post(passwordBody({ project: { id: eastProject.id } }))) as { token: Record<string, unknown> };
    expect(body.token['project']).toEqual({ domain: demoDomain, id: eastProject.id, name: 'cn-east-3' });
    expect(body.token).not.toHaveProperty('domain');
  });

  it('lets the project win when both project and domain are given', () => {
    const body = json(post(passwordBody({ project: { name: 'cn-east-3' }, domain: { name: c.otherAccount } }))) as { token: Record<string, unknown> };
    expect(body.token['project']).toEqual({ domain: demoDomain, id: eastProject.id, name: 'cn-east-3' });
    expect(body.token).not.toHaveProperty('domain');
  });

  it('accepts the user domain by id', () => {
    const response = post(passwordBody({ project: { name: 'cn-north-4' } }, { name: c.user, password: c.password, domain: { id: demoAccount.id } }));
    expect(response.status).toBe(201);
  });

  it('accepts the exact request the official SDK sends, ignoring its dummy AK/SK signature', () => {
    const body = `{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"${c.account}"},"name":"${c.user}","password":"${c.password}"}}},"scope":{"project":{"name":"cn-north-4"}}}}`;
    const response = post(body, {
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'SDK-HMAC-SHA256 Access=DUMMYAK, SignedHeaders=content-type;host;x-sdk-date, Signature=0000',
        'X-Sdk-Date': '20261123T091500Z',
      },
    });
    expect(response.status).toBe(201);
    expect(readToken(tokenOf(response), context.signingKey).ok).toBe(true);
  });

  it("issues tokens for another account's user in that account", () => {
    const response = post(
      passwordBody({ project: { name: 'cn-north-4' } }, { name: c.otherUser, password: c.otherPassword, domain: { name: c.otherAccount } }),
    );
    expect(response.status).toBe(201);
    const body = json(response) as { token: { project: unknown } };
    expect(body.token.project).toEqual({ domain: { id: otherAccount.id, name: c.otherAccount }, id: otherAccount.projects[0]!.id, name: 'cn-north-4' });
  });
});

describe('POST /v3/auth/tokens: domain scope', () => {
  const cases: Array<[string, Scope]> = [
    ['by name', { domain: { name: c.account } }],
    ['by id', { domain: { id: demoAccount.id } }],
    ['by omission', undefined],
    ['by an empty scope', {}],
  ];

  it.each(cases)('issues a domain-scoped token %s', (_label, scope) => {
    const response = post(passwordBody(scope));
    expect(response.status).toBe(201);
    expect(json(response)).toEqual({
      token: {
        expires_at: '2026-11-24T09:15:00.000000Z',
        issued_at: '2026-11-23T09:15:00.000000Z',
        methods: ['password'],
        catalog: IAM_CATALOG,
        domain: demoDomain,
        roles: [{ id: '0', name: 'te_admin' }],
        user: demoUserBody,
      },
    });
    expect(claimsOf(tokenOf(response)).scope).toEqual({ kind: 'domain' });
  });
});

describe('POST /v3/auth/tokens: catalog, time and determinism', () => {
  it('empties the catalog for nocatalog=<non-empty>, with or without a leading "?"', () => {
    for (const query of ['nocatalog=1', '?nocatalog=true', 'a=b&nocatalog=x']) {
      const body = json(post(passwordBody(undefined), { query })) as { token: { catalog: unknown } };
      expect(body.token.catalog).toEqual([]);
    }
  });

  it('keeps the catalog for an empty nocatalog', () => {
    const body = json(post(passwordBody(undefined), { query: 'nocatalog=' })) as { token: { catalog: unknown } };
    expect(body.token.catalog).toEqual(IAM_CATALOG);
  });

  it('expires 24 h after issue by default, with six fractional digits, across a year end', () => {
    const now = Date.UTC(2026, 11, 31, 12, 30, 45, 701);
    const body = json(post(passwordBody(undefined), { context: { now } })) as { token: { issued_at: string; expires_at: string } };
    expect(body.token.issued_at).toBe('2026-12-31T12:30:45.701000Z');
    expect(body.token.expires_at).toBe('2027-01-01T12:30:45.701000Z');
    const claims = claimsOf(issue(undefined, now));
    expect(claims.expiresAt - claims.issuedAt).toBe(86_400_000);
  });

  it('uses the configured token lifetime', () => {
    const body = json(post(passwordBody(undefined), { context: { tokenLifetimeMs: 90 * 60 * 1000 } })) as { token: { expires_at: string } };
    expect(body.token.expires_at).toBe('2026-11-23T10:45:00.000000Z');
  });

  it('gives the same token for the same request at the same time, and a new one later', () => {
    expect(issue()).toBe(issue());
    expect(issue(undefined, NOW + 1)).not.toBe(issue());
  });
});

describe('POST /v3/auth/tokens: errors', () => {
  const user = { name: c.user, password: c.password, domain: { name: c.account } };
  const identity = (value: unknown) => ({ auth: { identity: value } });
  const invalidBodies: Array<[string, unknown]> = [
    ['invalid JSON', '{"auth":'],
    ['an empty body', ''],
    ['a JSON array', '[]'],
    ['no auth', { identity: {} }],
    ['no identity', { auth: {} }],
    ['methods ["token"]', identity({ methods: ['token'], password: { user } })],
    ['methods ["password","totp"]', identity({ methods: ['password', 'totp'], password: { user } })],
    ['methods "password"', identity({ methods: 'password', password: { user } })],
    ['methods []', identity({ methods: [], password: { user } })],
    ['no password object', identity({ methods: ['password'] })],
    ['no user', identity({ methods: ['password'], password: {} })],
    ['a numeric user name', passwordBody(undefined, { ...user, name: 42 })],
    ['an empty password', passwordBody(undefined, { ...user, password: '' })],
    ['no user domain', passwordBody(undefined, { name: c.user, password: c.password })],
    ['an empty user domain', passwordBody(undefined, { ...user, domain: {} })],
    ['a string scope', passwordBody({ project: 'cn-north-4' })],
    ['an empty project', passwordBody({ project: {} })],
    ['a project name that is not a string', passwordBody({ project: { name: 4 } })],
    ['an empty domain scope', passwordBody({ domain: {} })],
    ['scope null', { auth: { identity: { methods: ['password'], password: { user } }, scope: null } }],
  ];

  it.each(invalidBodies)('answers 400 "body invalid" for %s', (_label, body) => {
    const response = post(body);
    expect(response.status).toBe(400);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(response.headers).not.toHaveProperty('X-Subject-Token');
    expect(json(response)).toEqual(BODY_INVALID);
  });

  const wrongCredentials: Array<[string, Record<string, unknown>]> = [
    ['an unknown account name', { ...user, domain: { name: 'no-such-account' } }],
    ['an unknown account id', { ...user, domain: { id: '00000000000000000000000000000000' } }],
    ['an unknown user', { ...user, name: 'nobody' }],
    ['a wrong password', { ...user, password: 'Wrong-Passw0rd!' }],
    ['a password that differs only in case', { ...user, password: c.password.toLowerCase() }],
    ['the user in another account', { ...user, domain: { name: c.otherAccount } }],
    ["another user's password", { ...user, password: c.otherPassword }],
  ];

  it.each(wrongCredentials)('answers 401 "username or password is wrong" for %s, without echoing secrets', (_label, badUser) => {
    const response = post(passwordBody({ project: { name: 'cn-north-4' } }, badUser));
    expect(response.status).toBe(401);
    expect(json(response)).toEqual(WRONG_CREDENTIALS);
    expect(String(response.body)).not.toContain(String(badUser['password']));
  });

  it.each([
    ['an unknown project name', { project: { name: 'eu-west-0' } }],
    ['an unknown project id', { project: { id: 'ffffffffffffffffffffffffffffffff' } }],
    ['a project of another account', { project: { id: otherAccount.projects[0]!.id } }],
  ])('answers 400 "project information cannot be found" for %s', (_label, scope) => {
    const response = post(passwordBody(scope));
    expect(response.status).toBe(400);
    expect(json(response)).toEqual(PROJECT_NOT_FOUND);
  });

  it.each([
    ['another account by name', { domain: { name: c.otherAccount } }],
    ['another account by id', { domain: { id: otherAccount.id } }],
    ['an unknown account', { domain: { name: 'no-such-account' } }],
  ])('answers 401 for a domain scope of %s (inferred)', (_label, scope) => {
    const response = post(passwordBody(scope));
    expect(response.status).toBe(401);
    expect(json(response)).toEqual(AUTHENTICATION_REQUIRED);
  });

  it('checks the password before the scope', () => {
    const response = post(passwordBody({ project: { name: 'eu-west-0' } }, { ...user, password: 'Wrong-Passw0rd!' }));
    expect(response.status).toBe(401);
  });
});

describe('GET and HEAD /v3/auth/tokens', () => {
  const validate = (method: 'GET' | 'HEAD', headers: Record<string, string>, options: { now?: number; query?: string } = {}) =>
    call(method, { headers, query: options.query ?? '', context: { now: options.now ?? NOW } });

  it('GET answers 200 with the subject token and the same body POST gave', () => {
    const created = post(passwordBody({ project: { name: 'cn-east-3' } }));
    const subject = tokenOf(created);
    const caller = issue(undefined);
    const response = validate('GET', { 'X-Auth-Token': caller, 'X-Subject-Token': subject }, { now: NOW + HOUR });
    expect(response.status).toBe(200);
    expect(response.headers['X-Subject-Token']).toBe(subject);
    expect(json(response)).toEqual(json(created));
  });

  it('GET honours nocatalog', () => {
    const token = issue();
    const body = json(validate('GET', { 'X-Auth-Token': token, 'X-Subject-Token': token }, { query: 'nocatalog=1' })) as { token: { catalog: unknown } };
    expect(body.token.catalog).toEqual([]);
  });

  it('HEAD answers 200 with no body for a valid token', () => {
    const token = issue();
    const response = validate('HEAD', { 'X-Auth-Token': token, 'X-Subject-Token': token });
    expect(response).toEqual({ status: 200, headers: {}, body: '' });
  });

  it('accepts a subject token up to the millisecond before it expires, and not at expiry', () => {
    const subject = issue(undefined, NOW);
    const caller = issue(undefined, NOW + 23 * HOUR);
    const expiry = NOW + 24 * HOUR;
    expect(validate('GET', { 'X-Auth-Token': caller, 'X-Subject-Token': subject }, { now: expiry - 1 }).status).toBe(200);
    const expired = validate('GET', { 'X-Auth-Token': caller, 'X-Subject-Token': subject }, { now: expiry });
    expect(expired.status).toBe(404);
    expect(json(expired)).toEqual(SUBJECT_INVALID);
    expect(validate('HEAD', { 'X-Auth-Token': caller, 'X-Subject-Token': subject }, { now: expiry })).toEqual({ status: 404, headers: {}, body: '' });
  });

  const caller = issue();
  const foreignKeyToken = issueToken(claimsOf(caller), 'another-signing-key-000');
  const tampered = `${caller.slice(0, 100)}${caller[100] === 'A' ? 'B' : 'A'}${caller.slice(101)}`;

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'not-a-token'],
    ['tampered', tampered],
    ['from another signing key', foreignKeyToken],
  ])('answers 404 for a subject token that is %s', (_label, subject) => {
    const headers: Record<string, string> = { 'X-Auth-Token': caller };
    if (subject !== undefined) headers['X-Subject-Token'] = subject;
    const response = validate('GET', headers);
    expect(response.status).toBe(404);
    expect(json(response)).toEqual(SUBJECT_INVALID);
    expect(response.headers).not.toHaveProperty('X-Subject-Token');
    expect(validate('HEAD', headers)).toEqual({ status: 404, headers: {}, body: '' });
  });

  it.each([
    ['missing', undefined],
    ['garbage', 'MIIgarbage'],
    ['tampered', tampered],
    ['from another signing key', foreignKeyToken],
  ])('answers 401 for a caller token that is %s, before looking at the subject', (_label, callerToken) => {
    const headers: Record<string, string> = { 'X-Subject-Token': 'also-garbage' };
    if (callerToken !== undefined) headers['X-Auth-Token'] = callerToken;
    const response = validate('GET', headers);
    expect(response.status).toBe(401);
    expect(json(response)).toEqual(AUTHENTICATION_REQUIRED);
    expect(validate('HEAD', headers)).toEqual({ status: 401, headers: {}, body: '' });
  });

  it('answers 401 for an expired caller token', () => {
    const oldCaller = issue(undefined, NOW - 25 * HOUR);
    const response = validate('GET', { 'X-Auth-Token': oldCaller, 'X-Subject-Token': issue() });
    expect(response.status).toBe(401);
    expect(json(response)).toEqual(AUTHENTICATION_REQUIRED);
  });

  it('never echoes the presented tokens in an error', () => {
    const response = validate('GET', { 'X-Auth-Token': caller, 'X-Subject-Token': tampered });
    expect(String(response.body)).not.toContain(tampered.slice(0, 40));
  });
});

describe('other methods', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'post'])('answers %s with a Keystone-shaped 405', (method) => {
    const response = call(method, { body: passwordBody(undefined) });
    expect(response.status).toBe(405);
    expect(response.headers['Allow']).toBe('GET, HEAD, POST');
    expect(json(response)).toEqual(errorBody(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'));
  });
});
