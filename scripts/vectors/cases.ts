import type { AlgorithmName } from '../../src/protocol/index.ts';
import { type CredentialName, INFER, VECTOR_DATE, VECTOR_HOST } from './constants.ts';

export interface SignCase {
  name: string;
  description: string;
  method: string;
  target: string;
  /** Header lines after Host and X-Sdk-Date, as written on the wire. */
  headers?: Array<[string, string]>;
  host?: string;
  date?: string;
  body?: string | Buffer;
  signedHeaders: string[];
  credentials?: CredentialName;
  algorithm?: AlgorithmName;
  region?: string;
  service?: string;
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const IRIS_BODY = JSON.stringify({
  meta: { uuid: '10eb0091-887f-4839-9929-cbc884f1e20e' },
  data: { req_data: [{ sepal_length: 3, sepal_width: 1, petal_length: 2.2, petal_width: 4 }] },
});
const BOUNDARY = '----apigkitvector7MA4YWxkTrZu0gW';
const MULTIPART_BODY = Buffer.from(
  [
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="images"; filename="flower.png"',
    'Content-Type: image/png',
    '',
    '\x89PNG\r\n\x1a\n(eight magic bytes, then a tiny fake image)',
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n'),
  'latin1',
);

const basic = ['host', 'x-sdk-date'];
const withType = ['content-type', 'host', 'x-sdk-date'];

export const SIGN_CASES: SignCase[] = [
  { name: 'get-vanilla', description: 'GET / with only host and x-sdk-date signed', method: 'GET', target: '/', signedHeaders: basic },
  { name: 'get-inference-path', description: 'GET on a real-time service URL', method: 'GET', target: INFER, signedHeaders: basic },
  {
    name: 'post-json-iris',
    description: 'POST a JSON body to a predictive-analytics service',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE],
    body: IRIS_BODY,
    signedHeaders: withType,
  },
  {
    name: 'post-json-subpath',
    description: "POST JSON to a service's own sub-path",
    method: 'POST',
    target: `${INFER}/predictions/poetry`,
    headers: [JSON_TYPE],
    body: '{"prompt":"spring"}',
    signedHeaders: withType,
  },
  {
    name: 'post-json-utf8-body',
    description: 'UTF-8 text in the JSON body is hashed as its UTF-8 bytes',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE],
    body: '{"text":"你好, wörld ☃"}',
    signedHeaders: withType,
  },
  {
    name: 'post-empty-body',
    description: 'POST with no body hashes the empty string',
    method: 'POST',
    target: INFER,
    headers: [['Content-Length', '0']],
    signedHeaders: basic,
  },
  {
    name: 'put-json',
    description: 'another method with a body',
    method: 'PUT',
    target: `${INFER}/config`,
    headers: [JSON_TYPE],
    body: '{"replicas":2}',
    signedHeaders: withType,
  },
  { name: 'delete-vanilla', description: 'DELETE with no body', method: 'DELETE', target: `${INFER}/cache`, signedHeaders: basic },
  { name: 'get-query-single', description: 'one query parameter', method: 'GET', target: `${INFER}?limit=2`, signedHeaders: basic },
  { name: 'get-query-order-key', description: 'keys are sorted', method: 'GET', target: `${INFER}?b=2&c=3&a=1`, signedHeaders: basic },
  {
    name: 'get-query-order-key-case',
    description: 'sorting is by character code: upper case before lower case',
    method: 'GET',
    target: `${INFER}?b=1&F=2&a=3&A=4`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-repeated-key',
    description: 'a repeated key is emitted once per value, values sorted',
    method: 'GET',
    target: `${INFER}?tag=b&x=0&tag=a&tag=10`,
    signedHeaders: basic,
  },
  { name: 'get-query-empty-value', description: 'an empty value keeps its "="', method: 'GET', target: `${INFER}?flag=&x=1`, signedHeaders: basic },
  {
    name: 'get-query-bare-key',
    description: 'a key without "=" (as the Go SDK sends it) is canonicalised as "key="',
    method: 'GET',
    target: `${INFER}?x=1&flag`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-empty-key',
    description: 'items with an empty key ("&&", "=v") are dropped',
    method: 'GET',
    target: `${INFER}?=orphan&&a=1&`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-utf8',
    description: 'UTF-8 keys and values are encoded byte by byte',
    method: 'GET',
    target: `${INFER}?%E5%90%8D=%E4%B8%80&q=%C3%A9`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-reserved',
    description: 'reserved characters in a value (the Go SDK vector value)',
    method: 'GET',
    target: `${INFER}?q=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29`,
    signedHeaders: basic,
  },
  { name: 'get-query-slash-in-value', description: '"/" inside a value becomes %2F', method: 'GET', target: `${INFER}?path=a/b/c`, signedHeaders: basic },
  {
    name: 'get-query-space-and-plus',
    description: 'space is %20 and an encoded plus stays %2B',
    method: 'GET',
    target: `${INFER}?q=a%20b&r=a%2Bb`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-unreserved',
    description: 'the unreserved set is never escaped',
    method: 'GET',
    target: `${INFER}?AZaz09-_.~=AZaz09-_.~`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-lowercase-escapes',
    description: 'lower-case escapes on the wire come out upper-case',
    method: 'GET',
    target: `${INFER}?q=%c3%a9%2a`,
    signedHeaders: basic,
  },
  {
    name: 'get-query-unescaped-punctuation',
    description: "characters a client may leave raw (!*'()) are escaped in the canonical form",
    method: 'GET',
    target: `${INFER}?q=it's(1)*!`,
    signedHeaders: basic,
  },
  { name: 'get-path-utf8', description: 'a UTF-8 path segment', method: 'GET', target: `${INFER}/%E4%B8%AD%E6%96%87`, signedHeaders: basic },
  { name: 'get-path-space', description: 'a space in the path is %20', method: 'GET', target: `${INFER}/a%20b`, signedHeaders: basic },
  {
    name: 'get-path-reserved',
    description: 'reserved characters left raw in the path are escaped',
    method: 'GET',
    target: `${INFER}/c:d@e!f$g`,
    signedHeaders: basic,
  },
  {
    name: 'get-path-trailing-slash',
    description: 'a trailing slash gives the same canonical URI as none',
    method: 'GET',
    target: `${INFER}/`,
    signedHeaders: basic,
  },
  {
    name: 'get-path-double-slash',
    description: 'empty segments survive',
    method: 'GET',
    target: `/v1//infers/${INFER.split('/').at(-1)}`,
    signedHeaders: basic,
  },
  { name: 'get-path-dot-segments', description: 'dot segments are not removed', method: 'GET', target: `${INFER}/./a/../b`, signedHeaders: basic },
  {
    name: 'get-path-encoded-slash',
    description: '%2F is decoded before splitting, so it becomes a separator',
    method: 'GET',
    target: `${INFER}/a%2Fb`,
    signedHeaders: basic,
  },
  {
    name: 'get-path-encoded-unreserved',
    description: 'escaped unreserved characters (%7E, %41) are decoded',
    method: 'GET',
    target: `${INFER}/%7Euser/%41`,
    signedHeaders: basic,
  },
  {
    name: 'get-header-case',
    description: 'header names are lower-cased, values keep their case',
    method: 'GET',
    target: INFER,
    headers: [['X-Custom-Header', 'MiXeD Case Value']],
    signedHeaders: ['host', 'x-custom-header', 'x-sdk-date'],
  },
  {
    name: 'get-header-inner-whitespace',
    description: 'values are trimmed, inner runs of spaces kept',
    method: 'GET',
    target: INFER,
    headers: [['X-Spaced', '   a   b    c   ']],
    signedHeaders: ['host', 'x-sdk-date', 'x-spaced'],
  },
  {
    name: 'get-header-duplicate',
    description: 'a header sent twice: values joined with "," in arrival order (inferred)',
    method: 'GET',
    target: INFER,
    headers: [
      ['X-Dup', 'second'],
      ['X-Dup', 'first'],
    ],
    signedHeaders: ['host', 'x-dup', 'x-sdk-date'],
  },
  {
    name: 'get-header-multiline',
    description: 'an obs-folded value is unfolded with one space',
    method: 'GET',
    target: INFER,
    headers: [['X-Folded', 'value1\n  value2']],
    signedHeaders: ['host', 'x-folded', 'x-sdk-date'],
  },
  {
    name: 'get-header-unsigned-extra',
    description: 'headers outside SignedHeaders (here one with "_") do not count',
    method: 'GET',
    target: INFER,
    headers: [
      ['X_Trace_Id', 'abc'],
      ['User-Agent', 'apig-kit-vectors/1'],
    ],
    signedHeaders: basic,
  },
  {
    name: 'get-host-port',
    description: 'host with a non-default port is signed as sent',
    method: 'GET',
    target: INFER,
    host: '127.0.0.1:8443',
    signedHeaders: basic,
  },
  {
    name: 'get-host-unsigned',
    description: 'only x-sdk-date signed, as the Go SDK does',
    method: 'GET',
    target: `${INFER}?limit=1`,
    signedHeaders: ['x-sdk-date'],
  },
  {
    name: 'post-header-sort',
    description: 'many signed headers, sorted by name',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE, ['X-Stage', 'RELEASE'], ['X-Project-Id', '0a1b2c3d4e5f60718293a4b5c6d7e8f9'], ['Accept', 'application/json']],
    body: '{"a":1}',
    signedHeaders: ['accept', 'content-type', 'host', 'x-project-id', 'x-sdk-date', 'x-stage'],
  },
  {
    name: 'post-multipart-unsigned-payload',
    description: 'a multipart image upload with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD',
    method: 'POST',
    target: INFER,
    headers: [
      ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
      ['X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ],
    body: MULTIPART_BODY,
    signedHeaders: ['host', 'x-sdk-content-sha256', 'x-sdk-date'],
  },
  {
    name: 'post-declared-payload-hash',
    description: 'X-Sdk-Content-Sha256 holding the real body digest is used verbatim',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE, ['X-Sdk-Content-Sha256', '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862']],
    body: '{"a":1}',
    signedHeaders: ['content-type', 'host', 'x-sdk-content-sha256', 'x-sdk-date'],
  },
  {
    name: 'get-security-token',
    description: 'temporary AK/SK: X-Security-Token is sent and signed',
    method: 'GET',
    target: INFER,
    credentials: 'temporary',
    signedHeaders: ['host', 'x-sdk-date', 'x-security-token'],
  },
  {
    name: 'post-app-auth',
    description: 'app authentication: the same algorithm with AppKey/AppSecret',
    method: 'POST',
    target: INFER,
    credentials: 'app',
    headers: [JSON_TYPE, ['X-Stage', 'RELEASE']],
    body: IRIS_BODY,
    signedHeaders: ['content-type', 'host', 'x-sdk-date', 'x-stage'],
  },
  {
    name: 'post-json-v11',
    description: 'V11-HMAC-SHA256 with a derived key',
    algorithm: 'V11-HMAC-SHA256',
    region: 'cn-north-4',
    service: 'apic',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE],
    body: IRIS_BODY,
    signedHeaders: withType,
  },
  {
    name: 'get-query-v11',
    description: 'V11-HMAC-SHA256 with a query',
    algorithm: 'V11-HMAC-SHA256',
    region: 'cn-north-4',
    service: 'apic',
    method: 'GET',
    target: `${INFER}?b=2&a=1`,
    signedHeaders: basic,
  },
  {
    name: 'post-json-sm3',
    description: 'SDK-HMAC-SM3: SM3 for the body, the canonical request and the HMAC',
    algorithm: 'SDK-HMAC-SM3',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE],
    body: IRIS_BODY,
    signedHeaders: withType,
  },
  {
    name: 'post-json-v11-sm3',
    description: 'V11-HMAC-SM3 (APIG Go signer): the V11 layout with SM3 and an HKDF-SM3 derived key',
    algorithm: 'V11-HMAC-SM3',
    region: 'cn-north-4',
    service: 'apic',
    method: 'POST',
    target: INFER,
    headers: [JSON_TYPE],
    body: IRIS_BODY,
    signedHeaders: withType,
  },
  {
    name: 'get-query-v11-sm3',
    description: 'V11-HMAC-SM3 with a repeated-key query and an empty body (the payload line is the SM3 of nothing)',
    algorithm: 'V11-HMAC-SM3',
    region: 'ap-southeast-1',
    service: 'apic',
    method: 'GET',
    target: `${INFER}?b=2&a=1&a=0`,
    signedHeaders: basic,
  },
  {
    name: 'post-multipart-v11-sm3-unsigned',
    description: 'V11-HMAC-SM3 with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD, as the APIG Go signer declares an unsigned body',
    algorithm: 'V11-HMAC-SM3',
    region: 'cn-north-4',
    service: 'apic',
    method: 'POST',
    target: INFER,
    headers: [
      ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
      ['X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD'],
    ],
    body: MULTIPART_BODY,
    signedHeaders: ['host', 'x-sdk-content-sha256', 'x-sdk-date'],
  },
  {
    name: 'post-multipart-sm3-unsigned',
    description: 'SDK-HMAC-SM3 with X-Sdk-Content-Sm3: UNSIGNED-PAYLOAD',
    algorithm: 'SDK-HMAC-SM3',
    method: 'POST',
    target: INFER,
    headers: [
      ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
      ['X-Sdk-Content-Sm3', 'UNSIGNED-PAYLOAD'],
    ],
    body: MULTIPART_BODY,
    signedHeaders: ['host', 'x-sdk-content-sm3', 'x-sdk-date'],
  },
];

export const DEFAULTS = { date: VECTOR_DATE, host: VECTOR_HOST } as const;
