import { ADMIN_PREFIX, ConfigError, DEMO_CREDENTIALS, type GatewayConfig, loadConfigFile, resolveConfig, startGateway } from '../../mock/index.ts';
import { IAM_SECURITY_TOKENS_PATH, IAM_TOKENS_PATH } from '../../protocol/index.ts';
import { CliError, EXIT } from '../cli-error.ts';
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
  writeCredentials?: string;
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
    return {
      ...base,
      admin: adminConfig(options, base.admin),
      behaviour: {
        ...base.behaviour,
        ...(options.explain ? { explain: true } : {}),
        ...(options.mode ? { mode: options.mode as 'strict' | 'warn' } : {}),
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

function describeForPeople(url: string, config: GatewayConfig): string {
  const { world } = config;
  const lines = [
    `apig-kit mock gateway listening on ${url}`,
    `  mode ${config.behaviour.mode}${config.behaviour.explain ? ', explain on' : ''}; body cap ${config.limits.maxBodyBytes} bytes; skew window ${config.limits.maxClockSkewMs / 60000} min; backend timeout ${config.limits.backendTimeoutMs / 1000} s`,
    '',
    `IAM:      POST ${url}${IAM_TOKENS_PATH}; temporary AK/SK: POST ${url}${IAM_SECURITY_TOKENS_PATH}`,
    'Services:',
    ...world.services.map((s) => `  ${`${s.name} (${s.auth}${s.state === 'running' ? '' : `, ${s.state}`})`.padEnd(36)} ${url}/v1/infers/${s.id}`),
    'Credentials:',
    ...world.users.map((u) => `  user ${u.account}/${u.name} password ${u.password}; AK ${u.accessKeys.map((k) => `${k.ak} SK ${k.sk}`).join(', ') || '-'}`),
    ...world.users.flatMap((u) => u.temporaryAccessKeys.map((k) => `  temporary AK ${k.ak} SK ${k.sk} X-Security-Token ${k.securityToken}`)),
    ...world.apps.map((a) => `  app ${a.name}: AppKey ${a.key} AppSecret ${a.secret}${a.appCodes.length ? ` AppCode ${a.appCodes.join(', ')}` : ''}`),
    '',
    config.admin.enabled
      ? `Admin:    ${url}${ADMIN_PREFIX}/{world,clock,journal,faults,reset,apps,users,access-keys,services}${config.admin.token === undefined ? ' (loopback only; no token)' : ' (token required)'}`
      : 'Admin:    off',
    world.users.some((u) => u.password === DEMO_CREDENTIALS.password) ? 'These are demo credentials: valid only against this mock.' : '',
    'Ctrl-C stops.',
  ];
  return lines.join('\n');
}

/** `apig-kit mock`: the gateway and IAM on one port until SIGINT/SIGTERM. */
export async function runMock(options: MockOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0-65535, not "${options.port}"`);
  const config = buildConfig(options);
  let running;
  try {
    running = await startGateway({ config, port, host: options.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A refusal of the flags themselves (the admin API beyond loopback without a token) is a usage error.
    throw code ? new CliError(`cannot listen on ${options.host}:${port}: ${code}`, EXIT.failed) : new CliError((error as Error).message);
  }
  const { url } = running;
  let written: string[] = [];
  if (options.writeCredentials !== undefined) {
    try {
      written = writeCredentialFiles(options.writeCredentials, config.world);
    } catch (error) {
      await running.close();
      throw new CliError(`cannot write credentials to ${options.writeCredentials}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, EXIT.failed);
    }
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ url, world: config.world, ...(options.writeCredentials === undefined ? {} : { credentialFiles: written }) })}\n`);
  } else {
    process.stdout.write(`${describeForPeople(url, config)}\n`);
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
