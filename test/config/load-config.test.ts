import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, resolveConfig } from '../../src/mock/config/load-config.ts';
import { DEMO_CREDENTIALS, demoWorld } from '../../src/mock/config/demo-world.ts';
import { Journal } from '../../src/mock/state/journal.ts';

const dir = mkdtempSync(join(tmpdir(), 'apig-kit-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('gateway config', () => {
  it('defaults to the documented limits and the demo world', () => {
    const config = resolveConfig();
    expect(config.limits).toMatchObject({
      maxBodyBytes: 12 * 1024 * 1024,
      maxClockSkewMs: 900_000,
      backendTimeoutMs: 40_000,
      tokenLifetimeMs: 86_400_000,
      apiRateLimitPerSecond: 200,
    });
    expect(config.behaviour).toMatchObject({ mode: 'strict', explain: false });
    expect(config.world.users[0]?.accessKeys[0]?.ak).toBe(DEMO_CREDENTIALS.accessKey);
  });

  it('generates the same world from the same seed, and another from another seed', () => {
    expect(demoWorld(7)).toEqual(demoWorld(7));
    expect(demoWorld(7).accounts[0]?.id).not.toBe(demoWorld(8).accounts[0]?.id);
  });

  it('reads YAML and merges it over the defaults', () => {
    const config = loadConfigFile(file('ok.yaml', 'limits:\n  backendTimeoutMs: 60000\nbehaviour:\n  mode: warn\n'));
    expect(config.limits.backendTimeoutMs).toBe(60_000);
    expect(config.limits.maxBodyBytes).toBe(12 * 1024 * 1024);
    expect(config.behaviour.mode).toBe('warn');
  });

  it('reads JSON that replaces the apps', () => {
    const apps = [{ id: 'a1', name: 'mine', account: 'apigkit-demo', key: 'my-app-key-01', secret: 'mySecret0001', appCodes: [] }];
    const services = demoWorld().services.map((s) => ({ ...s, boundApps: s.auth === 'app' ? ['mine'] : [] }));
    const config = loadConfigFile(file('ok.json', JSON.stringify({ world: { apps, services } })));
    expect(config.world.apps.map((a) => a.name)).toEqual(['mine']);
  });

  it.each([
    ['bad.json', '{nope', /not valid JSON/],
    ['bad.yaml', 'limits: [1, 2', /not valid YAML/],
    ['list.json', '[1]', /must hold an object/],
    ['field.json', JSON.stringify({ limits: { maxBodyBytes: 'big' } }), /limits\.maxBodyBytes/],
    ['unknown.json', JSON.stringify({ behaviour: { strictness: 1 } }), /behaviour: Unrecognized key: "strictness"/],
    ['spelling.yaml', 'behavior:\n  mode: warn\n', /\(root\): Unrecognized key: "behavior"/],
    [
      'nested.json',
      JSON.stringify({ world: { accounts: [{ name: 'a', id: 'b', projects: [{ id: 'p', name: 'n', region: 'x' }] }] } }),
      /world\.accounts\.0\.projects\.0: Unrecognized key: "region"/,
    ],
    ['world-key.json', JSON.stringify({ world: { service: [] } }), /world: Unrecognized key: "service"/],
    ['mode.json', JSON.stringify({ behaviour: { mode: 'lenient' } }), /behaviour\.mode/],
    ['appkey.json', JSON.stringify({ world: { apps: [{ id: 'a', name: 'x', account: 'apigkit-demo', key: 'short', secret: 'mySecret0001' }] } }), /AppKey/],
    [
      'codes.json',
      JSON.stringify({
        world: {
          apps: [
            { id: 'a', name: 'demo-app', account: 'apigkit-demo', key: 'my-app-key-01', secret: 'mySecret0001', appCodes: ['1', '2', '3', '4', '5', '6'] },
          ],
        },
      }),
      /at most 5 AppCodes/,
    ],
    ['refs.json', JSON.stringify({ world: { apps: [] } }), /no app demo-app/],
  ])('refuses %s with a clear error naming the file', (name, text, message) => {
    const path = file(name, text);
    expect(() => loadConfigFile(path)).toThrow(ConfigError);
    expect(() => loadConfigFile(path)).toThrow(message);
    expect(() => loadConfigFile(path)).toThrow(path);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read config file .*ENOENT/);
  });
});

describe('journal', () => {
  it('keeps only the newest entries up to its size', () => {
    const journal = new Journal(3);
    for (let i = 0; i < 10; i++) {
      journal.record({
        requestId: String(i),
        time: '',
        method: 'GET',
        target: '/',
        status: 200,
        verdict: 'accepted',
        headers: {},
        bodyBytes: 0,
        durationMs: 0,
        testId: i % 2 ? 'odd' : 'even',
      });
    }
    expect(journal.list().map((e) => e.requestId)).toEqual(['7', '8', '9']);
    expect(journal.list({ testId: 'odd' }).map((e) => e.requestId)).toEqual(['7', '9']);
    expect(journal.list({ limit: 1 }).map((e) => e.requestId)).toEqual(['9']);
  });
});
