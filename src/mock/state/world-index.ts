import type { Account, App, Service, User, World } from '../config/schema.ts';
import { readToken } from '../iam/token-codec.ts';

export interface IamKey {
  kind: 'permanent' | 'temporary';
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
  user: User;
  account: Account;
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
  #secretSet: Set<string> | undefined;

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
   * Whether a value a client sent is a secret of this world (an SK, AppSecret, AppCode, password,
   * security token, the token key) or a token this world's IAM issued: such a value, sent in the
   * wrong place, is never repeated in an error or the journal.
   */
  isSecret(value: string): boolean {
    this.#secretSet ??= new Set(this.secrets());
    return this.#secretSet.has(value) || (value.length > 100 && readToken(value, this.world.tokenSigningKey).ok);
  }

  /** `value` as it may be repeated back: itself, or a mask when it is a secret. */
  maskSecret(value: string): string {
    return this.isSecret(value) ? `[masked secret, ${value.length} chars]` : value;
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
