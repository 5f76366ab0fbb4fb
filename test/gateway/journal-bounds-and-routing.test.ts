/**
 * The journal keeps at most its count and (about) its bytes, the oldest going first, and keeps
 * counting sequence numbers (README "Admin API": bounded by count and bytes). What a client sent is
 * journaled with the world's secrets masked. Admin calls reach the admin API only under
 * /_apig-kit, and the admin guard's refusals answer as admin errors.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { type JournalEntry, Journal } from '../../src/mock/state/journal.ts';
import { MASKED_SECRET } from '../../src/mock/state/world-index.ts';
import { C, expectNoUnexpected500, gatewayApp, post, S } from './support.ts';

afterAll(expectNoUnexpected500);

const entry = (requestId: string, detail = ''): Omit<JournalEntry, 'sequence'> => ({
  requestId,
  time: '2026-11-23T09:00:00.000Z',
  method: 'POST',
  target: '/v1/infers/x',
  status: 200,
  verdict: 'accepted',
  detail,
  headers: {},
  bodyBytes: 0,
  durationMs: 0,
});
const size = (e: Omit<JournalEntry, 'sequence'>, sequence: number) => Buffer.byteLength(JSON.stringify({ sequence, ...e }));

describe('journal bounds', () => {
  it('drops the oldest entries once the bytes are over the bound, and keeps at least the newest', () => {
    const one = size(entry('a', 'x'.repeat(100)), 1);
    const journal = new Journal({ maxEntries: 1000, maxBytes: 2 * one, maxEntryBytes: 100_000 });
    for (const id of ['a', 'b']) journal.record(entry(id, 'x'.repeat(100)));
    expect(journal.list().map((e) => e.requestId)).toEqual(['a', 'b']);
    expect(journal.bytes).toBe(2 * one);
    journal.record(entry('c', 'x'.repeat(100)));
    expect(journal.list().map((e) => e.requestId)).toEqual(['b', 'c']);
    expect(journal.bytes).toBe(2 * one);
    journal.record(entry('d', 'x'.repeat(10 * one)));
    expect(journal.list().map((e) => e.requestId)).toEqual(['d']);
    expect(journal.size).toBe(1);
  });

  it('keeps exactly the newest entries and their sequence numbers through many drops', () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 500; i++) journal.record(entry(String(i)));
    expect(journal.list().map((e) => [e.sequence, e.requestId])).toEqual([
      [498, '498'],
      [499, '499'],
      [500, '500'],
    ]);
    expect(journal.size).toBe(3);
    expect(journal.lastSequence).toBe(500);
    expect(journal.list({ since: 498 }).map((e) => e.requestId)).toEqual(['499', '500']);
    expect([...journal.serialize({ limit: 1 })].join('')).toBe(`{"lastSequence":500,"entries":[${JSON.stringify(journal.list().at(-1))}]}`);
  });
});

describe('what the journal repeats from a client', () => {
  it('a secret sent as the test id or in the target is masked', async () => {
    const app = gatewayApp();
    await post(app, `/v1/infers/${S.irisApp}?k=${C.appSecret}`, { 'X-Apig-AppCode': C.appCode, 'X-Apig-Kit-Test-Id': `t-${C.appSecret}` });
    const [recorded] = app.gateway.journal.list();
    expect(recorded?.testId).toBe(`t-${MASKED_SECRET}`);
    expect(recorded?.target).toBe(`/v1/infers/${S.irisApp}?k=${MASKED_SECRET}`);
    expect(JSON.stringify(recorded)).not.toContain(C.appSecret);
  });

  it('a refused signature journals what was computed; a call without one has no signature', async () => {
    const app = gatewayApp();
    await post(app, `/v1/infers/${S.irisApp}`, {
      Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      'X-Sdk-Date': '20261123T090000Z',
    });
    await post(app, `/v1/infers/${S.irisApp}`, { 'X-Apig-AppCode': C.appCode });
    const [refused, plain] = app.gateway.journal.list();
    expect(refused?.signature).toMatchObject({ algorithm: 'SDK-HMAC-SHA256', accessKey: C.appKey, signedHeaders: ['host'] });
    expect(plain?.signature).toBeUndefined();
  });
});

describe('admin routing', () => {
  it('/_apig-kit itself is the admin API (404 from it, not APIG.0101)', async () => {
    const res = await request(gatewayApp()).get('/_apig-kit');
    expect({ status: res.status, body: res.body }).toEqual({ status: 404, body: { error: 'no admin route GET /_apig-kit' } });
  });

  it('/_apig-kitx is a gateway path: APIG.0101', async () => {
    const res = await request(gatewayApp()).get('/_apig-kitx/world');
    expect(res.status).toBe(404);
    expect(res.body.error_code).toBe('APIG.0101');
  });

  it('a refused admin call answers the guard’s status and message', async () => {
    const res = await request(gatewayApp()).get('/_apig-kit/world').set('Origin', 'https://evil.example');
    expect({ status: res.status, body: res.body }).toEqual({ status: 403, body: { error: 'the admin API refuses calls from another origin (a web page)' } });
  });

  it('with the admin API off, /_apig-kit is a path like any other', async () => {
    const res = await request(gatewayApp({ admin: { enabled: false } })).get('/_apig-kit/world');
    expect(res.status).toBe(404);
    expect(res.body.error_code).toBe('APIG.0101');
  });
});

describe('apig-kit’s admin token sent to an inference URL', () => {
  it('is journaled as its length only', async () => {
    const a = gatewayApp();
    await request(a).post(`/v1/infers/${S.iris}`).set('X-Apig-Kit-Admin-Token', 'admin-token-0123456789').set('Content-Type', 'application/json').send('{}');
    const entry = a.gateway.journal.list().at(-1)!;
    expect(entry.headers['x-apig-kit-admin-token']).toBe('[redacted, 22 chars]');
    expect(JSON.stringify(entry)).not.toContain('admin-token-0123456789');
  });
});
