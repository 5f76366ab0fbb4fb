import type { Account, App, Service, User, World } from '../config/schema.ts';

export interface IamKey {
  kind: 'permanent' | 'temporary';
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
  user: User;
  account: Account;
}

export const MASKED_SECRET = '[masked secret]';
/** An IAM token as this mock (and IAM) writes them: base64 of a DER blob, so "MII…". */
const TOKEN_LIKE = /MII[A-Za-z0-9+/]{96,}={0,2}/g;
const MIN_WITHIN_LENGTH = 8;

function secretSets(secrets: readonly string[]) {
  const within = [...new Set(secrets.filter((s) => s.length >= MIN_WITHIN_LENGTH))].sort((a, b) => b.length - a.length);
  return { whole: new Set(secrets), within, shortest: within.at(-1)?.length ?? Number.POSITIVE_INFINITY };
}

/** Lookups over the world, built once per world. */
export class WorldIndex {
  readonly #accountsByName: Map<string, Account>;
  readonly #accountsById: Map<string, Account>;
  readonly #iamKeys = new Map<string, IamKey>();
  readonly #appsByKey: Map<string, App>;
  readonly #appsByName: Map<string, App>;
  readonly #appsByCode = new Map<string, App>();
  readonly #services: Map<string, Service>;
  #secretSets: ReturnType<typeof secretSets> | undefined;

  constructor(readonly world: World) {
    this.#accountsByName = new Map(world.accounts.map((a) => [a.name, a]));
    this.#accountsById = new Map(world.accounts.map((a) => [a.id, a]));
    for (const user of world.users) {
      const account = this.#accountsByName.get(user.account) as Account;
      for (const key of user.accessKeys) this.#iamKeys.set(key.ak, { kind: 'permanent', accessKey: key.ak, secretKey: key.sk, user, account });
      for (const key of user.temporaryAccessKeys) {
        this.#iamKeys.set(key.ak, { kind: 'temporary', accessKey: key.ak, secretKey: key.sk, securityToken: key.securityToken, user, account });
      }
    }
    this.#appsByKey = new Map(world.apps.map((a) => [a.key, a]));
    this.#appsByName = new Map(world.apps.map((a) => [a.name, a]));
    for (const app of world.apps) for (const code of app.appCodes) this.#appsByCode.set(code, app);
    this.#services = new Map(world.services.map((s) => [s.id, s]));
  }

  accountByName(name: string): Account | undefined {
    return this.#accountsByName.get(name);
  }

  accountById(id: string): Account | undefined {
    return this.#accountsById.get(id);
  }

  /** A user by name within an account given by name or id (IAM's `user.domain`). */
  user(account: Account, name: string): User | undefined {
    return this.world.users.find((u) => u.account === account.name && u.name === name);
  }

  iamKey(accessKey: string): IamKey | undefined {
    return this.#iamKeys.get(accessKey);
  }

  appByKey(key: string): App | undefined {
    return this.#appsByKey.get(key);
  }

  appByName(name: string): App | undefined {
    return this.#appsByName.get(name);
  }

  appByCode(code: string): App | undefined {
    return this.#appsByCode.get(code);
  }

  service(id: string): Service | undefined {
    return this.#services.get(id);
  }

  /**
   * `text` with every secret of this world in it masked: an SK, AppSecret, AppCode, password,
   * security token or the token key sent in the wrong place (quoted, in a query, a signed header,
   * a credential scope), and any IAM token. A secret shorter than 8 characters is masked only
   * when it is the whole text, so that common words are not. Errors and the journal never repeat one.
   */
  scrubSecrets(text: string): string {
    const { whole, within, shortest } = (this.#secretSets ??= secretSets(this.secrets()));
    if (whole.has(text)) return MASKED_SECRET;
    let out = text;
    if (out.length >= shortest) for (const secret of within) if (out.includes(secret)) out = out.replaceAll(secret, MASKED_SECRET);
    if (out.length >= 100 && out.includes('MII')) out = out.replace(TOKEN_LIKE, MASKED_SECRET);
    return out;
  }

  /** Every secret of the world, for tests that prove none leaks. */
  secrets(): string[] {
    return [
      this.world.tokenSigningKey,
      ...this.world.users.flatMap((u) => [u.password, ...u.accessKeys.map((k) => k.sk), ...u.temporaryAccessKeys.flatMap((k) => [k.sk, k.securityToken])]),
      ...this.world.apps.flatMap((a) => [a.secret, ...a.appCodes]),
    ];
  }
}
