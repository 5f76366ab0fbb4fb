import { IAM_TOKENS_PATH } from '../protocol/iam-paths.ts';
import { LIMITS } from '../protocol/limits.ts';
import { IamError } from './errors.ts';
import { DEFAULT_TIMEOUT_MS, errorFromResponse, type Fetch, fetchWithTimeout, parseBody } from './http.ts';
import { type ClientTlsOptions, clientFetch } from './tls.ts';
import { checkHeaderValue, MaskedObject, maskSecrets, redacted } from './secrets.ts';

/** `POST /v3/auth/tokens` of an IAM endpoint given with or without that path. */
export function iamTokensUrl(iamUrl: string): string {
  const base = iamUrl.replace(/\/+$/, '');
  return `${base.endsWith(IAM_TOKENS_PATH) ? base.slice(0, -IAM_TOKENS_PATH.length) : base}${IAM_TOKENS_PATH}?nocatalog=true`;
}

/** The Keystone password-auth request (gateway.md §5.1) for any scope: `{project: …}` or `{domain: …}`. */
export function passwordLoginRequest(login: Pick<PasswordLogin, 'user' | 'password' | 'account'>, scope: Record<string, unknown>): RequestInit {
  const body = {
    auth: { identity: { methods: ['password'], password: { user: { name: login.user, password: login.password, domain: { name: login.account } } } }, scope },
  };
  return { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf8', Accept: 'application/json' }, body: JSON.stringify(body) };
}

/** IAM password login for a project-scoped token (gateway.md §5.1, §5.4). */
export interface PasswordLogin {
  /** e.g. `https://iam.cn-north-4.myhuaweicloud.com`; `/v3/auth/tokens` is appended unless the URL already ends with it. */
  iamUrl: string;
  /** IAM user name. */
  user: string;
  password: string;
  /** The account (Keystone domain) name the user belongs to. */
  account: string;
  /** The project the token is scoped to: ModelArts refuses domain-scoped tokens. */
  project: { name: string } | { id: string };
}

/** Either log in with a password, or use a token obtained elsewhere as it is. */
export type TokenSource = { login: PasswordLogin } | { token: string };

export interface TokenProviderOptions {
  /** Log in again this long before `expires_at` (default 1 h). */
  refreshMarginMs?: number;
  /** Epoch ms; default Date.now. Compared with IAM's `expires_at`. */
  now?: () => number;
  fetch?: Fetch;
  /** Whom to trust over HTTPS (a mock's certificate, or none checked); not with `fetch`. */
  tls?: ClientTlsOptions;
  /** Timeout of one login (default 40 s). */
  timeoutMs?: number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 60 * 60 * 1000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** IAM writes 6 fractional digits (`…22.701000Z`); read them as milliseconds. */
export function parseIamTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value.replace(/\.(\d{1,3})\d*Z$/, '.$1Z'));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An IAM token for X-Auth-Token. With a password login the token is cached and fetched again
 * `refreshMarginMs` before it expires; callers that ask at the same time share one login. If an
 * early refresh fails while the cached token is still valid, the cached token is used.
 */
export class TokenProvider extends MaskedObject {
  readonly #login: PasswordLogin | undefined;
  readonly #refreshMarginMs: number;
  readonly #now: () => number;
  readonly #fetch: Fetch;
  readonly #timeoutMs: number;
  #cached: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  /** Every token this provider has held, so an echo of any of them can be masked. */
  readonly #issued = new Set<string>();

  constructor(source: TokenSource, options: TokenProviderOptions = {}) {
    super();
    this.#refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#now = options.now ?? Date.now;
    this.#fetch = clientFetch(options);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if ('login' in source) {
      this.#login = { ...source.login, project: { ...source.login.project } };
      checkHeaderValue(this.#login.password, 'the IAM password');
    } else {
      this.#cached = { token: checkHeaderValue(source.token, 'the IAM token'), expiresAt: Number.POSITIVE_INFINITY };
      this.#issued.add(source.token);
    }
  }

  /** A token to send now: the cached one while it is fresh, else one new login shared by all callers. */
  async getToken(): Promise<string> {
    const cached = this.#cached;
    if (cached && (!this.#login || this.#now() < cached.expiresAt - this.#refreshMarginMs)) return cached.token;
    this.#inflight ??= this.#logIn(this.#login!).finally(() => {
      this.#inflight = undefined;
    });
    try {
      return (await this.#inflight).token;
    } catch (error) {
      if (cached && this.#now() < cached.expiresAt) return cached.token;
      throw error;
    }
  }

  /**
   * Forget the cached token (e.g. after the gateway refused it); the next call logs in again.
   * With `token`, only if that is still the cached one: a caller refused with an old token must
   * not throw away the fresh token another caller has just obtained.
   */
  invalidate(token?: string): void {
    if (!this.#login || (token !== undefined && this.#cached?.token !== token)) return;
    this.#cached = undefined;
  }

  /** Whether a new token can be had after `invalidate()` (a password login, not a fixed token). */
  get renewable(): boolean {
    return this.#login !== undefined;
  }

  /** `text` with the password and any token this provider has held replaced. */
  mask(text: string): string {
    return maskSecrets(text, [this.#login?.password, ...this.#issued]);
  }

  protected describe(): Record<string, unknown> {
    const login = this.#login;
    const token = this.#cached ? redacted(this.#cached.token) : undefined;
    if (!login) return { source: 'static', token };
    const expiresAt = this.#cached ? new Date(this.#cached.expiresAt).toISOString() : undefined;
    return {
      source: 'password',
      iamUrl: login.iamUrl,
      user: login.user,
      account: login.account,
      project: login.project,
      password: redacted(login.password),
      token,
      expiresAt,
    };
  }

  async #logIn(login: PasswordLogin): Promise<CachedToken> {
    const response = await fetchWithTimeout(this.#fetch, iamTokensUrl(login.iamUrl), passwordLoginRequest(login, { project: login.project }), this.#timeoutMs);
    if (response.status < 200 || response.status > 299) throw errorFromResponse(response, (text) => this.mask(text));
    const token = response.headers.get('x-subject-token');
    const answer = parseBody(response) as { token?: { expires_at?: unknown; project?: unknown } } | undefined;
    const unusable = (problem: string) =>
      new IamError({
        status: response.status,
        code: response.status,
        title: 'Unusable Answer',
        errorMsg: problem,
        requestId: response.headers.get('x-request-id') ?? undefined,
      });
    if (!token) throw unusable('the IAM answer has no X-Subject-Token header');
    this.#issued.add(token);
    if (typeof answer?.token?.project !== 'object') throw unusable('IAM issued a token without project scope');
    // Inferred: without a readable expires_at, assume IAM's documented 24 h lifetime.
    const expiresAt = parseIamTime(answer.token.expires_at) ?? this.#now() + LIMITS.tokenLifetimeMs;
    this.#cached = { token, expiresAt };
    return this.#cached;
  }
}
