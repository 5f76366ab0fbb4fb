import { generateKeyPair, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import type forgeModule from 'node-forge';

/** The names every generated certificate is valid for. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

export interface GeneratedCertificate {
  /** What the server presents: its own certificate, then the CA's. */
  chainPem: string;
  /** The server certificate's private key. It never leaves the process. */
  keyPem: string;
  /** The certificate to trust (`curl --cacert`): a CA made for this run only, whose key is dropped once it has signed. */
  caPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Made again at every start: a year is long enough for any run, and short of the 398 days some clients allow. */
const VALID_FOR_MS = 365 * DAY_MS;
/** Clients whose clock is a little behind still accept it. */
const BACKDATE_MS = 60 * 60 * 1000;

const generateRsa = promisify(generateKeyPair);

/** node-forge is loaded only when a certificate is made: an HTTP-only mock never pays for it. */
async function loadForge(): Promise<typeof forgeModule> {
  return ((await import('node-forge')) as { default: typeof forgeModule }).default;
}

/** A positive serial of 128 random bits (RFC 5280 §4.1.2.2: positive, at most 20 octets). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

async function rsaKeys(forge: typeof forgeModule) {
  // Node's native RSA: node-forge's own would take seconds in JavaScript.
  const { privateKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  return { pem: privateKey, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

const altName = (name: string) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name });

/**
 * A certificate for `localhost`, `127.0.0.1` and `::1` (and `extraNames`), issued by a CA made for
 * this run: clients trust the CA, which is what `curl --cacert`, Python's and Java's verifiers, and
 * OpenSSL's strict mode all expect, and the CA's key exists only until it has signed.
 */
export async function generateLocalCertificate(options: { extraNames?: readonly string[]; now?: number } = {}): Promise<GeneratedCertificate> {
  const forge = await loadForge();
  const { pki, md } = forge;
  const now = options.now ?? Date.now();
  const [caKeys, serverKeys] = await Promise.all([rsaKeys(forge), rsaKeys(forge)]);
  const names = [...new Set([...LOOPBACK_NAMES, ...(options.extraNames ?? [])])];

  const caName = [
    { name: 'commonName', value: `apig-kit mock CA ${new Date(now).toISOString()}` },
    { name: 'organizationName', value: 'apig-kit (generated at start, not for production)' },
  ];
  const ca = pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = new Date(now - BACKDATE_MS);
  ca.validity.notAfter = new Date(now + VALID_FOR_MS);
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, md.sha256.create());

  const server = pki.createCertificate();
  server.publicKey = serverKeys.publicKey;
  server.serialNumber = serialNumber();
  server.validity.notBefore = ca.validity.notBefore;
  server.validity.notAfter = ca.validity.notAfter;
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map(altName) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKeys.privateKey, md.sha256.create());

  const caPem = pki.certificateToPem(ca);
  return { chainPem: pki.certificateToPem(server) + caPem, keyPem: serverKeys.pem, caPem };
}
