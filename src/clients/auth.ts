import type { AlgorithmName } from '../protocol/algorithms/index.ts';
import { signRequest, type SigningCredentials } from '../protocol/signer.ts';
import type { ApigError } from './errors.ts';
import { checkHeaderValue, MaskedObject, maskSecrets, redacted } from './secrets.ts';
import type { TemporaryCredentialProvider } from './temporary-credentials.ts';
import { TokenProvider } from './token.ts';

/** What an authenticator sees of a request about to be sent; it adds its headers to `headers`. */
export interface AuthRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The exact bytes that will be sent. */
  body: Uint8Array | undefined;
  /** Sign `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` instead of the body hash (multipart, gateway.md §6.2). */
  unsignedPayload: boolean;
}

/** One way of proving who calls (gateway.md §3). */
export interface Authenticator {
  readonly kind: string;
  apply(request: AuthRequest): Promise<void>;
  /** `text` with this authenticator's secrets replaced; used on every error message. */
  mask?(text: string): string;
  /**
   * Told of a refusal of a request it authenticated (`request` as it was sent). Returns true
   * when it has dropped a stale credential and one more attempt with a fresh one is worthwhile.
   */
  refused?(error: ApigError, request: AuthRequest): boolean;
}

/** The gateway's answers to an invalid or expired IAM token (gateway.md §3.9). */
const STALE_TOKEN_CODES = new Set(['APIG.0301', 'APIG.0307']);

/** IAM token in `X-Auth-Token` (gateway.md §3.1): from a TokenProvider, or a fixed token. */
export class TokenAuthenticator extends MaskedObject implements Authenticator {
  readonly kind = 'token';
  readonly #provider: TokenProvider;

  constructor(source: TokenProvider | string) {
    super();
    this.#provider = typeof source === 'string' ? new TokenProvider({ token: source }) : source;
  }

  async apply(request: AuthRequest): Promise<void> {
    request.headers.set('X-Auth-Token', await this.#provider.getToken());
  }

  /**
   * 401 APIG.0301/APIG.0307 (token invalid, expired or revoked): the cached token is dropped so
   * the next call logs in again; true (retry once) only when a new token can be had.
   */
  refused(error: ApigError, request: AuthRequest): boolean {
    if (error.status !== 401 || !STALE_TOKEN_CODES.has(error.errorCode ?? '')) return false;
    const sent = request.headers.get('X-Auth-Token') ?? undefined;
    this.#provider.invalidate(sent);
    return this.#provider.renewable && sent !== undefined;
  }

  mask(text: string): string {
    return this.#provider.mask(text);
  }

  protected describe(): Record<string, unknown> {
    return { kind: this.kind, provider: this.#provider.toJSON() };
  }
}

/**
 * Which member of the signature family signs (signing.md §1, §3): SDK-HMAC-SHA256 unless told, and
 * for the V11 algorithms the region of the credential scope (the service part defaults to `apic`,
 * as in APIG's own signer).
 */
export interface SignatureAlgorithmOptions {
  algorithm?: AlgorithmName | undefined;
  region?: string | undefined;
  service?: string | undefined;
}

/** Signs at `now()`, sending exactly the headers it signed. */
function sign(request: AuthRequest, credentials: SigningCredentials, now: () => number, algorithm: SignatureAlgorithmOptions): void {
  const { headers } = signRequest({ method: request.method, url: request.url, headers: [...request.headers], body: request.body }, credentials, {
    date: now(),
    unsignedPayload: request.unsignedPayload,
    algorithm: algorithm.algorithm,
    region: algorithm.region,
    service: algorithm.service,
  });
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
}

export interface AkSkCredentials extends SignatureAlgorithmOptions {
  accessKey: string;
  secretKey: string;
  /** With temporary AK/SK (STS): sent and signed as X-Security-Token (gateway.md §3.2). */
  securityToken?: string | undefined;
  /** Sent and signed as X-Project-Id, as ModelArts tells AK/SK callers to (optional at the gateway). */
  projectId?: string | undefined;
  /** The signing clock, epoch ms; default Date.now. Must be within 15 min of the gateway's. */
  now?: (() => number) | undefined;
}

/** Temporary AK/SK obtained from IAM and renewed before they expire (TemporaryCredentialProvider). */
export interface TemporaryAkSkSource extends SignatureAlgorithmOptions {
  temporary: TemporaryCredentialProvider;
  projectId?: string | undefined;
  now?: (() => number) | undefined;
}

/** IAM AK/SK signature, permanent or temporary (gateway.md §3.2): fixed keys, or keys from a TemporaryCredentialProvider. */
export class AkSkAuthenticator extends MaskedObject implements Authenticator {
  readonly kind: string;
  readonly #credentials: SigningCredentials | undefined;
  readonly #temporary: TemporaryCredentialProvider | undefined;
  readonly #projectId: string | undefined;
  readonly #now: () => number;
  readonly #algorithm: SignatureAlgorithmOptions;

  constructor(credentials: AkSkCredentials | TemporaryAkSkSource) {
    super();
    this.#projectId = credentials.projectId;
    this.#now = credentials.now ?? Date.now;
    this.#algorithm = { algorithm: credentials.algorithm, region: credentials.region, service: credentials.service };
    if ('temporary' in credentials) {
      this.kind = 'temporary-aksk';
      this.#temporary = credentials.temporary;
      return;
    }
    checkHeaderValue(credentials.accessKey, 'the access key');
    checkHeaderValue(credentials.secretKey, 'the secret key');
    if (credentials.securityToken !== undefined) checkHeaderValue(credentials.securityToken, 'the security token');
    this.kind = credentials.securityToken === undefined ? 'aksk' : 'temporary-aksk';
    this.#credentials = { accessKey: credentials.accessKey, secretKey: credentials.secretKey, securityToken: credentials.securityToken };
  }

  async apply(request: AuthRequest): Promise<void> {
    if (this.#projectId !== undefined) request.headers.set('X-Project-Id', this.#projectId);
    const credentials = this.#credentials ?? (await this.#temporary!.getCredentials());
    sign(request, { accessKey: credentials.accessKey, secretKey: credentials.secretKey, securityToken: credentials.securityToken }, this.#now, this.#algorithm);
  }

  /**
   * With a provider, a 401 APIG.0301 (the temporary AK expired, or was forgotten) drops the
   * credentials the request was signed with; true: one more attempt with new ones is worthwhile.
   */
  refused(error: ApigError, request: AuthRequest): boolean {
    if (!this.#temporary || error.status !== 401 || error.errorCode !== 'APIG.0301') return false;
    const sent = /(?:Access|Credential)=([^,\s/]+)/.exec(request.headers.get('Authorization') ?? '')?.[1];
    this.#temporary.invalidate(sent);
    return sent !== undefined;
  }

  mask(text: string): string {
    if (this.#temporary) return this.#temporary.mask(text);
    return maskSecrets(text, [this.#credentials!.secretKey, this.#credentials!.securityToken]);
  }

  protected describe(): Record<string, unknown> {
    if (this.#temporary) return { kind: this.kind, provider: this.#temporary.toJSON(), projectId: this.#projectId };
    const { accessKey, secretKey, securityToken } = this.#credentials!;
    return { kind: this.kind, accessKey, secretKey: redacted(secretKey), securityToken: securityToken && redacted(securityToken), projectId: this.#projectId };
  }
}

export interface AppCredentials extends SignatureAlgorithmOptions {
  appKey: string;
  appSecret: string;
  now?: (() => number) | undefined;
}

/** App authentication: the same signature with AppKey/AppSecret (gateway.md §3.3). */
export class AppSignatureAuthenticator extends MaskedObject implements Authenticator {
  readonly kind = 'app';
  readonly #credentials: SigningCredentials;
  readonly #now: () => number;
  readonly #algorithm: SignatureAlgorithmOptions;

  constructor(credentials: AppCredentials) {
    super();
    checkHeaderValue(credentials.appKey, 'the AppKey');
    checkHeaderValue(credentials.appSecret, 'the AppSecret');
    this.#credentials = { accessKey: credentials.appKey, secretKey: credentials.appSecret };
    this.#now = credentials.now ?? Date.now;
    this.#algorithm = { algorithm: credentials.algorithm, region: credentials.region, service: credentials.service };
  }

  async apply(request: AuthRequest): Promise<void> {
    sign(request, this.#credentials, this.#now, this.#algorithm);
  }

  mask(text: string): string {
    return maskSecrets(text, [this.#credentials.secretKey]);
  }

  protected describe(): Record<string, unknown> {
    return { kind: this.kind, appKey: this.#credentials.accessKey, appSecret: redacted(this.#credentials.secretKey) };
  }
}

/** Simple authentication with one header whose value is the whole credential. */
abstract class HeaderCredentialAuthenticator extends MaskedObject implements Authenticator {
  abstract readonly kind: string;
  readonly #header: string;
  readonly #value: string;

  constructor(header: string, value: string, what: string) {
    super();
    this.#header = header;
    this.#value = checkHeaderValue(value, what);
  }

  async apply(request: AuthRequest): Promise<void> {
    request.headers.set(this.#header, this.#value);
  }

  mask(text: string): string {
    return maskSecrets(text, [this.#value]);
  }

  protected describe(): Record<string, unknown> {
    return { kind: this.kind, [this.#header]: redacted(this.#value) };
  }
}

/** `X-Apig-AppCode: <AppCode>` (gateway.md §3.4); APIG accepts it over HTTPS only. */
export class AppCodeAuthenticator extends HeaderCredentialAuthenticator {
  readonly kind = 'appcode';

  constructor(appCode: string) {
    super('X-Apig-AppCode', appCode, 'the AppCode');
  }
}

/** `apikey: <AppKey>`, ModelArts' AppKey simple authentication (gateway.md §3.5). */
export class ApiKeyAuthenticator extends HeaderCredentialAuthenticator {
  readonly kind = 'apikey';

  constructor(appKey: string) {
    super('apikey', appKey, 'the AppKey');
  }
}
