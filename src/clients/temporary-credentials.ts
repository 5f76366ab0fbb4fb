import { IAM_SECURITY_TOKENS_PATH } from '../protocol/iam-paths.ts';
import { IamError } from './errors.ts';
import { DEFAULT_TIMEOUT_MS, errorFromResponse, type Fetch, fetchWithTimeout, parseBody } from './http.ts';
import { MaskedObject, maskSecrets, redacted } from './secrets.ts';
import { parseIamTime, TokenProvider } from './token.ts';

/** `POST /v3.0/OS-CREDENTIAL/securitytokens` of an IAM endpoint given bare or with `/v3/auth/tokens`. */
export function iamSecurityTokensUrl(iamUrl: string): string {
  return `${iamUrl.replace(/\/+$/, '').replace(/\/v3\/auth\/tokens$/, '')}${IAM_SECURITY_TOKENS_PATH}`;
}

/** IAM's range for `duration_seconds` (documented: 15 min to 24 h, default 15 min). */
export const TEMPORARY_CREDENTIAL_SECONDS = { min: 900, max: 86_400, default: 900 } as const;

export interface TemporaryCredentials {
  accessKey: string;
  secretKey: string;
  securityToken: string;
  /** Epoch ms, from IAM's `expires_at`. */
  expiresAt: number;
}

export interface TemporaryCredentialOptions {
  /** e.g. `https://iam.cn-north-4.myhuaweicloud.com`. */
  iamUrl: string;
  /** The token the credentials are obtained with: a provider (logged in, renewed) or a fixed token. */
  token: TokenProvider | string;
  /** Validity asked for, 900..86400 s (default 900). */
  durationSeconds?: number;
  /** Obtain new credentials this long before `expires_at` (default 2 min, at most a third of the duration). */
  refreshMarginMs?: number;
  now?: () => number;
  fetch?: Fetch;
  timeoutMs?: number;
}

/**
 * Temporary AK/SK + security token from IAM's securitytokens API ("Obtaining a Temporary Access
 * Key and Security Token Through a Token"), cached and obtained again before they expire;
 * callers that ask at the same time share one request. For AkSkAuthenticator.
 */
export class TemporaryCredentialProvider extends MaskedObject {
  readonly #iamUrl: string;
  readonly #tokens: TokenProvider;
  readonly #durationSeconds: number;
  readonly #refreshMarginMs: number;
  readonly #now: () => number;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;
  #cached: TemporaryCredentials | undefined;
  #inflight: Promise<TemporaryCredentials> | undefined;
  /** Every secret this provider has held, so an echo of any of them can be masked. */
  readonly #secrets = new Set<string>();

  constructor(options: TemporaryCredentialOptions) {
    super();
    const duration = options.durationSeconds ?? TEMPORARY_CREDENTIAL_SECONDS.default;
    if (!Number.isInteger(duration) || duration < TEMPORARY_CREDENTIAL_SECONDS.min || duration > TEMPORARY_CREDENTIAL_SECONDS.max) {
      throw new RangeError(`durationSeconds must be an integer from ${TEMPORARY_CREDENTIAL_SECONDS.min} to ${TEMPORARY_CREDENTIAL_SECONDS.max}`);
    }
    this.#iamUrl = options.iamUrl;
    this.#tokens = typeof options.token === 'string' ? new TokenProvider({ token: options.token }) : options.token;
    this.#durationSeconds = duration;
    this.#refreshMarginMs = Math.min(options.refreshMarginMs ?? 2 * 60_000, (duration * 1000) / 3);
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Credentials to sign with now: the cached ones while fresh, else new ones. */
  async getCredentials(): Promise<TemporaryCredentials> {
    const cached = this.#cached;
    if (cached && this.#now() < cached.expiresAt - this.#refreshMarginMs) return cached;
    this.#inflight ??= this.#obtain().finally(() => {
      this.#inflight = undefined;
    });
    try {
      return await this.#inflight;
    } catch (error) {
      if (cached && this.#now() < cached.expiresAt) return cached;
      throw error;
    }
  }

  /** Forget the cached credentials if they are still `accessKey` (the gateway refused them). */
  invalidate(accessKey?: string): void {
    if (accessKey === undefined || this.#cached?.accessKey === accessKey) this.#cached = undefined;
  }

  mask(text: string): string {
    return this.#tokens.mask(maskSecrets(text, this.#secrets));
  }

  protected describe(): Record<string, unknown> {
    const c = this.#cached;
    return {
      source: 'securitytokens',
      iamUrl: this.#iamUrl,
      durationSeconds: this.#durationSeconds,
      accessKey: c?.accessKey,
      secretKey: c && redacted(c.secretKey),
      securityToken: c && redacted(c.securityToken),
      expiresAt: c && new Date(c.expiresAt).toISOString(),
      token: this.#tokens.toJSON(),
    };
  }

  async #obtain(): Promise<TemporaryCredentials> {
    const token = await this.#tokens.getToken();
    const body = { auth: { identity: { methods: ['token'], token: { duration_seconds: this.#durationSeconds } } } };
    const response = await fetchWithTimeout(
      this.#fetch,
      iamSecurityTokensUrl(this.#iamUrl),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf8', Accept: 'application/json', 'X-Auth-Token': token },
        body: JSON.stringify(body),
      },
      this.#timeoutMs,
    );
    if (response.status === 401) this.#tokens.invalidate(token);
    if (response.status < 200 || response.status > 299) throw errorFromResponse(response, (text) => this.mask(text));
    const credential = (parseBody(response) as { credential?: Record<string, unknown> } | undefined)?.credential;
    const { access, secret, securitytoken } = credential ?? {};
    const expiresAt = parseIamTime(credential?.['expires_at']);
    if (typeof access !== 'string' || typeof secret !== 'string' || typeof securitytoken !== 'string' || expiresAt === undefined) {
      throw new IamError({
        status: response.status,
        code: response.status,
        title: 'Unusable Answer',
        errorMsg: 'the IAM answer has no complete credential',
        requestId: undefined,
      });
    }
    this.#secrets.add(secret).add(securitytoken);
    this.#cached = { accessKey: access, secretKey: secret, securityToken: securitytoken, expiresAt };
    return this.#cached;
  }
}
