import {
  addressBases,
  ADMIN_PREFIX,
  ConfigError,
  describeApi,
  ModelConfigError,
  ownService,
  readModelConfigFile,
  type ServiceAddress,
  usageGuide,
  DEMO_CREDENTIALS,
  type Gateway,
  type GatewayConfig,
  type GatewayTlsOptions,
  loadConfigFile,
  ProxyWorldError,
  resolveConfig,
  type RunningHttps,
  type Service,
  startGateway,
  TlsSetupError,
  withProxyServices,
} from '../../mock/index.ts';
import { AUTH_METHODS, authMethodsOf, IAM_SECURITY_TOKENS_PATH, IAM_TOKENS_PATH } from '../../protocol/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
import { resolve } from 'node:path';
import { writeCredentialFiles } from '../write-credentials.ts';

export interface MockOptions {
  port: string;
  host: string;
  config?: string;
  json?: boolean;
  explain?: boolean;
  mode?: string;
  admin?: string;
  adminToken?: string;
  adminFilesDir?: string;
  writeCredentials?: string;
  /** A model server to put behind the gateway (IAM and app auth), e.g. http://127.0.0.1:8080. */
  proxy?: string;
  /** A ModelArts config.json: one service with its APIs, behind IAM and app auth (with --proxy: that model behind it). */
  modelConfig?: string;
  serviceName?: string;
  /** The IAM address's port: default --port + 1 (0 with --port 0); `off`: not served. */
  iamPort?: string;
  https?: boolean;
  httpsPort?: string;
  httpsOnly?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  tlsCertOut?: string;
  simpleAuthOverHttp?: string;
}

const SIMPLE_AUTH_OVER_HTTP = ['refuse-if-https', 'refuse', 'accept'] as const;

function portOf(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`${flag} must be 0-65535, not "${value}"`);
  return port;
}

/**
 * HTTPS from the flags: --https (beside HTTP, on --https-port, default --port + 1, or any free port
 * with --port 0), --https-only (alone, on --port), --tls-cert/--tls-key (your own; else one is made
 * at start), --tls-cert-out (where the generated certificate to trust is written).
 */
export function tlsOptions(options: MockOptions, port: number): GatewayTlsOptions | undefined {
  const wanted =
    options.https ||
    options.httpsOnly ||
    options.httpsPort !== undefined ||
    options.tlsCert !== undefined ||
    options.tlsKey !== undefined ||
    options.tlsCertOut !== undefined;
  if (!wanted) return undefined;
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) throw new CliError('--tls-cert and --tls-key go together');
  if (options.tlsCert !== undefined && options.tlsCertOut !== undefined)
    throw new CliError('--tls-cert-out is for the generated certificate: with --tls-cert there is none');
  if (options.httpsOnly && options.httpsPort !== undefined) throw new CliError('--https-only serves HTTPS on --port: drop --https-port');
  const httpsPort = options.httpsPort === undefined ? (port === 0 ? 0 : port + 1) : portOf('--https-port', options.httpsPort);
  if (httpsPort > 65535) throw new CliError(`--https-port defaults to --port + 1, which is past 65535: give --https-port`);
  if (!options.httpsOnly && httpsPort === port && port !== 0)
    throw new CliError(`HTTP and HTTPS cannot share port ${port}: give --https-port another, or --https-only`);
  return { only: options.httpsOnly === true, port: httpsPort, certFile: options.tlsCert, keyFile: options.tlsKey, certificateOut: options.tlsCertOut };
}

interface ProxiedServices {
  url: string;
  iam: Service;
  app?: Service | undefined;
}

export const ADMIN_TOKEN_ENV = 'APIG_KIT_ADMIN_TOKEN';

function adminConfig(options: MockOptions, base: GatewayConfig['admin']): GatewayConfig['admin'] {
  if (options.admin !== undefined && options.admin !== 'on' && options.admin !== 'off') throw new CliError(`--admin must be on or off, not "${options.admin}"`);
  const token = options.adminToken ?? process.env[ADMIN_TOKEN_ENV] ?? base.token;
  if (token !== undefined && token.length < 16) throw new CliError('the admin token must be at least 16 characters');
  const filesDir = options.adminFilesDir === undefined ? base.filesDir : options.adminFilesDir.toLowerCase() === 'off' ? false : resolve(options.adminFilesDir);
  return { ...base, enabled: options.admin === undefined ? base.enabled : options.admin === 'on', token: token || undefined, filesDir };
}

/**
 * With --model-config: the user's service, alone in the demo world (or added to --config's world),
 * its config.json read relative to the working directory; with --proxy, that model server behind it.
 */
function withOwnService(base: GatewayConfig, options: MockOptions): GatewayConfig {
  if (options.modelConfig === undefined) return base;
  let modelConfig;
  try {
    modelConfig = readModelConfigFile(options.modelConfig);
  } catch (error) {
    if (error instanceof ModelConfigError) throw new CliError(error.message);
    throw error;
  }
  const model = options.proxy === undefined ? undefined : { proxy: options.proxy };
  const service = ownService(base.world, { modelConfig, model: model as Service['model'] | undefined, name: options.serviceName });
  const services = options.config ? [...base.world.services, service] : [service];
  return resolveConfig({ ...base, world: { ...base.world, services } });
}

function buildConfig(options: MockOptions): { config: GatewayConfig; proxied?: ProxiedServices | undefined } {
  try {
    const loaded = withOwnService(options.config ? loadConfigFile(options.config) : resolveConfig(), options);
    if (options.mode !== undefined && options.mode !== 'strict' && options.mode !== 'warn')
      throw new CliError(`--mode must be strict or warn, not "${options.mode}"`);
    const simpleAuth = options.simpleAuthOverHttp;
    if (simpleAuth !== undefined && !(SIMPLE_AUTH_OVER_HTTP as readonly string[]).includes(simpleAuth))
      throw new CliError(`--simple-auth-over-http must be ${SIMPLE_AUTH_OVER_HTTP.join(', ')}, not "${simpleAuth}"`);
    // With --model-config, --proxy is the model behind that one service (withOwnService).
    const proxy = options.proxy === undefined || options.modelConfig !== undefined ? undefined : withProxyServices(loaded.world, options.proxy);
    const base = proxy ? { ...loaded, world: proxy.world } : loaded;
    const config: GatewayConfig = {
      ...base,
      admin: adminConfig(options, base.admin),
      behaviour: {
        ...base.behaviour,
        ...(options.explain ? { explain: true } : {}),
        ...(options.mode ? { mode: options.mode as 'strict' | 'warn' } : {}),
        ...(simpleAuth ? { simpleAuthOverHttp: simpleAuth as (typeof SIMPLE_AUTH_OVER_HTTP)[number] } : {}),
      },
    };
    return { config, proxied: proxy && options.proxy !== undefined ? { url: options.proxy, ...proxy.services } : undefined };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProxyWorldError) throw new CliError(error.message);
    throw error;
  }
}

const ADDRESS_TITLE = { iam: 'IAM address', app: 'App address' } as const;

function describeAddress(address: ServiceAddress): string {
  const methods = address.methods.map((m) => AUTH_METHODS[m].title).join(', ');
  return `    ${`${ADDRESS_TITLE[address.auth]} (${methods}):`.padEnd(62)} ${address.url}`;
}

const basesOf = (url: string, iamUrl: string | undefined) =>
  addressBases(iamUrl === undefined ? {} : { iamPort: Number(new URL(iamUrl).port) }, url, undefined);

/** Each service as the Usage Guides tab shows it: addresses per auth type, then its APIs. */
function describeServices(services: readonly Service[], url: string, iamUrl: string | undefined): string[] {
  return services.flatMap((s) => {
    const guide = usageGuide(s, basesOf(url, iamUrl));
    return [
      `  ${s.name} (${guide.model}, ${s.auth} auth${s.state === 'running' ? '' : `, ${s.state}`})`,
      ...guide.addresses.map(describeAddress),
      ...guide.apis.map((api) => `      ${describeApi(api)}`),
      ...(guide.warnings ?? []).map((w) => `      warning: ${w}`),
    ];
  });
}

/** How to call the --model-config service with each auth method, credentials included. */
function describeCalls(service: Service, config: GatewayConfig, url: string, iamUrl: string | undefined, health: string): string[] {
  const { world } = config;
  const user = world.users.find((u) => u.account === service.account);
  const key = user?.accessKeys[0];
  const app = world.apps.find((a) => a.name === service.boundApps[0]);
  const guide = usageGuide(service, basesOf(url, iamUrl));
  const at = (family: 'iam' | 'app') => guide.addresses.find((a) => a.auth === family)?.url ?? '(not served: --iam-port off)';
  const lines = [`Calling ${service.name}${health ? ` (model ${health})` : ''}:`];
  for (const method of [...authMethodsOf('iam'), ...authMethodsOf('app')]) {
    const family = AUTH_METHODS[method].family;
    let how = '';
    if (method === 'token' && user)
      how = `POST ${url}${IAM_TOKENS_PATH} as ${service.account}/${user.name} password ${user.password}, project ${service.project}; send X-Subject-Token as X-Auth-Token`;
    if (method === 'aksk' && key) how = `AK ${key.ak} SK ${key.sk} (SDK-HMAC-SHA256)`;
    if (method === 'app' && app) how = `AppKey ${app.key} AppSecret ${app.secret} (SDK-HMAC-SHA256)`;
    if (method === 'appcode' && app?.appCodes[0]) how = `X-Apig-AppCode: ${app.appCodes[0]}`;
    if (method === 'apikey' && app) how = `apikey: ${app.key}`;
    if (how) lines.push(`  ${AUTH_METHODS[method].title.padEnd(26)} ${how}`, `  ${''.padEnd(26)} at ${at(family)}`);
  }
  if (app?.appCodes[0]) {
    const api = guide.apis[0];
    const path = api && api.path !== '*' && api.path !== '/' ? api.path : '';
    lines.push(
      `  e.g. curl -X ${api && api.method !== '*' ? api.method : 'POST'} '${at('app')}${path}' -H 'X-Apig-AppCode: ${app.appCodes[0]}' -H 'Content-Type: application/json' -d '{}'`,
    );
  }
  lines.push('');
  return lines;
}

/**
 * The IAM address's port: --iam-port, else the next free one of --port + 1 and + 2 that HTTPS does
 * not take (any free one with --port 0); undefined for `off`.
 */
function iamPortOf(options: MockOptions, port: number, tls: GatewayTlsOptions | undefined): number | undefined {
  if (options.iamPort === 'off') return undefined;
  if (options.iamPort === undefined) return port === 0 ? 0 : tls && !tls.only && tls.port === port + 1 ? port + 2 : port + 1;
  const iamPort = Number(options.iamPort);
  if (!Number.isInteger(iamPort) || iamPort < 0 || iamPort > 65535) throw new CliError(`--iam-port must be 0-65535 or off, not "${options.iamPort}"`);
  return iamPort;
}

/** What HTTPS means for a person starting the mock: the file to trust, and how curl uses it. */
function describeHttps(https: RunningHttps, config: GatewayConfig, httpUrl: string | undefined): string[] {
  const origin = https.generated ? 'generated at start for localhost, 127.0.0.1 and ::1' : 'yours';
  const simpleAuth = config.behaviour.simpleAuthOverHttp;
  return [
    `HTTPS:    certificate to trust ${https.certificateFile} (${origin}; SHA-256 ${https.fingerprint256})`,
    `          curl --cacert ${https.certificateFile} ${https.url}/...   (or curl -k)`,
    ...(httpUrl && simpleAuth !== 'accept'
      ? ['          AppCode and apikey over plain HTTP are refused with 400 APIG.0607 (--simple-auth-over-http accept allows them)']
      : []),
  ];
}

function describeForPeople(
  httpUrl: string | undefined,
  https: RunningHttps | undefined,
  iamUrl: string | undefined,
  config: GatewayConfig,
  extra: string[] = [],
): string {
  const { world } = config;
  // The seeds call https:// URLs: with HTTPS on, those are the ones shown.
  const url = https?.url ?? httpUrl!;
  const lines = [
    `apig-kit mock gateway listening on ${[httpUrl, https?.url].filter(Boolean).join(' and ')}${iamUrl ? ` (IAM address on ${iamUrl})` : ''}`,
    `  mode ${config.behaviour.mode}${config.behaviour.explain ? ', explain on' : ''}; body cap ${config.limits.maxBodyBytes} bytes; skew window ${config.limits.maxClockSkewMs / 60000} min; backend timeout ${config.limits.backendTimeoutMs / 1000} s`,
    ...(https ? describeHttps(https, config, httpUrl) : []),
    '',
    `IAM:      POST ${url}${IAM_TOKENS_PATH}; temporary AK/SK: POST ${url}${IAM_SECURITY_TOKENS_PATH}`,
    'Services:',
    ...describeServices(world.services, url, iamUrl),
    'Credentials:',
    ...world.users.map((u) => `  user ${u.account}/${u.name} password ${u.password}; AK ${u.accessKeys.map((k) => `${k.ak} SK ${k.sk}`).join(', ') || '-'}`),
    ...world.users.flatMap((u) => u.temporaryAccessKeys.map((k) => `  temporary AK ${k.ak} SK ${k.sk} X-Security-Token ${k.securityToken}`)),
    ...world.apps.map((a) => `  app ${a.name}: AppKey ${a.key} AppSecret ${a.secret}${a.appCodes.length ? ` AppCode ${a.appCodes.join(', ')}` : ''}`),
    '',
    ...extra,
    config.admin.enabled
      ? `Admin:    ${url}${ADMIN_PREFIX}/{world,clock,journal,faults,reset,apps,users,access-keys,services}${config.admin.token === undefined ? ' (loopback only; no token)' : ' (token required)'}`
      : 'Admin:    off',
    world.users.some((u) => u.password === DEMO_CREDENTIALS.password) ? 'These are demo credentials: valid only against this mock.' : '',
    'Ctrl-C stops.',
  ];
  return lines.join('\n');
}

/** How to call the proxied model with every auth method: its two addresses and the credentials each takes. */
function describeProxied(url: string, config: GatewayConfig, proxied: ProxiedServices, health: string): string[] {
  const { world } = config;
  const owner = world.users.find((u) => u.account === proxied.iam.account);
  const key = owner?.accessKeys[0];
  const temporary = owner?.temporaryAccessKeys[0];
  const app = proxied.app && world.apps.find((a) => a.name === proxied.app!.boundApps[0]);
  const iamUrl = `${url}/v1/infers/${proxied.iam.id}`;
  const lines = [
    `Your model: ${proxied.url} (${health})`,
    `  IAM address:      ${iamUrl}`,
    owner
      ? `    token:          POST ${url}/v3/auth/tokens as ${owner.account}/${owner.name} password ${owner.password} (project ${proxied.iam.project}), then X-Auth-Token`
      : '    token:          (no user in this account)',
    key ? `    AK/SK:          AK ${key.ak} SK ${key.sk} (SDK-HMAC-SHA256 signature)` : '    AK/SK:          (no access key in this account)',
    ...(temporary ? [`    temporary AK/SK: AK ${temporary.ak} SK ${temporary.sk} X-Security-Token ${temporary.securityToken}`] : []),
  ];
  if (proxied.app && app) {
    const appUrl = `${url}/v1/infers/${proxied.app.id}`;
    lines.push(
      `  App address:      ${appUrl}`,
      `    app signature:  AppKey ${app.key} AppSecret ${app.secret}`,
      app.appCodes[0] ? `    AppCode:        X-Apig-AppCode: ${app.appCodes[0]}` : '    AppCode:        (the app has none)',
      `    apikey:         apikey: ${app.key}`,
      app.appCodes[0]
        ? `  Try:  curl -X POST ${appUrl} -H 'X-Apig-AppCode: ${app.appCodes[0]}' -H 'Content-Type: application/json' -d '{}'`
        : `  Try:  curl -X POST ${appUrl} -H 'apikey: ${app.key}' -H 'Content-Type: application/json' -d '{}'`,
    );
  } else lines.push('  App address:      (no app in this account: app auth is not offered)');
  lines.push(`  Sub-paths go on to the model: ${iamUrl}/predictions/x reaches ${proxied.url.replace(/\/+$/, '')}/predictions/x`, '');
  return lines;
}

/** The first health probe's outcome, in words for the banner (it runs on its own after that). */
async function firstHealth(gateway: Gateway, serviceId: string): Promise<string> {
  const backend = gateway.proxies.backend(serviceId);
  const health = await backend?.probe();
  const path = backend?.options.healthPath;
  if (!health || !path) return 'no health probe';
  const every = `every ${backend.options.healthIntervalMs / 1000} s`;
  if (health.state === 'healthy') return `healthy: ${health.last}, probed ${every}`;
  return `not answering yet: ${health.last}; probed ${every}, out of service after ${backend.options.healthFailureThreshold} failures in a row`;
}

/** `apig-kit mock`: the gateway and IAM on one port until SIGINT/SIGTERM. */
export async function runMock(options: MockOptions): Promise<void> {
  const port = portOf('--port', options.port);
  const tls = tlsOptions(options, port);
  const iamPort = iamPortOf(options, port, tls);
  const { config, proxied } = buildConfig(options);
  let running;
  try {
    running = await startGateway({ config, port, host: options.host, tls, iamPort });
  } catch (error) {
    if (error instanceof TlsSetupError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    // A refusal of the flags themselves (the admin API beyond loopback without a token) is a usage error.
    throw code
      ? new CliError(`cannot listen on ${options.host}:${port}${iamPort === undefined ? '' : ` and ${iamPort}`}: ${code}`, EXIT.failed)
      : new CliError((error as Error).message);
  }
  const { url, iamUrl, https } = running;
  const httpUrl = tls?.only ? undefined : url;
  let written: string[] = [];
  if (options.writeCredentials !== undefined) {
    try {
      written = writeCredentialFiles(options.writeCredentials, config.world);
    } catch (error) {
      await running.close();
      throw new CliError(`cannot write credentials to ${options.writeCredentials}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, EXIT.failed);
    }
  }
  const own = options.modelConfig === undefined ? undefined : config.world.services.at(-1);
  const ownHealth = own && options.proxy !== undefined ? `${options.proxy}: ${await firstHealth(running.gateway, own.id)}` : '';
  const health = proxied ? await firstHealth(running.gateway, proxied.iam.id) : '';
  if (options.json) {
    const proxy = proxied && {
      target: proxied.url,
      health,
      iamUrl: `${url}/v1/infers/${proxied.iam.id}`,
      appUrl: proxied.app && `${url}/v1/infers/${proxied.app.id}`,
    };
    const credentialFiles = options.writeCredentials === undefined ? {} : { credentialFiles: written };
    const httpsView = https && { url: https.url, certificateFile: https.certificateFile, fingerprint256: https.fingerprint256, generated: https.generated };
    process.stdout.write(
      `${JSON.stringify({ url, https: httpsView, ...(iamUrl ? { iamUrl } : {}), world: config.world, ...(proxy ? { proxy } : {}), ...credentialFiles })}\n`,
    );
  } else {
    const extra = [...(proxied ? describeProxied(url, config, proxied, health) : []), ...(own ? describeCalls(own, config, url, iamUrl, ownHealth) : [])];
    process.stdout.write(`${describeForPeople(httpUrl, https, iamUrl, config, extra)}\n`);
    for (const path of written) process.stdout.write(`credentials.csv written: ${path}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
