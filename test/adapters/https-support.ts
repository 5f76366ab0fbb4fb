/** Calls over TLS with node:https and node:tls, independent of apig-kit's own client. */
import { request } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown> | undefined;
}

export function httpsCall(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string; rejectUnauthorized?: boolean } = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, ca: options.ca, rejectUnauthorized: options.rejectUnauthorized ?? true, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode!, headers: response.headers, text, json });
        });
      },
    );
    call.on('error', reject);
    call.end(options.body);
  });
}

/** A TLS connection trusting `ca`, for raw HTTP over it. */
export function tlsSocket(port: number, ca: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', servername: 'localhost', ca }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes `text` on a TLS connection and collects what comes back until the server closes or `waitMs` passes. */
export async function tlsRaw(port: number, ca: string, text: string, waitMs = 2000): Promise<{ text: string; closed: boolean }> {
  const socket = await tlsSocket(port, ca);
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', () => undefined);
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.write(text);
  });
  socket.destroy();
  return { text: Buffer.concat(received).toString('latin1'), closed };
}
