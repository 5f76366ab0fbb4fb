/**
 * IAM's own steps (iam-steps.ts), in-process: a body that arrives in several chunks is read whole
 * for POST /v3.0/OS-CREDENTIAL/securitytokens; a JSON body nested past the limit is Keystone's
 * "body invalid" before IAM looks at it; the journal says accepted for a 2xx and rejected
 * otherwise, with the path and status; and an IAM body over its cap is journaled as such.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { expectNoUnexpected500, type GatewayApp, gatewayApp, issueToken } from '../gateway/support.ts';

afterAll(expectNoUnexpected500);

const PATH = '/v3.0/OS-CREDENTIAL/securitytokens';

function post(target: string, body: string, headers: Array<[string, string]>, chunkSizes: number[]): GatewayRequest {
  return toGatewayRequest({
    method: 'POST',
    target,
    headers: [['host', 'iam.apig-kit.test'], ['content-type', 'application/json;charset=utf8'], ...headers],
    body: Buffer.from(body),
    chunkSizes,
    declaredLength: 'none',
  });
}

async function send(app: GatewayApp, request: GatewayRequest) {
  const response = await app.gateway.handle(request);
  return { status: response.status, json: JSON.parse(String(response.body)) as Record<string, unknown>, entry: app.gateway.journal.list().at(-1)! };
}

const ASK = JSON.stringify({ auth: { identity: { methods: ['token'], token: { duration_seconds: 900 } } } });

describe('POST securitytokens', () => {
  it('reads a body sent in several chunks whole: 201, journaled accepted with the path and status', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    const { status, json, entry } = await send(app, post(PATH, ASK, [['x-auth-token', token]], [5, 7, 11]));
    expect(status).toBe(201);
    expect(Object.keys(json)).toEqual(['credential']);
    expect(entry).toMatchObject({ verdict: 'accepted', status: 201, detail: `IAM POST ${PATH} → 201` });
  });

  it('a refusal is journaled rejected, with the status', async () => {
    const app = gatewayApp();
    const { status, entry } = await send(app, post(PATH, ASK, [['x-auth-token', 'MIInot-a-token']], [10]));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(entry).toMatchObject({ verdict: 'rejected', status, detail: `IAM POST ${PATH} → ${status}` });
  });

  it('a JSON body nested past the limit is Keystone\'s "body invalid", before the token is even looked at', async () => {
    const app = gatewayApp({ limits: { maxJsonDepth: 8 } });
    const { token } = await issueToken(app);
    const deep = `{"auth":{"identity":{"methods":["token"],"x":${'['.repeat(20)}${']'.repeat(20)}}}}`;
    const { status, json, entry } = await send(app, post(PATH, deep, [['x-auth-token', token]], [4]));
    expect(status).toBe(400);
    expect(json).toMatchObject({ error: { code: 400 } });
    expect(entry.verdict).toBe('rejected');
    expect(entry.detail).toBe(`IAM POST ${PATH}: the JSON body nests deeper than 8 levels`);
  });
});

describe('the IAM body cap', () => {
  it('an IAM body over its cap is 413, journaled as the IAM request body', async () => {
    const app = gatewayApp({ limits: { maxIamBodyBytes: 64 } });
    const { status, entry } = await send(app, post('/v3/auth/tokens', `{"auth":"${'x'.repeat(100)}"}`, [], [30]));
    expect(status).toBe(413);
    expect(entry.detail).toBe('the IAM request body is over the cap (64 bytes)');
  });
});
