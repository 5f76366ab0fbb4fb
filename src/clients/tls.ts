import { rootCertificates } from 'node:tls';
import type { Fetch } from './http.ts';

/** Whom a client trusts over HTTPS. */
export interface ClientTlsOptions {
  /**
   * Certificates (PEM) to trust besides Node's bundled CAs: the mock's, as `apig-kit mock --https`
   * prints it (`https.certificateFile` of startGateway), or your company's.
   */
  ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined;
  /** false: accept any certificate, as `curl -k` does. Only ever against a mock. */
  rejectUnauthorized?: boolean | undefined;
}

/**
 * A fetch with its own trust: undici's fetch on an undici Agent (`connect: { ca, rejectUnauthorized }`),
 * the pair Node's own fetch is made of, loaded on the first call. One per client, or shared between
 * a TokenProvider and an InferenceClient by passing it as their `fetch`.
 */
export function tlsFetch(tls: ClientTlsOptions): Fetch {
  const extra = tls.ca === undefined ? [] : Array.isArray(tls.ca) ? tls.ca : [tls.ca as string | Buffer];
  const connect = {
    ...(extra.length > 0 ? { ca: [...rootCertificates, ...extra.map(String)] } : {}),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
  };
  let loaded: Promise<Fetch> | undefined;
  const load = async (): Promise<Fetch> => {
    const undici = await import('undici');
    const dispatcher = new undici.Agent({ connect });
    return (url, init) => undici.fetch(url, { ...(init as Parameters<typeof undici.fetch>[1]), dispatcher }) as unknown as Promise<Response>;
  };
  return async (url, init) => (await (loaded ??= load()))(url, init);
}

/** The fetch a client uses: the one given, or one with the TLS options, or the platform's. */
export function clientFetch(options: { fetch?: Fetch | undefined; tls?: ClientTlsOptions | undefined }): Fetch {
  if (options.fetch && options.tls) throw new TypeError('give either fetch or tls: a fetch of your own brings its own trust (see tlsFetch)');
  if (options.tls) return tlsFetch(options.tls);
  return options.fetch ?? ((url, init) => fetch(url, init));
}
