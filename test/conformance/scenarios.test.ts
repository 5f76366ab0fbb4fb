import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import { isVariantOf } from '../../src/kit/credentials.ts';
import { loadKnownFailing } from '../../src/kit/known-failing.ts';
import { encodePath, encodeQuery } from '../../src/kit/request-plan.ts';
import { loadScenarios } from '../../src/kit/scenario.ts';
import { AUTH_METHOD_IDS } from '../../src/protocol/index.ts';

describe('the bundled scenarios', async () => {
  const scenarios = await loadScenarios(['fixtures/scenarios']);
  const services = new Map(resolveConfig().world.services.map((s) => [s.name, s]));

  it('cover every auth method with accepted and refused cases', () => {
    for (const auth of AUTH_METHOD_IDS) {
      const mine = scenarios.filter((s) => s.auth === auth);
      expect(
        mine.some((s) => s.expect.outcome === 'accepted'),
        auth,
      ).toBe(true);
      expect(
        mine.some((s) => s.expect.outcome === 'refused'),
        auth,
      ).toBe(true);
    }
  });

  it('cover the tricky encodings: UTF-8 and reserved characters, repeated keys, multipart, empty body', () => {
    expect(scenarios.some((s) => /[^\x00-\x7f]/.test(s.request.path) && s.request.query.some(([, v]) => /[!*'()]/.test(v)))).toBe(true);
    expect(scenarios.some((s) => new Set(s.request.query.map(([k]) => k)).size < s.request.query.length)).toBe(true);
    expect(
      scenarios
        .filter((s) => 'file' in s.request.body)
        .map((s) => s.auth)
        .sort(),
    ).toEqual(['aksk', 'app', 'appcode', 'token']);
    expect(scenarios.some((s) => 'empty' in s.request.body)).toBe(true);
  });

  it('name services of the demo world that take their auth method, with credentials that fit it', () => {
    for (const s of scenarios) {
      const service = services.get(s.request.service);
      expect(service, s.id).toBeDefined();
      expect(service!.auth, s.id).toBe(s.auth === 'token' || s.auth === 'aksk' ? 'iam' : 'app');
      expect(isVariantOf(s.auth, s.credentials), s.id).toBe(true);
    }
  });
});

describe('loading scenarios', () => {
  it('names the file and the field of an invalid scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-scenarios-'));
    await writeFile(
      join(dir, 'bad.json'),
      JSON.stringify({ id: 'bad', title: 't', auth: 'basic', request: { service: 'echo', body: { empty: true } }, expect: { outcome: 'accepted' } }),
    );
    await expect(loadScenarios([dir])).rejects.toThrow(/bad\.json: auth: /);
  });

  it('refuses two scenarios with one id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-scenarios-'));
    const scenario = { id: 'same', title: 't', auth: 'aksk', request: { service: 'echo', body: { empty: true } }, expect: { outcome: 'accepted' } };
    await writeFile(join(dir, 'a.json'), JSON.stringify(scenario));
    await writeFile(join(dir, 'b.json'), JSON.stringify(scenario));
    await expect(loadScenarios([dir])).rejects.toThrow(/"same" is used by both/);
  });

  it('says when nothing matches', async () => {
    await expect(loadScenarios(['fixtures/scenarios/no-such-*.json'])).rejects.toThrow(/no scenario file matches/);
  });
});

describe('the URL a client is given', () => {
  // RFC 3986 §2.3: only ALPHA / DIGIT / "-" / "." / "_" / "~" stay as they are; UTF-8 bytes are %XX, upper case.
  it('percent-encodes each path segment', () => {
    expect(encodePath('/données/你好/a b+c=d&e')).toBe('/donn%C3%A9es/%E4%BD%A0%E5%A5%BD/a%20b%2Bc%3Dd%26e');
    expect(encodePath('predict')).toBe('/predict');
    expect(encodePath('')).toBe('');
  });

  it('percent-encodes query keys and values and keeps their order and repeats', () => {
    expect(encodeQuery([['sym', "!*'();:@&=+$,/?#[]~"]])).toBe('sym=%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D~');
    expect(
      encodeQuery([
        ['b', '2'],
        ['a', '1'],
        ['a', '0'],
        ['empty', ''],
      ]),
    ).toBe('b=2&a=1&a=0&empty=');
    expect(encodeQuery([['名', 'x y']])).toBe('%E5%90%8D=x%20y');
  });
});

describe('known-failing lists', () => {
  it('reads text (ids with # reasons) and JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-known-'));
    await writeFile(join(dir, 'k.txt'), '# header\n\naksk-json-iris  # no signing yet\ntoken-expired\n');
    await writeFile(join(dir, 'k.json'), JSON.stringify(['a', { id: 'b', reason: 'why' }]));
    expect([...(await loadKnownFailing(join(dir, 'k.txt')))]).toEqual([
      ['aksk-json-iris', 'no signing yet'],
      ['token-expired', ''],
    ]);
    expect([...(await loadKnownFailing(join(dir, 'k.json')))]).toEqual([
      ['a', ''],
      ['b', 'why'],
    ]);
  });
});
