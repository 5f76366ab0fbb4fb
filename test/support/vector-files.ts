import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AlgorithmName, type HttpRequestMessage, parseHttpRequest, parseSdkDate, type SecretLookup } from '../../src/protocol/index.ts';

export const VECTORS_DIR = join(import.meta.dirname, '../../fixtures/vectors');

interface Credentials {
  ak: string;
  sk: string;
  securityToken?: string;
}

export interface SignVector {
  kind: 'sign' | 'published';
  name: string;
  description: string;
  algorithm: AlgorithmName;
  region?: string;
  service?: string;
  credentials: Credentials;
  signedHeaders: string[];
  verifyAt?: string;
  request: HttpRequestMessage;
  expected: {
    authorization: string;
    canonicalRequest?: string;
    stringToSign?: string;
    signedRequest?: HttpRequestMessage;
  };
}

export interface VerifyVector {
  kind: 'verify';
  name: string;
  description: string;
  now: string;
  secrets: Record<string, { sk: string; securityToken?: string }>;
  request: HttpRequestMessage;
  expected: { accepted: boolean; reason?: string; malformed?: string };
}

export type Vector = SignVector | VerifyVector;

function readOptional(dir: string, file: string): string | undefined {
  const path = join(dir, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function loadVectors(): Vector[] {
  return readdirSync(VECTORS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(VECTORS_DIR, entry.name);
      const context = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
      const request = parseHttpRequest(readFileSync(join(dir, 'request.txt')));
      if (context.kind === 'verify') {
        return { ...context, name: entry.name, request, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) } as VerifyVector;
      }
      const signed = existsSync(join(dir, 'signed-request.txt')) ? parseHttpRequest(readFileSync(join(dir, 'signed-request.txt'))) : undefined;
      return {
        ...context,
        name: entry.name,
        request,
        expected: {
          authorization: readFileSync(join(dir, 'authorization.txt'), 'utf8'),
          canonicalRequest: readOptional(dir, 'canonical-request.txt'),
          stringToSign: readOptional(dir, 'string-to-sign.txt'),
          signedRequest: signed,
        },
      } as SignVector;
    });
}

export function epochOf(sdkDate: string): number {
  const parsed = parseSdkDate(sdkDate);
  if (!parsed.ok) throw new Error(`bad date ${sdkDate}`);
  return parsed.epochMs;
}

export function lookupFrom(secrets: Record<string, { sk: string; securityToken?: string }>): SecretLookup {
  return (ak) => {
    const record = Object.hasOwn(secrets, ak) ? secrets[ak] : undefined;
    return record ? { secretKey: record.sk, securityToken: record.securityToken } : undefined;
  };
}
