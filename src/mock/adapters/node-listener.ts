import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway.ts';
import { newRequestId } from '../request-id.ts';
import { toGatewayRequest } from './node-request.ts';
import { answer } from './node-response.ts';

/**
 * Requests one connection may have unanswered at once. Node parses every pipelined request a packet
 * holds (a thousand GETs fit in 64 KB), each with its request and response objects; past this many
 * the connection is dropped.
 */
export const MAX_PIPELINED = 32;

const unanswered = new WeakMap<object, number>();

function admitPipelined(req: IncomingMessage, res: ServerResponse): boolean {
  const socket = req.socket;
  if (socket.destroyed) return false;
  const count = (unanswered.get(socket) ?? 0) + 1;
  if (count > MAX_PIPELINED) {
    socket.destroy();
    return false;
  }
  unanswered.set(socket, count);
  res.once('close', () => unanswered.set(socket, (unanswered.get(socket) ?? 1) - 1));
  return true;
}

/**
 * The gateway as a plain node:http request listener: the mock's own server uses it directly (a
 * framework's routing would add nothing but cost), and the Express app wraps it.
 */
export function createRequestListener(gateway: Gateway, options: { address?: 'iam' | undefined } = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const { address } = options;
  return (req, res) => {
    if (!admitPipelined(req, res)) return;
    const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const request = toGatewayRequest(req);
    if (address) request.address = address;
    gateway.handle(request, `${scheme}://${req.headers.host ?? 'localhost'}`).then(
      (response) => answer(req, res, response),
      () => {
        // Never reached by design (the gateway answers its own failures); never a stack trace if it is.
        if (res.headersSent) return void res.socket?.destroy();
        const requestId = newRequestId();
        const { status, body } = gateway.catalogue.render('gateway.internal', requestId);
        const text = JSON.stringify(body);
        res
          .writeHead(status, {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(text),
            'X-Request-Id': requestId,
            Server: 'api-gateway',
          })
          .end(text);
      },
    );
  };
}
