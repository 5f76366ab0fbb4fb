/** The secret masks follow the world as it changes: issued credentials, retired secrets, and many of them at once. */
import { describe, expect, it } from 'vitest';
import { createGatewayCore } from '../../src/mock/gateway.ts';
import { MASKED_SECRET } from '../../src/mock/state/world-index.ts';
import { DEMO_CREDENTIALS as C, demoWorld } from '../../src/mock/config/demo-world.ts';
import { PROXY_SERVICE_IDS, withProxyServices } from '../../src/mock/config/proxy-world.ts';

describe('scrubSecrets over a changing world', () => {
  it('masks every issued credential, also when there are too many to test one by one', () => {
    const gateway = createGatewayCore();
    const user = gateway.world.world.users[0]!;
    const account = gateway.world.accountByName(user.account)!;
    const keys = Array.from({ length: 80 }, () => gateway.issued.issue(user, account, gateway.clock.now() + 900_000));
    const pick = keys[37]!;
    const text = `query sk=${pick.secretKey}&t=${pick.securityToken!.slice(0, 200)}... and ${pick.securityToken} end`;
    const scrubbed = gateway.world.scrubSecrets(text);
    expect(scrubbed).not.toContain(pick.secretKey);
    expect(scrubbed).not.toContain(pick.securityToken);
    expect(scrubbed).toContain(`sk=${MASKED_SECRET}&`);
    // The demo world's own secrets are still masked alongside them.
    expect(gateway.world.scrubSecrets(`a ${C.appSecret} b ${C.secretKey}`)).toBe(`a ${MASKED_SECRET} b ${MASKED_SECRET}`);
    // A credential forgotten by the store (evicted, or after a reset) no longer counts as a secret of the world.
    gateway.reset();
    expect(gateway.world.scrubSecrets(`x ${pick.secretKey}`)).toBe(`x ${pick.secretKey}`);
  });

  it('keeps masking a reset AppSecret and a deleted key, and the new AppSecret at once', () => {
    const gateway = createGatewayCore();
    const { secret } = gateway.world.resetAppSecret('demo-app');
    gateway.world.deleteAccessKey(C.accessKey);
    expect(gateway.world.scrubSecrets(`${C.appSecret} ${secret} ${C.secretKey}`)).toBe(`${MASKED_SECRET} ${MASKED_SECRET} ${MASKED_SECRET}`);
    expect(gateway.world.secrets()).toEqual(expect.arrayContaining([C.appSecret, secret, C.secretKey]));
  });

  it('masks an AppSecret percent-encoded, as it stands in a query or a canonical request', () => {
    const gateway = createGatewayCore();
    const secret = 'Zz9!@#$%secretX';
    gateway.world.resetAppSecret('demo-app', secret);
    for (const form of [
      'Zz9%21%40%23%24%25secretX',
      'Zz9!%40%23%24%25secretX',
      'Zz9%21%40%23%24%25secretX'.toLowerCase().replace('zz9', 'Zz9').replace('secretx', 'secretX'),
    ])
      expect(gateway.world.scrubSecrets(`/v1/infers/x?q=${form}&b=1`)).toBe(`/v1/infers/x?q=${MASKED_SECRET}&b=1`);
  });

  it('an issued credential evicted from the store is forgotten by the AK lockout too', () => {
    const gateway = createGatewayCore({ limits: { maxTemporaryCredentials: 1 } });
    const user = gateway.world.world.users[0]!;
    const account = gateway.world.accountByName(user.account)!;
    const first = gateway.issued.issue(user, account, gateway.clock.now() + 900_000);
    gateway.lockout.recordFailure(first.accessKey, gateway.clock.now());
    expect(gateway.lockout.size).toBe(1);
    gateway.issued.issue(user, account, gateway.clock.now() + 900_000);
    expect(gateway.world.iamKey(first.accessKey)).toBeUndefined();
    expect(gateway.lockout.size).toBe(0);
  });

  it('the AK lockout forgets a deleted key, so a new key of the same name does not inherit its failures', () => {
    const gateway = createGatewayCore();
    const now = gateway.clock.now();
    for (let i = 0; i < 5; i++) gateway.lockout.recordFailure(C.accessKey, now);
    expect(gateway.lockout.isLocked(C.accessKey, now)).toBe(true);
    gateway.world.deleteAccessKey(C.accessKey);
    expect(gateway.lockout.size).toBe(0);
    gateway.world.createAccessKey(C.user, { ak: C.accessKey, sk: 'new-secret-key-0001' });
    expect(gateway.lockout.isLocked(C.accessKey, now)).toBe(false);
  });
});

describe('proxied models over a changing world', () => {
  it('a change elsewhere keeps a proxied service its backend; purging the service stops it', () => {
    const gateway = createGatewayCore({
      world: { ...withProxyServices(demoWorld(), 'http://127.0.0.1:9').world, tokenSigningKey: 'proxied-world-token-key-0001' },
    });
    try {
      const service = () => gateway.world.service(PROXY_SERVICE_IDS.iam)!;
      gateway.proxies.modelFor(service());
      const backend = gateway.proxies.backend(PROXY_SERVICE_IDS.iam);
      expect(backend).toBeDefined();
      gateway.world.resetAppSecret('demo-app');
      gateway.proxies.modelFor(service());
      expect(gateway.proxies.backend(PROXY_SERVICE_IDS.iam)).toBe(backend);
      gateway.world.deleteService(PROXY_SERVICE_IDS.iam, { purge: true });
      expect(gateway.proxies.backend(PROXY_SERVICE_IDS.iam)).toBeUndefined();
    } finally {
      gateway.close();
    }
  });
});
