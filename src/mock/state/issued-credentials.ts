import { randomBytes } from 'node:crypto';
import type { Account, User } from '../config/schema.ts';
import type { IamKey } from './world-index.ts';
import { ALNUM, ALNUM_UPPER, randomText } from './random-text.ts';

export interface IssuedCredentialBounds {
  maxCount: number;
  maxBytes: number;
}

/** Bytes one entry is counted as: its texts and about 200 for the object around them. */
const entryBytes = (key: IamKey) => 200 + key.accessKey.length + key.secretKey.length + (key.securityToken?.length ?? 0);

/**
 * Temporary AK/SK + security token issued by IAM's securitytokens API, kept until they are
 * evicted (by count and by bytes) or the mock is reset. Expired ones are kept too, so the gateway
 * can say "signature expired" instead of "ak not exist". Past a bound the user holding the most
 * loses their oldest: one user asking in a loop pushes out only their own, not everyone's.
 */
export class IssuedCredentials {
  readonly #byAccessKey = new Map<string, IamKey>();
  /** Per user id, in issue order (the first key is that user's oldest). */
  readonly #byUser = new Map<string, Set<string>>();
  #bytes = 0;
  #version = 0;

  constructor(
    readonly bounds: IssuedCredentialBounds,
    /** Told of each access key forgotten, so caches keyed by it (the AK lockout) forget it too. */
    private readonly onForget: (accessKey: string) => void = () => {},
  ) {}

  /**
   * A new credential for `user`. The shapes follow IAM's documented example: a 20-character AK of
   * capitals and digits, a 40-character SK, a security token of a few hundred base64 characters
   * (documented example values; the token's content is inferred: random here).
   */
  issue(user: User, account: Account, expiresAt: number): IamKey {
    let accessKey = randomText(20, ALNUM_UPPER);
    while (this.#byAccessKey.has(accessKey)) accessKey = randomText(20, ALNUM_UPPER);
    const key: IamKey = {
      kind: 'temporary',
      accessKey,
      secretKey: randomText(40, ALNUM),
      securityToken: `gQ${randomBytes(372).toString('base64')}`,
      status: 'active',
      expiresAt,
      user,
      account,
    };
    this.#byAccessKey.set(accessKey, key);
    let own = this.#byUser.get(user.id);
    if (!own) this.#byUser.set(user.id, (own = new Set()));
    own.add(accessKey);
    this.#bytes += entryBytes(key);
    this.#version++;
    while (this.#byAccessKey.size > this.bounds.maxCount || (this.#bytes > this.bounds.maxBytes && this.#byAccessKey.size > 1)) {
      this.#drop(this.#oldestOfHeaviestUser());
    }
    return key;
  }

  /** O(users holding one), paid only past a bound. */
  #oldestOfHeaviestUser(): string {
    let heaviest: Set<string> | undefined;
    for (const keys of this.#byUser.values()) if (!heaviest || keys.size > heaviest.size) heaviest = keys;
    return heaviest!.values().next().value as string;
  }

  get(accessKey: string): IamKey | undefined {
    return this.#byAccessKey.get(accessKey);
  }

  /** Drops every credential of a user that is gone: they stop working at once. */
  forgetUser(userId: string): void {
    for (const accessKey of [...(this.#byUser.get(userId) ?? [])]) this.#drop(accessKey);
  }

  get size(): number {
    return this.#byAccessKey.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Changes whenever a credential is issued or dropped: secret masks built from `secrets()` are stale then. */
  get version(): number {
    return this.#version;
  }

  secrets(): string[] {
    return [...this.#byAccessKey.values()].flatMap((key) => [key.secretKey, key.securityToken!]);
  }

  clear(): void {
    for (const accessKey of [...this.#byAccessKey.keys()]) this.#drop(accessKey);
  }

  #drop(accessKey: string): void {
    const key = this.#byAccessKey.get(accessKey);
    if (!key) return;
    this.#byAccessKey.delete(accessKey);
    const own = this.#byUser.get(key.user.id)!;
    own.delete(accessKey);
    if (own.size === 0) this.#byUser.delete(key.user.id);
    this.#bytes -= entryBytes(key);
    this.#version++;
    this.onForget(accessKey);
  }
}
