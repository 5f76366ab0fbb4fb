import type { HttpRequestMessage } from '../src/protocol/index.ts';

/**
 * The requests both signers sign: raw messages, so that each signer is handed the same request in
 * its own input form. Every one is expressible by the official SDK (no untrimmed values, no
 * double-encoded paths, header names whose localeCompare order is their byte order).
 */
export interface BenchRequest {
  shape: string;
  message: HttpRequestMessage;
}

const HOST = 'infer.cn-north-4.example.com';
const SDK_DATE = '20261123T091500Z';
const SERVICE = '/v1/infers/3c7a6b0e-5d1f-4e2a-9b8c-0f1e2d3c4b5a';

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

const IRIS_BODY = json({ data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } });

function message(target: string, headers: Array<[string, string]>, body: Buffer): HttpRequestMessage {
  return {
    method: 'POST',
    target,
    headers: [['host', HOST], ['content-type', 'application/json'], ['X-Sdk-Date', SDK_DATE], ...headers],
    body,
  };
}

export const BENCH_REQUESTS: readonly BenchRequest[] = [
  { shape: 'small JSON', message: message(SERVICE, [], IRIS_BODY) },
  {
    shape: 'query, 8 parameters',
    message: message(`${SERVICE}/v2/predict?top_k=5&threshold=0.25&lang=zh-CN&model=resnet%2050&tag=b&tag=a&format=json&trace=%E4%B8%AD`, [], IRIS_BODY),
  },
  {
    shape: '16 signed headers',
    message: message(
      SERVICE,
      Array.from({ length: 13 }, (_, i) => [`x-meta-${String(i).padStart(2, '0')}`, `value-${i}-${'v'.repeat(24)}`] as [string, string]),
      IRIS_BODY,
    ),
  },
];

export const signedHeaderNames = (request: BenchRequest): string[] => [...new Set(request.message.headers.map(([name]) => name.toLowerCase()))].sort();
