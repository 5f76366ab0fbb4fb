import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVICE_IDS } from '../../src/mock/config/demo-world.ts';
import { type SpawnedMock, spawnMock } from './support/spawned-mock.ts';

// An upload over the cap is refused before it is read; closing at once would let the kernel reset
// the socket under a client still sending, so most clients saw EPIPE instead of the 413. The mock
// now answers, drains the rest (bounded) and then closes, as nginx's lingering close does.

const MIB = 1024 * 1024;
let mock: SpawnedMock;
beforeAll(async () => {
  mock = await spawnMock();
});
afterAll(() => mock.stop());

const url = () => `${mock.url}/v1/infers/${DEMO_SERVICE_IDS.echo}`;

describe('an over-cap upload from a client that keeps sending', () => {
  it('gets the 413 every time, with a Content-Length over 12 MB', async () => {
    const body = Buffer.alloc(13 * MIB, 0x61);
    const answers: Array<number | string> = [];
    for (let i = 0; i < 8; i++) {
      try {
        const response = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        answers.push(response.status);
        expect(((await response.json()) as { error_code: string }).error_code).toBe('APIG.0201');
      } catch (error) {
        answers.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
      }
    }
    expect(answers).toEqual(Array(8).fill(413));
  });

  it('gets the 413 with a chunked body that grows past 12 MB', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x62);
    for (let i = 0; i < 3; i++) {
      const body = new ReadableStream({
        start(controller) {
          for (let j = 0; j < 56; j++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const response = await fetch(url(), { method: 'POST', body, duplex: 'half' } as RequestInit);
      expect(response.status).toBe(413);
      await response.text();
    }
    const health = await fetch(`${mock.url}/_apig-kit/clock`);
    expect(health.status).toBe(200);
  });
});
