/**
 * What the conformance suites run against: the embedded mock gateway (default, started in-process
 * on an ephemeral port), or a live APIG endpoint described by `APIG_LIVE_*` variables.
 */
import { readFileSync } from 'node:fs';
import { ADMIN_PREFIX, DEMO_CREDENTIALS, DEMO_SERVICE_IDS, startGateway } from '../src/mock/index.ts';
import type { FileUpload, PasswordLogin } from '../src/clients/index.ts';

import { AUTH_METHOD_IDS, type AuthMethodId } from '../src/protocol/index.ts';

/** The registry's auth methods (src/protocol/auth-methods.ts), under the suites' names. */
export const METHODS = AUTH_METHOD_IDS;
export type MethodId = AuthMethodId;

/** Services behind one kind of authentication: IAM (token, AK/SK) or app (signature, AppCode, apikey). */
export interface ServiceSet {
  /** Takes the JSON input. */
  json: string;
  /** Takes the file input as multipart/form-data. */
  file: string;
  /** Takes a sub-path and a query string. */
  path: string;
}

export interface Credentials {
  login?: PasswordLogin | undefined;
  aksk?: { accessKey: string; secretKey: string; securityToken?: string | undefined; projectId?: string | undefined } | undefined;
  app?: { appKey: string; appSecret: string } | undefined;
  appCode?: string | undefined;
  /** An app of the same account that is not bound to the app services (APIG.0304). */
  unboundApp?: { appKey: string; appSecret: string } | undefined;
}

export interface Capabilities {
  /** The gateway clock can be moved (the mock's admin API). */
  clock: boolean;
  /** A backend slower than the gateway's timeout can be had quickly. */
  slowBackend: boolean;
  /** Negative cases run: always on the mock, on live only with APIG_LIVE_NEGATIVE=1. */
  negatives: boolean;
  /** The path services echo what they received (the mock's echo model). */
  echo: boolean;
}

/** What may be written to reports and parity files: no credential in it. */
export interface TargetDescription {
  kind: 'embedded' | 'live';
  /** Scheme, host and port of the gateway. */
  origin: string;
  region: string | undefined;
  project: string | undefined;
  /** Methods that have credentials; the others are skipped. */
  methods: Record<MethodId, 'configured' | 'not configured'>;
  capabilities: Capabilities;
}

export interface Target {
  kind: 'embedded' | 'live';
  iam: ServiceSet | undefined;
  app: ServiceSet | undefined;
  credentials: Credentials;
  capabilities: Capabilities;
  inputs: { json: unknown; file: FileUpload };
  /** The sub-path the path cases call. */
  subPath: string;
  /** Why a method cannot run here, or undefined when it can. */
  unavailable(method: MethodId): string | undefined;
  /** Moves the gateway clock (capability `clock`). */
  shiftClock(ms: number): Promise<void>;
  resetClock(): Promise<void>;
  /** A service of `set` whose backend answers after the gateway's timeout (capability `slowBackend`); `restore` undoes any fault. */
  slowService(set: 'iam' | 'app'): Promise<{ url: string; restore(): Promise<void> }>;
  describe(): TargetDescription;
  close(): Promise<void>;
}

/** The iris input of the demo world; a live service gets APIG_LIVE_JSON instead. */
export const DEFAULT_JSON_INPUT = { data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } };
const DEFAULT_FILE: FileUpload = {
  field: 'images',
  name: 'flower.png',
  // A PNG signature, then arbitrary bytes: the image models refuse a file that is not an image.
  content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 2040 }, (_, i) => (i * 31 + 7) % 256)]),
  contentType: 'image/png',
};
export const DEFAULT_SUB_PATH = '/v2/predict';

/** The embedded gateway answers a backend after this long with 504, so the slow case is quick. */
export const EMBEDDED_BACKEND_TIMEOUT_MS = 1_000;

const METHOD_NEEDS: Record<MethodId, { set: 'iam' | 'app'; credential: (c: Credentials) => unknown; variables: string }> = {
  token: { set: 'iam', credential: (c) => c.login, variables: 'APIG_LIVE_IAM_URL, APIG_LIVE_USER, APIG_LIVE_PASSWORD, APIG_LIVE_ACCOUNT, APIG_LIVE_PROJECT' },
  aksk: { set: 'iam', credential: (c) => c.aksk, variables: 'APIG_LIVE_AK, APIG_LIVE_SK' },
  app: { set: 'app', credential: (c) => c.app, variables: 'APIG_LIVE_APP_KEY, APIG_LIVE_APP_SECRET' },
  appcode: { set: 'app', credential: (c) => c.appCode, variables: 'APIG_LIVE_APP_CODE' },
  apikey: { set: 'app', credential: (c) => c.app?.appKey, variables: 'APIG_LIVE_APP_KEY' },
};

function unavailableIn(target: Pick<Target, 'iam' | 'app' | 'credentials'>, method: MethodId): string | undefined {
  const needs = METHOD_NEEDS[method];
  if (!target[needs.set])
    return `no ${needs.set === 'iam' ? 'IAM-auth' : 'app-auth'} service: set ${needs.set === 'iam' ? 'APIG_LIVE_SERVICE_URL' : 'APIG_LIVE_APP_SERVICE_URL'}`;
  if (!needs.credential(target.credentials)) return `no ${method} credentials: set ${needs.variables}`;
  return undefined;
}

function describeTarget(target: Target, origin: string, region: string | undefined, project: string | undefined): TargetDescription {
  const methods = Object.fromEntries(METHODS.map((m) => [m, target.unavailable(m) ? 'not configured' : 'configured'])) as TargetDescription['methods'];
  return { kind: target.kind, origin, region, project, methods, capabilities: { ...target.capabilities } };
}

async function admin(baseUrl: string, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}${ADMIN_PREFIX}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path} answered ${response.status}: ${await response.text()}`);
}

/** The demo world on an ephemeral loopback port, with a short backend timeout. */
export async function embeddedTarget(): Promise<Target> {
  const running = await startGateway({ config: { limits: { backendTimeoutMs: EMBEDDED_BACKEND_TIMEOUT_MS } } });
  const C = DEMO_CREDENTIALS;
  const S = DEMO_SERVICE_IDS;
  const url = (id: string) => `${running.url}/v1/infers/${id}`;
  const target: Target = {
    kind: 'embedded',
    iam: { json: url(S.iris), file: url(S.image), path: url(S.echo) },
    app: { json: url(S.irisApp), file: url(S.imageApp), path: url(S.echoApp) },
    credentials: {
      login: { iamUrl: running.url, user: C.user, password: C.password, account: C.account, project: { name: 'cn-north-4' } },
      aksk: { accessKey: C.accessKey, secretKey: C.secretKey },
      app: { appKey: C.appKey, appSecret: C.appSecret },
      appCode: C.appCode,
      unboundApp: { appKey: C.unboundAppKey, appSecret: C.unboundAppSecret },
    },
    capabilities: { clock: true, slowBackend: true, negatives: true, echo: true },
    inputs: { json: DEFAULT_JSON_INPUT, file: DEFAULT_FILE },
    subPath: DEFAULT_SUB_PATH,
    unavailable: (method) => unavailableIn(target, method),
    shiftClock: (ms) => admin(running.url, 'PUT', '/clock', { advanceMs: ms }),
    resetClock: () => admin(running.url, 'DELETE', '/clock'),
    async slowService(set) {
      // IAM: the demo's slow-model (41 s) against the 1 s timeout. App: a fault delaying echo-app past it.
      if (set === 'iam') return { url: url(S.slow), restore: async () => undefined };
      await admin(running.url, 'PUT', `/faults/${S.echoApp}`, { delayMs: 30_000 });
      return { url: url(S.echoApp), restore: () => admin(running.url, 'DELETE', `/faults/${S.echoApp}`) };
    },
    describe: () => describeTarget(target, running.url, 'cn-north-4', 'cn-north-4'),
    close: () => running.close(),
  };
  return target;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Set to any APIG_LIVE_* service URL, the suites run against live. */
export function isLive(env: Env = process.env): boolean {
  return Boolean(env['APIG_LIVE_SERVICE_URL'] || env['APIG_LIVE_APP_SERVICE_URL']);
}

function serviceSet(env: Env, prefix: string): ServiceSet | undefined {
  const json = env[`${prefix}SERVICE_URL`];
  if (!json) return undefined;
  return { json, file: env[`${prefix}FILE_SERVICE_URL`] || json, path: env[`${prefix}PATH_SERVICE_URL`] || json };
}

function liveInputs(env: Env): Target['inputs'] {
  const json = env['APIG_LIVE_JSON'] ? (JSON.parse(env['APIG_LIVE_JSON']) as unknown) : DEFAULT_JSON_INPUT;
  const path = env['APIG_LIVE_FILE'];
  const file = path
    ? {
        ...DEFAULT_FILE,
        name: path.split(/[\\/]/).at(-1)!,
        content: new Uint8Array(readFileSync(path)),
        contentType: env['APIG_LIVE_FILE_TYPE'] || 'application/octet-stream',
      }
    : DEFAULT_FILE;
  return { json, file: { ...file, field: env['APIG_LIVE_FILE_FIELD'] || 'images' } };
}

/** A live endpoint from `APIG_LIVE_*` (suites/README.md lists them). No clock, no slow backend. */
export function liveTarget(env: Env = process.env): Target {
  const iam = serviceSet(env, 'APIG_LIVE_');
  const app = serviceSet(env, 'APIG_LIVE_APP_');
  const v = (name: string) => env[`APIG_LIVE_${name}`] || undefined;
  const project = v('PROJECT');
  const login =
    v('IAM_URL') && v('USER') && v('PASSWORD') && v('ACCOUNT') && (project || v('PROJECT_ID'))
      ? {
          iamUrl: v('IAM_URL')!,
          user: v('USER')!,
          password: v('PASSWORD')!,
          account: v('ACCOUNT')!,
          project: v('PROJECT_ID') ? { id: v('PROJECT_ID')! } : { name: project! },
        }
      : undefined;
  const pair = <T>(a: string | undefined, b: string | undefined, make: (a: string, b: string) => T) => (a && b ? make(a, b) : undefined);
  const origin = new URL((iam ?? app)?.json ?? 'http://unset.invalid').origin;
  const notHere = (what: string) => () => Promise.reject(new Error(`${what} is not available on a live target`));
  const target: Target = {
    kind: 'live',
    iam,
    app,
    credentials: {
      login,
      aksk: pair(v('AK'), v('SK'), (accessKey, secretKey) => ({ accessKey, secretKey, securityToken: v('SECURITY_TOKEN'), projectId: v('PROJECT_ID') })),
      app: pair(v('APP_KEY'), v('APP_SECRET'), (appKey, appSecret) => ({ appKey, appSecret })),
      appCode: v('APP_CODE'),
      unboundApp: pair(v('UNBOUND_APP_KEY'), v('UNBOUND_APP_SECRET'), (appKey, appSecret) => ({ appKey, appSecret })),
    },
    capabilities: { clock: false, slowBackend: false, negatives: env['APIG_LIVE_NEGATIVE'] === '1', echo: env['APIG_LIVE_ECHO'] === '1' },
    inputs: liveInputs(env),
    subPath: v('SUB_PATH') ?? DEFAULT_SUB_PATH,
    unavailable: (method) => unavailableIn(target, method),
    shiftClock: notHere('the gateway clock'),
    resetClock: notHere('the gateway clock'),
    slowService: notHere('a slow backend'),
    describe: () => describeTarget(target, origin, v('REGION'), project ?? v('PROJECT_ID')),
    close: async () => undefined,
  };
  return target;
}

export async function resolveTarget(env: Env = process.env): Promise<Target> {
  return isLive(env) ? liveTarget(env) : embeddedTarget();
}

/** The description of the target the suites will resolve from `env`, without starting anything. */
export function describeTargetFromEnv(env: Env = process.env): TargetDescription {
  if (isLive(env)) return liveTarget(env).describe();
  const configured = Object.fromEntries(METHODS.map((m) => [m, 'configured'])) as TargetDescription['methods'];
  return {
    kind: 'embedded',
    origin: 'http://127.0.0.1 (in-process, ephemeral port)',
    region: 'cn-north-4',
    project: 'cn-north-4',
    methods: configured,
    capabilities: { clock: true, slowBackend: true, negatives: true, echo: true },
  };
}
