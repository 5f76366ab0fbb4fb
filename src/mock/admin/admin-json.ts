import { type GatewayRequest, type GatewayResponse, jsonResponse } from '../http-model.ts';
import { readCappedBody } from '../pipeline/read-body.ts';

export const ADMIN_BODY_LIMIT = 64 * 1024;

export const adminError = (status: number, message: string) => jsonResponse(status, { error: message });

/** The admin request's JSON body ({} when empty), or the error answer: 413 over the cap, 400 not JSON. */
export async function readJson(request: GatewayRequest): Promise<{ ok: true; value: unknown } | { ok: false; response: GatewayResponse }> {
  const body = await readCappedBody(request.body, ADMIN_BODY_LIMIT);
  if (!body.ok) return { ok: false, response: adminError(413, `admin request bodies are limited to ${ADMIN_BODY_LIMIT} bytes`) };
  const text = Buffer.concat(body.chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: adminError(400, 'the body is not JSON') };
  }
}
