/** One place the gateway is served over TLS, and the certificate a client should trust there. */
export interface HttpsEndpoint {
  /** The https:// base URL. */
  url: string;
  /** A PEM file holding the certificate to trust (`curl --cacert`); none for an in-process adapter (msw). */
  certificateFile: string | undefined;
  /** The SHA-256 fingerprint of that certificate, colon-separated as openssl prints it. */
  fingerprint256: string | undefined;
  /** Made at start for localhost (true), or given by the user. */
  generated: boolean;
}
