/** Regressions for defects a code review found: each failed before its fix. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';

const RAW_TOKEN = 'MIIRAWTOKENSECRET1234567890';

describe('review regressions', () => {
  it('an out-of-range clock setting is refused and leaves the gateway working', async () => {
    const app = createGateway();
    for (const body of [{ time: 1e20 }, { advanceMs: 1e300 }, { offsetMs: -1e300 }, { time: '+275760-09-13T00:00:00.001Z' }]) {
      const res = await request(app).put('/_apig-kit/clock').send(body);
      expect(res.status).toBe(400);
    }
    expect((await request(app).get('/_apig-kit/clock')).status).toBe(200);
    expect((await request(app).post(`/v1/infers/${S.iris}`)).status).toBe(401);
  });

  it('a bad percent-escape in an admin path is a JSON 400, not a stack trace', async () => {
    const res = await request(createGateway()).delete('/_apig-kit/faults/%E0');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.text).not.toMatch(/\bat \w/);
  });

  it.each([
    ['a Bearer credential', `Bearer ${RAW_TOKEN}`],
    ['a Basic credential', `Basic ${Buffer.from(`user:${RAW_TOKEN}`).toString('base64')}`],
    ['a raw token where a signature belongs', RAW_TOKEN],
  ])('%s in Authorization reaches neither the journal nor the explain body', async (_, authorization) => {
    const app = createGateway({ behaviour: { explain: true } });
    const res = await request(app).post(`/v1/infers/${S.iris}`).set('Authorization', authorization).set('Proxy-Authorization', authorization).send('{}');
    expect(res.status).toBe(401);
    const seen = JSON.stringify([res.body, app.gateway.journal.list()]);
    expect(seen).not.toContain(RAW_TOKEN);
    expect(seen).not.toContain(authorization);
  });

  it('journal limit=0 returns no entries', async () => {
    const app = createGateway();
    await request(app).post('/v1/infers/nope');
    expect((await request(app).get('/_apig-kit/journal?limit=0')).body.entries).toEqual([]);
    expect((await request(app).get('/_apig-kit/journal?limit=1')).body.entries).toHaveLength(1);
  });
});
