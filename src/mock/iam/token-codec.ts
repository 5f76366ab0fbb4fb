import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isRecord } from '../models/json-body.ts';
import type { TokenClaims } from './token-claims.ts';

/**
 * Self-verifying mock IAM tokens, shaped like real PKI tokens (gateway.md §5.1): standard base64
 * of a DER-like blob, so the text starts "MII" and runs to a few KB.
 *
 *   SEQUENCE (30 82 LL LL, LL < 0x4000)
 *     OID 1.2.840.113549.1.7.2 (pkcs7-signedData, as in real tokens)
 *     OCTET STRING (04 82 LL LL)  claims, UTF-8 JSON
 *     OCTET STRING (04 82 LL LL)  filler
 *     OCTET STRING (04 20)        HMAC-SHA256(signingKey, every byte before it)
 *
 * The claims are readable, as in a real PKI token (a signed, not encrypted, CMS blob); only the
 * MAC makes the token trustworthy.
 */
export type TokenReading = { ok: true; claims: TokenClaims } | { ok: false; problem: 'malformed' | 'forged' };

const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const MAC_BYTES = 32;
const MAC_HEADER = Buffer.from([0x04, MAC_BYTES]);
/** Largest content a two-byte DER length with a first byte below 0x40 can announce. */
const MAX_CONTENT_BYTES = 0x3fff;
const MAX_BLOB_BYTES = 4 + MAX_CONTENT_BYTES;
const MAX_TOKEN_CHARS = Math.ceil(MAX_BLOB_BYTES / 3) * 4;
/** About 3,200 base64 characters, in the range of real tokens. */
const TARGET_BLOB_BYTES = 2400;
const MIN_FILLER_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Any date `Date` can represent, so a verified token can always be formatted. */
const MAX_TIME_MS = 8.64e15;

export function issueToken(claims: TokenClaims, signingKey: string): string {
  const claimBytes = Buffer.from(JSON.stringify(canonicalClaims(claims)), 'utf8');
  const fixedBytes = 4 + SIGNED_DATA_OID.length + 4 + claimBytes.length + 4 + MAC_HEADER.length + MAC_BYTES;
  let fillerLength = Math.max(MIN_FILLER_BYTES, TARGET_BLOB_BYTES - fixedBytes);
  fillerLength += (3 - ((fixedBytes + fillerLength) % 3)) % 3; // a whole number of base64 quanta: no '='
  const blobLength = fixedBytes + fillerLength;
  if (blobLength > MAX_BLOB_BYTES) throw new RangeError(`token claims too large: ${claimBytes.length} bytes`);

  const signed = Buffer.concat([
    lengthPrefixed(0x30, blobLength - 4),
    SIGNED_DATA_OID,
    lengthPrefixed(0x04, claimBytes.length),
    claimBytes,
    lengthPrefixed(0x04, fillerLength),
    filler(claimBytes, signingKey, fillerLength),
    MAC_HEADER,
  ]);
  return Buffer.concat([signed, mac(signed, signingKey)]).toString('base64');
}

export function readToken(token: string, signingKey: string): TokenReading {
  const blob = decodeBase64Strictly(token);
  if (!blob) return { ok: false, problem: 'malformed' };
  const layout = parseLayout(blob);
  if (!layout) return { ok: false, problem: 'malformed' };
  const expected = mac(blob.subarray(0, layout.macStart), signingKey);
  if (!timingSafeEqual(expected, blob.subarray(layout.macStart))) return { ok: false, problem: 'forged' };
  const claims = parseClaims(layout.claimBytes);
  return claims ? { ok: true, claims } : { ok: false, problem: 'malformed' };
}

function lengthPrefixed(tag: number, length: number): Buffer {
  return Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
}

function mac(bytes: Buffer, signingKey: string): Buffer {
  return createHmac('sha256', signingKey).update(bytes).digest();
}

/** Keyed and deterministic, so the padding looks random but the same claims always give the same token. */
function filler(claimBytes: Buffer, signingKey: string, length: number): Buffer {
  const seed = createHmac('sha256', signingKey).update('apig-kit token filler\0').update(claimBytes).digest();
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 32 < length; counter++) {
    blocks.push(createHash('sha256').update(seed).update(String(counter)).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** Only the canonical standard-base64 spelling decodes: Buffer.from alone would accept url-safe, unpadded or spaced text. */
function decodeBase64Strictly(token: unknown): Buffer | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) return undefined;
  if (token.length % 4 !== 0 || !BASE64.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64');
  return bytes.toString('base64') === token ? bytes : undefined;
}

interface Layout {
  claimBytes: Buffer;
  macStart: number;
}

function parseLayout(blob: Buffer): Layout | undefined {
  if (blob.length < 4 || blob[0] !== 0x30 || blob[1] !== 0x82) return undefined;
  const contentLength = readLength(blob, 2);
  if (contentLength === undefined || contentLength > MAX_CONTENT_BYTES || contentLength !== blob.length - 4) return undefined;
  let offset = 4;
  if (!blob.subarray(offset, offset + SIGNED_DATA_OID.length).equals(SIGNED_DATA_OID)) return undefined;
  offset += SIGNED_DATA_OID.length;
  const claims = readOctetString(blob, offset);
  if (!claims) return undefined;
  const fillerField = readOctetString(blob, claims.end);
  if (!fillerField) return undefined;
  offset = fillerField.end;
  if (!blob.subarray(offset, offset + MAC_HEADER.length).equals(MAC_HEADER)) return undefined;
  const macStart = offset + MAC_HEADER.length;
  if (blob.length - macStart !== MAC_BYTES) return undefined;
  return { claimBytes: claims.value, macStart };
}

function readLength(blob: Buffer, offset: number): number | undefined {
  const high = blob[offset];
  const low = blob[offset + 1];
  return high === undefined || low === undefined ? undefined : (high << 8) | low;
}

function readOctetString(blob: Buffer, offset: number): { value: Buffer; end: number } | undefined {
  if (blob[offset] !== 0x04 || blob[offset + 1] !== 0x82) return undefined;
  const length = readLength(blob, offset + 2);
  if (length === undefined) return undefined;
  const start = offset + 4;
  const end = start + length;
  if (end > blob.length) return undefined;
  return { value: blob.subarray(start, end), end };
}

/** A fixed field order, and nothing but the claims: extra properties on the argument stay out. */
function canonicalClaims(claims: TokenClaims): TokenClaims {
  const scope: TokenClaims['scope'] =
    claims.scope.kind === 'project' ? { kind: 'project', projectId: claims.scope.projectId, projectName: claims.scope.projectName } : { kind: 'domain' };
  return {
    userId: claims.userId,
    userName: claims.userName,
    domainId: claims.domainId,
    domainName: claims.domainName,
    scope,
    methods: [...claims.methods],
    issuedAt: claims.issuedAt,
    expiresAt: claims.expiresAt,
  };
}

function parseClaims(bytes: Buffer): TokenClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const { userId, userName, domainId, domainName, scope, methods, issuedAt, expiresAt } = value;
  if (![userId, userName, domainId, domainName].every((field) => typeof field === 'string')) return undefined;
  if (!Array.isArray(methods) || !methods.every((method) => typeof method === 'string')) return undefined;
  if (!isTime(issuedAt) || !isTime(expiresAt)) return undefined;
  const parsedScope = parseScope(scope);
  if (!parsedScope) return undefined;
  return canonicalClaims({
    userId: userId as string,
    userName: userName as string,
    domainId: domainId as string,
    domainName: domainName as string,
    scope: parsedScope,
    methods: methods as string[],
    issuedAt,
    expiresAt,
  });
}

function parseScope(scope: unknown): TokenClaims['scope'] | undefined {
  if (!isRecord(scope)) return undefined;
  if (scope['kind'] === 'domain') return { kind: 'domain' };
  const { kind, projectId, projectName } = scope;
  if (kind !== 'project' || typeof projectId !== 'string' || typeof projectName !== 'string') return undefined;
  return { kind, projectId, projectName };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_TIME_MS;
}
