/**
 * Request bodies at the cap (gateway.md §4: over the limit → 413 APIG.0201 "Request entity too
 * large.", refused on Content-Length before any byte is read, and while streaming): a body of
 * exactly the cap passes whether declared or streamed, one byte more does not, and a client that
 * stops mid-body is its own fault (400 APIG.0201), not the gateway's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { readCappedBody } from '../../src/mock/pipeline/read-body.ts';
import { toGatewayRequest, type WireRequest } from '../hardening/support/wire-request.ts';
import { C, expectNoUnexpected500, gatewayApp, S } from './support.ts';

afterAll(expectNoUnexpected500);

const CAP = 64;
const ECHO = `/v1/infers/${S.echoApp}`;

function wire(body: Uint8Array, overrides: Partial<WireRequest> = {}): GatewayRequest {
  return toGatewayRequest({
    method: 'POST',
    target: ECHO,
    headers: [
      ['host', 'gw.apig-kit.test'],
      ['content-type', 'application/octet-stream'],
      ['x-apig-appcode', C.appCode],
    ],
    body,
    chunkSizes: [10, 1, 20],
    declaredLength: 'exact',
    ...overrides,
  });
}

async function send(request: GatewayRequest) {
  const app = gatewayApp({ limits: { maxBodyBytes: CAP, maxIamBodyBytes: CAP } });
  const response = await app.gateway.handle(request);
  return { ...response, json: JSON.parse(String(response.body)) as Record<string, unknown> };
}

const bytes = (length: number) => new Uint8Array(length).fill(0x61);
const TOO_LARGE = { error_code: 'APIG.0201', error_msg: 'Request entity too large.' };

describe('a streamed (chunked) body', () => {
  it('of exactly the cap reaches the model whole', async () => {
    const res = await send(wire(bytes(CAP), { declaredLength: 'none' }));
    expect(res.status).toBe(200);
    expect(res.json['body_bytes']).toBe(CAP);
  });

  it('one byte over the cap is 413 APIG.0201, and the connection is closed', async () => {
    const res = await send(wire(bytes(CAP + 1), { declaredLength: 'none' }));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject(TOO_LARGE);
    expect(res.closeConnection).toBe(true);
  });

  it('that stops mid-way is 400 APIG.0201 "API request error.", and the connection is closed', async () => {
    const res = await send(wire(bytes(40), { declaredLength: 'none', abortAfterChunks: 2 }));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: 'APIG.0201', error_msg: 'API request error.' });
    expect(res.closeConnection).toBe(true);
  });
});

describe('a declared Content-Length', () => {
  it('of exactly the cap is read and reaches the model', async () => {
    const res = await send(wire(bytes(CAP)));
    expect(res.status).toBe(200);
    expect(res.json['body_bytes']).toBe(CAP);
  });

  it('over the cap is 413 before a byte is read', async () => {
    const request = wire(bytes(CAP + 1));
    let read = false;
    request.body.chunks = async function* () {
      read = true;
      yield new Uint8Array(1);
    };
    const res = await send(request);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject(TOO_LARGE);
    expect(read).toBe(false);
  });

  it('on the IAM token path over the cap is 413 too, and a body that stops mid-way 400', async () => {
    const over = await send(wire(bytes(CAP + 1), { target: '/v3/auth/tokens', declaredLength: 'none' }));
    expect(over.status).toBe(413);
    expect(over.json).toMatchObject(TOO_LARGE);
    const aborted = await send(wire(bytes(40), { target: '/v3/auth/tokens', declaredLength: 'none', abortAfterChunks: 1 }));
    expect(aborted.status).toBe(400);
    expect(aborted.closeConnection).toBe(true);
  });
});

describe('readCappedBody', () => {
  it('counts the bytes it read before giving up', async () => {
    const over = await readCappedBody(wire(bytes(CAP + 5), { declaredLength: 'none', chunkSizes: [30, 30] }).body, CAP);
    expect(over).toEqual({ ok: false, tooLarge: true, bytesRead: CAP + 5 });
    const aborted = await readCappedBody(wire(bytes(40), { declaredLength: 'none', chunkSizes: [10, 10], abortAfterChunks: 2 }).body, CAP);
    expect(aborted).toEqual({ ok: false, aborted: true, bytesRead: 20 });
  });

  it('takes a body that has already arrived as it is, if it fits', async () => {
    const request = wire(bytes(3));
    request.body.arrived = (max) => (max >= 3 ? [Uint8Array.of(1, 2), Uint8Array.of(3)] : undefined);
    request.body.chunks = async function* () {
      throw new Error('must not be read');
    };
    const read = await readCappedBody(request.body, CAP);
    expect(read.ok && { bytes: read.bytes, chunks: read.chunks.map((c) => [...c]) }).toEqual({ bytes: 3, chunks: [[1, 2], [3]] });
    expect(read.ok && read.chunks.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
  });

  it('hands the chunks over as Buffers, in order', async () => {
    const read = await readCappedBody(wire(Uint8Array.of(1, 2, 3, 4), { declaredLength: 'none', chunkSizes: [1, 2] }).body, CAP);
    expect(read.ok && read.chunks.map((c) => [...c])).toEqual([[1], [2, 3], [4]]);
    expect(read.ok && read.chunks.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
  });
});
