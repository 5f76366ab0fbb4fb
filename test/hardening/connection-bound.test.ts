/**
 * Idle connections cannot pile up without end: past limits.maxConnections a server closes a new
 * connection at once, and takes connections again once one has gone.
 */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/mock/index.ts';

const open = async (port: number): Promise<Socket> => {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
};

/** Whether the server answers a request on this socket (true) or closes it unanswered (false). */
const answers = (socket: Socket): Promise<boolean> =>
  new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      if (received.includes('\r\n\r\n')) resolve(true);
    });
    socket.on('close', () => resolve(received.startsWith('HTTP/1.1')));
    socket.on('error', () => undefined);
    socket.write('GET /_apig-kit/world HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });

describe('limits.maxConnections', () => {
  let running: RunningGateway;
  beforeAll(async () => {
    running = await startGateway({ config: { limits: { maxConnections: 3 } }, iamPort: 0 });
  });
  afterAll(() => running.close());

  it('closes the connection past the bound unanswered; once one goes, a new one is served', async () => {
    const port = Number(new URL(running.url).port);
    const held = [await open(port), await open(port), await open(port)];
    // The server counts a connection when it accepts it: give it the moment to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await answers(await open(port))).toBe(false);
    expect(await answers(held[0]!)).toBe(true);
    held[1]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await answers(await open(port))).toBe(true);
    for (const socket of held) socket.destroy();
  });

  it('each server counts its own: the IAM address has its bound too', async () => {
    const port = Number(new URL(running.iamUrl!).port);
    const held = [await open(port), await open(port), await open(port)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await answers(await open(port))).toBe(false);
    for (const socket of held) socket.destroy();
  });
});
