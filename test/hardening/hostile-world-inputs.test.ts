/**
 * Files named by a config or a runtime change are read with a bound that holds for any file:
 * /dev/zero has a stat size of 0 and never ends, so a size check alone let one static bodyFile
 * (POST /_apig-kit/services) grow the process by gigabytes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BoundedFileError, readBoundedFile, readBoundedFileSync } from '../../src/mock/bounds/read-bounded-file.ts';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import { createGatewayCore } from '../../src/mock/gateway.ts';
import { createGateway } from '../../src/mock/index.ts';
import { ModelConfigError, readModelConfigFile } from '../../src/mock/model-config/load.ts';
import { WorldChangeError } from '../../src/mock/state/world-changes.ts';
import { DEMO_CREDENTIALS as C } from '../../src/mock/config/demo-world.ts';

const ZERO = '/dev/zero';
const device = existsSync(ZERO) ? it : it.skip;

describe('bounded file reads', () => {
  it('reads a regular file within its bound, refuses one over it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-bounded-'));
    const file = join(dir, 'a.bin');
    await writeFile(file, Buffer.alloc(100, 1));
    expect((await readBoundedFile(file, 100)).length).toBe(100);
    expect(readBoundedFileSync(file, 100).length).toBe(100);
    await expect(readBoundedFile(file, 99)).rejects.toMatchObject({ code: 'ETOOBIG' });
    expect(() => readBoundedFileSync(file, 99)).toThrow(BoundedFileError);
  });

  device('refuses a device: /dev/zero is not read at all', async () => {
    await expect(readBoundedFile(ZERO, 1024)).rejects.toMatchObject({ code: 'ENOTFILE' });
    expect(() => readBoundedFileSync(ZERO, 1024)).toThrow(/not a regular file/);
    expect(() => readModelConfigFile(ZERO)).toThrow(ModelConfigError);
  });

  device('a config whose static bodyFile is a device is refused at load', () => {
    const service = {
      id: 'b0d1f11e-0000-4000-8000-000000000001',
      name: 'zero',
      model: { static: { bodyFile: ZERO } },
      auth: 'app' as const,
      account: 'apigkit-demo',
      project: 'cn-north-4',
    };
    expect(() => resolveConfig({ world: { services: [service] } } as never)).toThrow(/bodyFile \/dev\/zero: ENOTFILE/);
  });

  device('a service made at runtime has its files checked as at load', () => {
    const gateway = createGatewayCore();
    const attempt =
      (model: unknown, extra: object = {}) =>
      () =>
        gateway.world.createService({ name: 'x', auth: 'app', model, ...extra } as never);
    expect(attempt({ static: { bodyFile: ZERO } })).toThrow(WorldChangeError);
    expect(attempt('echo', { modelConfig: 'no-such-config.json' })).toThrow(/cannot read model config/);
    expect(attempt('echo', { modelConfig: ZERO })).toThrow(WorldChangeError);
    expect(gateway.world.world.services.some((s) => s.name === 'x')).toBe(false);
  });
});

describe('AppCodes are unique across the world', () => {
  it('a new app cannot take over the AppCode of another (nor hold one twice)', () => {
    const gateway = createGatewayCore();
    const code = gateway.world.world.apps[0]!.appCodes[0]!;
    expect(() => gateway.world.createApp({ name: 'thief', appCodes: [code] })).toThrow(/AppCode is used twice/);
    expect(() => gateway.world.createApp({ name: 'twice', appCodes: ['sameCode-0001', 'sameCode-0001'] })).toThrow(WorldChangeError);
    expect(gateway.world.appByCode(code)?.name).toBe(gateway.world.world.apps[0]!.name);
  });
});

describe('a service made through the admin API reads files only inside admin.filesDir', () => {
  const app = (filesDir?: string | false) => createGateway({ admin: filesDir === undefined ? {} : { filesDir } });
  const makeService = (gateway: ReturnType<typeof app>, extra: object) =>
    request(gateway)
      .post('/_apig-kit/services')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'peek', auth: 'app', model: 'echo', ...extra }));

  it('refuses /etc/passwd, a ../ path and a link pointing out, without quoting the file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    await symlink('/etc/passwd', join(folder, 'link.json'));
    const gateway = app(folder);
    for (const modelConfig of ['/etc/passwd', '../../../../../../etc/passwd', 'link.json']) {
      const answer = await makeService(gateway, { modelConfig });
      expect(answer.status, modelConfig).toBe(400);
      expect(answer.text).toMatch(/outside the folder the admin API may read/);
      expect(answer.text).not.toMatch(/root:/);
    }
    const staticAnswer = await makeService(gateway, { model: { static: { bodyFile: '/etc/hostname' } } });
    expect(staticAnswer.status).toBe(400);
    expect(gateway.gateway.world.world.services.some((s) => s.name === 'peek')).toBe(false);
  });

  it('takes a file inside the folder, by a path relative to it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    await writeFile(join(folder, 'answer.json'), '{"ok":true}');
    const gateway = app(folder);
    const answer = await makeService(gateway, { model: { static: { bodyFile: 'answer.json' } } });
    expect(answer.status, answer.text).toBe(201);
  });

  it('with filesDir off, only inline bodies and configs; in-process code is not confined', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    const file = join(folder, 'answer.json');
    await writeFile(file, '{"ok":true}');
    const gateway = app(false);
    const refused = await makeService(gateway, { model: { static: { bodyFile: file } } });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/admin.filesDir is off/);
    expect((await makeService(gateway, { model: { static: { body: { ok: true } } } })).status).toBe(201);
    expect(gateway.gateway.world.createService({ name: 'trusted', auth: 'app', model: { static: { bodyFile: file } } } as never).name).toBe('trusted');
  });

  it('by default (no filesDir) a service made over the admin API takes no file at all', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    const file = join(folder, 'answer.json');
    await writeFile(file, '{"ok":true}');
    const refused = await makeService(app(), { model: { static: { bodyFile: file } } });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/admin.filesDir is off/);
  });

  it('a file swapped for a link after the check is not read through the link', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    const outside = await mkdtemp(join(tmpdir(), 'apig-kit-outside-'));
    await writeFile(join(outside, 'secret.txt'), 'TOPSECRET-OUTSIDE');
    await writeFile(join(folder, 'late.txt'), 'harmless');
    const gateway = app(folder);
    const made = await makeService(gateway, { model: { static: { bodyFile: 'late.txt' } }, boundApps: ['demo-app'] });
    expect(made.status, made.text).toBe(201);
    await rm(join(folder, 'late.txt'));
    await symlink(join(outside, 'secret.txt'), join(folder, 'late.txt'));
    const answer = await request(gateway).post(`/v1/infers/${made.body.service.id}`).set('X-Apig-AppCode', C.appCode).send('{}');
    expect(answer.text).not.toContain('TOPSECRET');
    expect(answer.status).toBeGreaterThanOrEqual(500);
  });

  it('a config.json that is not JSON is refused without any of its bytes in the error', async () => {
    expect(() => readModelConfigFile('/etc/passwd')).toThrow(ModelConfigError);
    expect(() => readModelConfigFile('/etc/passwd')).not.toThrow(/root/);
    const folder = await mkdtemp(join(tmpdir(), 'apig-kit-files-'));
    const file = join(folder, 'config.json');
    // A longer text makes V8 quote a window around the error instead of the first bytes.
    await writeFile(file, `{"a":1,"${'b'.repeat(40)}": SECRETVALUE_LEAKED_HERE_x }`);
    expect(() => readModelConfigFile(file)).toThrow(/is not valid JSON/);
    expect(() => readModelConfigFile(file)).not.toThrow(/SECRET/);
  });
});

describe('names cannot carry a formula or a control character', () => {
  it("a user name follows IAM's documented rule, so none reaches credentials.csv as a formula", () => {
    const gateway = createGatewayCore();
    for (const name of ['=HYPERLINK("http://x")', '+1', '@SUM(A1)', '9lives', ' lead', '   ', 'tab\tname', 'x'.repeat(65), ''])
      expect(() => gateway.world.createUser({ name }), JSON.stringify(name)).toThrow(WorldChangeError);
    for (const name of ['alice', 'Zoë O.', 'Jose\u0301', 'नमस्ते', '-dash_user', '用户'.repeat(2)]) expect(gateway.world.createUser({ name }).name).toBe(name);
  });

  it('an app or service name has no control or bidi character and at most 64 characters', () => {
    const gateway = createGatewayCore();
    for (const name of ['line\nbreak', 'bell\u0007', 'rtl\u202Eevil', 'x'.repeat(65)]) {
      expect(() => gateway.world.createApp({ name }), JSON.stringify(name)).toThrow(WorldChangeError);
      expect(() => gateway.world.createService({ name, auth: 'app', model: 'echo' }), JSON.stringify(name)).toThrow(WorldChangeError);
    }
    for (const name of ['my app (test) #1', 'می\u200Cخواهم', '👩\u200D💻']) expect(gateway.world.createApp({ name }).name).toBe(name);
  });
});
