import { connect } from 'node:tls';
import type { ErrorKey } from '../../catalogue.ts';

/**
 * How the dispatcher reports a model it could not get an answer from (modelarts-services.md §4.2
 * rows 8, 10, 11): nothing listening → 4302 connection refused; a TLS handshake or certificate
 * that fails → 4503 SSL error; anything else before the answer's head (a reset, a close, an answer
 * that is not HTTP, an unknown host) → 4503 failed to respond (the proxy then asks whether a
 * plain-HTTP target speaks TLS: speaksTls).
 */
export function transportFailureRule(error: unknown): ErrorKey {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return 'modelarts.backend-refused';
  // Handshake failures, and the certificate checks of verifyTls (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …).
  if (code === 'EPROTO' || /^(ERR_SSL_|ERR_TLS_)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return 'modelarts.backend-ssl';
  return 'modelarts.backend-closed';
}

/**
 * Whether something that closed a plain-HTTP call at once speaks TLS: a TLS server spoken to in
 * plain HTTP closes without a word, so only a handshake tells that apart from a model that failed.
 * Asked only after such a failure; bounded by `timeoutMs`.
 */
export function speaksTls(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false, timeout: timeoutMs });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('secureConnect', () => done(true));
    socket.on('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** The error in words for the journal: its code and message, nothing from the request. */
export function describeTransportError(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  return [code, message].filter(Boolean).join(': ') || String(error);
}
