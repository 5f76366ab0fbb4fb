import { z } from 'zod';
import { LIMITS } from '../../protocol/index.ts';
import type { ModelHandler } from '../models/handler.ts';
import { modelConfigSchema } from '../model-config/schema.ts';
import { proxyModelSchema } from '../models/proxy-config.ts';

/** `status` as IAM's access-key API names it (documented: "Modifying a Permanent Access Key", active | inactive); absent means active; an inactive key is refused at the gateway. */
const accessKey = z.object({ ak: z.string().min(1), sk: z.string().min(1), status: z.enum(['active', 'inactive']).optional() }).strict();
const temporaryAccessKey = accessKey.extend({ securityToken: z.string().min(1) }).strict();

/**
 * IAM's rule for a user name (documented, IAM API "Creating an IAM User"): 1 to 64 letters, digits,
 * spaces, `_`, `-` and `.`, not starting with a digit. It also keeps a name from reaching
 * credentials.csv as a spreadsheet formula (`=…`, `+…`, `@…`).
 */
const userName = z
  .string()
  .regex(/^(?![\p{N} ])[\p{L}\p{M}\p{N}_. -]{1,64}$/u, 'a user name is 1-64 letters, digits, spaces, _ - . and starts with neither a digit nor a space');
/**
 * Other names (accounts, apps, services): 1 to 64 characters, none a control or format character
 * such as a bidi override, but the joiners (ZWJ, ZWNJ) that Persian words and emoji need (the mock's own rule).
 */
const printableName = z.string().regex(/^(?:[^\p{Cc}\p{Cf}]|[\u200C\u200D]){1,64}$/u, 'a name is 1-64 characters, none of them a control or format character');

export const accountSchema = z
  .object({
    name: printableName,
    id: z.string().min(1),
    projects: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) }).strict()).min(1),
  })
  .strict();

export const userSchema = z
  .object({
    id: z.string().min(1),
    name: userName,
    password: z.string().min(1),
    account: z.string().min(1),
    accessKeys: z.array(accessKey).default([]),
    temporaryAccessKeys: z.array(temporaryAccessKey).default([]),
  })
  .strict();

export const appSchema = z
  .object({
    id: z.string().min(1),
    name: printableName,
    account: z.string().min(1),
    key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,199}$/, 'AppKey: 8-200 of [A-Za-z0-9_-], starting with a letter or digit'),
    secret: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_\-!@#$%]{7,127}$/, 'AppSecret: 8-128 of [A-Za-z0-9_-!@#$%], starting with a letter or digit'),
    appCodes: z.array(z.string().min(1)).max(LIMITS.maxAppCodesPerApp, `an app has at most ${LIMITS.maxAppCodesPerApp} AppCodes`).default([]),
  })
  .strict();

/** The demo models, kept as presets by their old names. */
export const MODEL_KINDS = ['iris', 'image-classifier', 'echo', 'slow'] as const;

/** One preset per documented built-in input/output mode (modelarts-services.md §2). */
export const PRESET_NAMES = ['image-classification', 'object-detection', 'predictive-analytics', 'image-processing', 'undefined'] as const;

/** The four predictive-analytics answers documented or observed (modelarts-services.md §6.2). */
export const PREDICTION_SHAPES = ['inputs-and-result', 'config-docs', 'exeml', 'test-service-2021'] as const;

const labels = z.array(z.string().min(1)).min(2).max(1000);
/** The multipart field the image is read from when the API declares no `file` property (default `images`, §2). */
const fileField = z.string().min(1).max(256);

const presetSchema = z.discriminatedUnion('preset', [
  z.object({ preset: z.literal('image-classification'), field: fileField.optional(), labels: labels.optional() }).strict(),
  z.object({ preset: z.literal('image-processing'), field: fileField.optional(), labels: labels.optional() }).strict(),
  z
    .object({
      preset: z.literal('object-detection'),
      field: fileField.optional(),
      labels: labels.optional(),
      /** `string`: the ExeML answer, numbers as strings (observed, §2). */
      numbers: z.enum(['number', 'string']).optional(),
      /** Default 3. */
      maxBoxes: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  z
    .object({
      preset: z.literal('predictive-analytics'),
      /** Default: the inputs echoed plus `predictresult`, uuid echoed (the token-access doc, §6.2 b; inferred default). */
      shape: z.enum(PREDICTION_SHAPES).optional(),
      /** The result column's name; default per shape (`predictresult`, `predict_result`, `predict`, `predictioncol`). */
      resultField: z.string().min(1).max(256).optional(),
      /** The values a result is drawn from, deterministically from the row and the world seed. */
      /** Default [0, 1]. */
      results: z
        .array(z.union([z.string(), z.number()]))
        .min(1)
        .max(1000)
        .optional(),
    })
    .strict(),
  z.object({ preset: z.literal('undefined') }).strict(),
]);

/** A canned answer: any status, headers and bytes (non-JSON too, modelarts-services.md §7). */
export const staticAnswerSchema = z
  .object({
    /** Default 200. */
    status: z.number().int().min(200).max(599).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** A string is sent as it is; anything else as JSON. */
    body: z.unknown().optional(),
    /** A file sent as the body, relative to the config file (or the working directory). */
    bodyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((answer) => answer.body === undefined || answer.bodyFile === undefined, 'give body or bodyFile, not both');

const staticSchema = z
  .object({
    /** One answer, or one per API path (`*` for the rest). */
    static: z.union([staticAnswerSchema, z.record(z.string().regex(/^(\/|\*$)/, 'an API path such as /greet, or *'), staticAnswerSchema)]),
  })
  .strict();

/** In code only: `(request) => response | Promise<response>`, with the request as the model gets it. */
const handlerSchema = z.custom<ModelHandler>((value) => typeof value === 'function', 'a function (request) => response');

/**
 * What answers behind the service: a demo model by name, a built-in mode preset, a static answer,
 * a real model server (`{ proxy: url | options }`, models/proxy-config.ts) or a handler function. (Each form is one union member; `modelFor` dispatches on the form.)
 */
export const modelSchema = z.union([z.enum(MODEL_KINDS), presetSchema, staticSchema, proxyModelSchema, handlerSchema], {
  error: 'model: one of iris, image-classifier, echo, slow, {"preset": …}, {"static": …}, {"proxy": …} or a handler function',
});

export const serviceSchema = z
  .object({
    id: z.string().min(1),
    name: printableName,
    model: modelSchema,
    /**
     * The service's APIs, from a ModelArts config.json (a path, relative to the config file, or the
     * object inline): which (sub-path, method) pairs exist (modelarts-services.md §0.2). Without it,
     * the model's own: one POST / for a built-in mode.
     */
    modelConfig: z.union([z.string().min(1), modelConfigSchema]).optional(),
    /** 'iam': X-Auth-Token or an AK/SK signature. 'app': AppKey/AppSecret signature, AppCode or apikey. */
    auth: z.enum(['iam', 'app']),
    state: z.enum(['running', 'stopped', 'deleted']).default('running'),
    account: z.string().min(1),
    project: z.string().min(1),
    boundApps: z.array(z.string()).default([]),
    stages: z.array(z.string().min(1)).default(['RELEASE']),
    /** How long the 'slow' model takes. */
    delayMs: z.number().int().nonnegative().optional(),
    /** CORS on: OPTIONS answers APIG's preflight and answers carry Access-Control-Allow-Origin (gateway.md §1.4). Off: OPTIONS is APIG.0101. */
    cors: z.boolean().optional(),
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
    /** Bounds of the world the admin API can grow at runtime (the mock's own, not APIG's quotas). */
    maxWorldApps: z.number().int().positive().default(1000),
    maxWorldUsers: z.number().int().positive().default(1000),
    maxWorldServices: z.number().int().positive().default(1000),
    /** The whole world as JSON, after a runtime change. */
    maxWorldBytes: z
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    /**
     * Open connections each server of the mock keeps (HTTP, HTTPS, the IAM address); one more is
     * closed at once, before a byte is read, so idle sockets cannot exhaust the process's file
     * descriptors (the mock's own bound).
     */
    maxConnections: z.number().int().positive().default(4096),
    /** Temporary credentials IAM has issued and the gateway still knows: the user holding the most loses their oldest first. */
    maxTemporaryCredentials: z.number().int().positive().default(1000),
    maxTemporaryCredentialBytes: z
      .number()
      .int()
      .positive()
      .default(4 * 1024 * 1024),
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
    /**
     * How a disabled (inactive) AK is refused (inferred: undocumented). 'ak-not-exist': IAM hands
     * the gateway no secret for it, so it reads as unknown; 'unauthorized': the observed
     * `…: Unauthorized` for AK/SK that IAM rejects (gateway.md §2.1).
     */
    disabledAccessKey: z.enum(['ak-not-exist', 'unauthorized']).default('ak-not-exist'),
    /**
     * A method the API does not declare (POST only, unless its config.json says otherwise): undocumented
     * 405 "Method Not Allowed" (default), 404 APIG.0101, or 404 ModelArts.4204 (modelarts-services.md §4.2 #2).
     */
    methodNotAllowed: z.enum(['405', 'apig-0101', 'modelarts-4204']).default('405'),
    /** Which error the backend timeout gives (gateway.md §6.5). */
    backendTimeoutError: z.enum(['apig', 'modelarts']).default('apig'),
    /**
     * Fidelity switches (issue #14), all inferred: the spec is silent on what the gateway does.
     * v11Scope: what a V11 credential scope must name besides the X-Sdk-Date day (signing.md §3.1):
     * 'any' (default, lenient), 'region' (the world's region), 'region-and-service' (and one of v11ScopeServices).
     * A scope that fails is a signature mismatch, as a gateway deriving the key from its own scope would find.
     */
    v11Scope: z.enum(['any', 'region', 'region-and-service']).default('any'),
    /** The services a V11 scope may name under 'region-and-service': APIG's own signer writes `apic` (signing.md §3.2). */
    v11ScopeServices: z.array(z.string().min(1)).min(1).default(['apic']),
    /**
     * Temporary AK/SK: 'optional' (default) accepts an X-Security-Token left out of SignedHeaders, as a community
     * port sends it; 'signed' refuses it (every v3 SDK signs it: signing.md §2, §3.3).
     */
    securityToken: z.enum(['optional', 'signed']).default('optional'),
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
    /**
     * The folder a service made through the admin API may name files in (a modelConfig path, a
     * static bodyFile; relative to it, symlinks followed). Unset or `false`: such a service takes
     * them inline only (any local user can reach a loopback admin API without a token). Relative
     * to the config file. A config file's own services, and code in the same process, are not confined.
     */
    filesDir: z.union([z.string().min(1), z.literal(false)]).optional(),
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
export type AccessKey = z.infer<typeof accessKey>;
export type Account = z.infer<typeof accountSchema>;
export type User = z.infer<typeof userSchema>;
export type App = z.infer<typeof appSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type ModelKind = (typeof MODEL_KINDS)[number];
export type ModelSpec = z.infer<typeof modelSchema>;
export type PresetSpec = z.infer<typeof presetSchema>;
export type PresetName = (typeof PRESET_NAMES)[number];
export type StaticSpec = z.infer<typeof staticSchema>;
export type StaticAnswer = z.infer<typeof staticAnswerSchema>;
export type GatewayLimits = z.infer<typeof limitsSchema>;
export type Behaviour = z.infer<typeof behaviourSchema>;
export type AdminConfig = z.infer<typeof adminSchema>;
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
