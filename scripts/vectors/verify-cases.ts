import type { AuthorizationProblem, HttpRequestMessage, RejectionReason } from '../../src/protocol/index.ts';

export interface VerifyCase {
  name: string;
  description: string;
  /** The sign case whose signed request this one starts from. */
  base: string;
  mutate?: (message: HttpRequestMessage) => void;
  /** Gateway time relative to the signing time; default 60 s later. */
  nowOffsetSeconds?: number;
  /** What the gateway knows: the right secret (default), a wrong one, or nothing for this key. */
  secret?: 'right' | 'wrong' | 'unknown';
  expected: { accepted: boolean; reason?: RejectionReason; malformed?: AuthorizationProblem };
}

const setHeader = (message: HttpRequestMessage, name: string, value: string) => {
  const line = message.headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  if (!line) throw new Error(`no header ${name} to change`);
  line[1] = value;
};
const removeHeader = (message: HttpRequestMessage, name: string) => {
  message.headers = message.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
};
const editAuthorization = (edit: (value: string) => string) => (message: HttpRequestMessage) => {
  const line = message.headers.find(([n]) => n === 'Authorization');
  if (!line) throw new Error('no Authorization');
  line[1] = edit(line[1]);
};

const rejected = (reason: RejectionReason, malformed?: AuthorizationProblem) => ({ accepted: false, reason, ...(malformed ? { malformed } : {}) });

export const VERIFY_CASES: VerifyCase[] = [
  {
    name: 'verify-accept-15-minutes-late',
    description: 'exactly 15:00 after X-Sdk-Date is still inside the window',
    base: 'post-json-iris',
    nowOffsetSeconds: 900,
    expected: { accepted: true },
  },
  {
    name: 'verify-accept-15-minutes-early',
    description: 'exactly 15:00 before X-Sdk-Date is still inside the window',
    base: 'post-json-iris',
    nowOffsetSeconds: -900,
    expected: { accepted: true },
  },
  {
    name: 'verify-accept-unsigned-payload-any-body',
    description: 'with UNSIGNED-PAYLOAD the body may differ from what was signed',
    base: 'post-multipart-unsigned-payload',
    mutate: (m) => {
      m.body = Buffer.from(m.body.toString('latin1').replace('tiny fake image', 'other fake image'), 'latin1');
    },
    expected: { accepted: true },
  },
  {
    name: 'neg-date-16-minutes-late',
    description: 'gateway clock 16 minutes after X-Sdk-Date',
    base: 'post-json-iris',
    nowOffsetSeconds: 960,
    expected: rejected('date-expired'),
  },
  {
    name: 'neg-date-16-minutes-early',
    description: 'gateway clock 16 minutes before X-Sdk-Date (client clock ahead)',
    base: 'post-json-iris',
    nowOffsetSeconds: -960,
    expected: rejected('date-expired'),
  },
  {
    name: 'neg-tampered-header',
    description: 'a signed header changed after signing',
    base: 'post-header-sort',
    mutate: (m) => setHeader(m, 'X-Stage', 'DEVELOP'),
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-tampered-body',
    description: 'the body changed after signing',
    base: 'post-json-iris',
    mutate: (m) => {
      m.body = Buffer.from(m.body.toString('utf8').replace('2.2', '9.9'));
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-tampered-body-declared-hash',
    description: 'the body no longer matches the digest declared in X-Sdk-Content-Sha256',
    base: 'post-declared-payload-hash',
    mutate: (m) => {
      m.body = Buffer.from('{"a":2}');
    },
    expected: rejected('body-hash-mismatch'),
  },
  {
    name: 'neg-tampered-query',
    description: 'a query value changed after signing',
    base: 'get-query-order-key',
    mutate: (m) => {
      m.target = m.target.replace('b=2', 'b=3');
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-tampered-path',
    description: 'the path changed after signing',
    base: 'post-json-subpath',
    mutate: (m) => {
      m.target = m.target.replace('poetry', 'prose');
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-tampered-method',
    description: 'the method changed after signing',
    base: 'get-inference-path',
    mutate: (m) => {
      m.method = 'DELETE';
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-tampered-date',
    description: 'X-Sdk-Date moved one second, still inside the window',
    base: 'get-inference-path',
    mutate: (m) => setHeader(m, 'X-Sdk-Date', '20261123T091501Z'),
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-wrong-secret',
    description: 'the request was signed with another secret',
    base: 'post-json-iris',
    secret: 'wrong',
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-unknown-key',
    description: 'the access key is not known to the gateway',
    base: 'get-inference-path',
    secret: 'unknown',
    expected: rejected('unknown-key'),
  },
  {
    name: 'neg-signed-header-absent',
    description: 'a header named in SignedHeaders is not in the request',
    base: 'post-header-sort',
    mutate: (m) => removeHeader(m, 'X-Project-Id'),
    expected: rejected('signed-header-missing'),
  },
  {
    name: 'neg-authorization-missing',
    description: 'no Authorization header at all',
    base: 'get-inference-path',
    mutate: (m) => removeHeader(m, 'Authorization'),
    expected: rejected('authorization-missing'),
  },
  {
    name: 'neg-authorization-unknown-algorithm',
    description: 'an algorithm the gateway does not know',
    base: 'get-inference-path',
    mutate: editAuthorization((v) => v.replace('SDK-HMAC-SHA256', 'AWS4-HMAC-SHA256')),
    expected: rejected('authorization-malformed', 'unknown-algorithm'),
  },
  {
    name: 'neg-authorization-no-signature',
    description: 'the Signature field is missing',
    base: 'get-inference-path',
    mutate: editAuthorization((v) => v.replace(/, Signature=[0-9a-f]+/, '')),
    expected: rejected('authorization-malformed', 'missing-signature'),
  },
  {
    name: 'neg-authorization-empty-access',
    description: 'Access= with no key',
    base: 'get-inference-path',
    mutate: editAuthorization((v) => v.replace(/Access=[^,]+/, 'Access=')),
    expected: rejected('authorization-malformed', 'missing-access'),
  },
  {
    name: 'neg-authorization-short-signature',
    description: 'a signature that is not 64 hex characters',
    base: 'get-inference-path',
    mutate: editAuthorization((v) => v.slice(0, -2)),
    expected: rejected('authorization-malformed', 'malformed-signature'),
  },
  {
    name: 'neg-authorization-not-fields',
    description: 'a value with no Name=value fields',
    base: 'get-inference-path',
    mutate: editAuthorization(() => 'SDK-HMAC-SHA256 garbage'),
    expected: rejected('authorization-malformed', 'malformed-field'),
  },
  {
    name: 'neg-date-missing',
    description: 'X-Sdk-Date absent',
    base: 'get-host-unsigned',
    mutate: (m) => removeHeader(m, 'X-Sdk-Date'),
    expected: rejected('date-missing'),
  },
  {
    name: 'neg-date-malformed',
    description: 'X-Sdk-Date in ISO-8601 extended form',
    base: 'get-inference-path',
    mutate: (m) => setHeader(m, 'X-Sdk-Date', '2026-11-23T09:15:00Z'),
    expected: rejected('date-malformed'),
  },
  {
    name: 'neg-date-impossible',
    description: 'X-Sdk-Date with hour 24',
    base: 'get-inference-path',
    mutate: (m) => setHeader(m, 'X-Sdk-Date', '20261123T240000Z'),
    expected: rejected('date-malformed'),
  },
  {
    name: 'neg-date-not-signed',
    description: 'x-sdk-date left out of SignedHeaders',
    base: 'get-inference-path',
    mutate: editAuthorization((v) => v.replace('SignedHeaders=host;x-sdk-date', 'SignedHeaders=host')),
    expected: rejected('date-not-signed'),
  },
  {
    name: 'neg-security-token-missing',
    description: 'temporary credentials without X-Security-Token',
    base: 'get-security-token',
    mutate: (m) => {
      removeHeader(m, 'X-Security-Token');
      editAuthorization((v) => v.replace('x-sdk-date;x-security-token', 'x-sdk-date'))(m);
    },
    expected: rejected('security-token-missing'),
  },
  {
    name: 'neg-v11-scope-date',
    description: 'V11 credential scope dated another day than X-Sdk-Date',
    base: 'get-query-v11',
    mutate: editAuthorization((v) => v.replace('/20261123/', '/20261122/')),
    expected: rejected('scope-mismatch'),
  },
  {
    name: 'neg-sm3-tampered-body',
    description: 'SDK-HMAC-SM3 request whose body changed',
    base: 'post-json-sm3',
    mutate: (m) => {
      m.body = Buffer.from(m.body.toString('utf8').replace('2.2', '9.9'));
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-v11-sm3-tampered-body',
    description: 'V11-HMAC-SM3 request whose body changed',
    base: 'post-json-v11-sm3',
    mutate: (m) => {
      m.body = Buffer.from(m.body.toString('utf8').replace('2.2', '9.9'));
    },
    expected: rejected('signature-mismatch'),
  },
  {
    name: 'neg-v11-sm3-as-sha256',
    description: 'a V11-HMAC-SM3 signature presented as V11-HMAC-SHA256: the algorithms are not interchangeable',
    base: 'post-json-v11-sm3',
    mutate: editAuthorization((v) => v.replace('V11-HMAC-SM3', 'V11-HMAC-SHA256')),
    expected: rejected('signature-mismatch'),
  },
];
