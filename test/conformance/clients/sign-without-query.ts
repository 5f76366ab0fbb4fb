/**
 * A deliberately broken client for the kit's own tests: it signs the path without the query string,
 * then sends the URL with it. Signing is done by hand from signing.md §1, not by our signer.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const env = process.env;
const url = new URL(env.APIG_URL!);
const body = env.APIG_BODY_KIND === 'json' ? await readFile(env.APIG_BODY_FILE!) : Buffer.alloc(0);
const sdkDate = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d{3}/, '');
const headers: Record<string, string> = { host: url.host, 'x-sdk-date': sdkDate, 'x-stage': 'RELEASE' };
if (env.APIG_BODY_KIND === 'json') headers['content-type'] = env.APIG_CONTENT_TYPE!;
const signed = Object.keys(headers).sort();
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
const canonical = ['POST', path, '' /* the bug: no query */, signed.map((n) => `${n}:${headers[n]}\n`).join(''), signed.join(';'), sha256(body)].join('\n');
const key = env.APIG_AUTH === 'app' ? env.APIG_APP_KEY! : env.APIG_AK!;
const secret = env.APIG_AUTH === 'app' ? env.APIG_APP_SECRET! : env.APIG_SK!;
const signature = createHmac('sha256', secret)
  .update(`SDK-HMAC-SHA256\n${sdkDate}\n${sha256(canonical)}`)
  .digest('hex');
headers.authorization = `SDK-HMAC-SHA256 Access=${key}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
const response = await fetch(url, { method: 'POST', headers, body });
process.stdout.write(`${response.status} ${await response.text()}\n`);
