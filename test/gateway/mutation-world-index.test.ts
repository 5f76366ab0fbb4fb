/**
 * The world's lookups and secret masks (state/world-index.ts), the store of temporary credentials
 * IAM issues (state/issued-credentials.ts) and the random texts the world's secrets are made of
 * (state/random-text.ts), driven directly: `secrets()` lists every secret of the world, issued and
 * retired ones too; `scrubSecrets` masks each of them, also percent-encoded (either hex case), a
 * short one only when it is the whole text, a secret inside another never half; the store keeps
 * its count and byte bounds, the user holding the most losing their oldest; random texts are as
 * long as asked and uniform over their alphabet.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS as C, demoWorld } from '../../src/mock/config/demo-world.ts';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import type { World } from '../../src/mock/config/schema.ts';
import { Gateway } from '../../src/mock/gateway.ts';
import { IssuedCredentials } from '../../src/mock/state/issued-credentials.ts';
import { MASKED_SECRET as M, WorldIndex } from '../../src/mock/state/world-index.ts';
import { WorldChangeError } from '../../src/mock/state/world-changes.ts';

/** Texts randomText hands out before it draws random ones: to make two issued access keys collide. */
const forced = vi.hoisted(() => [] as string[]);
vi.mock(import('../../src/mock/state/random-text.ts'), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, randomText: (length: number, alphabet?: string) => forced.shift() ?? real.randomText(length, alphabet) };
});

const { ALNUM, ALNUM_UPPER, randomText } = await vi.importActual<typeof import('../../src/mock/state/random-text.ts')>('../../src/mock/state/random-text.ts');

const LATER = Date.parse('2030-01-01T00:00:00Z');

/** The demo world with `edit` applied to a copy. */
function worldWith(edit: (world: World) => void = () => {}): World {
  const world = demoWorld();
  edit(world);
  return world;
}

const demoUser = (world: World) => world.users[0]!;
const demoAccount = (world: World) => world.accounts[0]!;
const bytesOf = (key: { accessKey: string; secretKey: string; securityToken?: string | undefined }) =>
  200 + key.accessKey.length + key.secretKey.length + (key.securityToken?.length ?? 0);

describe('secrets(): every secret of the world', () => {
  it('the token key, each password, SK, temporary SK and security token, AppSecret and AppCode; nothing else', () => {
    const world = worldWith();
    expect(new WorldIndex(world).secrets()).toEqual([
      world.tokenSigningKey,
      C.password,
      C.secretKey,
      C.temporarySecretKey,
      C.securityToken,
      C.otherPassword,
      C.otherSecretKey,
      C.appSecret,
      C.appCode,
      C.unboundAppSecret,
    ]);
  });

  it('a temporary key of the world is masked in a text, its SK and its security token', () => {
    const index = new WorldIndex(worldWith());
    expect(index.scrubSecrets(`sk=${C.temporarySecretKey}; token=${C.securityToken}.`)).toBe(`sk=${M}; token=${M}.`);
  });

  it('with the issued store: the credentials issued since, after the world’s own', () => {
    const world = worldWith();
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 });
    const index = new WorldIndex(world, issued);
    expect(index.secrets()).toEqual(new WorldIndex(world).secrets());
    const key = issued.issue(demoUser(world), demoAccount(world), LATER);
    expect(index.secrets().slice(-2)).toEqual([key.secretKey, key.securityToken]);
  });
});

describe('scrubSecrets', () => {
  it('a text with no secret in it comes back as it was', () => {
    const index = new WorldIndex(worldWith());
    for (const text of ['', 'hello', 'POST /v1/infers/x?model=v1.2&tag=a%2Fb HTTP/1.1', 'a'.repeat(300), `MII${'A'.repeat(50)}`]) {
      expect(index.scrubSecrets(text)).toBe(text);
    }
  });

  it('a secret percent-encoded, with upper- or lower-case hex, as a signer or encodeURIComponent writes it', () => {
    const index = new WorldIndex(worldWith((w) => (demoUser(w).password = 'Pass/word:1+x')));
    expect(index.scrubSecrets('password=Pass/word:1+x&a=1')).toBe(`password=${M}&a=1`);
    expect(index.scrubSecrets('password=Pass%2Fword%3A1%2Bx&a=1')).toBe(`password=${M}&a=1`);
    expect(index.scrubSecrets('password=Pass%2fword%3a1%2bx&a=1')).toBe(`password=${M}&a=1`);
  });

  it('a short secret (under 8) only as the whole text; its encoded form of 8 or more also as the whole text, and within one', () => {
    // 'a/b:c' encoded is 'a%2Fb%3Ac': 9 characters, the shortest text there is to mask in this world.
    const index = new WorldIndex(worldWith((w) => (demoUser(w).password = 'a/b:c')));
    expect(index.scrubSecrets('a/b:c')).toBe(M);
    expect(index.scrubSecrets('xa/b:cx')).toBe('xa/b:cx');
    expect(index.scrubSecrets('a%2Fb%3Ac')).toBe(M);
    expect(index.scrubSecrets('a%2fb%3ac')).toBe(M);
    expect(index.scrubSecrets('p=a%2Fb%3Ac')).toBe(`p=${M}`);
  });

  it('a credential issued after a first scrub is masked by the next one', () => {
    const world = worldWith();
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 });
    const index = new WorldIndex(world, issued);
    expect(index.scrubSecrets('nothing to see')).toBe('nothing to see');
    const key = issued.issue(demoUser(world), demoAccount(world), LATER);
    expect(index.scrubSecrets(`sk ${key.secretKey}`)).toBe(`sk ${M}`);
  });

  it('a credential issued in place of an evicted one is masked too (the store changed, though its size did not)', () => {
    const world = worldWith();
    const issued = new IssuedCredentials({ maxCount: 1, maxBytes: 1e6 });
    const index = new WorldIndex(world, issued);
    const first = issued.issue(demoUser(world), demoAccount(world), LATER);
    expect(index.scrubSecrets(`sk ${first.secretKey}`)).toBe(`sk ${M}`);
    const second = issued.issue(demoUser(world), demoAccount(world), LATER);
    expect(issued.size).toBe(1);
    expect(index.scrubSecrets(`sk ${second.secretKey}`)).toBe(`sk ${M}`);
    expect(index.scrubSecrets(`token ${second.securityToken}`)).toBe(`token ${M}`);
  });

  describe('in a world of many secrets (scanned through an index of their first characters)', () => {
    // 30 issued credentials: 60 secrets besides the world's own, past the index's threshold (48).
    function crowded(edit: (world: World) => void) {
      const world = worldWith(edit);
      const issued = new IssuedCredentials({ maxCount: 100, maxBytes: 1e6 });
      for (let i = 0; i < 30; i++) issued.issue(demoUser(world), demoAccount(world), LATER);
      return { index: new WorldIndex(world, issued), issued };
    }

    it('a secret of exactly 8 characters at the very end of the text', () => {
      const { index } = crowded((w) => (w.apps[1]!.secret = 'Sec8char'));
      expect(index.scrubSecrets('appsecret=Sec8char')).toBe(`appsecret=${M}`);
      expect(index.scrubSecrets('Sec8char and more')).toBe(`${M} and more`);
      expect(index.scrubSecrets('no secret in this one at all')).toBe('no secret in this one at all');
    });

    it('a secret that holds another is masked whole, though the shorter one comes first in the text', () => {
      const { index } = crowded((w) => {
        w.apps[1]!.secret = 'Sec8char';
        demoUser(w).password = 'xxSec8charyy';
      });
      expect(index.scrubSecrets('Sec8char then xxSec8charyy')).toBe(`${M} then ${M}`);
    });

    it('each issued credential, wherever it stands', () => {
      const { index, issued } = crowded(() => {});
      const [first, last] = [issued.secrets()[0]!, issued.secrets().at(-1)!];
      expect(index.scrubSecrets(`${last}|${first}`)).toBe(`${M}|${M}`);
    });
  });
});

describe('secrets retired by a change (gateway.world)', () => {
  const gateway = () => new Gateway(resolveConfig({}));
  const given = (i: number) => `Retired-${String(i).padStart(4, '0')}x`;

  it('stay masked, the last 256 of them: an older one is let go', () => {
    const g = gateway();
    // 257 resets retire C.appSecret and then given(1) … given(256).
    for (let i = 1; i <= 257; i++) g.world.resetAppSecret('demo-app', given(i));
    const secrets = g.world.secrets();
    expect(secrets).not.toContain(C.appSecret);
    expect(secrets).toContain(given(1));
    expect(secrets).toContain(given(256));
    expect(secrets.filter((s) => s.startsWith('Retired-'))).toHaveLength(257);
    expect(g.world.scrubSecrets(`old ${C.appSecret}`)).toBe(`old ${C.appSecret}`);
    expect(g.world.scrubSecrets(`old ${given(1)}`)).toBe(`old ${M}`);
    expect(g.world.scrubSecrets(`now ${given(257)}`)).toBe(`now ${M}`);
  });

  it('256 retired are all kept', () => {
    const g = gateway();
    for (let i = 1; i <= 256; i++) g.world.resetAppSecret('demo-app', given(i));
    expect(g.world.secrets()).toContain(C.appSecret);
    expect(g.world.scrubSecrets(`old ${C.appSecret}`)).toBe(`old ${M}`);
  });

  it('are forgotten by a reset: the secrets are then those at start', () => {
    const g = gateway();
    g.world.resetAppSecret('demo-app', given(1));
    g.world.resetAppSecret('demo-app', given(2));
    expect(g.world.secrets()).toContain(given(1));
    expect(g.world.scrubSecrets(`old ${given(1)}`)).toBe(`old ${M}`);
    g.reset();
    expect(g.world.secrets()).toEqual(gateway().world.secrets());
    expect(g.world.scrubSecrets(`old ${given(1)}`)).toBe(`old ${given(1)}`);
  });
});

describe('a refused world change', () => {
  it('is a WorldChangeError by name, with its status', () => {
    const g = new Gateway(resolveConfig({}));
    let caught: unknown;
    try {
      g.world.deleteApp('no-such-app');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WorldChangeError);
    expect(caught).toMatchObject({ name: 'WorldChangeError', status: 404, message: 'no app no-such-app' });
    expect(String(caught)).toBe('WorldChangeError: no app no-such-app');
  });
});

describe('IssuedCredentials', () => {
  const world = worldWith();
  const [user, other] = world.users as [World['users'][number], World['users'][number]];
  const account = demoAccount(world);

  it('an entry counts its texts and 200 bytes; the store’s bytes are their sum', () => {
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 });
    const a = issued.issue(user, account, LATER);
    expect(a.accessKey).toMatch(/^[A-Z0-9]{20}$/);
    expect(a.secretKey).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(issued.bytes).toBe(bytesOf(a));
    const b = issued.issue(user, account, LATER);
    expect(issued.bytes).toBe(bytesOf(a) + bytesOf(b));
  });

  it('holds exactly maxBytes; one more byte’s worth evicts the oldest', () => {
    const probe = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 });
    const entry = bytesOf(probe.issue(user, account, LATER));

    const exact = new IssuedCredentials({ maxCount: 10, maxBytes: 2 * entry });
    const first = exact.issue(user, account, LATER);
    exact.issue(user, account, LATER);
    expect(exact.size).toBe(2);
    expect(exact.get(first.accessKey)).toBeDefined();

    const tight = new IssuedCredentials({ maxCount: 10, maxBytes: 3 * entry - 1 });
    const oldest = tight.issue(user, account, LATER);
    tight.issue(user, account, LATER);
    const newest = tight.issue(user, account, LATER);
    expect(tight.size).toBe(2);
    expect(tight.get(oldest.accessKey)).toBeUndefined();
    expect(tight.get(newest.accessKey)).toBe(newest);
    expect(tight.bytes).toBe(2 * entry);
  });

  it('a credential bigger than maxBytes alone is still kept: the one just issued is never evicted', () => {
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 100 });
    const a = issued.issue(user, account, LATER);
    expect(issued.size).toBe(1);
    expect(issued.get(a.accessKey)).toBe(a);
    const b = issued.issue(user, account, LATER);
    expect(issued.get(b.accessKey)).toBe(b);
    expect(issued.get(a.accessKey)).toBeUndefined();
  });

  it('past maxCount the user holding the most loses their oldest', () => {
    const forgotten: string[] = [];
    const issued = new IssuedCredentials({ maxCount: 3, maxBytes: 1e6 }, (ak) => forgotten.push(ak));
    const own1 = issued.issue(user, account, LATER);
    const own2 = issued.issue(user, account, LATER);
    const theirs = issued.issue(other, account, LATER);
    const own3 = issued.issue(user, account, LATER);
    expect(forgotten).toEqual([own1.accessKey]);
    expect([own2, theirs, own3].map((k) => issued.get(k.accessKey))).toEqual([own2, theirs, own3]);
  });

  it('forgetUser drops every credential of that user, and only theirs', () => {
    const forgotten: string[] = [];
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 }, (ak) => forgotten.push(ak));
    const own1 = issued.issue(user, account, LATER);
    const theirs = issued.issue(other, account, LATER);
    const own2 = issued.issue(user, account, LATER);
    issued.forgetUser(user.id);
    expect(issued.size).toBe(1);
    expect(issued.get(own1.accessKey)).toBeUndefined();
    expect(issued.get(own2.accessKey)).toBeUndefined();
    expect(issued.get(theirs.accessKey)).toBe(theirs);
    expect(issued.bytes).toBe(bytesOf(theirs));
    expect(forgotten.sort()).toEqual([own1.accessKey, own2.accessKey].sort());
    expect(issued.secrets()).toEqual([theirs.secretKey, theirs.securityToken]);
  });

  it('two credentials never share an access key: one drawn twice is drawn again', () => {
    const issued = new IssuedCredentials({ maxCount: 10, maxBytes: 1e6 });
    const twice = 'COLLIDINGAK000000001';
    forced.push(twice, 'a'.repeat(40));
    const first = issued.issue(user, account, LATER);
    forced.push(twice, 'FRESHAK0000000000002', 'b'.repeat(40));
    const second = issued.issue(user, account, LATER);
    expect(forced).toEqual([]);
    expect(first.accessKey).toBe(twice);
    expect(second.accessKey).toBe('FRESHAK0000000000002');
    expect(issued.size).toBe(2);
    expect(issued.get(twice)?.secretKey).toBe('a'.repeat(40));
    expect(issued.get(second.accessKey)?.secretKey).toBe('b'.repeat(40));
  });
});

describe('randomText', () => {
  it('is exactly as long as asked, odd lengths too, of the alphabet only', () => {
    for (const length of [1, 5, 20, 33, 40]) {
      expect(randomText(length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
      expect(randomText(length, ALNUM_UPPER)).toMatch(new RegExp(`^[A-Z0-9]{${length}}$`));
    }
    expect(ALNUM).toHaveLength(62);
    expect(randomText(0)).toBe('');
  });

  it('is uniform over an alphabet of 129 (the worst case for modulo bias: a plain byte % 129 makes 127 of them twice as likely)', () => {
    const alphabet = Array.from({ length: 129 }, (_, i) => String.fromCharCode(0x100 + i)).join('');
    const n = 60_000;
    const counts = new Map<string, number>();
    for (const char of randomText(n, alphabet)) counts.set(char, (counts.get(char) ?? 0) + 1);
    // Expected n/129 ≈ 465 each, standard deviation ≈ 21.5: [330, 600] is more than six of them either way.
    for (const char of alphabet) {
      const count = counts.get(char) ?? 0;
      expect(count, `character ${char.charCodeAt(0) - 0x100}`).toBeGreaterThan(330);
      expect(count, `character ${char.charCodeAt(0) - 0x100}`).toBeLessThan(600);
    }
  });
});

describe('an IAM token anywhere in a text', () => {
  it('is masked from the shortest text the token pattern takes, 99 characters, on', () => {
    const index = new WorldIndex(worldWith());
    const token = `MII${'A'.repeat(96)}`;
    expect(index.scrubSecrets(token)).toBe(M);
    expect(index.scrubSecrets(`MII${'A'.repeat(95)}`)).toBe(`MII${'A'.repeat(95)}`);
  });
});
