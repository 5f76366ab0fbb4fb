import { createHash, randomFillSync } from 'node:crypto';
import { type ReceivedRequest, signRequest, verifyRequest } from '../src/protocol/index.ts';
import { summarize, type Summary } from './support/stats.ts';
import { timeOnceMs } from './support/timing.ts';

export interface VerifyBodySettings {
  bodyBytes: number;
  repetitions: number;
  warmups: number;
}

export interface VerifyBodyResult {
  bodyBytes: number;
  /** verifyRequest on the body in one buffer (the ratio's numerator). */
  verifyMs: Summary;
  /** verifyRequest on the same bytes as 64 KB chunks, as the gateway reads them off a socket. */
  verifyChunkedMs: Summary;
  rawHashMs: Summary;
}

export const TWELVE_MB = 12 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const KEYS = { accessKey: 'BENCHAKAPIGKIT000001', secretKey: 'benchSecretKeyApigKit000000000000000001' };
const NOW = Date.UTC(2026, 10, 23, 9, 15, 0);

function signedRequest(body: Buffer): Omit<ReceivedRequest, 'body'> {
  const target = '/v1/infers/3c7a6b0e-5d1f-4e2a-9b8c-0f1e2d3c4b5a';
  const headers: Record<string, string> = { host: '127.0.0.1:8787', 'content-type': 'application/octet-stream' };
  const signed = signRequest({ method: 'POST', url: target, headers, body }, KEYS, { date: NOW });
  return { method: 'POST', target, headers: { ...headers, ...signed.headers } };
}

const chunksOf = (body: Buffer) =>
  Array.from({ length: Math.ceil(body.length / CHUNK_BYTES) }, (_, i) => body.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));

export async function benchVerifyBody(settings: VerifyBodySettings): Promise<VerifyBodyResult> {
  const body = randomFillSync(Buffer.allocUnsafe(settings.bodyBytes));
  const chunks = chunksOf(body);
  const request = signedRequest(body);
  const options = { now: NOW, lookup: (ak: string) => (ak === KEYS.accessKey ? { secretKey: KEYS.secretKey } : undefined) };
  const verify = async (source: Buffer | Buffer[]) => {
    const verdict = await verifyRequest({ ...request, body: source }, options);
    if (!verdict.accepted) throw new Error(`the signed body was refused: ${verdict.reason}: ${verdict.detail}`);
    return verdict;
  };
  const runs = {
    verify: () => verify(body),
    verifyChunked: () => verify(chunks),
    rawHash: () => createHash('sha256').update(body).digest(),
  };
  const samples = { verify: [] as number[], verifyChunked: [] as number[], rawHash: [] as number[] };
  for (let i = 0; i < settings.warmups; i++) for (const run of Object.values(runs)) await run();
  for (let r = 0; r < settings.repetitions; r++) {
    for (const name of Object.keys(runs) as Array<keyof typeof runs>) samples[name].push(await timeOnceMs(runs[name]));
  }
  return {
    bodyBytes: body.length,
    verifyMs: summarize(samples.verify),
    verifyChunkedMs: summarize(samples.verifyChunked),
    rawHashMs: summarize(samples.rawHash),
  };
}
