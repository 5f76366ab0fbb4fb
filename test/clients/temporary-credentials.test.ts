/** TemporaryCredentialProvider + AkSkAuthenticator: temporary AK/SK from IAM's securitytokens API, renewed before they expire. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import {
  AkSkAuthenticator,
  ApigError,
  iamSecurityTokensUrl,
  IamError,
  InferenceClient,
  readCredentialsCsv,
  TemporaryCredentialProvider,
  TokenProvider,
} from '../../src/clients/index.ts';
import { C, fakeFetch, IRIS_ANSWER, IRIS_INPUT, jsonAnswer, passwordLogin, S, serviceUrl, start } from './support.ts';

const MINUTE = 60_000;

describe('TemporaryCredentialProvider, offline', () => {
  it('asks for the documented body with X-Auth-Token and reads credential.{access,secret,securitytoken,expires_at}', async () => {
    const fetch = fakeFetch(
      jsonAnswer(201, { credential: { access: 'TMPAK', secret: 'tmp-secret-1', securitytoken: 'sec-token-1', expires_at: '2026-11-23T09:15:00.000000Z' } }),
    );
    const provider = new TemporaryCredentialProvider({ iamUrl: 'https://iam.example.test/v3/auth/tokens', token: 'MII-fixed', durationSeconds: 3600, fetch });
    expect(await provider.getCredentials()).toEqual({
      accessKey: 'TMPAK',
      secretKey: 'tmp-secret-1',
      securityToken: 'sec-token-1',
      expiresAt: Date.parse('2026-11-23T09:15:00Z'),
    });
    const [call] = fetch.calls;
    expect(call!.url).toBe('https://iam.example.test/v3.0/OS-CREDENTIAL/securitytokens');
    expect(call!.headers.get('x-auth-token')).toBe('MII-fixed');
    expect(JSON.parse(call!.body as string)).toEqual({ auth: { identity: { methods: ['token'], token: { duration_seconds: 3600 } } } });
    expect(JSON.stringify(provider)).not.toMatch(/tmp-secret-1|sec-token-1|MII-fixed/);
    expect(provider.mask('x tmp-secret-1 sec-token-1')).not.toMatch(/tmp-secret-1|sec-token-1/);
  });

  it('refuses a duration outside 900..86400 before asking', () => {
    expect(() => new TemporaryCredentialProvider({ iamUrl: 'https://i', token: 't', durationSeconds: 899 })).toThrow(RangeError);
    expect(() => new TemporaryCredentialProvider({ iamUrl: 'https://i', token: 't', durationSeconds: 86_401 })).toThrow(RangeError);
  });

  it('an IAM refusal is an IamError; an answer without a complete credential too', async () => {
    const refused = new TemporaryCredentialProvider({
      iamUrl: 'https://i',
      token: 't',
      fetch: fakeFetch(jsonAnswer(401, { error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } })),
    });
    await expect(refused.getCredentials()).rejects.toBeInstanceOf(IamError);
    const partial = new TemporaryCredentialProvider({ iamUrl: 'https://i', token: 't', fetch: fakeFetch(jsonAnswer(201, { credential: { access: 'A' } })) });
    await expect(partial.getCredentials()).rejects.toThrow(/no complete credential/);
    expect(iamSecurityTokensUrl('https://iam.example.test/')).toBe('https://iam.example.test/v3.0/OS-CREDENTIAL/securitytokens');
  });
});

describe('temporary AK/SK against the mock', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start({ clock: { frozen: true } });
  });
  afterAll(() => g.close());

  function client(refreshMarginMs?: number) {
    const now = () => g.gateway.clock.now();
    const tokens = new TokenProvider({ login: passwordLogin(g) }, { now });
    const temporary = new TemporaryCredentialProvider({ iamUrl: g.url, token: tokens, now, refreshMarginMs });
    return {
      temporary,
      client: new InferenceClient({ serviceUrl: serviceUrl(g, S.iris), auth: new AkSkAuthenticator({ temporary, now }) }),
    };
  }

  it('obtains credentials, signs with X-Security-Token, and renews them before they expire', async () => {
    const { client: c, temporary } = client();
    expect((await c.infer({ json: IRIS_INPUT })).body).toEqual(IRIS_ANSWER);
    const first = await temporary.getCredentials();
    g.gateway.clock.advance(13 * MINUTE - 1);
    expect((await temporary.getCredentials()).accessKey).toBe(first.accessKey);
    g.gateway.clock.advance(1);
    expect((await c.infer({ json: IRIS_INPUT })).body).toEqual(IRIS_ANSWER);
    expect((await temporary.getCredentials()).accessKey).not.toBe(first.accessKey);
  });

  it('when the gateway refuses expired ones (no margin), drops them and tries once more with new ones', async () => {
    const { client: c, temporary } = client(0);
    await c.infer({ json: IRIS_INPUT });
    const first = await temporary.getCredentials();
    // The gateway forgets them (as after a restart of its store): ak not exist, 401 APIG.0301.
    g.gateway.issued.clear();
    expect((await c.infer({ json: IRIS_INPUT })).body).toEqual(IRIS_ANSWER);
    expect((await temporary.getCredentials()).accessKey).not.toBe(first.accessKey);
  });

  it('a permanent AK/SK is not retried on 401', async () => {
    const c = new InferenceClient({
      serviceUrl: serviceUrl(g, S.iris),
      auth: new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: 'wrong-secret-0000', now: () => g.gateway.clock.now() }),
    });
    await expect(c.infer({ json: IRIS_INPUT })).rejects.toBeInstanceOf(ApigError);
  });
});

describe('readCredentialsCsv', () => {
  it('reads the console header with a BOM and CRLF, quoted fields, and picks a user', () => {
    const csv = '\uFEFFUser Name,Access Key Id,Secret Access Key\r\nalice,AK1,"s,k1"\r\nbob,AK2,sk2\r\n\r\n';
    expect(readCredentialsCsv(csv, { user: 'bob' })).toEqual({ userName: 'bob', accessKey: 'AK2', secretKey: 'sk2' });
    expect(readCredentialsCsv(csv, { user: 'alice' }).secretKey).toBe('s,k1');
    expect(() => readCredentialsCsv(csv)).toThrow(/2 keys: name the user/);
    expect(readCredentialsCsv(new TextEncoder().encode('user name,access key id,secret access key\nu,A,S'))).toEqual({
      userName: 'u',
      accessKey: 'A',
      secretKey: 'S',
    });
  });

  it('refuses what is not one, without quoting a key', () => {
    expect(() => readCredentialsCsv('')).toThrow(/empty/);
    expect(() => readCredentialsCsv('AK,SK\nA1,secret-value-1')).toThrow(/no "User Name", "Access Key Id", "Secret Access Key" column/);
    expect(() => readCredentialsCsv('User Name,Access Key Id,Secret Access Key\nu,A1')).toThrow(/row 2/);
    expect(() => readCredentialsCsv('User Name,Access Key Id,Secret Access Key\nu,A1,"open')).toThrow(/not closed/);
    expect(() => readCredentialsCsv('User Name,Access Key Id,Secret Access Key\n')).toThrow(/no key/);
    expect(() => readCredentialsCsv('x'.repeat(70_000))).toThrow(/at most/);
    try {
      readCredentialsCsv('User Name,Access Key Id,Secret Access Key\nu,,secret-value-1');
    } catch (error) {
      expect(String(error)).not.toContain('secret-value-1');
    }
  });
});
