import { DEMO_CREDENTIALS, type Gateway } from '../mock/index.ts';
import type { Fetch } from '../clients/http.ts';
import { iamTokensUrl, passwordLoginRequest } from '../clients/token.ts';
import { iamSecurityTokensUrl } from '../clients/temporary-credentials.ts';
import { IAM_TOKENS_PATH, LIMITS } from '../protocol/index.ts';
import type { AuthMethod, CredentialVariant } from './scenario.ts';

const C = DEMO_CREDENTIALS;
const REGION = 'cn-north-4';
/** Not the demo world's: a wrong secret and a key nobody issued. */
const WRONG_SECRET = 'wrongSecretApigKitConformance000000000001';
const UNKNOWN_KEY = 'UNKNOWNAKAPIGKIT00001';
const WRONG_APP_CODE = 'wrongAppCodeApigKitConformance0000000000000000000000000000000000001';

export type CredentialEnv = Record<string, string>;

/** Which credential variants make sense for which auth method. */
const VARIANTS: Record<AuthMethod, readonly CredentialVariant[]> = {
  token: ['valid', 'iam-login', 'expired-token', 'domain-token'],
  aksk: ['valid', 'temporary', 'issued-temporary', 'expired-temporary', 'wrong-secret', 'unknown-key'],
  app: ['valid', 'wrong-secret', 'unknown-key', 'unbound-app'],
  appcode: ['valid', 'wrong-appcode'],
  apikey: ['valid', 'unknown-key', 'unbound-app'],
};

export function isVariantOf(auth: AuthMethod, variant: CredentialVariant): boolean {
  return VARIANTS[auth].includes(variant);
}

/** Mints tokens through the gateway's own IAM endpoint, as a client would get them. */
export class TokenMint {
  readonly #cache = new Map<string, string>();
  /** Not cached: a reset of the gateway (before each case) forgets them. */
  readonly #temporary: Array<{ ak: string; sk: string; securityToken: string }> = [];

  constructor(
    private readonly gateway: Gateway,
    private readonly endpoint: string,
    /** Over HTTPS: one that trusts the mock's certificate. */
    private readonly fetch: Fetch = globalThis.fetch,
  ) {}

  async token(kind: 'project' | 'domain' | 'expired'): Promise<string> {
    const cached = this.#cache.get(kind);
    if (cached) return cached;
    const clockBefore = this.gateway.clock.state();
    // An expired token is an ordinary one issued a little over its lifetime ago.
    if (kind === 'expired') this.gateway.clock.setOffset(clockBefore.offsetMs - LIMITS.tokenLifetimeMs - 60 * 60_000);
    try {
      const token = await this.#login(kind === 'domain' ? { domain: { name: C.account } } : { project: { name: REGION } });
      this.#cache.set(kind, token);
      return token;
    } finally {
      if (kind === 'expired') this.gateway.clock.setOffset(clockBefore.offsetMs);
    }
  }

  /**
   * Temporary AK/SK + security token from the mock's IAM securitytokens API, as a client would get
   * them; 'expired' ones are issued with the clock set back past their 15 minutes. One kit run mints a few, once per case.
   */
  async temporary(kind: 'fresh' | 'expired'): Promise<{ ak: string; sk: string; securityToken: string }> {
    const token = await this.token('project');
    const clockBefore = this.gateway.clock.state();
    if (kind === 'expired') this.gateway.clock.setOffset(clockBefore.offsetMs - 15 * 60_000 - 60 * 60_000);
    try {
      const response = await this.fetch(iamSecurityTokensUrl(this.endpoint), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf8', 'X-Auth-Token': token },
        body: JSON.stringify({ auth: { identity: { methods: ['token'] } } }),
      });
      const credential = ((await response.json()) as { credential?: { access: string; secret: string; securitytoken: string } }).credential;
      if (response.status !== 201 || !credential) throw new Error(`the mock IAM issued no temporary credentials (status ${response.status})`);
      const keys = { ak: credential.access, sk: credential.secret, securityToken: credential.securitytoken };
      this.#temporary.push(keys);
      return keys;
    } finally {
      if (kind === 'expired') this.gateway.clock.setOffset(clockBefore.offsetMs);
    }
  }

  /** Every token and temporary secret minted so far (for masking). */
  issued(): string[] {
    return [...this.#cache.values(), ...this.#temporary.flatMap((k) => [k.sk, k.securityToken])];
  }

  async #login(scope: Record<string, unknown>): Promise<string> {
    const response = await this.fetch(iamTokensUrl(this.endpoint), passwordLoginRequest({ user: C.user, password: C.password, account: C.account }, scope));
    const token = response.headers.get('x-subject-token');
    if (response.status !== 201 || !token) throw new Error(`the mock IAM did not issue a token (status ${response.status})`);
    return token;
  }
}

/** The APIG_* credential variables a client gets for one auth method and variant. */
export async function credentialEnv(auth: AuthMethod, variant: CredentialVariant, context: { endpoint: string; mint: TokenMint }): Promise<CredentialEnv> {
  if (!isVariantOf(auth, variant)) throw new Error(`credentials "${variant}" do not apply to auth method ${auth}`);
  const env: CredentialEnv = { APIG_REGION: REGION };
  switch (auth) {
    case 'token': {
      Object.assign(env, {
        APIG_IAM_URL: `${context.endpoint}${IAM_TOKENS_PATH}`,
        APIG_USER: C.user,
        APIG_PASSWORD: C.password,
        APIG_ACCOUNT: C.account,
        APIG_PROJECT: REGION,
      });
      if (variant !== 'iam-login')
        env.APIG_TOKEN = await context.mint.token(variant === 'expired-token' ? 'expired' : variant === 'domain-token' ? 'domain' : 'project');
      return env;
    }
    case 'aksk':
      if (variant === 'temporary') return { ...env, APIG_AK: C.temporaryAccessKey, APIG_SK: C.temporarySecretKey, APIG_SECURITY_TOKEN: C.securityToken };
      if (variant === 'issued-temporary' || variant === 'expired-temporary') {
        const keys = await context.mint.temporary(variant === 'expired-temporary' ? 'expired' : 'fresh');
        return { ...env, APIG_AK: keys.ak, APIG_SK: keys.sk, APIG_SECURITY_TOKEN: keys.securityToken };
      }
      return { ...env, APIG_AK: variant === 'unknown-key' ? UNKNOWN_KEY : C.accessKey, APIG_SK: variant === 'wrong-secret' ? WRONG_SECRET : C.secretKey };
    case 'app':
      if (variant === 'unbound-app') return { ...env, APIG_APP_KEY: C.unboundAppKey, APIG_APP_SECRET: C.unboundAppSecret };
      return {
        ...env,
        APIG_APP_KEY: variant === 'unknown-key' ? UNKNOWN_KEY : C.appKey,
        APIG_APP_SECRET: variant === 'wrong-secret' ? WRONG_SECRET : C.appSecret,
      };
    case 'appcode':
      return { ...env, APIG_APP_CODE: variant === 'wrong-appcode' ? WRONG_APP_CODE : C.appCode };
    case 'apikey':
      return { ...env, APIG_APP_KEY: variant === 'unknown-key' ? UNKNOWN_KEY : variant === 'unbound-app' ? C.unboundAppKey : C.appKey };
  }
}

/** Every secret a client may be handed, so reports can mask them. */
export function knownSecrets(tokens: readonly string[]): string[] {
  return [
    C.password,
    C.secretKey,
    C.temporarySecretKey,
    C.securityToken,
    C.appSecret,
    C.appCode,
    C.unboundAppSecret,
    C.otherPassword,
    C.otherSecretKey,
    WRONG_SECRET,
    WRONG_APP_CODE,
    ...tokens,
  ];
}
