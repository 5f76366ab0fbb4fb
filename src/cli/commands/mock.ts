import { type GatewayTlsOptions, type RunningHttps, startGateway, TlsSetupError } from '../../mock/adapters/express.ts';
import { ConfigError, loadConfigFile, resolveConfig } from '../../mock/config/load-config.ts';
import { DEMO_CREDENTIALS } from '../../mock/config/demo-world.ts';
import type { GatewayConfig } from '../../mock/config/schema.ts';
import { CliError, EXIT } from '../cli-error.ts';

export interface MockOptions {
  port: string;
  host: string;
  config?: string;
  json?: boolean;
  explain?: boolean;
  mode?: string;
  admin?: string;
  adminToken?: string;
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

export const ADMIN_TOKEN_ENV = 'APIG_KIT_ADMIN_TOKEN';

function adminConfig(options: MockOptions, base: GatewayConfig['admin']): GatewayConfig['admin'] {
  if (options.admin !== undefined && options.admin !== 'on' && options.admin !== 'off') throw new CliError(`--admin must be on or off, not "${options.admin}"`);
  const token = options.adminToken ?? process.env[ADMIN_TOKEN_ENV] ?? base.token;
  if (token !== undefined && token.length < 16) throw new CliError('the admin token must be at least 16 characters');
  return { ...base, enabled: options.admin === undefined ? base.enabled : options.admin === 'on', token: token || undefined };
}

function buildConfig(options: MockOptions): GatewayConfig {
  try {
    const base = options.config ? loadConfigFile(options.config) : resolveConfig();
    if (options.mode !== undefined && options.mode !== 'strict' && options.mode !== 'warn')
      throw new CliError(`--mode must be strict or warn, not "${options.mode}"`);
    const simpleAuth = options.simpleAuthOverHttp;
    if (simpleAuth !== undefined && !(SIMPLE_AUTH_OVER_HTTP as readonly string[]).includes(simpleAuth))
      throw new CliError(`--simple-auth-over-http must be ${SIMPLE_AUTH_OVER_HTTP.join(', ')}, not "${simpleAuth}"`);
    return {
      ...base,
      admin: adminConfig(options, base.admin),
      behaviour: {
        ...base.behaviour,
        ...(options.explain ? { explain: true } : {}),
        ...(options.mode ? { mode: options.mode as 'strict' | 'warn' } : {}),
        ...(simpleAuth ? { simpleAuthOverHttp: simpleAuth as (typeof SIMPLE_AUTH_OVER_HTTP)[number] } : {}),
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
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

function describeForPeople(httpUrl: string | undefined, https: RunningHttps | undefined, config: GatewayConfig): string {
  const { world } = config;
  // The seeds call https:// URLs: with HTTPS on, those are the ones shown.
  const url = https?.url ?? httpUrl!;
  const lines = [
    `apig-kit mock gateway listening on ${[httpUrl, https?.url].filter(Boolean).join(' and ')}`,
    `  mode ${config.behaviour.mode}${config.behaviour.explain ? ', explain on' : ''}; body cap ${config.limits.maxBodyBytes} bytes; skew window ${config.limits.maxClockSkewMs / 60000} min; backend timeout ${config.limits.backendTimeoutMs / 1000} s`,
    ...(https ? describeHttps(https, config, httpUrl) : []),
    '',
    `IAM:      POST ${url}/v3/auth/tokens`,
    'Services:',
    ...world.services.map((s) => `  ${`${s.name} (${s.auth}${s.state === 'running' ? '' : `, ${s.state}`})`.padEnd(36)} ${url}/v1/infers/${s.id}`),
    'Credentials:',
    ...world.users.map((u) => `  user ${u.account}/${u.name} password ${u.password}; AK ${u.accessKeys.map((k) => `${k.ak} SK ${k.sk}`).join(', ') || '-'}`),
    ...world.users.flatMap((u) => u.temporaryAccessKeys.map((k) => `  temporary AK ${k.ak} SK ${k.sk} X-Security-Token ${k.securityToken}`)),
    ...world.apps.map((a) => `  app ${a.name}: AppKey ${a.key} AppSecret ${a.secret}${a.appCodes.length ? ` AppCode ${a.appCodes.join(', ')}` : ''}`),
    '',
    config.admin.enabled
      ? `Admin:    ${url}/_apig-kit/{world,clock,journal,faults,reset}${config.admin.token === undefined ? ' (loopback only; no token)' : ' (token required)'}`
      : 'Admin:    off',
    world.users.some((u) => u.password === DEMO_CREDENTIALS.password) ? 'These are demo credentials: valid only against this mock.' : '',
    'Ctrl-C stops.',
  ];
  return lines.join('\n');
}

/** `apig-kit mock`: the gateway and IAM on one port until SIGINT/SIGTERM. */
export async function runMock(options: MockOptions): Promise<void> {
  const port = portOf('--port', options.port);
  const tls = tlsOptions(options, port);
  const config = buildConfig(options);
  let running;
  try {
    running = await startGateway({ config, port, host: options.host, tls });
  } catch (error) {
    if (error instanceof TlsSetupError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    // A refusal of the flags themselves (the admin API beyond loopback without a token) is a usage error.
    throw code ? new CliError(`cannot listen on ${options.host}:${port}: ${code}`, EXIT.failed) : new CliError((error as Error).message);
  }
  const { url, https } = running;
  const httpUrl = tls?.only ? undefined : url;
  if (options.json) {
    const httpsView = https && { url: https.url, certificateFile: https.certificateFile, fingerprint256: https.fingerprint256, generated: https.generated };
    process.stdout.write(`${JSON.stringify({ url, https: httpsView, world: config.world })}\n`);
  } else {
    process.stdout.write(`${describeForPeople(httpUrl, https, config)}\n`);
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
