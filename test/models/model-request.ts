import { createHash } from 'node:crypto';
import { resolveConfig } from '../../src/mock/config/load-config.ts';
import type { ModelKind, Service } from '../../src/mock/config/schema.ts';
import type { GatewayResponse } from '../../src/mock/http-model.ts';
import type { ModelRequest } from '../../src/mock/models/types.ts';

const config = resolveConfig();

export function serviceFor(kind: ModelKind): Service {
  const service = config.world.services.find((s) => s.model === kind && s.state === 'running');
  if (!service) throw new Error(`the demo world has no running ${kind} service`);
  return service;
}

export interface RequestParts {
  method?: string;
  subPath?: string;
  query?: string;
  headers?: Array<[string, string[]]>;
  body?: Buffer | string;
  service?: Service;
  signal?: AbortSignal;
}

export function modelRequest(kind: ModelKind, parts: RequestParts = {}): ModelRequest {
  const body = Buffer.isBuffer(parts.body) ? parts.body : Buffer.from(parts.body ?? '');
  return {
    method: parts.method ?? 'POST',
    subPath: parts.subPath ?? '',
    query: parts.query ?? '',
    headers: new Map(parts.headers ?? []),
    body,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    service: parts.service ?? serviceFor(kind),
    signal: parts.signal ?? new AbortController().signal,
    seed: config.world.seed,
  };
}

export function jsonRequest(kind: ModelKind, body: unknown, parts: RequestParts = {}): ModelRequest {
  return modelRequest(kind, {
    ...parts,
    headers: [['content-type', ['application/json']], ...(parts.headers ?? [])],
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function bodyJson(response: GatewayResponse): unknown {
  return JSON.parse(response.body.toString());
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: Buffer | string;
}

/** A multipart/form-data body written out by hand, CRLFs and all, so the parser does the real work. */
export function multipartBody(boundary: string, parts: FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType !== undefined) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
