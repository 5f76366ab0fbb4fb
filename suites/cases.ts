/**
 * The conformance cases: for each auth method, the happy paths and the refusals the gateway must
 * answer, each with a stable id (`<method>/<case>`) and the expected status and error_code from
 * the mock's catalogue (src/mock/catalogue.ts, which cites gateway.md for each entry).
 * Every request goes through our own clients (src/clients/); a bad condition is built with them.
 */
import { expect } from 'vitest';
import { LIMITS } from '../src/protocol/index.ts';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Authenticator,
  type Fetch,
  iamTokensUrl,
  InferenceClient,
  type InferenceClientOptions,
  type InferenceResult,
  passwordLoginRequest,
  RequestTooLargeError,
  TokenAuthenticator,
  TokenProvider,
} from '../src/clients/index.ts';
import type { ErrorKey } from '../src/mock/index.ts';
import { type Expected, fromCatalogue, fromKeystone, type Observation, observeError, SUCCESS } from './observation.ts';
import { AUTH_METHOD_IDS, AUTH_METHODS } from '../src/protocol/index.ts';
import type { MethodId, ServiceSet, Target } from './target.ts';

export type Requirement = 'clock' | 'slowBackend' | 'unboundApp';

export interface CaseContext {
  target: Target;
  method: MethodId;
  /** The services this method authenticates against. */
  services: ServiceSet;
  /** The method's valid authenticator (one per suite: a token login is shared). */
  auth: Authenticator;
  /** Our client on `services.json` unless `serviceUrl` says otherwise. */
  client(options?: Partial<InferenceClientOptions>): InferenceClient;
}

export interface ConformanceCase {
  /** Stable within a method: part of the case id. */
  name: string;
  title: string;
  kind: 'happy' | 'negative';
  methods: readonly MethodId[];
  requires?: Requirement | undefined;
  expected(method: MethodId): Expected;
  run(context: CaseContext): Promise<Observation>;
}

export const caseId = (method: MethodId, name: string) => `${method}/${name}`;

const ALL: readonly MethodId[] = AUTH_METHOD_IDS;
const SIGNED: readonly MethodId[] = AUTH_METHOD_IDS.filter((id) => AUTH_METHODS[id].signed);
const MINUTE = 60_000;
const SKEW_MS = 16 * MINUTE;
const TOKEN_LIFETIME_PASSED_MS = 25 * 60 * MINUTE;
const QUERY = { b: '2', a: ['y', 'x'], q: 'a b' };
const QUERY_AS_SENT = 'b=2&a=y&a=x&q=a%20b';

/** Calls, and reads a refusal as an observation; `onSuccess` checks a 2xx answer further. */
async function observe(call: () => Promise<InferenceResult>, onSuccess?: (result: InferenceResult) => void): Promise<Observation> {
  let result: InferenceResult;
  try {
    result = await call();
  } catch (error) {
    return observeError(error);
  }
  onSuccess?.(result);
  return { status: result.status, errorCode: undefined };
}

/** A credential one character off from `secret`: right length and alphabet, wrong value. */
function wrongSecret(secret: string): string {
  return `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
}

/** A signing authenticator of `method` with other credentials or another clock. */
function signer(context: CaseContext, change: { accessKey?: string; secretKey?: string; now?: () => number }): Authenticator {
  const { credentials } = context.target;
  if (context.method === 'aksk') {
    const aksk = credentials.aksk!;
    return new AkSkAuthenticator({ ...aksk, accessKey: change.accessKey ?? aksk.accessKey, secretKey: change.secretKey ?? aksk.secretKey, now: change.now });
  }
  const app = credentials.app!;
  return new AppSignatureAuthenticator({ appKey: change.accessKey ?? app.appKey, appSecret: change.secretKey ?? app.appSecret, now: change.now });
}

function currentSecret(context: CaseContext): string {
  return context.method === 'aksk' ? context.target.credentials.aksk!.secretKey : context.target.credentials.app!.appSecret;
}

/** Sends one more byte than was signed: the body is altered after the authenticator has seen it. */
const tamperingFetch: Fetch = (url, init) => {
  const body = init.body as Uint8Array;
  const tampered = new Uint8Array(body.length + 1);
  tampered.set(body);
  tampered[body.length] = 0x20; // still valid JSON, no longer the signed bytes
  return fetch(url, { ...init, body: tampered });
};

/**
 * Streams the body (chunked, no Content-Length). Sent with a Content-Length over the cap, the
 * gateway answers 413 at once and closes while the client is still uploading, and the platform
 * fetch reports a network error instead of the answer; streamed, the gateway reads up to the cap
 * first (gateway.md §4), so the 413 arrives after the upload.
 */
const streamingFetch: Fetch = (url, init) => {
  const bytes = init.body as Uint8Array;
  const CHUNK = 64 * 1024;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += CHUNK) controller.enqueue(bytes.subarray(offset, offset + CHUNK));
      controller.close();
    },
  });
  return fetch(url, { ...init, body, duplex: 'half' } as RequestInit);
};

/** Sends no credential at all. */
const NO_CREDENTIALS: Authenticator = { kind: 'none', apply: async () => undefined };

/**
 * A domain-scoped token, asked of IAM directly: our TokenProvider refuses to hold one (ModelArts
 * needs project scope), which is the point of this case.
 */
async function domainScopedToken(target: Target): Promise<string> {
  const login = target.credentials.login!;
  const response = await fetch(iamTokensUrl(login.iamUrl), passwordLoginRequest(login, { domain: { name: login.account } }));
  const token = response.headers.get('x-subject-token');
  if (response.status !== 201 || !token) throw new Error(`IAM gave no domain-scoped token (status ${response.status})`);
  return token;
}

/** IAM-side and app-side refusals of the same fault differ: APIG.0301 vs APIG.0303 (gateway.md §2). */
function bySide(iamRule: ErrorKey, appRule: ErrorKey): (method: MethodId) => Expected {
  return (method) => fromCatalogue(method === 'token' || method === 'aksk' ? iamRule : appRule);
}

const json = (context: CaseContext) => ({ json: context.target.inputs.json });

export const CASES: readonly ConformanceCase[] = [
  // Happy paths
  {
    name: 'json',
    title: 'JSON input',
    kind: 'happy',
    methods: ALL,
    expected: () => SUCCESS,
    run: (c) => observe(() => c.client().infer(json(c))),
  },
  {
    name: 'file',
    title: 'file input (multipart/form-data)',
    kind: 'happy',
    methods: ALL,
    expected: () => SUCCESS,
    run: (c) => observe(() => c.client({ serviceUrl: c.services.file }).infer({ file: c.target.inputs.file })),
  },
  {
    name: 'sub-path',
    title: 'a sub-path after the service URL',
    kind: 'happy',
    methods: ALL,
    expected: () => SUCCESS,
    run: (c) =>
      observe(
        () => c.client({ serviceUrl: c.services.path }).infer(json(c), { path: c.target.subPath }),
        (result) => {
          if (c.target.capabilities.echo) expect((result.body as { sub_path: string }).sub_path).toBe(c.target.subPath);
        },
      ),
  },
  {
    name: 'query',
    title: 'a query string (repeated key, space)',
    kind: 'happy',
    methods: ALL,
    expected: () => SUCCESS,
    run: (c) =>
      observe(
        () => c.client({ serviceUrl: c.services.path }).infer(json(c), { query: QUERY }),
        (result) => {
          if (c.target.capabilities.echo) expect((result.body as { query: string }).query).toBe(QUERY_AS_SENT);
        },
      ),
  },
  // Refusals: wrong or unknown credentials
  {
    name: 'wrong-password',
    title: 'IAM login with a wrong password',
    kind: 'negative',
    methods: ['token'],
    expected: () => fromKeystone('wrongCredentials'),
    run: (c) => {
      const login = c.target.credentials.login!;
      const provider = new TokenProvider({ login: { ...login, password: wrongSecret(login.password) } });
      return observe(() => c.client({ auth: new TokenAuthenticator(provider) }).infer(json(c)));
    },
  },
  {
    name: 'unknown-token',
    title: 'a token IAM never issued',
    kind: 'negative',
    methods: ['token'],
    expected: () => fromCatalogue('iam.token-undecodable'),
    run: (c) => observe(() => c.client({ auth: new TokenAuthenticator('MIIapigKitNotATokenIamIssued') }).infer(json(c))),
  },
  {
    name: 'domain-token',
    title: 'a domain-scoped token',
    kind: 'negative',
    methods: ['token'],
    expected: () => fromCatalogue('modelarts.domain-token'),
    run: async (c) => {
      const token = await domainScopedToken(c.target);
      return observe(() => c.client({ auth: new TokenAuthenticator(token) }).infer(json(c)));
    },
  },
  {
    name: 'expired-token',
    title: 'a token past its expires_at (gateway clock moved 25 h)',
    kind: 'negative',
    methods: ['token'],
    requires: 'clock',
    expected: () => fromCatalogue('iam.token-expired'),
    run: async (c) => {
      // A fixed token: a TokenProvider login would be renewed after the refusal, and succeed.
      const token = await new TokenProvider({ login: c.target.credentials.login! }).getToken();
      await c.target.shiftClock(TOKEN_LIFETIME_PASSED_MS);
      try {
        return await observe(() => c.client({ auth: new TokenAuthenticator(token) }).infer(json(c)));
      } finally {
        await c.target.resetClock();
      }
    },
  },
  {
    name: 'wrong-secret',
    title: 'signed with a wrong secret',
    kind: 'negative',
    methods: SIGNED,
    expected: bySide('iam.signature-mismatch', 'app.signature-mismatch'),
    run: (c) => observe(() => c.client({ auth: signer(c, { secretKey: wrongSecret(currentSecret(c)) }) }).infer(json(c))),
  },
  {
    name: 'unknown-key',
    title: 'an unknown AK / AppKey',
    kind: 'negative',
    methods: ['aksk', 'app', 'apikey'],
    expected: bySide('iam.ak-unknown', 'app.key-unknown'),
    run: (c) => {
      if (c.method === 'apikey') return observe(() => c.client({ auth: new ApiKeyAuthenticator('apigkit-unknown-app-key-0009') }).infer(json(c)));
      const accessKey = c.method === 'aksk' ? 'APIGKITUNKNOWNAK0009' : 'apigkit-unknown-app-key-0009';
      return observe(() => c.client({ auth: signer(c, { accessKey }) }).infer(json(c)));
    },
  },
  {
    name: 'tampered-body',
    title: 'body altered after signing',
    kind: 'negative',
    methods: SIGNED,
    expected: bySide('iam.signature-mismatch', 'app.signature-mismatch'),
    run: (c) => observe(() => c.client({ fetch: tamperingFetch }).infer(json(c))),
  },
  {
    name: 'date-16-min-early',
    title: 'X-Sdk-Date 16 minutes behind the gateway',
    kind: 'negative',
    methods: SIGNED,
    expected: bySide('iam.signature-expired', 'app.signature-expired'),
    run: (c) => observe(() => c.client({ auth: signer(c, { now: () => Date.now() - SKEW_MS }) }).infer(json(c))),
  },
  {
    name: 'date-16-min-late',
    title: 'X-Sdk-Date 16 minutes ahead of the gateway',
    kind: 'negative',
    methods: SIGNED,
    expected: bySide('iam.signature-expired', 'app.signature-expired'),
    run: (c) => observe(() => c.client({ auth: signer(c, { now: () => Date.now() + SKEW_MS }) }).infer(json(c))),
  },
  {
    name: 'wrong-appcode',
    title: 'an AppCode no app has',
    kind: 'negative',
    methods: ['appcode'],
    expected: () => fromCatalogue('app.appcode-unknown'),
    run: (c) => observe(() => c.client({ auth: new AppCodeAuthenticator(wrongSecret(c.target.credentials.appCode!)) }).infer(json(c))),
  },
  {
    name: 'missing-appcode',
    title: 'no AppCode (no credential at all)',
    kind: 'negative',
    methods: ['appcode'],
    expected: () => fromCatalogue('app.credentials-missing'),
    run: (c) => observe(() => c.client({ auth: NO_CREDENTIALS }).infer(json(c))),
  },
  {
    name: 'app-not-bound',
    title: 'an app not bound to the service',
    kind: 'negative',
    methods: ['app', 'apikey'],
    requires: 'unboundApp',
    expected: () => fromCatalogue('app.not-authorized'),
    run: (c) => {
      const unbound = c.target.credentials.unboundApp!;
      const auth = c.method === 'apikey' ? new ApiKeyAuthenticator(unbound.appKey) : new AppSignatureAuthenticator(unbound);
      return observe(() => c.client({ auth }).infer(json(c)));
    },
  },
  // Refusals: request shape and backend
  {
    name: 'body-over-12mb',
    title: 'a body over 12 MB: refused by the client, and by the gateway (413) when sent anyway',
    kind: 'negative',
    methods: ALL,
    expected: () => fromCatalogue('request.body-too-large'),
    run: async (c) => {
      const input = { json: { data: 'x'.repeat(LIMITS.maxBodyBytes) } };
      await expect(c.client().infer(input)).rejects.toBeInstanceOf(RequestTooLargeError);
      return observe(() => c.client({ maxBodyBytes: Number.POSITIVE_INFINITY, fetch: streamingFetch }).infer(input));
    },
  },
  {
    name: 'wrong-stage',
    title: 'X-Stage naming a stage the API is not published in',
    kind: 'negative',
    methods: ALL,
    expected: () => fromCatalogue('route.not-found'),
    run: (c) => observe(() => c.client({ stage: 'APIGKIT_NO_SUCH_STAGE' }).infer(json(c))),
  },
  {
    name: 'slow-backend',
    title: 'a backend slower than the gateway timeout',
    kind: 'negative',
    methods: ALL,
    requires: 'slowBackend',
    expected: () => fromCatalogue('backend.timeout'),
    run: async (c) => {
      const slow = await c.target.slowService(c.method === 'token' || c.method === 'aksk' ? 'iam' : 'app');
      try {
        return await observe(() => c.client({ serviceUrl: slow.url }).infer(json(c)));
      } finally {
        await slow.restore();
      }
    },
  },
];

export function casesFor(method: MethodId): ConformanceCase[] {
  return CASES.filter((c) => c.methods.includes(method));
}
