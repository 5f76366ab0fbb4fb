import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExplain } from '../../src/cli/commands/explain.ts';
import { runSign } from '../../src/cli/commands/sign.ts';

const BIN = join(import.meta.dirname, '../../bin/apig-kit.js');
const SECRET = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';

// The documentation example (signing.md §1.7 item 1): its signature is published.
const DOC_EXAMPLE = {
  method: 'GET',
  url: 'https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
  headers: { 'Content-Type': 'application/json' },
  ak: 'QTWAOYTTINDUT2QVKYUC',
  sk: SECRET,
  date: '20191115T033655Z',
};

function cli(args: string[], stdin: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { input: stdin, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('apig-kit sign', () => {
  it('prints the headers to add, reproducing the published documentation signature', () => {
    const headers = JSON.parse(runSign(JSON.stringify(DOC_EXAMPLE)));
    expect(headers).toEqual({
      'X-Sdk-Date': '20191115T033655Z',
      Authorization:
        'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    });
  });

  it('adds X-Security-Token and the unsigned-payload header when asked, and signs them', () => {
    const headers = JSON.parse(runSign(JSON.stringify({ ...DOC_EXAMPLE, securityToken: 'tok', unsignedPayload: true, bodyBase64: 'AAEC' })));
    expect(headers['X-Security-Token']).toBe('tok');
    expect(headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(headers.Authorization).toContain('SignedHeaders=content-type;host;x-sdk-content-sha256;x-sdk-date;x-security-token,');
  });

  it('signs V11 with a credential scope and SM3 with the SM3 token', () => {
    const v11 = JSON.parse(runSign(JSON.stringify({ ...DOC_EXAMPLE, algorithm: 'V11-HMAC-SHA256', region: 'cn-north-4' })));
    expect(v11.Authorization).toMatch(/^V11-HMAC-SHA256 Credential=QTWAOYTTINDUT2QVKYUC\/20191115\/cn-north-4\/apic, /);
    const sm3 = JSON.parse(runSign(JSON.stringify({ ...DOC_EXAMPLE, algorithm: 'SDK-HMAC-SM3' })));
    expect(sm3.Authorization).toMatch(/^SDK-HMAC-SM3 Access=QTWAOYTTINDUT2QVKYUC, /);
  });

  it('takes the signing time from "now" when no date is given', () => {
    const { date: _omitted, ...withoutDate } = DOC_EXAMPLE;
    const headers = JSON.parse(runSign(JSON.stringify(withoutDate), () => Date.UTC(2026, 10, 23, 9, 15, 0)));
    expect(headers['X-Sdk-Date']).toBe('20261123T091500Z');
  });

  it.each([
    ['not JSON', 'nope', /stdin is not JSON/],
    ['a missing field', JSON.stringify({ method: 'GET', url: 'https://x/', ak: 'a' }), /"sk"/],
    ['an unknown field', JSON.stringify({ ...DOC_EXAMPLE, secret: 'x' }), /secret/],
    ['both body forms', JSON.stringify({ ...DOC_EXAMPLE, body: 'a', bodyBase64: 'YQ==' }), /not both/],
    ['a bad date', JSON.stringify({ ...DOC_EXAMPLE, date: 'yesterday' }), /"date"/],
    ['a bad URL', JSON.stringify({ ...DOC_EXAMPLE, url: 'example.com/x' }), /not an absolute URL/],
    ['V11 without a region', JSON.stringify({ ...DOC_EXAMPLE, algorithm: 'V11-HMAC-SHA256' }), /region/],
    ['an unknown algorithm', JSON.stringify({ ...DOC_EXAMPLE, algorithm: 'AWS4-HMAC-SHA256' }), /algorithm/],
  ])('refuses %s with one line on stderr, exit 2 (usage), and no secret', (_, input, message) => {
    const { code, stdout, stderr } = cli(['sign'], input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain(SECRET);
  });

  it('works end to end through the binary on stdin/stdout', () => {
    const { code, stdout, stderr } = cli(['sign'], JSON.stringify(DOC_EXAMPLE));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).Authorization).toContain('Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe');
  });
});

describe('apig-kit explain', () => {
  it('shows every step, with the published canonical request and string to sign', () => {
    const text = runExplain(JSON.stringify(DOC_EXAMPLE));
    for (const line of [
      '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
      'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      'content-type:application/json',
      'host:service.region.example.com',
      'content-type;host;x-sdk-date',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
      '7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain(SECRET);
  });

  it('prints the steps as JSON with --json', () => {
    const { code, stdout } = cli(['explain', '--json'], JSON.stringify(DOC_EXAMPLE));
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.steps.stringToSign).toBe('SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
    expect(parsed.steps.canonicalRequest.uri).toBe('/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/');
    expect(stdout).not.toContain(SECRET);
  });

  it('answers an unknown command with usage and exit 2', () => {
    const { code, stderr } = cli(['bogus'], '');
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'bogus'");
  });
});
