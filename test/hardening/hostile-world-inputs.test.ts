/**
 * Files named by a config or a runtime change are read with a bound that holds for any file:
 * /dev/zero has a stat size of 0 and never ends, so a size check alone let one static bodyFile
 * (POST /_apig-kit/services) grow the process by gigabytes.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedFileError, readBoundedFile, readBoundedFileSync } from '../../src/mock/bounds/read-bounded-file.ts';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import { createGatewayCore } from '../../src/mock/gateway.ts';
import { ModelConfigError, readModelConfigFile } from '../../src/mock/model-config/load.ts';
import { WorldChangeError } from '../../src/mock/state/world-changes.ts';

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
