import { describe, expect, it } from 'vitest';
import { echoModel } from '../../src/mock/models/echo.ts';
import { bodyJson, modelRequest } from './model-request.ts';

const SECRETS: Array<[string, string]> = [
  ['authorization', 'SDK-HMAC-SHA256 Access=AKSECRETVALUE, SignedHeaders=host;x-sdk-date, Signature=deadbeefsignature'],
  ['x-auth-token', 'MIIsecret-iam-token-value'],
  ['x-apig-appcode', 'secret-appcode-value'],
  ['x-security-token', 'secret-security-token-value'],
  ['apikey', 'secret-apikey-value'],
];

describe('echo model', () => {
  it('describes the method, sub-path, query, body and JSON that arrived', async () => {
    const response = await echoModel(
      modelRequest('echo', {
        subPath: '/predictions/poetry',
        query: 'b=2&a=1',
        headers: [['content-type', ['application/json; charset=utf-8']]],
        body: '{"abc":[1,2]}',
      }),
    );
    expect(response.status).toBe(200);
    expect(bodyJson(response)).toEqual({
      method: 'POST',
      sub_path: '/predictions/poetry',
      query: 'b=2&a=1',
      content_type: 'application/json; charset=utf-8',
      body_sha256: '675d9f645e1b2c5ca2018f5758bcb5e3891e1ca4274150050301699c52a792a9',
      body_bytes: 13,
      json: { abc: [1, 2] },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  });

  it('hashes the body bytes', async () => {
    const body = bodyJson(await echoModel(modelRequest('echo', { body: 'abc', headers: [['content-type', ['text/plain']]] }))) as Record<string, unknown>;
    expect(body.body_sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(body.body_bytes).toBe(3);
    expect(body).not.toHaveProperty('json');
  });

  it('answers an empty GET too, with a null content type', async () => {
    const body = bodyJson(await echoModel(modelRequest('echo', { method: 'GET' }))) as Record<string, unknown>;
    expect(body.method).toBe('GET');
    expect(body.sub_path).toBe('');
    expect(body.content_type).toBeNull();
    expect(body.body_sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(body.body_bytes).toBe(0);
  });

  it('leaves out JSON that does not parse', async () => {
    const body = bodyJson(await echoModel(modelRequest('echo', { body: '{"cut', headers: [['content-type', ['application/json']]] }))) as Record<
      string,
      unknown
    >;
    expect(body).not.toHaveProperty('json');
    expect(body.body_bytes).toBe(5);
  });

  it('echoes x-* and content-* headers only, never a credential', async () => {
    const response = await echoModel(
      modelRequest('echo', {
        headers: [
          ['host', ['8e0fe5fe.apig.cn-north-4.huaweicloudapis.com']],
          ['content-type', ['application/json']],
          ['x-sdk-date', ['20261123T101010Z']],
          ['x-stage', ['RELEASE']],
          ['x-multi', ['one', 'two']],
          ['user-agent', ['curl/8.5.0']],
          ...SECRETS.map(([name, value]): [string, string[]] => [name, [value]]),
        ],
        body: '{}',
      }),
    );
    const text = response.body.toString();
    for (const [, value] of SECRETS) expect(text).not.toContain(value);
    expect((bodyJson(response) as { headers: unknown }).headers).toEqual({
      'content-type': 'application/json',
      'x-multi': 'one, two',
      'x-sdk-date': '20261123T101010Z',
      'x-stage': 'RELEASE',
    });
  });
});
