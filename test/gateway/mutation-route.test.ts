/**
 * The inference route (gateway.md §6.1: `/v1/infers/<service id>[/<custom path>]`, §3.7: X-Stage,
 * default RELEASE): what routes, what is APIG.0101, and which sub-path the model is handed, as the
 * echo model reports it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { C, expectApigError, expectNoUnexpected500, expectOk, gatewayApp, NOT_PUBLISHED, post, S } from './support.ts';

afterAll(expectNoUnexpected500);

const APPCODE = { 'X-Apig-AppCode': C.appCode };
const ECHO = `/v1/infers/${S.echoApp}`;

describe('the sub-path handed to the model', () => {
  it.each([
    [ECHO, ''],
    [`${ECHO}/`, '/'],
    [`${ECHO}/predictions/poetry`, '/predictions/poetry'],
    [`${ECHO}/a/`, '/a/'],
    [`${ECHO}//a`, '//a'],
    [`${ECHO}?x=1`, ''],
    [`${ECHO}/v2/predict?x=1`, '/v2/predict'],
  ])('%s → %j', async (path, subPath) => {
    const app = gatewayApp();
    const res = await post(app, path, APPCODE);
    expectOk(res);
    expect(res.body.sub_path).toBe(subPath);
  });
});

describe('paths that are not an inference route: 404 APIG.0101', () => {
  it.each([
    ['a prefix before /v1', `/x${ECHO}`],
    ['a doubled leading slash', `/${ECHO}`],
    ['upper-case V1', ECHO.replace('/v1/', '/V1/')],
    ['an empty service id', `/v1/infers//${S.echoApp}`],
    ['a longer service id', `${ECHO}0`],
    ['a service id cut short', ECHO.slice(0, -1)],
    ['infers without the slash', `/v1/infers${S.echoApp}`],
  ])('%s', async (_, path) => {
    const app = gatewayApp();
    expectApigError(await post(app, path, APPCODE), 404, 'APIG.0101', NOT_PUBLISHED);
  });
});

describe('X-Stage (gateway.md §3.7)', () => {
  it('an empty X-Stage names no published stage', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, ECHO, { ...APPCODE, 'X-Stage': '' }), 404, 'APIG.0101', NOT_PUBLISHED);
  });
});
