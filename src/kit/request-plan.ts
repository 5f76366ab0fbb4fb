import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uriEncode } from '../protocol/index.ts';
import type { Scenario } from './scenario.ts';

/** What the scenario asks a client to send, made concrete for one gateway. */
export interface RequestPlan {
  serviceId: string;
  url: string;
  /** The sub-path as the model should see it, decoded. */
  subPath: string;
  headerLines: string;
  body:
    | { kind: 'json'; file: string; bytes: Buffer; sha256: string; contentType: string }
    | { kind: 'file'; field: string; path: string; contentType: string }
    | { kind: 'none' };
}

/** Each segment of a decoded path, percent-encoded (RFC 3986 unreserved characters stay as they are). */
export function encodePath(decodedPath: string): string {
  if (decodedPath === '') return '';
  const withSlash = decodedPath.startsWith('/') ? decodedPath : `/${decodedPath}`;
  return withSlash.split('/').map(uriEncode).join('/');
}

export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${uriEncode(key)}=${uriEncode(value)}`).join('&');
}

export async function planRequest(scenario: Scenario, serviceIds: ReadonlyMap<string, string>, endpoint: string, workDir: string): Promise<RequestPlan> {
  const { request } = scenario;
  const serviceId = serviceIds.get(request.service);
  if (!serviceId) throw new Error(`scenario ${scenario.id}: no service named "${request.service}" (known: ${[...serviceIds.keys()].join(', ')})`);
  const query = encodeQuery(request.query);
  const url = `${endpoint}/v1/infers/${serviceId}${encodePath(request.path)}${query ? `?${query}` : ''}`;
  const headerLines = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const subPath = request.path === '' ? '' : request.path.startsWith('/') ? request.path : `/${request.path}`;

  let body: RequestPlan['body'] = { kind: 'none' };
  if ('json' in request.body) {
    const bytes = Buffer.from(JSON.stringify(request.body.json), 'utf8');
    const file = join(workDir, `${scenario.id}.body.json`);
    await writeFile(file, bytes);
    body = { kind: 'json', file, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'application/json' };
  } else if ('file' in request.body) {
    body = { kind: 'file', ...request.body.file };
  }
  return { serviceId, url, subPath, headerLines, body };
}
