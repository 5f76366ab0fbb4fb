/**
 * What errors and the journal repeat from a request never carries a secret of the world back
 * (the standards: no SK, AppSecret, AppCode, token, password or security token in logs, journal
 * or errors). A secret of 8 characters or more is masked wherever it appears; a shorter one only
 * when it is the whole text, so that common words are left alone; IAM tokens ("MII…" base64) are
 * masked whoever issued them.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, demoWorld } from '../../src/mock/config/demo-world.ts';
import { MASKED_SECRET, WorldIndex } from '../../src/mock/state/world-index.ts';

const M = MASKED_SECRET;

function worldWith(secrets: { password?: string; appSecret?: string; appCode?: string }): WorldIndex {
  const world = demoWorld();
  const [user, ...users] = world.users;
  const [app, ...apps] = world.apps;
  return new WorldIndex({
    ...world,
    users: [{ ...user!, password: secrets.password ?? user!.password }, ...users],
    apps: [{ ...app!, secret: secrets.appSecret ?? app!.secret, appCodes: secrets.appCode ? [secrets.appCode] : app!.appCodes }, ...apps],
  });
}

describe('secrets of the world', () => {
  const world = new WorldIndex(demoWorld());

  it.each([
    ['an SK', C.secretKey],
    ['a temporary SK', C.temporarySecretKey],
    ['a security token', C.securityToken],
    ['an AppSecret', C.appSecret],
    ['an AppCode', C.appCode],
    ['a password', C.password],
    ['the token signing key', demoWorld().tokenSigningKey],
  ])('%s is masked inside a text and as the whole text', (_, secret) => {
    expect(world.scrubSecrets(`x-sdk-date:1|k=${secret}|end`)).toBe(`x-sdk-date:1|k=${M}|end`);
    expect(world.scrubSecrets(secret)).toBe(M);
  });

  it('every occurrence is masked', () => {
    expect(world.scrubSecrets(`${C.appSecret},${C.appSecret}`)).toBe(`${M},${M}`);
  });

  it('a text with no secret comes back as it was', () => {
    expect(world.scrubSecrets('verify aksk signature fail, canonicalRequest:POST|/v1/infers/x|')).toBe(
      'verify aksk signature fail, canonicalRequest:POST|/v1/infers/x|',
    );
  });
});

describe('short and overlapping secrets', () => {
  it('a secret of 8 characters is masked inside a text; one of 7 only as the whole text', () => {
    const eight = worldWith({ password: 'Pa55w0rd' });
    expect(eight.scrubSecrets('user=demo Pa55w0rd!')).toBe(`user=demo ${M}!`);
    const seven = worldWith({ password: 'Pa55w0r' });
    expect(seven.scrubSecrets('user=demo Pa55w0rd!')).toBe('user=demo Pa55w0rd!');
    expect(seven.scrubSecrets('Pa55w0r')).toBe(M);
  });

  it('a text shorter than the shortest secret is left alone unless it is a whole secret', () => {
    const world = worldWith({ password: 'Pa55w0rd' });
    expect(world.scrubSecrets('Pa55w0r')).toBe('Pa55w0r');
  });

  it('a secret that contains another is masked whole, not around the shorter one', () => {
    const world = worldWith({ appSecret: 'abcdefgh', appCode: `abcdefgh${'Z'.repeat(60)}` });
    expect(world.scrubSecrets(`code abcdefgh${'Z'.repeat(60)} secret abcdefgh`)).toBe(`code ${M} secret ${M}`);
  });
});

describe('IAM tokens', () => {
  it('any MII… base64 run of 99 characters or more is masked, in a text of 100 or more', () => {
    const token = `MII${'A'.repeat(97)}`;
    expect(token).toHaveLength(100);
    expect(new WorldIndex(demoWorld()).scrubSecrets(token)).toBe(M);
    expect(new WorldIndex(demoWorld()).scrubSecrets(`token ${token}== used`)).toBe(`token ${M} used`);
  });

  it('a short MII… word is not a token', () => {
    expect(new WorldIndex(demoWorld()).scrubSecrets(`MIIxyz ${'-'.repeat(120)}`)).toBe(`MIIxyz ${'-'.repeat(120)}`);
  });
});
