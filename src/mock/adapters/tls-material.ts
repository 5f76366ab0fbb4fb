import { createSecureContext } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLocalCertificate } from './tls-certificate.ts';

/**
 * How the gateway serves HTTPS. Without a certificate of your own, one is made at start for
 * localhost, 127.0.0.1 and ::1, issued by a CA made for the run; the CA's certificate is written to
 * a file for clients to trust (`curl --cacert FILE`). The private key is never written anywhere.
 */
export interface GatewayTlsOptions {
  /** The HTTPS port beside the HTTP one (0, the default: any free port). Ignored with `only`, which serves HTTPS on `port`. */
  port?: number | undefined;
  /** HTTPS alone: no plain HTTP server. */
  only?: boolean | undefined;
  /** Your own certificate (PEM, chain allowed) and its key, as text, or as files. */
  cert?: string | Buffer | undefined;
  key?: string | Buffer | undefined;
  certFile?: string | undefined;
  keyFile?: string | undefined;
  /** Where to write the generated CA certificate (default: a new file in the temp folder, removed at close). */
  certificateOut?: string | undefined;
  /** Names the generated certificate is valid for besides localhost, 127.0.0.1 and ::1. */
  extraNames?: readonly string[] | undefined;
}

/** What a TLS server needs, and what a client should be told. */
export interface TlsMaterial {
  cert: string;
  key: string;
  /** The PEM file of the certificate to trust: the generated CA, or your own certificate. */
  certificateFile: string;
  /** The certificate to trust, PEM. */
  certificatePem: string;
  /** SHA-256 fingerprint of the certificate to trust, as openssl prints it. */
  fingerprint256: string;
  generated: boolean;
  /** Removes what was written for this run (a temp file), nothing of yours. */
  dispose(): Promise<void>;
}

export class TlsSetupError extends Error {}

async function readPem(what: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TlsSetupError(`cannot read the TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Refuses a certificate and key that cannot serve, before any port is opened. Never quotes the key. */
function checkPair(cert: string, key: string): X509Certificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new TlsSetupError('the TLS certificate is not a PEM X.509 certificate');
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new TlsSetupError(
      /MISMATCH/.test(code) ? 'the TLS key does not belong to the certificate' : `the TLS key cannot be used (${code || 'not a PEM private key'})`,
    );
  }
  return certificate;
}

async function ownMaterial(options: GatewayTlsOptions): Promise<TlsMaterial> {
  const cert = options.certFile ? await readPem('certificate', options.certFile) : String(options.cert);
  const key = options.keyFile ? await readPem('key', options.keyFile) : String(options.key);
  const certificate = checkPair(cert, key);
  let certificateFile = options.certFile;
  let temporary: string | undefined;
  if (certificateFile === undefined) {
    // Given as text: a copy of the certificate (never the key) for clients to point at.
    temporary = await mkdtemp(join(tmpdir(), 'apig-kit-tls-'));
    certificateFile = join(temporary, 'certificate.pem');
    await writeFile(certificateFile, cert);
  }
  return {
    cert,
    key,
    certificateFile,
    certificatePem: cert,
    fingerprint256: certificate.fingerprint256,
    generated: false,
    dispose: async () => {
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

async function generatedMaterial(options: GatewayTlsOptions): Promise<TlsMaterial> {
  const made = await generateLocalCertificate({ extraNames: options.extraNames });
  let temporary: string | undefined;
  let certificateFile = options.certificateOut;
  if (certificateFile === undefined) {
    temporary = await mkdtemp(join(tmpdir(), 'apig-kit-tls-'));
    certificateFile = join(temporary, 'apig-kit-mock-ca.pem');
  }
  try {
    await writeFile(certificateFile, made.caPem);
  } catch (error) {
    throw new TlsSetupError(`cannot write the certificate to ${certificateFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return {
    cert: made.chainPem,
    key: made.keyPem,
    certificateFile,
    certificatePem: made.caPem,
    fingerprint256: new X509Certificate(made.caPem).fingerprint256,
    generated: true,
    dispose: async () => {
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

export async function prepareTls(options: GatewayTlsOptions): Promise<TlsMaterial> {
  const certGiven = options.cert !== undefined || options.certFile !== undefined;
  const keyGiven = options.key !== undefined || options.keyFile !== undefined;
  if (certGiven !== keyGiven) throw new TlsSetupError('a TLS certificate needs its key, and a key its certificate: give both or neither');
  if ((options.cert !== undefined && options.certFile !== undefined) || (options.key !== undefined && options.keyFile !== undefined))
    throw new TlsSetupError('give the TLS certificate and key either as text or as files, not both');
  if (certGiven && options.certificateOut !== undefined)
    throw new TlsSetupError('certificateOut is where a generated certificate goes: with your own certificate there is none');
  return certGiven ? ownMaterial(options) : generatedMaterial(options);
}
