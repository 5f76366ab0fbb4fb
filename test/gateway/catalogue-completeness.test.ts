/**
 * Every answer the mock gives is in the catalogue (README: "Every error the mock produces is in
 * src/mock/catalogue.ts with its basis"). Three checks:
 *  - a broad scripted set of requests, one or more per rule, through the gateway and IAM: every error
 *    answer must be exactly one catalogue entry (APIG/ModelArts) or Keystone entry (IAM), and the
 *    journal's rule must be the entry the answer renders;
 *  - the listener's last resort, when the gateway itself fails, is the catalogue's APIG.0601;
 *  - statically, no module of src/mock writes an error body or an error code of its own: only the
 *    renderers, which take their words from the catalogue.
 * The admin API (/_apig-kit) is apig-kit's own control plane, not APIG's: its `{"error"}` answers are
 * not catalogue entries. A new entry needs a scenario here that reaches it (or a place in byOtherMeans).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createRequestListener } from '../../src/mock/adapters/node-listener.ts';
import { type Basis, CATALOGUE, type CatalogueEntry, type ErrorKey, ErrorCatalogue, KEYSTONE_CATALOGUE } from '../../src/mock/catalogue.ts';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayConfigOverrides } from '../../src/mock/config/load-config.ts';
import type { Gateway } from '../../src/mock/gateway.ts';
import { type Fault, faultSchema, NAMED_FAULTS } from '../../src/mock/state/faults.ts';
import { IAM_SECURITY_TOKENS_PATH } from '../../src/protocol/index.ts';
import { AKSK, APP_CREDS, C, FROZEN_CLOCK, gatewayApp, HOUR, IRIS_BODY, issueToken, post, S, send, signed } from './support.ts';

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const SIG = 'a'.repeat(64);

interface Answer {
  status: number;
  body: string;
  rule: string | undefined;
  errorCode: string | undefined;
  path: string;
}

const answers: Answer[] = [];

function app(overrides: GatewayConfigOverrides = {}) {
  const a = gatewayApp({ clock: FROZEN_CLOCK, ...overrides });
  a.gateway.events.on('exchange:end', ({ entry, response }) =>
    answers.push({ status: response.status, body: String(response.body), rule: entry.rule, errorCode: entry.errorCode, path: entry.target }),
  );
  return a;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (message: string) =>
  new RegExp(
    `^${message
      .split(/\{\w+\}/)
      .map(escape)
      .join('[\\s\\S]*')}$`,
  );

/** The catalogue entries an error answer fits exactly (code, status, message with its {params} filled). */
function fittingEntries(status: number, body: Record<string, unknown>): string[] {
  const apig = Object.entries(CATALOGUE as Record<string, CatalogueEntry>).filter(
    // A status fault's generic answers (fault.*) carry the status the fault asked for.
    ([key, e]) => (e.status === status || key.startsWith('fault.')) && e.code === body['error_code'] && pattern(e.message).test(String(body['error_msg'])),
  );
  const error = body['error'] as Record<string, unknown> | undefined;
  const keystone = Object.entries(KEYSTONE_CATALOGUE).filter(
    ([, e]) => e.code === status && error?.['code'] === e.code && error['message'] === e.message && error['title'] === e.title,
  );
  return [...apig, ...keystone].map(([key]) => key);
}

function answerProblem(answer: Answer): string | undefined {
  if (answer.status < 400) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return `${answer.status} on ${answer.path}: body is not JSON: ${answer.body.slice(0, 100)}`;
  }
  const fits = fittingEntries(answer.status, body);
  if (fits.length === 0) return `${answer.status} on ${answer.path}: ${answer.body.slice(0, 160)} is in no catalogue entry`;
  if (answer.rule !== undefined && !fits.includes(answer.rule)) return `${answer.path}: the journal says ${answer.rule}, the answer fits ${fits.join(', ')}`;
  if (answer.rule !== undefined && answer.errorCode !== (CATALOGUE as Record<string, CatalogueEntry>)[answer.rule]?.code)
    return `${answer.path}: journal error code ${answer.errorCode} is not ${answer.rule}'s`;
  const keyed = body['error_code'] !== undefined;
  // A model's own refusals (model.*, the dispatcher's modelarts.* it renders) are the model's answer, not a gateway rule.
  if (keyed && answer.rule === undefined && !fits.some((k) => k.startsWith('modelarts.') || k.startsWith('model.')))
    return `${answer.path}: an APIG error without a rule in the journal`;
  return undefined;
}

const json = (deep: number) => '['.repeat(deep) + ']'.repeat(deep);

/**
 * One scripted scenario per rule (or several): its name lists the entries it must reach
 * (`a.b / c` is a.b and a.c; `keystone.*` every Keystone entry), and every answer it gets must be an entry.
 */
function entriesNamed(name: string): string[] {
  const [first, ...rest] = name.replace(/\s*\(.*\)$/, '').split(' / ');
  if (first === 'keystone.*') return Object.keys(KEYSTONE_CATALOGUE);
  const prefix = first!.slice(0, first!.indexOf('.') + 1);
  return [first!, ...rest.map((r) => (r.includes('.') ? r : prefix + r))];
}

const SCENARIOS: Array<[string, () => Promise<unknown>]> = [
  ['route.not-found', () => post(app(), '/v1/infers/no-such-service')],
  ['route.method-not-found', () => send(app({ behaviour: { methodNotAllowed: 'apig-0101' } }), 'GET', IRIS)],
  ['request.uri-too-large', () => post(app({ limits: { maxUriBytes: 256 } }), `${IRIS}?q=${'x'.repeat(400)}`)],
  ['request.headers-too-large', () => post(app({ limits: { maxHeaderBytes: 256 } }), IRIS, { 'X-Big': 'x'.repeat(400) })],
  ['request.body-too-large', () => post(app({ limits: { maxBodyBytes: 16 } }), IRIS, {}, IRIS_BODY)],
  ['iam.token-missing', () => post(app(), IRIS)],
  ['iam.token-undecodable', () => post(app(), IRIS, { 'X-Auth-Token': 'MIInot-a-token' })],
  [
    'iam.token-expired / iam.token-must-be-updated',
    async () => {
      for (const expiredToken of ['token-expires', 'must-be-updated'] as const) {
        const a = app({ behaviour: { expiredToken } });
        const { token } = await issueToken(a);
        a.gateway.clock.advance(25 * HOUR);
        await post(a, IRIS, { 'X-Auth-Token': token });
      }
    },
  ],
  ['iam.ak-unknown', () => signed(app(), { path: IRIS, credentials: { accessKey: 'NOSUCHAK0000000001', secretKey: 'x' } }).test],
  ['iam.signature-mismatch', () => signed(app(), { path: IRIS, credentials: { ...AKSK, secretKey: 'wrong' } }).test],
  ['iam.signature-expired', () => signed(app(), { path: IRIS, credentials: AKSK, date: Date.parse('2026-11-23T08:30:00Z') }).test],
  [
    'iam.ak-locked',
    async () => {
      const a = app();
      for (let i = 0; i < 7; i++) await signed(a, { path: IRIS, credentials: { ...AKSK, secretKey: 'wrong' } }).test;
    },
  ],
  ['iam.authorization-malformed', () => post(app(), IRIS, { Authorization: `SDK-HMAC-SHA256 Access=x, Foo=y, Signature=${SIG}` })],
  ['iam.algorithm-unknown', () => post(app(), IRIS, { Authorization: `SDK-SM2-SM3 Access=x, SignedHeaders=host, Signature=${SIG}` })],
  ['iam.access-missing', () => post(app(), IRIS, { Authorization: `SDK-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}` })],
  [
    'iam.signed-headers-repeated',
    () => post(app(), IRIS, { Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=host;host, Signature=${SIG}` }),
  ],
  ['iam.date-missing', () => post(app(), IRIS, { Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=host;x-sdk-date, Signature=${SIG}` })],
  [
    'iam.date-malformed',
    () =>
      post(app(), IRIS, { Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=host;x-sdk-date, Signature=${SIG}`, 'X-Sdk-Date': 'yesterday' }),
  ],
  [
    'iam.signed-header-missing',
    () =>
      post(app(), IRIS, {
        Authorization: `SDK-HMAC-SHA256 Access=${C.accessKey}, SignedHeaders=host;x-absent;x-sdk-date, Signature=${SIG}`,
        'X-Sdk-Date': '20261123T090000Z',
      }),
  ],
  ['iam.security-token-invalid', () => signed(app(), { path: IRIS, credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey } }).test],
  [
    'iam.security-token-unsigned',
    () =>
      signed(app({ behaviour: { securityToken: 'signed' } }), {
        path: IRIS,
        credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey },
        unsignedHeaders: { 'X-Security-Token': C.securityToken },
      }).test,
  ],
  ['app.credentials-missing', () => post(app(), IRIS_APP)],
  ['app.key-unknown', () => post(app(), IRIS_APP, { apikey: 'no-such-app-key-01' })],
  ['app.signature-mismatch', () => signed(app(), { path: IRIS_APP, credentials: { ...APP_CREDS, secretKey: 'wrong' } }).test],
  ['app.signature-expired', () => signed(app(), { path: IRIS_APP, credentials: APP_CREDS, date: Date.parse('2026-11-23T09:20:00Z') }).test],
  ['app.authorization-malformed', () => post(app(), IRIS_APP, { Authorization: `SDK-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=short` })],
  ['app.algorithm-unknown', () => post(app(), IRIS_APP, { Authorization: `V12-HMAC-SHA256 Access=x, SignedHeaders=host, Signature=${SIG}` })],
  ['app.access-missing', () => post(app(), IRIS_APP, { Authorization: `SDK-HMAC-SHA256 SignedHeaders=host, Signature=${SIG}` })],
  [
    'app.signed-headers-repeated',
    () => post(app(), IRIS_APP, { Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=host;host, Signature=${SIG}` }),
  ],
  ['app.date-missing', () => post(app(), IRIS_APP, { Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=host;x-sdk-date, Signature=${SIG}` })],
  [
    'app.date-malformed',
    () =>
      post(app(), IRIS_APP, {
        Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=host;x-sdk-date, Signature=${SIG}`,
        'X-Sdk-Date': '2026-11-23',
      }),
  ],
  [
    'app.signed-header-missing',
    () =>
      post(app(), IRIS_APP, {
        Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=host;x-absent;x-sdk-date, Signature=${SIG}`,
        'X-Sdk-Date': '20261123T090000Z',
      }),
  ],
  ['modelarts.empty-request', () => signed(app(), { path: IRIS, credentials: AKSK, body: '' }).test],
  ['app.appcode-unknown', () => post(app(), IRIS_APP, { 'X-Apig-AppCode': 'not-an-app-code' })],
  ['app.not-authorized', () => signed(app(), { path: IRIS_APP, credentials: { accessKey: C.unboundAppKey, secretKey: C.unboundAppSecret } }).test],
  [
    'throttle.api',
    async () => {
      const a = app({ limits: { apiRateLimitPerSecond: 1 } });
      await post(a, IRIS, { apikey: 'x' });
      await post(a, IRIS_APP, { 'X-Apig-AppCode': C.appCode });
      await post(a, IRIS_APP, { 'X-Apig-AppCode': C.appCode });
    },
  ],
  [
    'modelarts.domain-token / foreign-token / token-region / method-not-allowed',
    async () => {
      const a = app();
      await post(a, IRIS, { 'X-Auth-Token': (await issueToken(a, { scope: undefined })).token });
      await post(a, IRIS, { 'X-Auth-Token': (await issueToken(a, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount })).token });
      await post(a, IRIS, { 'X-Auth-Token': (await issueToken(a, { scope: { project: { name: 'cn-east-3' } } })).token });
      await send(a, 'GET', IRIS).set('X-Auth-Token', (await issueToken(a)).token);
    },
  ],
  ['modelarts.foreign-aksk', () => signed(app(), { path: IRIS, credentials: { accessKey: C.otherAccessKey, secretKey: C.otherSecretKey } }).test],
  [
    'modelarts.service-stopped / service-unavailable',
    async () => {
      const a = app();
      await post(a, `/v1/infers/${S.stopped}`, { 'X-Auth-Token': (await issueToken(a)).token });
      await post(a, `/v1/infers/${S.deleted}`, { 'X-Auth-Token': (await issueToken(a)).token });
    },
  ],
  ['modelarts.bad-json', () => signed(app(), { path: IRIS, credentials: AKSK, body: '{"data":' }).test],
  ['modelarts.json-too-complex', () => signed(app({ limits: { maxJsonDepth: 8 } }), { path: IRIS, credentials: AKSK, body: json(20) }).test],
  [
    'backend.timeout / modelarts.timeout',
    async () => {
      const services = demoWorld().services.map((s) => (s.id === S.slow ? { ...s, delayMs: 200 } : s));
      for (const backendTimeoutError of ['apig', 'modelarts'] as const) {
        const a = app({ world: { services }, limits: { backendTimeoutMs: 20 }, behaviour: { backendTimeoutError }, clock: {} });
        await signed(a, { path: `/v1/infers/${S.slow}`, credentials: AKSK }).test;
      }
    },
  ],
  [
    `${[...new Set(Object.values(NAMED_FAULTS))].join(' / ')} / fault.client-error / fault.server-error (injected faults)`,
    async () => {
      const a = app();
      const faults: Fault[] = [
        ...Object.keys(NAMED_FAULTS).map((name) => faultSchema.parse({ fault: name })),
        faultSchema.parse({ status: 418 }),
        faultSchema.parse({ status: 501 }),
      ];
      for (const fault of faults) {
        a.gateway.faults.set(S.iris, fault);
        await signed(a, { path: IRIS, credentials: AKSK, body: IRIS_BODY }).test;
      }
      a.gateway.faults.clear();
    },
  ],
  [
    'modelarts.api-not-found / api-method-not-found (APIs a service does not declare)',
    async () => {
      await post(app(), `${IRIS}/no-such-api`, { 'X-Auth-Token': (await issueToken(app())).token }, IRIS_BODY);
      const a = app({ behaviour: { methodNotAllowed: 'modelarts-4204' } });
      await send(a, 'GET', IRIS).set('X-Auth-Token', (await issueToken(a)).token);
    },
  ],
  [
    'model.file-missing / not-an-image (the image presets)',
    async () => {
      const a = app();
      const { token } = await issueToken(a);
      await request(a).post(`/v1/infers/${S.image}`).set('X-Auth-Token', token).attach('file', Buffer.from('\x89PNG\r\n\x1a\n0000'), 'a.png');
      await request(a).post(`/v1/infers/${S.image}`).set('X-Auth-Token', token).attach('images', Buffer.from('just text'), 'a.txt');
    },
  ],
  [
    'app.simple-auth-https-only (AppCode over plain HTTP, behaviour.simpleAuthOverHttp refuse)',
    () => post(app({ behaviour: { simpleAuthOverHttp: 'refuse' } }), IRIS_APP, { 'X-Apig-AppCode': C.appCode }, IRIS_BODY),
  ],
  ['route.not-found (OPTIONS without CORS)', () => request(app()).options(IRIS).set('Origin', 'https://x.example')],
  [
    'keystone.*',
    async () => {
      const a = app();
      const tokens = () => request(a).post('/v3/auth/tokens').set('Content-Type', 'application/json');
      await tokens().send('not json');
      const auth = (password: string, scope: object) =>
        JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: C.user, password, domain: { name: C.account } } } }, scope } });
      await tokens().send(auth('wrong', { project: { name: 'cn-north-4' } }));
      await tokens().send(auth(C.password, { project: { name: 'no-such-project' } }));
      await request(a).get('/v3/auth/tokens');
      await request(a)
        .get('/v3/auth/tokens')
        .set('X-Auth-Token', (await issueToken(a)).token)
        .set('X-Subject-Token', 'MIIbogus');
      await request(a).put('/v3/auth/tokens');
      await request(a)
        .post(IAM_SECURITY_TOKENS_PATH)
        .set('Content-Type', 'application/json')
        .set('X-Auth-Token', (await issueToken(a)).token)
        .send(JSON.stringify({ auth: { identity: { methods: ['token'], token: { duration_seconds: 60 } } } }));
    },
  ],
  [
    'iam.ak-rejected (a disabled AK, behaviour.disabledAccessKey unauthorized)',
    async () => {
      const a = app({ behaviour: { disabledAccessKey: 'unauthorized' } });
      a.gateway.world.disableAccessKey(AKSK.accessKey);
      await signed(a, { path: IRIS, credentials: AKSK }).test;
    },
  ],
  [
    'iam.temporary-key-expired (an issued temporary AK/SK past its expires_at)',
    async () => {
      const a = app();
      const issued = await request(a)
        .post(IAM_SECURITY_TOKENS_PATH)
        .set('Content-Type', 'application/json')
        .set('X-Auth-Token', (await issueToken(a)).token)
        .send(JSON.stringify({ auth: { identity: { methods: ['token'] } } }));
      const { access, secret, securitytoken } = issued.body.credential;
      a.gateway.clock.setOffset(a.gateway.clock.state().offsetMs + 16 * 60_000);
      await signed(a, { path: IRIS, credentials: { accessKey: access, secretKey: secret, securityToken: securitytoken } }).test;
    },
  ],
];

describe('every answer the mock gives is a catalogue entry', () => {
  it.each(SCENARIOS)('%s', async (_, run) => {
    const before = answers.length;
    await run();
    const mine = answers.slice(before);
    expect(mine.map(answerProblem).filter(Boolean)).toEqual([]);
    const reached = new Set(mine.flatMap((a) => (a.status >= 400 ? [a.rule ?? fittingEntries(a.status, JSON.parse(a.body))].flat() : [])));
    expect(entriesNamed(_).filter((key) => !reached.has(key))).toEqual([]);
  });

  afterAll(() => {
    // The scripted set reaches every entry but those only a broken process, a raw socket or an injected fault can produce.
    const hit = new Set(answers.flatMap((a) => (a.status >= 400 ? fittingEntries(a.status, JSON.parse(a.body)) : [])));
    const byOtherMeans: string[] = ['request.bad', 'request.timeout', 'request.busy', 'request.expectation-failed', 'backend.unavailable', 'gateway.internal'];
    const missed = [...Object.keys(CATALOGUE), ...Object.keys(KEYSTONE_CATALOGUE)].filter((key) => !hit.has(key) && !byOtherMeans.includes(key));
    // Entries that share code, status and text (e.g. access-missing and authorization-malformed) are hit together.
    expect(missed).toEqual([]);
  });
});

describe('the listener’s last resort', () => {
  it('a gateway that fails outright still answers the catalogue’s 500 APIG.0601, with a request id, never a stack', async () => {
    const failing = { handle: () => Promise.reject(new Error('boom: internal detail')), catalogue: new ErrorCatalogue() } as unknown as Gateway;
    const server = createServer(createRequestListener(failing));
    const res = await request(server).post(IRIS).send('{}');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error_code: 'APIG.0601', error_msg: 'Internal server error.', request_id: res.headers['x-request-id'] });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers['server']).toBe('api-gateway');
    expect(res.text).not.toContain('boom');
    // A 500 status fault's generic answer (fault.server-error) has the same words.
    expect(fittingEntries(500, res.body)).toContain('gateway.internal');
  });

  it('uses the configured message, as every catalogue answer does', async () => {
    const catalogue = new ErrorCatalogue({ 'gateway.internal': 'Something broke.' });
    const failing = { handle: () => Promise.reject(new Error('x')), catalogue } as unknown as Gateway;
    const res = await request(createServer(createRequestListener(failing))).get('/');
    expect(res.body.error_msg).toBe('Something broke.');
  });
});

describe('statically: no module writes an error of its own', () => {
  const root = join(import.meta.dirname, '../../src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
  /** The renderers: they build the envelope, with code and words from a catalogue entry. */
  const RENDERERS = ['mock/catalogue.ts', 'mock/exchange/refusal-response.ts', 'mock/models/dispatcher-errors.ts', 'mock/iam/keystone-errors.ts'];
  const PENDING: string[] = [];
  const ERROR_SHAPE = /error_code\s*:|error_msg\s*:|\berror\s*:\s*\{|['"`](APIG|APIGW|ModelArts|IAM)\.\d{4}\b/;

  it('only the renderers build an error body or name an error code', () => {
    const offenders = files(join(root, 'mock'))
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => !RENDERERS.includes(file) && !PENDING.includes(file))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, where: `${file}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && ERROR_SHAPE.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the pattern does catch a hand-made body', () => {
    expect(ERROR_SHAPE.test(`return jsonResponse(500, { error_code: code, error_msg: 'x' });`)).toBe(true);
    expect(ERROR_SHAPE.test(`body: { error: { code: 400 } }`)).toBe(true);
    expect(ERROR_SHAPE.test(`const code = 'APIG.0601';`)).toBe(true);
    expect(ERROR_SHAPE.test(`const rule = 'gateway.internal';`)).toBe(false);
  });

  it('every entry has a basis of the three labels and a status that is an error', () => {
    const labels: Basis[] = ['documented', 'observed', 'inferred'];
    for (const [key, entry] of Object.entries(CATALOGUE as Record<ErrorKey, CatalogueEntry>)) {
      expect(labels, key).toContain(entry.basis);
      expect(entry.status, key).toBeGreaterThanOrEqual(400);
    }
    for (const [key, entry] of Object.entries(KEYSTONE_CATALOGUE)) expect(labels, key).toContain(entry.basis);
  });
});
