/**
 * Writes fixtures/vectors/: one folder per case. Run with `npm run vectors`.
 *  - sign cases: context.json, request.txt, canonical-request.txt, string-to-sign.txt,
 *    authorization.txt, signed-request.txt (computed by this project's signer; every one is checked
 *    against the official SDK signer in test/vectors/official-sdk.test.ts);
 *  - verify cases: context.json, request.txt (signed, then changed), expected.json;
 *  - published cases: expected values copied from their sources, never computed.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestHex, type HttpRequestMessage, parseHttpRequest, parseSdkDate, serializeHttpRequest, signRequest } from '../../src/protocol/index.ts';
import { type SignCase, SIGN_CASES, DEFAULTS } from './cases.ts';
import { CREDENTIALS } from './constants.ts';
import { PUBLISHED_CASES } from './published.ts';
import { VERIFY_CASES } from './verify-cases.ts';

const ROOT = join(import.meta.dirname, '../../fixtures/vectors');
const sdkDateAfter = (sdkDate: string, seconds: number) => {
  const parsed = parseSdkDate(sdkDate);
  if (!parsed.ok) throw new Error(`bad date ${sdkDate}`);
  const iso = new Date(parsed.epochMs + seconds * 1000).toISOString();
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
};

function writeCase(name: string, files: Record<string, string | Buffer>) {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function unsignedMessage(c: SignCase): HttpRequestMessage {
  const credentials = CREDENTIALS[c.credentials ?? 'iam'];
  const headers: Array<[string, string]> = [['Host', c.host ?? DEFAULTS.host], ...(c.headers ?? []), ['X-Sdk-Date', c.date ?? DEFAULTS.date]];
  if ('securityToken' in credentials) headers.push(['X-Security-Token', credentials.securityToken]);
  const body = c.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body, 'utf8');
  return { method: c.method, target: c.target, headers, body };
}

function generateSignCase(c: SignCase): HttpRequestMessage {
  const credentials = CREDENTIALS[c.credentials ?? 'iam'];
  const raw = serializeHttpRequest(unsignedMessage(c));
  const message = parseHttpRequest(raw); // what a receiver sees: folded lines joined, values trimmed
  const declared = message.headers.find(([n]) => n.toLowerCase() === 'x-sdk-content-sha256')?.[1];
  if (declared && declared !== 'UNSIGNED-PAYLOAD' && declared !== digestHex('sha256', message.body)) {
    throw new Error(`${c.name}: declared X-Sdk-Content-Sha256 is not the body digest ${digestHex('sha256', message.body)}`);
  }
  const signed = signRequest(
    { method: message.method, url: message.target, headers: message.headers, body: message.body },
    { accessKey: credentials.ak, secretKey: credentials.sk },
    { algorithm: c.algorithm, region: c.region, service: c.service, signedHeaders: c.signedHeaders },
  );
  const signedMessage: HttpRequestMessage = { ...message, headers: [...message.headers, ['Authorization', signed.steps.authorization]] };
  writeCase(c.name, {
    'context.json': json({
      kind: 'sign',
      description: c.description,
      algorithm: signed.steps.algorithm,
      ...(signed.steps.scope ? { region: signed.steps.scope.region, service: signed.steps.scope.service } : {}),
      credentials,
      signedHeaders: c.signedHeaders,
      verifyAt: sdkDateAfter(signed.steps.sdkDate, 60),
    }),
    'request.txt': raw,
    'canonical-request.txt': signed.steps.canonicalRequest.text,
    'string-to-sign.txt': signed.steps.stringToSign,
    'authorization.txt': signed.steps.authorization,
    'signed-request.txt': serializeHttpRequest(signedMessage),
  });
  return signedMessage;
}

// Case folders are rewritten from scratch; files beside them (README.md) are kept.
mkdirSync(ROOT, { recursive: true });
for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
  if (entry.isDirectory()) rmSync(join(ROOT, entry.name), { recursive: true });
}
const signedByName = new Map<string, { message: HttpRequestMessage; c: SignCase }>();
for (const c of SIGN_CASES) signedByName.set(c.name, { message: generateSignCase(c), c });

for (const v of VERIFY_CASES) {
  const base = signedByName.get(v.base);
  if (!base) throw new Error(`${v.name}: no sign case ${v.base}`);
  const message: HttpRequestMessage = structuredClone({ ...base.message, body: Buffer.from(base.message.body) });
  message.body = Buffer.from(base.message.body);
  v.mutate?.(message);
  const credentials = CREDENTIALS[base.c.credentials ?? 'iam'];
  const secrets =
    v.secret === 'unknown'
      ? {}
      : {
          [credentials.ak]: {
            sk: v.secret === 'wrong' ? `${credentials.sk.slice(0, -1)}X` : credentials.sk,
            ...('securityToken' in credentials ? { securityToken: credentials.securityToken } : {}),
          },
        };
  writeCase(v.name, {
    'context.json': json({
      kind: 'verify',
      description: v.description,
      basedOn: v.base,
      now: sdkDateAfter(base.c.date ?? DEFAULTS.date, v.nowOffsetSeconds ?? 60),
      secrets,
    }),
    'request.txt': serializeHttpRequest(message),
    'expected.json': json(v.expected),
  });
}

for (const p of PUBLISHED_CASES) {
  writeCase(p.name, {
    'context.json': json({
      kind: 'published',
      description: `published vector: ${p.source}`,
      algorithm: p.algorithm,
      ...(p.region ? { region: p.region, service: p.service } : {}),
      credentials: p.credentials,
      signedHeaders: p.signedHeaders,
    }),
    'request.txt': p.request,
    'authorization.txt': p.expected.authorization,
    ...(p.expected.canonicalRequest ? { 'canonical-request.txt': p.expected.canonicalRequest } : {}),
    ...(p.expected.stringToSign ? { 'string-to-sign.txt': p.expected.stringToSign } : {}),
  });
}

console.log(`wrote ${SIGN_CASES.length} sign, ${VERIFY_CASES.length} verify and ${PUBLISHED_CASES.length} published vectors to fixtures/vectors/`);
