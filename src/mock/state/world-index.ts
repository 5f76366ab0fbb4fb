import { uriEncode } from '../../protocol/index.ts';
import type { Account, App, Service, User, World } from '../config/schema.ts';
import type { IssuedCredentials } from './issued-credentials.ts';

export interface IamKey {
  kind: 'permanent' | 'temporary';
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
  /** 'inactive': the key exists but IAM will not hand its secret to the gateway (a disabled key). */
  status: 'active' | 'inactive';
  /** Epoch ms on the gateway clock, for credentials issued by IAM's securitytokens API. */
  expiresAt?: number | undefined;
  user: User;
  account: Account;
}

export const MASKED_SECRET = '[masked secret]';
/** An IAM token as this mock (and IAM) writes them: base64 of a DER blob, so "MII…". */
const TOKEN_LIKE = /MII[A-Za-z0-9+/]{96,}={0,2}/g;
/** The shortest text TOKEN_LIKE can match: shorter ones skip the regex. */
const TOKEN_LIKE_MIN_LENGTH = 3 + 96;
const MIN_WITHIN_LENGTH = 8;
/** Secrets retired by a change (a reset AppSecret, a deleted key) that are still masked: a client may keep sending them. */
const MAX_RETIRED_SECRETS = 256;
/** Above this many secrets, a text is scanned once through an index of their first characters instead of once per secret. */
const SCAN_INDEX_FROM = 48;

/**
 * A secret as it may stand in a query or a canonical request: percent-encoded (RFC 3986, as the
 * signers write it; encodeURIComponent's, which leaves !'()* alone; either with lower-case hex).
 * An AppSecret may hold !@#$%, so its encoded form is another text to mask.
 */
function encodedForms(secret: string): string[] {
  const strict = uriEncode(secret);
  if (strict === secret) return [];
  const loose = encodeURIComponent(secret);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [...new Set([strict, loose, lower(strict), lower(loose)])].filter((form) => form !== secret);
}

function secretSets(secrets: readonly string[]) {
  const within = [...new Set(secrets.flatMap((s) => [s, ...encodedForms(s)]).filter((s) => s.length >= MIN_WITHIN_LENGTH))].sort((a, b) => b.length - a.length);
  const byPrefix = new Map<string, string[]>();
  if (within.length >= SCAN_INDEX_FROM) {
    for (const secret of within) {
      const prefix = secret.slice(0, MIN_WITHIN_LENGTH);
      const list = byPrefix.get(prefix);
      if (list) list.push(secret);
      else byPrefix.set(prefix, [secret]);
    }
  }
  return { whole: new Set(secrets), within, byPrefix, shortest: within.at(-1)?.length ?? Number.POSITIVE_INFINITY };
}

/** The secrets of `sets.within` that occur in `text`, longest first. */
function secretsIn(text: string, sets: ReturnType<typeof secretSets>): string[] {
  if (sets.byPrefix.size === 0) return sets.within.filter((secret) => text.includes(secret));
  const found = new Set<string>();
  for (let i = 0; i + MIN_WITHIN_LENGTH <= text.length; i++) {
    const candidates = sets.byPrefix.get(text.slice(i, i + MIN_WITHIN_LENGTH));
    if (candidates) for (const secret of candidates) if (text.startsWith(secret, i)) found.add(secret);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

const userKey = (accountName: string, userName: string) => `${accountName}\n${userName}`;

/**
 * O(1) lookups over the world. The world can change at runtime (state/live-world.ts): each change
 * hands a new world to `replace`, which rebuilds every map at once, so a request sees either the
 * old world or the new one, never half of each.
 */
export class WorldIndex {
  #world!: World;
  #accountsByName!: Map<string, Account>;
  #accountsById!: Map<string, Account>;
  #usersByName!: Map<string, User>;
  #usersById!: Map<string, User>;
  #iamKeys!: Map<string, IamKey>;
  #appsByKey!: Map<string, App>;
  #appsByName!: Map<string, App>;
  #appsByCode!: Map<string, App>;
  #services!: Map<string, Service>;
  #secretSets: ReturnType<typeof secretSets> | undefined;
  #secretSetsVersion = -1;
  readonly #retired: string[] = [];

  constructor(
    world: World,
    /** Temporary credentials issued by IAM at runtime; looked up after the world's own keys. */
    readonly issued?: IssuedCredentials,
  ) {
    this.replace(world);
  }

  /** The world as it is now. Treat it as read-only: changes go through `replace`. */
  get world(): World {
    return this.#world;
  }

  /** Makes `world` the current one; `retired` are secrets it no longer has that stay masked. */
  protected replace(world: World, retired: readonly string[] = []): void {
    this.#world = world;
    this.#accountsByName = new Map(world.accounts.map((a) => [a.name, a]));
    this.#accountsById = new Map(world.accounts.map((a) => [a.id, a]));
    this.#usersByName = new Map(world.users.map((u) => [userKey(u.account, u.name), u]));
    this.#usersById = new Map(world.users.map((u) => [u.id, u]));
    this.#iamKeys = new Map();
    for (const user of world.users) {
      const account = this.#accountsByName.get(user.account) as Account;
      for (const key of user.accessKeys)
        this.#iamKeys.set(key.ak, { kind: 'permanent', accessKey: key.ak, secretKey: key.sk, status: key.status ?? 'active', user, account });
      for (const key of user.temporaryAccessKeys) {
        this.#iamKeys.set(key.ak, {
          kind: 'temporary',
          accessKey: key.ak,
          secretKey: key.sk,
          securityToken: key.securityToken,
          status: key.status ?? 'active',
          user,
          account,
        });
      }
    }
    this.#appsByKey = new Map(world.apps.map((a) => [a.key, a]));
    this.#appsByName = new Map(world.apps.map((a) => [a.name, a]));
    this.#appsByCode = new Map();
    for (const app of world.apps) for (const code of app.appCodes) this.#appsByCode.set(code, app);
    this.#services = new Map(world.services.map((s) => [s.id, s]));
    for (const secret of retired) this.#retired.push(secret);
    if (this.#retired.length > MAX_RETIRED_SECRETS) this.#retired.splice(0, this.#retired.length - MAX_RETIRED_SECRETS);
    this.#secretSets = undefined;
  }

  /** Forgets the retired secrets too: after a reset to the world at start. */
  protected forgetRetired(): void {
    this.#retired.length = 0;
    this.#secretSets = undefined;
  }

  accountByName(name: string): Account | undefined {
    return this.#accountsByName.get(name);
  }

  accountById(id: string): Account | undefined {
    return this.#accountsById.get(id);
  }

  /** A user by name within an account given by name or id (IAM's `user.domain`). */
  user(account: Account, name: string): User | undefined {
    return this.#usersByName.get(userKey(account.name, name));
  }

  userById(id: string): User | undefined {
    return this.#usersById.get(id);
  }

  /** A key of the world, or one IAM issued that is still in the store (expired or not: the caller checks `expiresAt`). */
  iamKey(accessKey: string): IamKey | undefined {
    return this.#iamKeys.get(accessKey) ?? this.issued?.get(accessKey);
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
    const version = this.issued?.version ?? 0;
    if (this.#secretSetsVersion !== version) this.#secretSets = undefined;
    const sets = (this.#secretSets ??= secretSets(this.secrets()));
    this.#secretSetsVersion = version;
    if (sets.whole.has(text)) return MASKED_SECRET;
    let out = text;
    if (out.length >= sets.shortest) for (const secret of secretsIn(out, sets)) if (out.includes(secret)) out = out.replaceAll(secret, MASKED_SECRET);
    if (out.length >= TOKEN_LIKE_MIN_LENGTH && out.includes('MII')) out = out.replace(TOKEN_LIKE, MASKED_SECRET);
    return out;
  }

  /** Every secret of the world, those issued since and those retired by a change, for tests that prove none leaks. */
  secrets(): string[] {
    return [
      this.#world.tokenSigningKey,
      ...this.#world.users.flatMap((u) => [u.password, ...u.accessKeys.map((k) => k.sk), ...u.temporaryAccessKeys.flatMap((k) => [k.sk, k.securityToken])]),
      ...this.#world.apps.flatMap((a) => [a.secret, ...a.appCodes]),
      ...(this.issued?.secrets() ?? []),
      ...this.#retired,
    ];
  }
}
