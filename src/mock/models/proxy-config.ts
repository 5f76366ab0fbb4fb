import { z } from 'zod';
import { CREDENTIAL_HEADERS } from '../../protocol/index.ts';

/**
 * Headers that authenticate the call at APIG. Whether ModelArts strips them before the container
 * is undocumented (modelarts-services.md §3.5, §8); the mock keeps them from the model by default.
 * X-Sdk-Date goes with the signature it dates.
 */
export const MODEL_WITHHELD_HEADERS: readonly string[] = ['authorization', 'x-sdk-date', ...CREDENTIAL_HEADERS];

const parsed = (url: string) => (URL.canParse(url) ? new URL(url) : undefined);

const targetUrl = z
  .string()
  .refine((url) => /^https?:$/.test(parsed(url)?.protocol ?? ''), 'a proxy target is an http:// or https:// URL, e.g. http://127.0.0.1:8080')
  .refine((url) => parsed(url)?.search === '' && parsed(url)?.hash === '', 'a proxy target has no query or fragment')
  .refine((url) => parsed(url)?.username === '' && parsed(url)?.password === '', 'a proxy target carries no user or password');

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name');

export const proxyOptionsSchema = z
  .object({
    /** The model server: `http://127.0.0.1:8080` is the custom-image contract (port 8080, modelarts-services.md §3.1). */
    url: targetUrl,
    /**
     * Send Authorization, X-Auth-Token, X-Security-Token, X-Apig-AppCode, apikey and X-Sdk-Date on to
     * the model. Which headers reach a container is undocumented (§3.5): off by default (inferred).
     */
    forwardCredentialHeaders: z.boolean().default(false),
    /** Add X-Forwarded-For/-Host/-Proto as a reverse proxy would: undocumented for ModelArts (§3.5), off by default (inferred). */
    forwardedHeaders: z.boolean().default(false),
    /** Headers added to every forwarded request, as a service's "personalized configuration" can (§3.5, documented; values inferred). */
    extraHeaders: z.record(headerName, z.string().max(256)).default({}),
    /** The health probe: GET this path, healthy on 200-399 (§3.3, documented). null: no probe, the model is always ready. */
    healthPath: z.string().startsWith('/').nullable().default('/health'),
    /** Probe period: the console's default 5 s (§3.3, documented). */
    healthIntervalMs: z.number().int().min(50).max(3_600_000).default(5000),
    /** Consecutive failed probes before the model is out of service: the console's default 12 (§3.3, documented). */
    healthFailureThreshold: z.number().int().min(1).max(1000).default(12),
    /** One probe's own timeout: not documented (config.json's timeout_seconds has no default); 3 s (inferred). */
    healthTimeoutMs: z.number().int().min(10).max(600_000).default(3000),
    /**
     * Check the certificate of an https model. The custom-engine example serves a throw-away
     * self-signed certificate (§3.1), so ModelArts does not verify it: off by default (inferred).
     */
    verifyTls: z.boolean().default(false),
    /** Connections kept open to the model at most (ModelArts reuses connections, §3.4; the number is the mock's bound). */
    maxSockets: z.number().int().min(1).max(1024).default(64),
  })
  .strict();

/** `{ "proxy": "http://127.0.0.1:8080" }` or `{ "proxy": { "url": …, …options } }`, always held as the full options. */
export const proxyModelSchema = z.object({ proxy: z.preprocess((value) => (typeof value === 'string' ? { url: value } : value), proxyOptionsSchema) }).strict();

export type ProxyOptions = z.infer<typeof proxyOptionsSchema>;
export type ProxyModelConfig = z.infer<typeof proxyModelSchema>;

export function isProxyModel(model: unknown): model is ProxyModelConfig {
  return typeof model === 'object' && model !== null && 'proxy' in model;
}
