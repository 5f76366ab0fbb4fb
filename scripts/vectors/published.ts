/**
 * Published vectors, copied from their sources (signing.md §1.7): the documentation example and the
 * Go v3 SDK unit-test vectors, and the V11-HMAC-SM3 vectors from running the APIG Go signer. Their expected values are literals from those sources, never
 * computed here, so they are evidence independent of this project's code.
 */
export interface PublishedCase {
  name: string;
  source: string;
  request: string;
  algorithm: 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256' | 'SDK-HMAC-SM3' | 'V11-HMAC-SM3';
  credentials: { ak: string; sk: string };
  region?: string;
  service?: string;
  signedHeaders: string[];
  expected: { authorization: string; canonicalRequest?: string; stringToSign?: string };
}

const GO_SOURCE = 'huaweicloud-sdk-go-v3 core/auth/signer/{signer,derived_signer,sm3_signer}_test.go (signing.md §1.7)';
const GO_GET = 'GET /path?limit=1 HTTP/1.1\nHost: example.huaweicloud.com\nX-Sdk-Date: 20060102T150405Z\nTEST_UNDERSCORE: ignored\n\n';
const GO_POST =
  'POST /path?key=value HTTP/1.1\nHost: example.huaweicloud.com\nContent-Type: application/json\nX-Sdk-Date: 20060102T150405Z\nTEST_UNDERSCORE: ignored\n\n{"Name":"test","Id":1}\n';
const GO_KEYS = { ak: 'AccessKey', sk: 'SecretKey' };
const goAccess = (algorithm: string, signature: string) => `${algorithm} Access=AccessKey, SignedHeaders=x-sdk-date, Signature=${signature}`;
const goV11 = (signature: string) => `V11-HMAC-SHA256 Credential=AccessKey/20060102/test-region-1/demo, SignedHeaders=x-sdk-date, Signature=${signature}`;

const APIG_GO_SOURCE =
  'APIG Go signer (opensourceways/huaweicloud-sdk-go-apig @c247820c core/sign_v11.go) run with Key AKEXAMPLE, Secret SKEXAMPLE, Algorithm V11-HMAC-SM3 and a preset X-Sdk-Date (signing.md §3.2)';
const APIG_GO_KEYS = { ak: 'AKEXAMPLE', sk: 'SKEXAMPLE' };
/** That signer never signs Host: any value serves. */
const APIG_GO_HOST = 'Host: 8e0c5fe1a2b34c5d9e8f7a6b5c4d3e2f.apig.cn-north-4.huaweicloudapis.com';

export const PUBLISHED_CASES: PublishedCase[] = [
  {
    name: 'published-doc-example',
    source: 'Huawei Cloud API signing guide, worked example (api-sign-algorithm-002/003/004; signing.md §1.7 item 1)',
    request:
      'GET /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0 HTTP/1.1\nHost: service.region.example.com\nContent-Type: application/json\nX-Sdk-Date: 20191115T033655Z\n\n',
    algorithm: 'SDK-HMAC-SHA256',
    credentials: { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' },
    signedHeaders: ['content-type', 'host', 'x-sdk-date'],
    expected: {
      canonicalRequest:
        'GET\n/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\nlimit=2&marker=13551d6b-755d-4757-b956-536f674975c0\ncontent-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\ncontent-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      stringToSign: 'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
      authorization:
        'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
    },
  },
  {
    name: 'published-go-sha256-get',
    source: GO_SOURCE,
    request: GO_GET,
    algorithm: 'SDK-HMAC-SHA256',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goAccess('SDK-HMAC-SHA256', '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624') },
  },
  {
    name: 'published-go-sha256-post',
    source: GO_SOURCE,
    request: GO_POST,
    algorithm: 'SDK-HMAC-SHA256',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goAccess('SDK-HMAC-SHA256', 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59') },
  },
  {
    name: 'published-go-v11-get',
    source: GO_SOURCE,
    request: GO_GET,
    algorithm: 'V11-HMAC-SHA256',
    region: 'test-region-1',
    service: 'demo',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goV11('8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc') },
  },
  {
    name: 'published-go-v11-post',
    source: GO_SOURCE,
    request: GO_POST,
    algorithm: 'V11-HMAC-SHA256',
    region: 'test-region-1',
    service: 'demo',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goV11('4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903') },
  },
  {
    name: 'published-go-sm3-get',
    source: GO_SOURCE,
    request: GO_GET,
    algorithm: 'SDK-HMAC-SM3',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goAccess('SDK-HMAC-SM3', 'acdeecf8061419275127135b54532c2c20b683bf9bbb8a32bee021a8c40befd4') },
  },
  {
    name: 'published-go-sm3-post',
    source: GO_SOURCE,
    request: GO_POST,
    algorithm: 'SDK-HMAC-SM3',
    credentials: GO_KEYS,
    signedHeaders: ['x-sdk-date'],
    expected: { authorization: goAccess('SDK-HMAC-SM3', '359e49285fe5a469f82b86fd761b1a4a7ee16e3181de7d643c53a30667cde508') },
  },
  {
    name: 'published-apig-go-v11-sm3-post',
    source: APIG_GO_SOURCE,
    request: `POST /v1/infers/3c7a6b0e-5d1f-4e2a-9b8c-0f1e2d3c4b5a HTTP/1.1\n${APIG_GO_HOST}\nContent-Type: application/json\nX-Stage: RELEASE\nX-Sdk-Date: 20261201T120000Z\n\n{"data":{"req_data":[{"sepal_length":5}]}}`,
    algorithm: 'V11-HMAC-SM3',
    region: 'cn-north-4',
    service: 'apic',
    credentials: APIG_GO_KEYS,
    signedHeaders: ['content-type', 'x-sdk-date', 'x-stage'],
    expected: {
      canonicalRequest:
        'POST\n/v1/infers/3c7a6b0e-5d1f-4e2a-9b8c-0f1e2d3c4b5a/\n\ncontent-type:application/json\nx-sdk-date:20261201T120000Z\nx-stage:RELEASE\n\ncontent-type;x-sdk-date;x-stage\nb9fcdf2711fb1705af9060bb3d6f4d4529e96351cd107e57985a00b6d6b68de2',
      authorization:
        'V11-HMAC-SM3 Credential=AKEXAMPLE/20261201/cn-north-4/apic, SignedHeaders=content-type;x-sdk-date;x-stage, Signature=2154058fd62af4fdde5265a37f23f02169706123589da7bfb7b378ada3b9ee93',
    },
  },
  {
    name: 'published-apig-go-v11-sm3-get',
    source: APIG_GO_SOURCE,
    request: `GET /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0 HTTP/1.1\n${APIG_GO_HOST}\nContent-Type: application/json\nX-Sdk-Date: 20191115T033655Z\n\n`,
    algorithm: 'V11-HMAC-SM3',
    region: 'cn-north-4',
    service: 'apic',
    credentials: APIG_GO_KEYS,
    signedHeaders: ['content-type', 'x-sdk-date'],
    expected: {
      authorization:
        'V11-HMAC-SM3 Credential=AKEXAMPLE/20191115/cn-north-4/apic, SignedHeaders=content-type;x-sdk-date, Signature=c5e7db5e5bea85ffcbf552ffbedbba8f4ed52d3961cffeaadd9f2a157af2832e',
    },
  },
  {
    name: 'published-apig-go-v11-sm3-query',
    source: APIG_GO_SOURCE,
    request: `POST /v1/infers/x/v2/predict?b=2&a=1&a=0&empty= HTTP/1.1\n${APIG_GO_HOST}\nContent-Type: application/json\nX-Stage: RELEASE\nX-Sdk-Date: 20261201T235959Z\n\n{}`,
    algorithm: 'V11-HMAC-SM3',
    region: 'ap-southeast-1',
    service: 'apic',
    credentials: APIG_GO_KEYS,
    signedHeaders: ['content-type', 'x-sdk-date', 'x-stage'],
    expected: {
      authorization:
        'V11-HMAC-SM3 Credential=AKEXAMPLE/20261201/ap-southeast-1/apic, SignedHeaders=content-type;x-sdk-date;x-stage, Signature=944bc79c3708b9a4c25266424ab22191ec0150ef351be318fa1e702bc8ac4019',
    },
  },
];
