/**
 * The referee: the official `@huaweicloud/huaweicloud-sdk-core` signer (a devDependency), reached by
 * deep require as signing.md §5 describes. This file only translates requests into the SDK's
 * internal shape; it never computes a signature itself.
 */
import { createRequire } from 'node:module';
import { parse as legacyUrlParse } from 'node:url';
import { type HttpRequestMessage, percentDecodeToBytes, splitRequestTarget } from '../../src/protocol/index.ts';

const require = createRequire(import.meta.url);

export interface SdkRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  data?: unknown;
}

interface SdkCredential {
  getAk(): string;
  getSk(): string;
  getRegionId(): string;
  getDerivedAuthServiceName(): string;
}

type SdkSign = (request: SdkRequest, credential: SdkCredential) => Record<string, string>;

const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as { AKSKSigner: { sign: SdkSign } };
const { DerivedAKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner') as {
  DerivedAKSKSigner: { sign: SdkSign };
};
export const OFFICIAL_SDK_VERSION: string = require('@huaweicloud/huaweicloud-sdk-core/package.json').version;

export interface SdkKeys {
  ak: string;
  sk: string;
  region?: string | undefined;
  service?: string | undefined;
}

/** Signs with the official SDK; returns every header it produced (request headers, host, Authorization). */
export function officialSign(algorithm: 'SDK-HMAC-SHA256' | 'V11-HMAC-SHA256', request: SdkRequest, keys: SdkKeys): Record<string, string> {
  const credential: SdkCredential = {
    getAk: () => keys.ak,
    getSk: () => keys.sk,
    getRegionId: () => keys.region ?? '',
    getDerivedAuthServiceName: () => keys.service ?? '',
  };
  const signer = algorithm === 'V11-HMAC-SHA256' ? DerivedAKSKSigner : AKSKSigner;
  return signer.sign({ ...request, headers: { ...request.headers } }, credential);
}

export type Translation = { ok: true; request: SdkRequest } | { ok: false; reason: string };

const skip = (reason: string): Translation => ({ ok: false, reason });

function decodeUtf8Strictly(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Expresses a raw request, signed over `signedHeaders`, in the SDK's request shape, or says why the
 * SDK cannot express it correctly (signing.md §2 lists where the SDK diverges from the gateway).
 */
export function toSdkRequest(message: HttpRequestMessage, signedHeaders: readonly string[], algorithm: string): Translation {
  if (algorithm === 'SDK-HMAC-SM3') return skip('the Node SDK has no SDK-HMAC-SM3 signer (signing.md §5)');
  if (algorithm === 'V11-HMAC-SM3') return skip('the Node SDK has no V11-HMAC-SM3 signer (only the APIG Go signer has one: signing.md §3.2, §5)');
  if (!signedHeaders.includes('host')) return skip('the SDK always signs host');

  const byName = new Map<string, string[]>();
  for (const [name, value] of message.headers) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const values = byName.get(name) ?? [];
    if (values.length !== 1) return skip(`the SDK keeps one value per header name ("${name}" is sent ${values.length} times)`);
    const value = values[0]!;
    if (name === 'content-type' && value.includes('multipart/form-data')) return skip('the SDK never signs a multipart content-type');
    const sdkName = name === 'x-sdk-date' ? 'X-Sdk-Date' : name === 'x-sdk-content-sha256' ? 'X-Sdk-Content-Sha256' : name;
    headers[sdkName] = value;
  }
  const names = [...signedHeaders];
  const localeOrder = [...names].sort((a, b) => a.localeCompare(b));
  if (localeOrder.join(';') !== [...names].sort(byCodeUnits).join(';')) {
    return skip('the SDK orders canonical header lines by localeCompare, which differs here from SignedHeaders order');
  }

  const { path, query } = splitRequestTarget(message.target);
  const decodedPath = decodeUtf8Strictly(percentDecodeToBytes(path));
  if (decodedPath === undefined) return skip('the path does not decode to UTF-8');
  if (/[?#%]/.test(decodedPath) || legacyUrlParse(`http://h${decodedPath}`).pathname !== decodedPath) {
    return skip('the SDK encodes the path it is given once more, so this path would be double-encoded');
  }

  const queryParams: Record<string, string | string[]> = Object.create(null);
  for (const item of query === '' ? [] : query.split('&')) {
    const equals = item.indexOf('=');
    const rawKey = equals === -1 ? item : item.slice(0, equals);
    if (rawKey === '') continue;
    const key = decodeUtf8Strictly(percentDecodeToBytes(rawKey));
    const value = decodeUtf8Strictly(percentDecodeToBytes(equals === -1 ? '' : item.slice(equals + 1)));
    if (key === undefined || value === undefined) return skip('a query parameter does not decode to UTF-8');
    const existing = queryParams[key];
    queryParams[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }

  let data: unknown;
  if (!signedHeaders.includes('x-sdk-content-sha256') && message.body.length > 0) {
    const text = message.body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return skip('the SDK hashes JSON.stringify(data): a body that is not JSON cannot be expressed');
    }
    if (typeof parsed !== 'object' || parsed === null || JSON.stringify(parsed) !== text) {
      return skip('the SDK hashes JSON.stringify(data): only the exact JSON text of an object can be expressed');
    }
    data = parsed;
  }
  const host = headers['host'] as string;
  return { ok: true, request: { endpoint: `http://${host}${decodedPath}`, method: message.method, headers, queryParams, data } };
}
