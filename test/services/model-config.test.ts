/**
 * The config.json parser (modelarts-services.md §1): the docs' own examples pass, their quirks are
 * mended with a warning (§1.5), and what cannot be routed is refused at load.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SERVICE_IDS } from '../../src/mock/config/demo-world.ts';
import { loadConfigFile, resolveConfig } from '../../src/mock/config/load-config.ts';
import type { Service } from '../../src/mock/config/schema.ts';
import { readModelConfigFile } from '../../src/mock/model-config/load.ts';
import { normalizeModelConfig } from '../../src/mock/model-config/normalize.ts';
import { fileFieldOf, matchApi, parametersOf } from '../../src/mock/model-config/service-api.ts';
import { serviceApis } from '../../src/mock/services/service-apis.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/model-configs');
const base = () => resolveConfig().world.services.find((s) => s.id === DEMO_SERVICE_IDS.echo)!;
const withService = (extra: Partial<Service> & Record<string, unknown>) => resolveConfig({ world: { services: [{ ...base(), ...extra } as Service] } });

describe('reading a config.json', () => {
  it('reads the custom-image example with its quirks, and says what it mended', () => {
    const parsed = normalizeModelConfig(readModelConfigFile(join(FIXTURES, 'custom-image.json')));
    expect(parsed.apis.map((a) => `${a.method} ${a.url} ${a.protocol}`)).toEqual(['POST / http', 'POST /greet http', 'GET /goodbye http']);
    expect(parsed.apis[0]!.responseContentType).toBe('application/json');
    expect(parsed.warnings).toEqual(['apis[0]: "procotol" read as "protocol"', 'apis[0].response: "applicaton/json" read as application/json']);
    expect(parsed.problems).toEqual([]);
  });

  it('reads the image-classification example: the file input and the output table', () => {
    const [api] = normalizeModelConfig(readModelConfigFile(join(FIXTURES, 'image-classification.json'))).apis;
    expect(api!.requestContentType).toBe('multipart/form-data');
    expect(fileFieldOf(api)).toBe('images');
    expect(parametersOf(api!.responseSchema)).toEqual([
      { name: 'predicted_label', type: 'string', required: false },
      { name: 'scores', type: 'array', required: false },
    ]);
  });

  it('takes Content-Type in any case, defaults url to / and method to POST, upper-cases the method, and reads item as items', () => {
    const { apis } = normalizeModelConfig({
      model_type: 'Image',
      apis: [
        { request: { 'content-type': 'multipart/form-data' }, response: { 'Content-Type': 'text/plain' } },
        { url: '/mnist', method: 'get', response: { data: { type: 'object', properties: { mnist_result: { type: 'array', item: [{ type: 'number' }] } } } } },
      ],
    });
    expect(apis.map((a) => [a.method, a.url, a.requestContentType, a.responseContentType])).toEqual([
      ['POST', '/', 'multipart/form-data', 'text/plain'],
      ['GET', '/mnist', 'application/json', 'application/json'],
    ]);
    expect(apis[1]!.responseSchema).toEqual({ type: 'object', properties: { mnist_result: { type: 'array', items: [{ type: 'number' }] } } });
  });

  it('gives a config without apis the one POST /', () => {
    expect(normalizeModelConfig({ model_type: 'TensorFlow' }).apis.map((a) => `${a.method} ${a.url}`)).toEqual(['POST /']);
  });

  it('serves a model that is not Image at / only, with a warning (§1.1: built-in engines expose only /)', () => {
    const parsed = normalizeModelConfig({ model_type: 'TensorFlow', apis: [{ url: '/predict' }, { url: '/other' }] });
    expect(parsed.apis.map((a) => a.url)).toEqual(['/']);
    expect(parsed.warnings[0]).toMatch(/model_type TensorFlow serves one API at "\/"/);
  });

  it('refuses two APIs on one path and method at load (several matches is a 500 at call time, §4.2 #1b)', () => {
    expect(() => withService({ modelConfig: { model_type: 'Image', apis: [{ url: '/a' }, { url: '/a', method: 'POST' }] } })).toThrow(
      /service echo: modelConfig: POST \/a is declared twice/,
    );
  });

  it('refuses a config whose apis is not a list, naming the field', () => {
    expect(() => withService({ modelConfig: { apis: { url: '/' } } as never })).toThrow(/modelConfig\.apis: /);
  });

  it('reads a modelConfig path relative to the config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-model-config-'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'Image', apis: [{ url: '/greet', method: 'post' }] }));
    await writeFile(join(dir, 'gateway.json'), JSON.stringify({ world: { services: [{ ...base(), modelConfig: 'config.json' }] } }));
    const config = loadConfigFile(join(dir, 'gateway.json'));
    expect(serviceApis(config.world.services[0]!).apis.map((a) => a.url)).toEqual(['/greet']);
  });

  it('names the file when a modelConfig path cannot be read', () => {
    expect(() => withService({ modelConfig: 'no-such-config.json' })).toThrow(/cannot read model config .*no-such-config\.json: ENOENT/);
  });
});

describe('routing (sub-path, method) to a declared API', () => {
  const { apis } = normalizeModelConfig(readModelConfigFile(join(FIXTURES, 'custom-image.json')));

  it('maps the bare address and / to the / API, and a declared path to its API', () => {
    expect(matchApi(apis, '', 'POST')).toMatchObject({ kind: 'api', api: { url: '/' } });
    expect(matchApi(apis, '/', 'POST')).toMatchObject({ kind: 'api', api: { url: '/' } });
    expect(matchApi(apis, '/goodbye', 'GET')).toMatchObject({ kind: 'api', api: { url: '/goodbye', method: 'GET' } });
  });

  it('tells a path nothing declares from a method a declared path does not take', () => {
    expect(matchApi(apis, '/greet/', 'POST')).toEqual({ kind: 'no-api' });
    expect(matchApi(apis, '/Greet', 'POST')).toEqual({ kind: 'no-api' });
    expect(matchApi(apis, '/goodbye', 'POST')).toEqual({ kind: 'method', allowed: ['GET'] });
  });

  it('gives a service without modelConfig its model defaults: one POST / for a built-in mode, any sub-path for echo', () => {
    const services = resolveConfig().world.services;
    const iris = services.find((s) => s.id === DEMO_SERVICE_IDS.iris)!;
    expect(serviceApis(iris).apis.map((a) => `${a.method} ${a.url}`)).toEqual(['POST /']);
    expect(matchApi(serviceApis(base()).apis, '/anything/at/all', 'POST').kind).toBe('api');
    expect(matchApi(serviceApis(base()).apis, '/anything', 'GET').kind).toBe('method');
  });
});
