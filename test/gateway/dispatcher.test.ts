/**
 * The ModelArts dispatcher behind APIG: service states, and its place after APIG's checks
 * (gateway.md §6.4, §6.6, §7 step 9).
 */
import { afterAll, describe, it } from 'vitest';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import { AKSK, C, expectApigError, expectModelArtsError, expectNoUnexpected500, gatewayApp, IAM_MSG, issueToken, post, S, signed } from './support.ts';

afterAll(expectNoUnexpected500);

const STOPPED = `/v1/infers/${S.stopped}`;
const DELETED = `/v1/infers/${S.deleted}`;
const STOPPED_MSG = 'Gateway forwarding error because the access is rejected. ';
const deletedMsg = (id: string) => `Invalid request because requested service ${id} is unavailable. `;

describe('service states (gateway.md §6.6)', () => {
  it('a stopped service: 500 ModelArts.4302 "access is rejected" (AK/SK and token)', async () => {
    const app = gatewayApp();
    expectModelArtsError(await signed(app, { path: STOPPED, credentials: AKSK, body: '{}' }).test, 500, 'ModelArts.4302', STOPPED_MSG);
    const { token } = await issueToken(app);
    expectModelArtsError(await post(app, STOPPED, { 'X-Auth-Token': token }, '{}'), 500, 'ModelArts.4302', STOPPED_MSG);
  });

  it('a deleted service: 400 ModelArts.4203 naming the service id', async () => {
    const app = gatewayApp();
    expectModelArtsError(await signed(app, { path: DELETED, credentials: AKSK, body: '{}' }).test, 400, 'ModelArts.4203', deletedMsg(S.deleted));
    const { token } = await issueToken(app);
    expectModelArtsError(await post(app, DELETED, { 'X-Auth-Token': token }, '{}'), 400, 'ModelArts.4203', deletedMsg(S.deleted));
  });

  it('a deleted app-auth service names its own id', async () => {
    const services = demoWorld().services.map((s) => (s.id === S.echoApp ? { ...s, state: 'deleted' as const } : s));
    const app = gatewayApp({ world: { services } });
    expectModelArtsError(await post(app, `/v1/infers/${S.echoApp}`, { 'X-Apig-AppCode': C.appCode }, '{}'), 400, 'ModelArts.4203', deletedMsg(S.echoApp));
  });
});

describe('the dispatcher runs after APIG (gateway.md §7)', () => {
  it('APIG authentication answers first: no credentials on a stopped or deleted service is APIG.0301', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, STOPPED, {}, '{}'), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
    expectApigError(await post(app, DELETED, {}, '{}'), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('token ownership is checked before the service state', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount });
    expectModelArtsError(await post(app, STOPPED, { 'X-Auth-Token': token }, '{}'), 401, 'ModelArts.0203', 'Invalid token.');
  });

  it('the service state is checked before the method', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { method: 'GET', path: DELETED, credentials: AKSK, body: '' });
    expectModelArtsError(await test, 400, 'ModelArts.4203', deletedMsg(S.deleted));
  });

  it('the dispatcher checks bodies for JSON models: a bad JSON body to iris is 400 ModelArts.4105, an empty one 4202', async () => {
    const app = gatewayApp();
    expectModelArtsError(
      await signed(app, { path: `/v1/infers/${S.iris}`, credentials: AKSK, body: '{not json' }).test,
      400,
      'ModelArts.4105',
      'Incorrect JSON format of the input data.',
    );
    expectModelArtsError(await signed(app, { path: `/v1/infers/${S.iris}`, credentials: AKSK, body: '' }).test, 400, 'ModelArts.4202', 'Empty request.');
  });
});
