import type { ErrorKey } from '../../catalogue.ts';

/**
 * How the dispatcher reports a model it could not get an answer from (modelarts-services.md §4.2
 * rows 8, 10, 11): nothing listening → 4302 connection refused; a TLS handshake that fails, or an
 * answer that is not HTTP (a TLS server spoken to in plain HTTP) → 4503 SSL error; anything else
 * before the answer's head (a reset, a close, an unknown host) → 4503 failed to respond.
 */
export function transportFailureRule(error: unknown): ErrorKey {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return 'modelarts.backend-refused';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('HPE_') || /certificate|self[- ]signed/i.test(code))
    return 'modelarts.backend-ssl';
  return 'modelarts.backend-closed';
}

/** The error in words for the journal: its code and message, nothing from the request. */
export function describeTransportError(error: unknown): string {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  return [code, message].filter(Boolean).join(': ') || String(error);
}
