import { readFileSync, statSync } from 'node:fs';
import { AUTH_METHOD_IDS, type AuthMethodId, isAuthMethodId } from '../../protocol/index.ts';
import { basename } from 'node:path';
import { z } from 'zod';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  ApigError,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Authenticator,
  ConnectionError,
  type Fetch,
  IamError,
  type InferenceInput,
  InferenceClient,
  RequestTimeoutError,
  readCredentialsCsv,
  RequestTooLargeError,
  TokenAuthenticator,
  tlsFetch,
  TokenProvider,
} from '../../clients/index.ts';
import { isCredentialHeader, MAX_CREDENTIALS_CSV_BYTES } from '../../protocol/index.ts';
import { CliError, EXIT } from '../cli-error.ts';

/** The registry's ids (src/protocol/auth-methods.ts), as --auth takes them. */
export const AUTH_METHODS = AUTH_METHOD_IDS;

/** Credential names, as profile-file keys and (upper snake case, APIG_ prefix) environment variables. */
const credentialsSchema = z
  .object({
    ak: z.string().min(1),
    sk: z.string().min(1),
    securityToken: z.string().min(1),
    token: z.string().min(1),
    iamUrl: z.string().url(),
    user: z.string().min(1),
    password: z.string().min(1),
    account: z.string().min(1),
    project: z.string().min(1),
    projectId: z.string().min(1),
    appKey: z.string().min(1),
    appSecret: z.string().min(1),
    appCode: z.string().min(1),
  })
  .partial()
  .strict();

export type Credentials = z.infer<typeof credentialsSchema>;
const CREDENTIAL_KEYS = Object.keys(credentialsSchema.shape) as Array<keyof Credentials>;

export const envName = (key: string) => `APIG_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export interface InferOptions extends Credentials {
  auth: string;
  json?: string;
  file?: string;
  path?: string;
  query?: string[];
  stage?: string;
  timeout?: string;
  profile?: string;
  /** A credentials.csv as the console downloads it: its AK/SK (the row of --user when it has several). */
  credentials?: string;
  verbose?: boolean;
  /** A PEM file of certificates to trust over HTTPS besides the system's (default $APIG_CA_FILE). */
  cacert?: string;
  /** Accept any certificate (curl -k). */
  insecure?: boolean;
}

/** The environment variable the kit sets to the certificate a client should trust (fixtures/scenarios/README.md). */
export const CA_FILE_ENV = 'APIG_CA_FILE';

/** --cacert FILE (or $APIG_CA_FILE) and --insecure as a fetch with that trust; the platform fetch without them. */
function trustingFetch(options: InferOptions, env: NodeJS.ProcessEnv): Fetch {
  const caFile = options.cacert ?? (env[CA_FILE_ENV] || undefined);
  if (caFile === undefined && !options.insecure) return fetch;
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${caFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return tlsFetch({ ca, rejectUnauthorized: !options.insecure });
}

/** AK/SK from a credentials.csv; errors name the file and the problem, never a key. */
function credentialsFromCsv(path: string, user: string | undefined): Credentials {
  let content: Buffer;
  try {
    if (statSync(path).size > MAX_CREDENTIALS_CSV_BYTES) throw new CliError(`${path} is not a credentials.csv: over ${MAX_CREDENTIALS_CSV_BYTES} bytes`);
    content = readFileSync(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read credentials file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const row = readCredentialsCsv(content, { user });
    return { ak: row.accessKey, sk: row.secretKey };
  } catch (error) {
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
}

/** Flags win over a credentials.csv, which wins over the profile file, which wins over APIG_* environment variables. */
export function resolveCredentials(options: InferOptions, env: NodeJS.ProcessEnv): Credentials {
  let profile: Credentials = {};
  if (options.profile) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(options.profile, 'utf8'));
    } catch (error) {
      throw new CliError(`cannot read profile ${options.profile}: ${(error as NodeJS.ErrnoException).code ?? 'not JSON'}`);
    }
    const parsed = credentialsSchema.safeParse(data);
    if (!parsed.success)
      throw new CliError(`profile ${options.profile}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    profile = parsed.data;
  }
  const csv = options.credentials ? credentialsFromCsv(options.credentials, options.user) : {};
  const credentials: Credentials = {};
  for (const key of CREDENTIAL_KEYS) {
    const value = options[key] ?? csv[key] ?? profile[key] ?? env[envName(key)];
    if (value !== undefined && value !== '') credentials[key] = value;
  }
  return credentials;
}

function need(credentials: Credentials, method: string, keys: Array<keyof Credentials>): void {
  const missing = keys.filter((key) => credentials[key] === undefined);
  if (missing.length > 0) {
    throw new CliError(
      `--auth ${method} needs ${missing.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} (or ${envName(key)})`).join(', ')}`,
    );
  }
}

export function buildAuthenticator(method: string, credentials: Credentials, serviceUrl: string, fetchImpl: Fetch): Authenticator {
  if (!isAuthMethodId(method)) throw new CliError(`--auth must be one of ${AUTH_METHOD_IDS.join(', ')}, not "${method}"`);
  return authenticatorFor(method, credentials, serviceUrl, fetchImpl);
}

/** One case per registered method: the compiler points here when a method is added. */
function authenticatorFor(method: AuthMethodId, credentials: Credentials, serviceUrl: string, fetchImpl: Fetch): Authenticator {
  switch (method) {
    case 'token': {
      if (credentials.token) return new TokenAuthenticator(credentials.token);
      need(credentials, method, ['user', 'password', 'account']);
      if (!credentials.project && !credentials.projectId)
        throw new CliError('--auth token needs --project or --project-id (ModelArts refuses domain-scoped tokens), or a ready --token');
      const provider = new TokenProvider(
        {
          login: {
            iamUrl: credentials.iamUrl ?? new URL(serviceUrl).origin,
            user: credentials.user!,
            password: credentials.password!,
            account: credentials.account!,
            project: credentials.projectId ? { id: credentials.projectId } : { name: credentials.project! },
          },
        },
        { fetch: fetchImpl },
      );
      return new TokenAuthenticator(provider);
    }
    case 'aksk':
      need(credentials, method, ['ak', 'sk']);
      return new AkSkAuthenticator({
        accessKey: credentials.ak!,
        secretKey: credentials.sk!,
        securityToken: credentials.securityToken,
        projectId: credentials.projectId,
      });
    case 'app':
      need(credentials, method, ['appKey', 'appSecret']);
      return new AppSignatureAuthenticator({ appKey: credentials.appKey!, appSecret: credentials.appSecret! });
    case 'appcode':
      need(credentials, method, ['appCode']);
      return new AppCodeAuthenticator(credentials.appCode!);
    case 'apikey':
      need(credentials, method, ['appKey']);
      return new ApiKeyAuthenticator(credentials.appKey!);
    default:
      return method satisfies never;
  }
}

export function buildInput(options: Pick<InferOptions, 'json' | 'file'>): InferenceInput {
  if ((options.json === undefined) === (options.file === undefined)) throw new CliError('give exactly one of --json JSON or --file field=@path');
  if (options.json !== undefined) {
    try {
      return { json: JSON.parse(options.json) };
    } catch {
      throw new CliError('--json is not valid JSON');
    }
  }
  const match = /^([^=]+)=@(.+)$/.exec(options.file!);
  if (!match) throw new CliError('--file takes field=@path, e.g. images=@flower.png');
  const [, field, path] = match as unknown as [string, string, string];
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return { file: { field, name: basename(path), content } };
}

/** A fetch that prints each request it sends to `log`, credentials masked. */
function verboseFetch(inner: Fetch, log: (line: string) => void): Fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    log(`> ${request.method} ${request.url}`);
    for (const [name, value] of request.headers) {
      const shown = isCredentialHeader(name) ? `[redacted, ${value.length} chars]` : value;
      log(`> ${name}: ${shown}`);
    }
    const body = init?.body;
    if (body !== undefined && body !== null)
      log(`> (${typeof body === 'string' ? Buffer.byteLength(body) : ((body as Uint8Array).byteLength ?? '?')} body bytes)`);
    return inner(input, init);
  };
}

function parseQuery(pairs: string[] | undefined): Record<string, string[]> | undefined {
  if (!pairs?.length) return undefined;
  const query: Record<string, string[]> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    (query[key] ??= []).push(equals === -1 ? '' : pair.slice(equals + 1));
  }
  return query;
}

/** `apig-kit infer`: one call to a real-time service; prints the status line and the body. */
export async function runInfer(
  serviceUrl: string,
  options: InferOptions,
  io: { env: NodeJS.ProcessEnv; out: (text: string) => void; err: (text: string) => void; fetch?: Fetch },
): Promise<number> {
  const baseFetch: Fetch = io.fetch ?? trustingFetch(options, io.env);
  const fetchImpl = options.verbose ? verboseFetch(baseFetch, io.err) : baseFetch;
  try {
    new URL(serviceUrl);
  } catch {
    throw new CliError(`"${serviceUrl}" is not a URL`);
  }
  const credentials = resolveCredentials(options, io.env);
  const auth = buildAuthenticator(options.auth, credentials, serviceUrl, fetchImpl);
  const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new CliError('--timeout takes a number of seconds');
  const client = new InferenceClient({ serviceUrl, auth, stage: options.stage, timeoutMs, fetch: fetchImpl });
  try {
    const result = await client.infer(buildInput(options), { path: options.path, query: parseQuery(options.query) });
    io.out(`HTTP ${result.status}${result.requestId ? ` (X-Request-Id ${result.requestId})` : ''}\n`);
    io.out(`${typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApigError || error instanceof IamError) {
      io.out(`HTTP ${error.status}${error.requestId ? ` (X-Request-Id ${error.requestId})` : ''}\n`);
      io.out(`${error.message}\n`);
      return 1;
    }
    if (error instanceof RequestTooLargeError || error instanceof RequestTimeoutError || error instanceof ConnectionError)
      throw new CliError(error.message, EXIT.failed);
    throw error;
  }
}
