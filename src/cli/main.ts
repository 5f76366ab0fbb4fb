import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../package-root.ts';
import { CliError, EXIT, EXIT_CODES_HELP } from './cli-error.ts';
import { type ConformanceOptions, runConformance } from './commands/conformance.ts';
import { runDemo } from './commands/demo.ts';
import { runExplain } from './commands/explain.ts';
import { AUTH_METHODS, type InferOptions, runInfer } from './commands/infer.ts';
import { type MockOptions, runMock } from './commands/mock.ts';
import { runSign } from './commands/sign.ts';
import { readStdin } from './read-stdin.ts';

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('apig-kit')
    .description('Signer, verifier, mock gateway and conformance harness for Huawei Cloud APIG')
    .version(packageVersion(), '-V, --version', 'print the version of apig-kit')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('sign')
    .description('read one JSON request on stdin, print the headers to add (X-Sdk-Date, Authorization, ...) as JSON')
    .action(async () => {
      process.stdout.write(`${runSign(await readStdin())}\n`);
    });

  program
    .command('explain')
    .description('read the same JSON as `sign`, print every step of the signature')
    .option('--json', 'print the steps as JSON')
    .action(async (options: { json?: boolean }) => {
      process.stdout.write(`${runExplain(await readStdin(), options)}\n`);
    });

  program
    .command('mock')
    .description('start the mock APIG gateway and IAM (demo world unless --config)')
    .option('--port <n>', 'port (0 = any free port)', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--config <file>', 'JSON or YAML config: world, limits, behaviour, clock')
    .option('--json', 'print one JSON line {"url","world"} for tools')
    .option('--explain', 'add an apig_kit_explain field to error bodies')
    .option('--mode <mode>', 'strict (default) or warn')
    .option('--admin <on|off>', 'the admin API under /_apig-kit (off: nothing can change or read the mock from outside)')
    .option('--admin-token <token>', 'every admin call must carry this token (X-Apig-Kit-Admin-Token or Authorization: Bearer); default $APIG_KIT_ADMIN_TOKEN')
    .option('--admin-files-dir <dir|off>', 'the folder a service made through the admin API may name files in (default off: inline only)')
    .option('--write-credentials <dir>', "write each user's access keys as the console's credentials.csv: <dir>/<user>/credentials.csv")
    .option('--proxy <url>', 'put your model server behind the gateway (IAM and app auth), e.g. http://127.0.0.1:8080')
    .option('--model-config <file>', 'a ModelArts config.json: serve one service with its APIs, behind both IAM and app auth')
    .option('--service-name <name>', 'the name of the --model-config service', 'my-service')
    .option('--iam-port <n>', 'port of the IAM address, where services with app auth take token and AK/SK (default --port + 1; 0 = any free port; off)')
    .option('--https', 'also serve HTTPS, with a certificate made at start for localhost, 127.0.0.1 and ::1 (its file to trust is printed)')
    .option('--https-port <n>', 'the HTTPS port beside HTTP (default --port + 1; any free port with --port 0)')
    .option('--https-only', 'serve HTTPS alone, on --port')
    .option('--tls-cert <file>', 'your own certificate for HTTPS (PEM, chain allowed), with --tls-key')
    .option('--tls-key <file>', 'the private key of --tls-cert (PEM)')
    .option('--tls-cert-out <file>', 'write the generated certificate to trust here (default: a new file in the temp folder)')
    .option('--simple-auth-over-http <rule>', 'AppCode/apikey over plain HTTP: refuse-if-https (default: APIG.0607 while HTTPS is served), refuse, accept')
    .action(async (options: MockOptions) => {
      await runMock(options);
    });

  program
    .command('infer')
    .description('call a real-time service: apig-kit infer <service-url> --auth <method> (--json JSON | --file field=@path)')
    .argument('<service-url>', 'e.g. http://127.0.0.1:8787/v1/infers/<service id>')
    .requiredOption('--auth <method>', AUTH_METHODS.join(' | '))
    .option('--json <json>', 'JSON body')
    .option('--file <field=@path>', 'one file as multipart/form-data, e.g. images=@flower.png')
    .option('--path <sub-path>', "the service's own sub-path, e.g. /predictions/poetry")
    .option('--query <key=value...>', 'query parameters (repeatable)')
    .option('--stage <stage>', 'X-Stage', 'RELEASE')
    .option('--timeout <seconds>', 'give up after this long (default 40)')
    .option('--profile <file>', 'JSON file with credentials (same names as the flags, camelCase)')
    .option('--credentials <file>', "the console's credentials.csv: its AK/SK (the row of --user when it has several)")
    .option('--verbose', 'print the request as sent, credentials masked, on stderr')
    .option('--cacert <file>', "PEM certificates to trust over HTTPS besides the system's, e.g. the one `apig-kit mock --https` prints (default $APIG_CA_FILE)")
    .option('-k, --insecure', 'accept any HTTPS certificate, as curl -k does (only against a mock)')
    .option('--ak <ak>')
    .option('--sk <sk>')
    .option('--security-token <token>')
    .option('--token <token>', 'a ready IAM token')
    .option('--iam-url <url>')
    .option('--user <name>')
    .option('--password <password>')
    .option('--account <name>')
    .option('--project <name>')
    .option('--project-id <id>')
    .option('--app-key <key>')
    .option('--app-secret <secret>')
    .option('--app-code <code>')
    .addHelpText(
      'after',
      '\nCredentials also come from APIG_AK, APIG_SK, APIG_SECURITY_TOKEN, APIG_TOKEN, APIG_IAM_URL, APIG_USER,\nAPIG_PASSWORD, APIG_ACCOUNT, APIG_PROJECT, APIG_PROJECT_ID, APIG_APP_KEY, APIG_APP_SECRET, APIG_APP_CODE.',
    )
    .action(async (serviceUrl: string, options: InferOptions) => {
      const code = await runInfer(serviceUrl, options, { env: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(`${t}\n`) });
      if (code !== 0) throw new CliError('', code);
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('conformance')
    .description('run your client (any language) through the scenarios against the mock; verdicts come from the gateway journal')
    .requiredOption('--client <command>', 'the command that makes one request from the APIG_* variables (repeatable)', collect)
    .option('--name <label>', 'a label for each --client, in order (repeatable)', collect)
    .option('--scenarios <glob>', 'scenario files or folders (repeatable; default: the bundled fixtures/scenarios)', collect)
    .option('--known-failing <file>', 'scenario ids expected to fail: they still run, and an unexpected pass is reported')
    .option('--report <dir>', 'write results.json, junit.xml and report.html there')
    .option('--trace', 'print the full exchange and the gateway explanation of each failure (secrets masked)')
    .option('--timeout <seconds>', 'stop a client run after this long (default 60)')
    .option(
      '--https',
      'serve the mock over HTTPS only; each run gets the certificate to trust in APIG_CA_FILE (and SSL_CERT_FILE, CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS)',
    )
    .addHelpText('after', '\nThe variables each run gets are listed in fixtures/scenarios/README.md.')
    .action(async (options: ConformanceOptions) => {
      const code = await runConformance(options, { out: (t) => process.stdout.write(t) });
      if (code !== 0) throw new CliError('', code);
    });

  program
    .command('demo')
    .description('walk through signing and verifying a demo inference call')
    .action(async () => {
      process.stdout.write(`${await runDemo()}\n`);
    });

  for (const command of [program, ...program.commands]) command.addHelpText('after', EXIT_CODES_HELP);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      if (error.message) process.stderr.write(`apig-kit: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`apig-kit: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

const isEntryPoint = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint) {
  process.exitCode = await main(process.argv.slice(2));
}
