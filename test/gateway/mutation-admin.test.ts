/**
 * The mock's control API under /_apig-kit (README "Admin API"): each route answers only its own
 * methods, bodies are JSON or empty, refusals say which field is wrong, and the clock, journal and
 * fault routes do what they name and nothing more. Driven over HTTP, as a test harness uses it.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { C, expectNoUnexpected500, FROZEN_CLOCK, FROZEN_MS, gatewayApp, post, S } from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS_APP = `/v1/infers/${S.irisApp}`;
const APPCODE = { 'X-Apig-AppCode': C.appCode };
const json = (test: request.Test, body: string) => test.set('Content-Type', 'application/json').send(body);

describe('each admin route answers only its own methods', () => {
  it.each([
    ['PATCH', '/_apig-kit/world'],
    ['PATCH', '/_apig-kit/clock'],
    ['PATCH', '/_apig-kit/journal'],
    ['PATCH', '/_apig-kit/faults'],
    ['GET', `/_apig-kit/faults/${S.irisApp}`],
    ['GET', '/_apig-kit/reset'],
    ['POST', '/_apig-kit/resetx'],
    ['PUT', `/_apig-kit/x/faults/${S.irisApp}`],
    ['PUT', `/_apig-kit/faults/${S.irisApp}/extra`],
  ])('%s %s is 404 and changes nothing', async (method, path) => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    await post(app, IRIS_APP, APPCODE);
    app.gateway.clock.advance(60_000);
    const res = await request(app)[method.toLowerCase() as 'get'](path).set('Content-Type', 'application/json').send('{"status":503}');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: `no admin route ${method} ${path}` });
    expect(app.gateway.journal.list()).toHaveLength(1);
    expect(app.gateway.clock.now()).toBe(FROZEN_MS + 60_000);
    expect(app.gateway.faults.list()).toEqual({});
  });
});

describe('admin request bodies', () => {
  it('an empty or blank body is {}', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (const body of ['', '  \n']) {
      const res = await json(request(app).put('/_apig-kit/clock'), body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ epochMs: FROZEN_MS, frozen: true });
    }
  });

  it('a body that is not JSON is 400 "the body is not JSON"', async () => {
    const app = gatewayApp();
    const res = await json(request(app).put('/_apig-kit/clock'), '{time:');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'the body is not JSON' });
  });

  it('a body over 64 KiB is 413', async () => {
    const app = gatewayApp();
    const res = await json(request(app).put('/_apig-kit/clock'), `{"time":"${'1'.repeat(64 * 1024)}"}`);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'admin request bodies are limited to 65536 bytes' });
  });
});

describe('PUT /_apig-kit/clock', () => {
  it('names every wrong field as "path: message", joined by "; "', async () => {
    const app = gatewayApp();
    const res = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ time: true, frozen: 'yes' }));
    expect(res.status).toBe(400);
    const parts = (res.body.error as string).split('; ');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^time: \S/);
    expect(parts[1]).toMatch(/^frozen: \S/);
  });

  it('accepts a time of exactly ±1e13 ms and refuses one step beyond, given as digits', async () => {
    const app = gatewayApp();
    const edge = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ time: '10000000000000', frozen: true }));
    expect(edge.status).toBe(200);
    expect(edge.body).toMatchObject({ epochMs: 1e13, frozen: true });
    const beyond = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ time: '10000000000001' }));
    expect(beyond.status).toBe(400);
    expect(beyond.body).toEqual({ error: 'time: out of range' });
  });

  it('a time without frozen lets the clock run', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const res = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ time: FROZEN_MS }));
    expect(res.body).toMatchObject({ epochMs: expect.any(Number), frozen: false });
  });

  it('{frozen: true} alone freezes the clock where it is; {frozen: false} alone lets it run from there', async () => {
    const app = gatewayApp();
    const frozen = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ frozen: true }));
    expect(frozen.body.frozen).toBe(true);
    const at = frozen.body.epochMs as number;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.gateway.clock.now()).toBe(at);
    const running = await json(request(app).put('/_apig-kit/clock'), JSON.stringify({ frozen: false }));
    expect(running.body.frozen).toBe(false);
    expect(Math.abs((running.body.epochMs as number) - at)).toBeLessThan(5_000);
  });

  it('POST /_apig-kit/clock with {advanceMs} moves a frozen clock', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const res = await json(request(app).post('/_apig-kit/clock'), JSON.stringify({ advanceMs: 1500 }));
    expect(res.body).toMatchObject({ epochMs: FROZEN_MS + 1500, frozen: true });
  });
});

describe('GET /_apig-kit/journal', () => {
  it('since=<sequence> gives the entries after it; a bad or negative since gives them all', async () => {
    const app = gatewayApp();
    for (let i = 0; i < 3; i++) await post(app, IRIS_APP, APPCODE);
    const all = (await request(app).get('/_apig-kit/journal')).body;
    expect(all.entries).toHaveLength(3);
    const first = all.entries[0].sequence as number;
    expect((await request(app).get(`/_apig-kit/journal?since=${first}`)).body.entries).toHaveLength(2);
    expect((await request(app).get(`/_apig-kit/journal?since=${all.lastSequence}`)).body.entries).toEqual([]);
    expect((await request(app).get('/_apig-kit/journal?since=-5')).body.entries).toHaveLength(3);
    expect((await request(app).get('/_apig-kit/journal?since=abc')).body.entries).toHaveLength(3);
    expect((await request(app).get('/_apig-kit/journal?since=')).body.entries).toHaveLength(3);
  });
});

describe('faults', () => {
  it('POST /_apig-kit/faults/<id> sets a fault as PUT does; DELETE /_apig-kit/faults clears them all', async () => {
    const app = gatewayApp();
    const set = await json(request(app).post(`/_apig-kit/faults/${S.irisApp}`), JSON.stringify({ status: 503 }));
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ faults: { [S.irisApp]: { status: 503, probability: 1, seed: 1 } } });
    expect((await post(app, IRIS_APP, APPCODE)).status).toBe(503);
    const cleared = await request(app).delete('/_apig-kit/faults');
    expect(cleared.body).toEqual({ faults: {} });
    expect(app.gateway.faults.list()).toEqual({});
    expect((await post(app, IRIS_APP, APPCODE)).status).toBe(200);
  });

  it('a bad fault names each wrong field as "path: message"', async () => {
    const app = gatewayApp();
    const res = await json(request(app).put(`/_apig-kit/faults/${S.irisApp}`), JSON.stringify({ status: 'x', probability: 2 }));
    expect(res.status).toBe(400);
    const parts = (res.body.error as string).split('; ');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^status: \S/);
    expect(parts[1]).toMatch(/^probability: \S/);
  });

  it('a service id that is not valid percent-encoding is named as such', async () => {
    const res = await request(gatewayApp()).delete('/_apig-kit/faults/%E0');
    expect(res.body).toEqual({ error: 'the service id is not valid percent-encoding' });
  });
});
