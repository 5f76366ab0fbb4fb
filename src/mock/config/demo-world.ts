// Only the seeded generator is used (hex ids): the base locale spares loading every locale (~35 MB of RSS).
import { faker } from '@faker-js/faker/locale/base';
import type { World } from './schema.ts';

/**
 * The embedded demo world: deterministic (seeded faker for ids), documented in the README, and
 * never valid against any real endpoint. Credentials are readable on purpose.
 */
export const DEMO_SEED = 20261123;

export const DEMO_SERVICE_IDS = {
  iris: '3c7a6b0e-5d1f-4e2a-9b8c-0f1e2d3c4b5a',
  image: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  echo: 'e0c4a1f2-7b3d-4c5e-8f9a-1b2c3d4e5f60',
  slow: '51a0e5d7-2c4b-4d6e-9f8a-7b6c5d4e3f21',
  irisApp: 'a11ce5e7-0b1c-4d2e-8f3a-4b5c6d7e8f90',
  imageApp: 'a22ce5e7-1c2d-4e3f-9a4b-5c6d7e8f9a01',
  echoApp: 'a33ce5e7-2d3e-4f4a-8b5c-6d7e8f9a0b12',
  stopped: '5709bed0-0000-4000-8000-000000000001',
  deleted: 'de1e7ed0-0000-4000-8000-000000000002',
  poetry: 'b0e7c0de-3f2a-4c1b-9d8e-7f6a5b4c3d2e',
} as const;

/**
 * A custom image's config.json, as the docs write one (modelarts-services.md §1.4 D): the poetry
 * service answers only the APIs it declares, so another sub-path is 404 ModelArts.4204.
 */
const POETRY_MODEL_CONFIG = {
  model_algorithm: 'poetry_generation',
  model_type: 'Image',
  apis: [
    {
      url: '/predictions/poetry',
      method: 'post',
      request: { 'Content-type': 'application/json', data: { type: 'object', properties: { prompt: { type: 'string' } } } },
      response: { 'Content-type': 'application/json', data: { type: 'object', properties: { poem: { type: 'string' } } } },
    },
    { url: '/health', method: 'get', request: { 'Content-type': 'application/json' }, response: { 'Content-type': 'application/json' } },
  ],
};

export const DEMO_CREDENTIALS = {
  account: 'apigkit-demo',
  user: 'demo-user',
  password: 'Demo-Passw0rd!',
  accessKey: 'DEMOAKAPIGKIT00000001',
  secretKey: 'demoSecretKeyApigKit0000000000000000000001',
  temporaryAccessKey: 'DEMOSTSAKAPIGKIT00001',
  temporarySecretKey: 'demoTemporarySecretKeyApigKit000000000002',
  securityToken: 'gQpjbi1ub3J0aC00AAAAdemoSecurityTokenApigKit0000000000000000000000000000000000000000000000000001',
  appKey: 'demo-app-key-0001',
  appSecret: 'demoAppSecretApigKit000000000000001',
  appCode: 'demoAppCodeApigKit0000000000000000000000000000000000000000000000001',
  unboundAppKey: 'unbound-app-key-0002',
  unboundAppSecret: 'unboundAppSecretApigKit00000000002',
  otherAccount: 'apigkit-other',
  otherUser: 'other-user',
  otherPassword: 'Other-Passw0rd!',
  otherAccessKey: 'OTHERAKAPIGKIT0000001',
  otherSecretKey: 'otherSecretKeyApigKit000000000000000000001',
} as const;

export function demoWorld(seed = DEMO_SEED): World {
  faker.seed(seed);
  const hex32 = () => faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' });
  const c = DEMO_CREDENTIALS;
  const region = 'cn-north-4';
  const ids = DEMO_SERVICE_IDS;
  const service = (
    id: string,
    name: string,
    model: World['services'][number]['model'],
    auth: 'iam' | 'app',
    extra: Partial<World['services'][number]> = {},
  ) => ({
    id,
    name,
    model,
    auth,
    state: 'running' as const,
    account: c.account,
    project: region,
    boundApps: auth === 'app' ? ['demo-app'] : [],
    stages: ['RELEASE'],
    ...extra,
  });
  return {
    seed,
    region,
    tokenSigningKey: `apig-kit-demo-token-key-${seed}`,
    accounts: [
      {
        name: c.account,
        id: hex32(),
        projects: [
          { id: hex32(), name: region },
          { id: hex32(), name: 'cn-east-3' },
        ],
      },
      { name: c.otherAccount, id: hex32(), projects: [{ id: hex32(), name: region }] },
    ],
    users: [
      {
        id: hex32(),
        name: c.user,
        password: c.password,
        account: c.account,
        accessKeys: [{ ak: c.accessKey, sk: c.secretKey }],
        temporaryAccessKeys: [{ ak: c.temporaryAccessKey, sk: c.temporarySecretKey, securityToken: c.securityToken }],
      },
      {
        id: hex32(),
        name: c.otherUser,
        password: c.otherPassword,
        account: c.otherAccount,
        accessKeys: [{ ak: c.otherAccessKey, sk: c.otherSecretKey }],
        temporaryAccessKeys: [],
      },
    ],
    apps: [
      { id: hex32(), name: 'demo-app', account: c.account, key: c.appKey, secret: c.appSecret, appCodes: [c.appCode] },
      { id: hex32(), name: 'unbound-app', account: c.account, key: c.unboundAppKey, secret: c.unboundAppSecret, appCodes: [] },
    ],
    services: [
      service(ids.iris, 'iris-classifier', 'iris', 'iam'),
      service(ids.image, 'flower-images', 'image-classifier', 'iam'),
      service(ids.echo, 'echo', 'echo', 'iam'),
      service(ids.slow, 'slow-model', 'slow', 'iam', { delayMs: 41_000 }),
      service(ids.irisApp, 'iris-classifier-app', 'iris', 'app'),
      service(ids.imageApp, 'flower-images-app', 'image-classifier', 'app'),
      service(ids.echoApp, 'echo-app', 'echo', 'app'),
      service(ids.stopped, 'stopped-service', 'echo', 'iam', { state: 'stopped' }),
      service(ids.deleted, 'deleted-service', 'echo', 'iam', { state: 'deleted' }),
      service(ids.poetry, 'poetry', { preset: 'undefined' }, 'iam', { modelConfig: POETRY_MODEL_CONFIG }),
    ],
  };
}
