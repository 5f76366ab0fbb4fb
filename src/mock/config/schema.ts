import { z } from 'zod';
import { LIMITS } from '../../protocol/index.ts';

const accessKey = z.object({ ak: z.string().min(1), sk: z.string().min(1) }).strict();
const temporaryAccessKey = accessKey.extend({ securityToken: z.string().min(1) }).strict();

export const accountSchema = z
  .object({
    name: z.string().min(1),
    id: z.string().min(1),
    projects: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).strict()).min(1),
  })
  .strict();

export const userSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    password: z.string().min(1),
    account: z.string().min(1),
    accessKeys: z.array(accessKey).default([]),
    temporaryAccessKeys: z.array(temporaryAccessKey).default([]),
  })
  .strict();

export const appSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    account: z.string().min(1),
    key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,199}$/, 'AppKey: 8-200 of [A-Za-z0-9_-], starting with a letter or digit'),
    secret: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_\-!@#$%]{7,127}$/, 'AppSecret: 8-128 of [A-Za-z0-9_-!@#$%], starting with a letter or digit'),
    appCodes: z.array(z.string().min(1)).max(LIMITS.maxAppCodesPerApp, `an app has at most ${LIMITS.maxAppCodesPerApp} AppCodes`).default([]),
  })
  .strict();

export const MODEL_KINDS = ['iris', 'image-classifier', 'echo', 'slow'] as const;

export const serviceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    model: z.enum(MODEL_KINDS),
    /** 'iam': X-Auth-Token or an AK/SK signature. 'app': AppKey/AppSecret signature, AppCode or apikey. */
    auth: z.enum(['iam', 'app']),
    state: z.enum(['running', 'stopped', 'deleted']).default('running'),
    account: z.string().min(1),
    project: z.string().min(1),
    boundApps: z.array(z.string()).default([]),
    stages: z.array(z.string().min(1)).default(['RELEASE']),
    /** How long the 'slow' model takes. */
    delayMs: z.number().int().nonnegative().optional(),
  })
  .strict();

export const worldSchema = z
  .object({
    seed: z.number().int().default(20261123),
    region: z.string().min(1).default('cn-north-4'),
    /** Key that protects the mock's IAM tokens; tokens from another key are "decrypt token fail". */
    tokenSigningKey: z.string().min(16),
    accounts: z.array(accountSchema).min(1),
    users: z.array(userSchema),
    apps: z.array(appSchema),
    services: z.array(serviceSchema),
  })
  .strict();

export const limitsSchema = z
  .object({
    maxBodyBytes: z.number().int().positive().default(LIMITS.maxBodyBytes),
    maxClockSkewMs: z.number().int().nonnegative().default(LIMITS.maxClockSkewMs),
    backendTimeoutMs: z.number().int().positive().default(LIMITS.backendTimeoutMs),
    tokenLifetimeMs: z.number().int().positive().default(LIMITS.tokenLifetimeMs),
    maxUriBytes: z.number().int().positive().default(LIMITS.maxUriBytes),
    maxHeaderBytes: z.number().int().positive().default(LIMITS.maxHeaderBytes),
    maxHeaderBlockBytes: z.number().int().positive().default(LIMITS.maxHeaderBlockBytes),
    akLockoutFailures: z.number().int().positive().default(LIMITS.akLockoutFailures),
    akLockoutMs: z.number().int().nonnegative().default(LIMITS.akLockoutMs),
    /** Calls per second per API; 0 turns throttling off. */
    apiRateLimitPerSecond: z.number().int().nonnegative().default(LIMITS.defaultApiRateLimitPerSecond),
    /** A body that sends nothing for this long is cut off with 408 (APIG's request_body_timeout, 8 s: documented). */
    bodyReadTimeoutMs: z.number().int().positive().default(8000),
    /**
     * Every bodyReadTimeoutMs window of a body must bring this rate, or it is cut off with 408, so a
     * trickle cannot hold a connection for minutes (inferred, after nginx's and Apache's
     * minimum-rate rules; each window judged alone; 0: one byte per window is enough).
     */
    minBodyBytesPerSecond: z.number().int().nonnegative().default(1024),
    /** The IAM token request's own cap: a password login is under 1 KB (inferred). */
    maxIamBodyBytes: z
      .number()
      .int()
      .positive()
      .default(8 * 1024),
    /** JSON nested deeper than this is refused as incorrect JSON before it is parsed (inferred). */
    maxJsonDepth: z.number().int().positive().default(128),
    /** JSON with more arrays and objects than this is refused the same way: each costs ~60 bytes of heap (inferred). */
    maxJsonContainers: z.number().int().positive().default(500_000),
  })
  .strict();

export const behaviourSchema = z
  .object({
    /** strict: refuse as APIG does. warn: record the violation in the journal and let the request through. */
    mode: z.enum(['strict', 'warn']).default('strict'),
    /** Add an `apig_kit_explain` field to error bodies. Off by default, so answers match APIG byte for byte. */
    explain: z.boolean().default(false),
    journalSize: z.number().int().positive().default(1000),
    /** The journal's total size: the oldest entries go first once it is over. */
    journalMaxBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024 * 1024),
    /** One journal entry's size: its longest texts are cut, with a marker, to fit. */
    journalEntryMaxBytes: z
      .number()
      .int()
      .min(1024)
      .default(16 * 1024),
    /** The canonical request a signature error echoes, and the explain field, are cut to this many bytes. */
    maxEchoBytes: z
      .number()
      .int()
      .min(256)
      .default(16 * 1024),
    /** Inferred switches of the signature model (signing.md §7). */
    queryPlus: z.enum(['literal', 'space']).default('literal'),
    querySort: z.enum(['decoded', 'encoded']).default('decoded'),
    duplicateHeaders: z.enum(['comma', 'lines']).default('comma'),
    checkDeclaredPayloadHash: z.boolean().default(true),
    emptyUnsignedPayload: z.enum(['either', 'literal']).default('either'),
    /** Echo the gateway's canonical request in signature errors, as the real gateway does. */
    canonicalRequestInErrors: z.boolean().default(true),
    /** How an expired token is refused: both forms are documented (gateway.md §3.9). */
    expiredToken: z.enum(['token-expires', 'must-be-updated']).default('token-expires'),
    /** A method other than POST on an inference URL: undocumented 405 "Method Not Allowed" (default) or 404 APIG.0101. */
    methodNotAllowed: z.enum(['405', 'apig-0101']).default('405'),
    /** Which error the backend timeout gives (gateway.md §6.5). */
    backendTimeoutError: z.enum(['apig', 'modelarts']).default('apig'),
    /**
     * AppCode and apikey over plain HTTP. Simple authentication "supports only HTTPS" (documented,
     * gateway.md §3.4); the answer, 400 APIG.0607, is inferred. refuse-if-https (default): refused
     * while the mock serves HTTPS anywhere (an HTTP-only mock still accepts them, as it has no
     * other way in); refuse: always (TLS ends before the mock); accept: never refused.
     */
    simpleAuthOverHttp: z.enum(['refuse-if-https', 'refuse', 'accept']).default('refuse-if-https'),
    /** Replace catalogue messages by entry name, e.g. {"route.not-found": "..."}. */
    messages: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const clockSchema = z
  .object({
    /** Start the gateway clock here (ISO-8601 or YYYYMMDDTHHMMSSZ) instead of the real time. */
    start: z.string().optional(),
    offsetMs: z.number().int().default(0),
    frozen: z.boolean().default(false),
  })
  .strict();

export const adminSchema = z
  .object({
    /** Off: /_apig-kit is an ordinary path (404 APIG.0101), nothing can change the mock from outside. */
    enabled: z.boolean().default(true),
    /** When set, every admin call must carry it (`X-Apig-Kit-Admin-Token` or `Authorization: Bearer`). */
    token: z.string().min(16).optional(),
    /** Host names the admin API answers besides loopback names and the address served (DNS-rebinding guard). */
    allowedHosts: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const gatewayConfigSchema = z
  .object({
    world: worldSchema,
    admin: adminSchema.default(adminSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    behaviour: behaviourSchema.default(behaviourSchema.parse({})),
    clock: clockSchema.default(clockSchema.parse({})),
  })
  .strict();

export type World = z.infer<typeof worldSchema>;
export type Account = z.infer<typeof accountSchema>;
export type User = z.infer<typeof userSchema>;
export type App = z.infer<typeof appSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type ModelKind = (typeof MODEL_KINDS)[number];
export type GatewayLimits = z.infer<typeof limitsSchema>;
export type Behaviour = z.infer<typeof behaviourSchema>;
export type AdminConfig = z.infer<typeof adminSchema>;
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
