/**
 * Fast-check arbitraries for hostile requests: valid requests of every auth method (signed at the
 * gateway's frozen time), then mutated; and requests made of noise. Each case says whether the
 * gateway may accept it (`acceptable`) and whether it must (`mustAccept`), so a mutation that
 * breaks a signature can be proven never accepted.
 */
import fc from 'fast-check';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../../src/mock/config/demo-world.ts';
import { formatSdkDate, type SigningCredentials, signRequest } from '../../../src/protocol/index.ts';
import type { WireRequest } from './wire-request.ts';

export const HOST = 'gw.apig-kit.test';
export const FROZEN_AT = '2026-11-23T09:00:00Z';
export const FROZEN_MS = Date.parse(FROZEN_AT);
const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface FuzzTokens {
  /** demo-user, project cn-north-4: good for every IAM service. */
  project: string;
  /** other-user, another account: ModelArts.0203. */
  otherAccount: string;
  /** demo-user, domain scope: ModelArts.0212. */
  domain: string;
}

export interface FuzzCase {
  label: string;
  request: WireRequest;
  acceptable: boolean;
  mustAccept: boolean;
}

type Family = 'iam' | 'app';
const IAM_AUTH = ['token', 'token-other', 'token-domain', 'aksk', 'aksk-other', 'temporary-aksk', 'aksk-wrong-secret'] as const;
const APP_AUTH = ['app-signature', 'unbound-app-signature', 'appcode', 'apikey', 'unbound-apikey'] as const;
type AuthKind = (typeof IAM_AUTH)[number] | (typeof APP_AUTH)[number] | 'none';
/** Kinds that succeed when nothing else is wrong. */
const GOOD_AUTH: ReadonlySet<AuthKind> = new Set(['token', 'aksk', 'temporary-aksk', 'app-signature', 'appcode', 'apikey']);

/** `anyPath`: the model takes any sub-path (echo, slow); the others declare one POST / (others are 404 ModelArts.4204). */
const SERVICES: ReadonlyArray<{ id: string; family: Family; running: boolean; anyPath?: boolean }> = [
  { id: S.iris, family: 'iam', running: true },
  { id: S.image, family: 'iam', running: true },
  { id: S.echo, family: 'iam', running: true, anyPath: true },
  { id: S.slow, family: 'iam', running: true, anyPath: true },
  { id: S.irisApp, family: 'app', running: true },
  { id: S.imageApp, family: 'app', running: true },
  { id: S.echoApp, family: 'app', running: true, anyPath: true },
  { id: S.stopped, family: 'iam', running: false },
  { id: S.deleted, family: 'iam', running: false },
];

const SIGNING: Partial<Record<AuthKind, SigningCredentials>> = {
  aksk: { accessKey: C.accessKey, secretKey: C.secretKey },
  'aksk-other': { accessKey: C.otherAccessKey, secretKey: C.otherSecretKey },
  'temporary-aksk': { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken },
  'aksk-wrong-secret': { accessKey: C.accessKey, secretKey: `${C.secretKey}x` },
  'app-signature': { accessKey: C.appKey, secretKey: C.appSecret },
  'unbound-app-signature': { accessKey: C.unboundAppKey, secretKey: C.unboundAppSecret },
};
const KNOWN_KEYS = [C.accessKey, C.otherAccessKey, C.temporaryAccessKey, C.appKey, C.unboundAppKey];

const ALGORITHMS = ['SDK-HMAC-SHA256', 'V11-HMAC-SHA256', 'SDK-HMAC-SM3'] as const;
const OTHER_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];
/** Names the gateway reads: worth filling with noise. */
const INTERESTING_HEADERS = [
  'authorization',
  'x-sdk-date',
  'x-auth-token',
  'x-apig-appcode',
  'apikey',
  'x-stage',
  'x-security-token',
  'x-sdk-content-sha256',
  'x-sdk-content-sm3',
  'content-type',
  'content-length',
  'transfer-encoding',
  'host',
  'x-apig-mode',
  'x-project-id',
  'x-apig-kit-test-id',
];

const urlPiece = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '~', '%20', '%2F', '%41', '%e4%bd%a0', '+', '*', "'", '!', '(', ')', ':', '@', ',', ';', '$', '/'),
  maxLength: 6,
});
const queryArb = fc
  .array(fc.tuple(urlPiece, fc.option(urlPiece, { nil: undefined })), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&'));
const subPathArb = fc.oneof(
  fc.constantFrom('', '/', '/predict', '/a/b', '/%E4%BD%A0', '/x%2Fy', '/a/./b'),
  urlPiece.map((p) => `/${p}`),
);

const irisBody = fc
  .array(
    fc.record({
      sepal_length: fc.double({ noNaN: true, noDefaultInfinity: true }),
      sepal_width: fc.double({ min: 0, max: 9, noNaN: true }),
      petal_length: fc.double({ min: 0, max: 9, noNaN: true }),
      petal_width: fc.double({ min: 0, max: 9, noNaN: true }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((rows) => JSON.stringify({ data: { req_data: rows } }));
const bodyArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 3, arbitrary: irisBody.map((text) => new TextEncoder().encode(text)) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }).map((text) => new TextEncoder().encode(text)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => new TextEncoder().encode(text)) },
);
const contentTypeArb = fc.constantFrom(
  'application/json',
  'application/json;charset=utf-8',
  'text/plain',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
);
const chunkSizesArb = fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 4 });
/** Length lies below the cap change nothing in-process (the chunks decide); one over it is refused unread. */
const declaredArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<'exact'>('exact') },
  { weight: 3, arbitrary: fc.constant<'none'>('none') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 4096 }) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_BODY_BYTES + 1, max: 2 ** 40 }) },
);
const noiseValue = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
const extraHeaderArb = fc.tuple(
  fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((n) => `x-fuzz-${n}`),
  fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/),
);

const authorizationNoise = fc.oneof(
  noiseValue,
  fc
    .record({
      algorithm: fc.constantFrom(...ALGORITHMS, 'HMAC-SHA256', ''),
      key: fc.oneof(fc.constantFrom(...KNOWN_KEYS), noiseValue),
      signed: fc.oneof(fc.constant('content-type;host;x-sdk-date'), noiseValue),
      signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), noiseValue),
    })
    .map(({ algorithm, key, signed, signature }) => `${algorithm} Access=${key}, SignedHeaders=${signed}, Signature=${signature}`),
  fc
    .record({ key: fc.constantFrom(...KNOWN_KEYS), date: fc.stringMatching(/^\d{8}$/), signature: fc.stringMatching(/^[0-9a-f]{64}$/) })
    .map(
      ({ key, date, signature }) =>
        `V11-HMAC-SHA256 Credential=${key}/${date}/cn-north-4/apic/sdk_request, SignedHeaders=host;x-sdk-date, Signature=${signature}`,
    ),
);
const sdkDateNoise = fc.oneof(
  noiseValue,
  fc.stringMatching(/^\d{8}T\d{6}Z$/),
  fc.integer({ min: -1e9, max: 1e9 }).map((s) => formatSdkDate(FROZEN_MS + s * 1000)),
);

/** One change to a valid request. `breaks`: what it does to a signed, or to an unsigned, request. */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('flip-signature' as const), at: fc.nat(63), to: fc.nat(15) }),
  fc.record({ kind: fc.constant('flip-body-byte' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('shift-date' as const), seconds: fc.integer({ min: -900, max: 900 }).filter((s) => s !== 0) }),
  fc.record({ kind: fc.constant('noise-date' as const), value: sdkDateNoise }),
  fc.record({ kind: fc.constant('change-method' as const), method: fc.oneof(fc.constantFrom(...OTHER_METHODS), fc.constant('post')) }),
  fc.record({ kind: fc.constant('append-path' as const), segment: fc.constantFrom('/zz', '/x%2Fy', '/%C3%A9') }),
  fc.record({ kind: fc.constant('add-query' as const), pair: fc.constantFrom('fuzz=1', 'a', 'z=%20') }),
  fc.record({ kind: fc.constant('change-signed-header' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('drop-auth-header' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('swap-key' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('flip-credential' as const), at: fc.nat(), to: fc.constantFrom('A', 'z', '0', '-') }),
  fc.record({ kind: fc.constant('noise-authorization' as const), value: authorizationNoise }),
  fc.record({ kind: fc.constant('noise-header' as const), name: fc.constantFrom(...INTERESTING_HEADERS), value: noiseValue }),
  fc.record({ kind: fc.constant('extra-header' as const), header: extraHeaderArb }),
  fc.record({ kind: fc.constant('abort-body' as const), after: fc.nat(4) }),
);
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

interface Built {
  request: WireRequest;
  auth: AuthKind;
  signed: boolean;
  unsignedPayload: boolean;
  acceptable: boolean;
  mustAccept: boolean;
  /** The service takes any sub-path: another path is no undeclared API. */
  anyPath: boolean;
}

const CREDENTIAL_HEADER: Partial<Record<AuthKind, string>> = {
  token: 'x-auth-token',
  'token-other': 'x-auth-token',
  'token-domain': 'x-auth-token',
  appcode: 'x-apig-appcode',
  apikey: 'apikey',
  'unbound-apikey': 'apikey',
};

const setHeader = (headers: Array<[string, string]>, name: string, value: string): Array<[string, string]> => {
  const i = headers.findIndex(([n]) => n === name);
  return i === -1 ? [...headers, [name, value]] : headers.map((h, j): [string, string] => (j === i ? [name, value] : h));
};
const getHeader = (headers: Array<[string, string]>, name: string) => headers.find(([n]) => n === name)?.[1];

function splitTarget(target: string): [string, string | undefined] {
  const q = target.indexOf('?');
  return q === -1 ? [target, undefined] : [target.slice(0, q), target.slice(q + 1)];
}

interface Mutated {
  request: WireRequest;
  /** A change whose effect is not promised either way (e.g. noise in X-Stage): the case may be refused. */
  unsure: boolean;
}

/** Applies one mutation. Whether it broke the request is judged afterwards, by comparing with the original. */
function mutate(built: Built, { request, unsure }: Mutated, m: Mutation): Mutated {
  const next = (changed: WireRequest, uncertain = false): Mutated => ({ request: changed, unsure: unsure || uncertain });
  const authorization = getHeader(request.headers, 'authorization');
  switch (m.kind) {
    case 'flip-signature': {
      const match = authorization && /Signature=([0-9a-f]+)/.exec(authorization);
      if (!authorization || !match) return { request, unsure };
      const at = match.index + 'Signature='.length + (m.at % match[1]!.length);
      const digit = ((parseInt(authorization[at]!, 16) + 1 + (m.to % 15)) % 16).toString(16);
      return next({ ...request, headers: setHeader(request.headers, 'authorization', authorization.slice(0, at) + digit + authorization.slice(at + 1)) });
    }
    case 'flip-body-byte': {
      if (request.body.length === 0) return { request, unsure };
      const body = Uint8Array.from(request.body);
      body[m.at % body.length]! ^= m.xor;
      return next({ ...request, body });
    }
    case 'shift-date':
    case 'noise-date': {
      if (getHeader(request.headers, 'x-sdk-date') === undefined) return { request, unsure };
      const value = m.kind === 'shift-date' ? formatSdkDate(FROZEN_MS + m.seconds * 1000) : m.value;
      return next({ ...request, headers: setHeader(request.headers, 'x-sdk-date', value) });
    }
    case 'change-method':
      return next({ ...request, method: m.method });
    case 'append-path': {
      const [path, query] = splitTarget(request.target);
      return next({ ...request, target: `${path}${m.segment}${query === undefined ? '' : `?${query}`}` });
    }
    case 'add-query': {
      const [path, query] = splitTarget(request.target);
      return next({ ...request, target: `${path}?${query ? `${query}&` : ''}${m.pair}` });
    }
    case 'change-signed-header': {
      const names = signedNames(request);
      if (names.length === 0) return { request, unsure };
      const name = names[m.pick % names.length]!;
      return next({ ...request, headers: setHeader(request.headers, name, `${getHeader(request.headers, name) ?? ''}x`) });
    }
    case 'drop-auth-header': {
      const names = built.signed ? [...signedNames(request), 'authorization'] : [CREDENTIAL_HEADER[built.auth]].filter((n) => n !== undefined);
      if (names.length === 0) return { request, unsure };
      const name = names[m.pick % names.length]!;
      return next({ ...request, headers: request.headers.filter(([n]) => n !== name) });
    }
    case 'swap-key': {
      const key = /(?:Access|Credential)=([^,/\s]+)/.exec(authorization ?? '')?.[1];
      if (!authorization || !key) return { request, unsure };
      const others = KNOWN_KEYS.filter((k) => k !== key);
      return next({ ...request, headers: setHeader(request.headers, 'authorization', authorization.replace(key, others[m.pick % others.length]!)) });
    }
    case 'flip-credential': {
      const name = CREDENTIAL_HEADER[built.auth];
      const value = name && getHeader(request.headers, name);
      if (!name || !value) return { request, unsure };
      // Not the last 4 characters: a base64 token's padding bits may not change the bytes.
      const at = m.at % Math.max(1, value.length - 4);
      return next({ ...request, headers: setHeader(request.headers, name, value.slice(0, at) + m.to + value.slice(at + 1)) });
    }
    case 'noise-authorization':
      return next({ ...request, headers: setHeader(request.headers, 'authorization', m.value) }, true);
    case 'noise-header':
      return next({ ...request, headers: setHeader(request.headers, m.name, m.value) }, true);
    case 'extra-header':
      return next({ ...request, headers: [...request.headers, m.header] });
    case 'abort-body':
      return next({ ...request, abortAfterChunks: m.after });
  }
}

function signedNames(request: WireRequest): string[] {
  return /SignedHeaders=([^,\s]+)/.exec(getHeader(request.headers, 'authorization') ?? '')?.[1]?.split(';') ?? [];
}

const valuesOf = (request: WireRequest, name: string) => JSON.stringify(request.headers.filter(([n]) => n === name).map(([, v]) => v));
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * What the gateway may do with a mutated valid request. Broken: another method; for a signature,
 * another target, Authorization, signed header or (unless UNSIGNED-PAYLOAD) body; for a token,
 * AppCode or apikey, another credential header. Anything else leaves a valid request valid.
 */
function judge(base: Built, mutated: Mutated): { acceptable: boolean; mustAccept: boolean } {
  const { request } = mutated;
  const changed = (name: string) => valuesOf(base.request, name) !== valuesOf(request, name);
  // A body that never completes is refused whatever else holds (IAM-path cases are not judged here).
  let broken = request.method !== base.request.method || request.abortAfterChunks !== undefined;
  // Another path is an API the service may not declare (404 ModelArts.4204).
  broken ||= !base.anyPath && splitTarget(request.target)[0] !== splitTarget(base.request.target)[0];
  if (base.signed) {
    broken ||= request.target !== base.request.target || changed('authorization') || signedNames(base.request).some(changed);
    broken ||= !base.unsignedPayload && !sameBytes(request.body, base.request.body);
  } else {
    const credential = CREDENTIAL_HEADER[base.auth];
    broken ||= credential !== undefined && changed(credential);
  }
  const acceptable = base.acceptable && !broken;
  return { acceptable, mustAccept: acceptable && base.mustAccept && !mutated.unsure };
}

function baseCase(tokens: FuzzTokens) {
  const tokenOf: Partial<Record<AuthKind, string>> = { token: tokens.project, 'token-other': tokens.otherAccount, 'token-domain': tokens.domain };
  return fc
    .record({
      service: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...SERVICES) },
        { weight: 1, arbitrary: fc.uuid().map((id) => ({ id, family: 'iam' as Family, running: false })) },
      ),
      auth: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom<AuthKind>(...IAM_AUTH, ...APP_AUTH, 'none') },
        { weight: 3, arbitrary: fc.constantFrom<AuthKind>(...GOOD_AUTH) },
      ),
      method: fc.oneof({ weight: 9, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
      subPath: subPathArb,
      query: queryArb,
      body: bodyArb,
      contentType: contentTypeArb,
      extraHeaders: fc.array(extraHeaderArb, { maxLength: 3 }),
      algorithm: fc.constantFrom(...ALGORITHMS),
      unsignedPayload: fc.boolean(),
      chunkSizes: chunkSizesArb,
      declaredLength: declaredArb,
    })
    .map((c) => {
      // Most good credentials go to a service of their own family, so many requests get through.
      const family = (APP_AUTH as readonly string[]).includes(c.auth) ? 'app' : 'iam';
      const matching = SERVICES.filter((s) => s.family === family && s.running);
      return GOOD_AUTH.has(c.auth) && c.service.family !== family && c.body.length % 4 !== 0
        ? { ...c, service: matching[c.body.length % matching.length]! }
        : c;
    })
    .map((c): Built => {
      const target = `/v1/infers/${c.service.id}${c.subPath}${c.query ? `?${c.query}` : ''}`;
      let headers: Array<[string, string]> = [['host', HOST], ['content-type', c.contentType], ...c.extraHeaders];
      const credentials = SIGNING[c.auth];
      if (credentials) {
        const signed = signRequest({ method: c.method, url: target, headers, body: c.body }, credentials, {
          date: FROZEN_MS,
          algorithm: c.algorithm,
          region: 'cn-north-4',
          unsignedPayload: c.unsignedPayload,
        });
        for (const [name, value] of Object.entries(signed.headers)) headers = setHeader(headers, name.toLowerCase(), value);
      }
      const credentialHeader = CREDENTIAL_HEADER[c.auth];
      if (credentialHeader) {
        const value = tokenOf[c.auth] ?? (c.auth === 'appcode' ? C.appCode : c.auth === 'apikey' ? C.appKey : C.unboundAppKey);
        headers = setHeader(headers, credentialHeader, value);
      }
      const family: Family | undefined = (IAM_AUTH as readonly string[]).includes(c.auth)
        ? 'iam'
        : (APP_AUTH as readonly string[]).includes(c.auth)
          ? 'app'
          : undefined;
      const withinCap = c.declaredLength === 'exact' || c.declaredLength === 'none' || c.declaredLength <= MAX_BODY_BYTES;
      const anyPath = 'anyPath' in c.service && c.service.anyPath === true;
      const declaredPath = anyPath || c.subPath === '' || c.subPath === '/';
      const ok = GOOD_AUTH.has(c.auth) && family === c.service.family && c.service.running && c.method === 'POST' && withinCap && declaredPath;
      return {
        request: { method: c.method, target, headers, body: c.body, chunkSizes: c.chunkSizes, declaredLength: c.declaredLength },
        auth: c.auth,
        signed: credentials !== undefined,
        unsignedPayload: c.unsignedPayload,
        acceptable: ok,
        mustAccept: ok,
        anyPath,
      };
    });
}

/** A valid request of any auth method, with up to three mutations. */
export function mutatedRequests(tokens: FuzzTokens): fc.Arbitrary<FuzzCase> {
  return fc.tuple(baseCase(tokens), fc.array(mutationArb, { maxLength: 3 })).map(([base, mutations]) => {
    const mutated = mutations.reduce((state: Mutated, m) => mutate(base, state, m), { request: base.request, unsure: false });
    return { label: `${base.auth} ${mutations.map((m) => m.kind).join(',') || 'pristine'}`, request: mutated.request, ...judge(base, mutated) };
  });
}

/** Noise: any method, target, header set and body. None carries a valid credential, so none may be accepted. */
export function noiseRequests(): fc.Arbitrary<FuzzCase> {
  const target = fc
    .oneof(
      fc.tuple(fc.constantFrom(...SERVICES.map((s) => s.id)), fc.string({ unit: 'binary', maxLength: 40 })).map(([id, rest]) => `/v1/infers/${id}${rest}`),
      fc.string({ unit: 'binary', maxLength: 80 }).map((s) => `/${s}`),
      fc
        .string({ unit: fc.constantFrom('%', '%2', '%zz', '%00', '%ff', '%C3', '%C3%28', '%E2%82', '/', '?', '#', 'a', '&', '='), maxLength: 20 })
        .map((s) => `/v1/infers/${S.echo}/${s}`),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ maxLength: 30 }),
    )
    .filter((t) => !t.startsWith('/_apig-kit'));
  return fc
    .record({
      method: fc.oneof(fc.constantFrom('POST', ...OTHER_METHODS), fc.string({ maxLength: 12 })),
      target,
      headers: fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...INTERESTING_HEADERS), fc.stringMatching(/^[a-z0-9!#$%&'*+.^_`|~-]{1,20}$/)),
          fc.oneof(noiseValue, authorizationNoise, sdkDateNoise),
        ),
        { maxLength: 8 },
      ),
      body: bodyArb,
      chunkSizes: chunkSizesArb,
      declaredLength: declaredArb,
      abortAfterChunks: fc.option(fc.nat(4), { nil: undefined, freq: 8 }),
    })
    .map((request) => ({ label: 'noise', request, acceptable: false, mustAccept: false }));
}

/** Password logins, good and broken, and token validation on /v3/auth/tokens. */
export function iamRequests(tokens: FuzzTokens): fc.Arbitrary<FuzzCase> {
  const login = fc
    .record({
      user: fc.constantFrom(C.user, C.otherUser, 'nobody'),
      password: fc.constantFrom(C.password, C.otherPassword, 'wrong'),
      account: fc.constantFrom(C.account, C.otherAccount),
      scope: fc.constantFrom<unknown>({ project: { name: 'cn-north-4' } }, { domain: { name: C.account } }, { project: { id: 'nope' } }, undefined),
    })
    .map((l) => ({
      ...l,
      text: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: l.user, password: l.password, domain: { name: l.account } } } },
          ...(l.scope ? { scope: l.scope } : {}),
        },
      }),
    }));
  return fc
    .record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 3, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE') }),
      login,
      cut: fc.option(fc.nat(), { freq: 3 }),
      noise: fc.option(fc.uint8Array({ maxLength: 200 }), { freq: 5 }),
      authToken: fc.option(fc.oneof(fc.constantFrom(tokens.project, tokens.domain), noiseValue), { freq: 2 }),
      subjectToken: fc.option(fc.oneof(fc.constantFrom(tokens.project, tokens.otherAccount), noiseValue), { freq: 2 }),
      query: fc.constantFrom('', '?nocatalog=true', '?nocatalog='),
      chunkSizes: chunkSizesArb,
    })
    .map((c) => {
      const text = new TextEncoder().encode(c.login.text);
      const body = c.noise ?? (c.cut === null ? text : text.subarray(0, c.cut % text.length));
      const headers: Array<[string, string]> = [
        ['host', HOST],
        ['content-type', 'application/json;charset=utf8'],
      ];
      if (c.authToken !== null) headers.push(['x-auth-token', c.authToken]);
      if (c.subjectToken !== null) headers.push(['x-subject-token', c.subjectToken]);
      const goodLogin =
        c.method === 'POST' &&
        c.noise === null &&
        c.cut === null &&
        c.login.user === C.user &&
        c.login.password === C.password &&
        c.login.account === C.account &&
        c.login.scope !== undefined &&
        !('project' in (c.login.scope as object) && 'id' in (c.login.scope as { project: object }).project);
      const request: WireRequest = { method: c.method, target: `/v3/auth/tokens${c.query}`, headers, body, chunkSizes: c.chunkSizes, declaredLength: 'exact' };
      return { label: 'iam', request, acceptable: true, mustAccept: goodLogin };
    });
}

/** The whole mix: mostly mutated valid requests, some noise, some IAM. */
export function hostileRequests(tokens: FuzzTokens): fc.Arbitrary<FuzzCase> {
  return fc.oneof({ weight: 6, arbitrary: mutatedRequests(tokens) }, { weight: 3, arbitrary: noiseRequests() }, { weight: 1, arbitrary: iamRequests(tokens) });
}
