/**
 * Hostile clients against a spawned `apig-kit mock` (issue 10): for each row of the issue's table,
 * the figure the closing note needs (status, peak RSS of the mock process, latency of other clients,
 * whether the process survived, body sizes). Run it against the code before and after the fixes:
 *
 *   npx tsx bench/hostile-clients.ts --repo ../apig-kit-before --label before [--out before.json] [--rows 1,2,3]
 *   npx tsx bench/hostile-clients.ts --repo . --label after
 *   npx tsx bench/hostile-clients.ts --merge before.json after.json      # one before/after table
 *
 * Loopback only (row 7's `--host 0.0.0.0` start is killed as soon as it prints its URL). Every loop is
 * bounded in count and time; each mock is a fresh process, stopped after its row; the whole run stops
 * itself after RUN_DEADLINE_MS. Linux only (/proc/<pid>/status, /proc/net/tcp).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { issueToken } from '../src/mock/iam/token-codec.ts';
import { formatSdkDate, signRequest } from '../src/protocol/index.ts';

// ---------------------------------------------------------------- arguments, output

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};

interface Figure {
  row: string;
  label: string;
  measure: string;
  value: string;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

if (argv[0] === '--merge') {
  const [a, b] = [argv[1]!, argv[2]!].map((f) => JSON.parse(readFileSync(f, 'utf8')) as Figure[]) as [Figure[], Figure[]];
  const labels = [a[0]?.label ?? 'A', b[0]?.label ?? 'B'];
  const keys: string[] = [];
  const seen = new Map<string, [string, string]>();
  for (const [side, list] of [a, b].entries()) {
    for (const f of list) {
      const key = `${f.row}\u0000${f.measure}`;
      if (!seen.has(key)) {
        seen.set(key, ['', '']);
        keys.push(key);
      }
      seen.get(key)![side] = f.value;
    }
  }
  printTable(
    ['row', 'measure', ...labels],
    keys.map((k) => [...k.split('\u0000'), ...seen.get(k)!]),
  );
  process.exit(0);
}

const REPO = resolve(arg('--repo') ?? join(import.meta.dirname, '..'));
const LABEL = arg('--label') ?? REPO;
const OUT = arg('--out');
const ONLY = arg('--rows')?.split(',');
const BIN = join(REPO, 'bin/apig-kit.js');
if (!existsSync(BIN)) throw new Error(`no ${BIN}`);

const RUN_DEADLINE_MS = 12 * 60_000;
const figures: Figure[] = [];
function note(row: string, measure: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  figures.push({ row, label: LABEL, measure, value: text });
  console.error(`[${LABEL}] ${row} ${measure}: ${text}`);
}

// ---------------------------------------------------------------- demo credentials (public)

const C = {
  appKey: 'demo-app-key-0001',
  appSecret: 'demoAppSecretApigKit000000000000001',
  appCode: 'demoAppCodeApigKit0000000000000000000000000000000000000000000000001',
  ak: 'DEMOAKAPIGKIT00000001',
  sk: 'demoSecretKeyApigKit0000000000000000000001',
  user: 'demo-user',
  password: 'Demo-Passw0rd!',
  account: 'apigkit-demo',
  project: 'cn-north-4',
  demoTokenKey: 'apig-kit-demo-token-key-20261123',
};
const ZERO_SIG = '0'.repeat(64);
const IRIS_BODY = '{"data":{"req_data":[{"sepal_length":5,"sepal_width":3,"petal_length":1.4,"petal_width":0.2}]}}';
const LOGIN_BODY = JSON.stringify({
  auth: {
    identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
    scope: { project: { name: C.project } },
  },
});

// ---------------------------------------------------------------- the mock process

interface World {
  tokenSigningKey?: string;
  accounts: Array<{ name: string; id: string; projects: Array<{ id: string; name: string }> }>;
  users: Array<{ id: string; name: string; account: string }>;
  apps: unknown[];
  services: Array<{ id: string; name: string; auth: string; model: string; state: string }>;
  [k: string]: unknown;
}

interface Mock {
  url: string;
  port: number;
  pid: number;
  world: World;
  ids: { iris: string; irisApp: string; echoApp: string; echo: string };
  alive(): boolean;
  exitInfo(): string;
  stderr(): string;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
const tempFiles = new Set<string>();

function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const f of tempFiles) rmSync(f, { force: true });
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

function serviceId(world: World, name: string): string {
  const s = world.services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name}`);
  return s.id;
}

async function startMock(options: { args?: string[]; config?: object; nodeArgs?: string[]; host?: string } = {}): Promise<Mock> {
  const args = [...(options.nodeArgs ?? []), BIN, 'mock', '--port', '0', '--host', options.host ?? '127.0.0.1', '--json', ...(options.args ?? [])];
  if (options.config) {
    const file = join(tmpdir(), `hostile-clients-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(options.config));
    tempFiles.add(file);
    args.push('--config', file);
  }
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([l]) => l as string),
    exited.then(() => Promise.reject(new Error(`mock exited (${child.exitCode ?? child.signalCode}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`))),
    sleep(30_000).then(() => Promise.reject(new Error('mock did not start in 30 s'))),
  ]);
  lines.on('line', () => undefined);
  const { url, world } = JSON.parse(first) as { url: string; world: World };
  const mock: Mock = {
    url,
    port: Number(new URL(url).port),
    pid: child.pid!,
    world,
    ids: {
      iris: serviceId(world, 'iris-classifier'),
      irisApp: serviceId(world, 'iris-classifier-app'),
      echoApp: serviceId(world, 'echo-app'),
      echo: serviceId(world, 'echo'),
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    exitInfo: () => (child.exitCode === null && child.signalCode === null ? 'running' : `exited code=${child.exitCode} signal=${child.signalCode}`),
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
  return mock;
}

// ---------------------------------------------------------------- memory

const MB = 1024 * 1024;
const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / MB).toFixed(0)} MB` : '-');

function procBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Peak RSS from now on: resets VmHWM (clear_refs 5) and samples VmRSS as a fallback. */
function watchPeak(pid: number, everyMs = 100): { peak(): number; stop(): number } {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    /* an older kernel: the sampled maximum only */
  }
  let max = procBytes(pid, 'VmRSS') || 0;
  const timer = setInterval(() => {
    const now = procBytes(pid, 'VmRSS');
    if (now > max) max = now;
  }, everyMs);
  const peak = () => Math.max(max, procBytes(pid, 'VmHWM') || 0);
  return {
    peak,
    stop() {
      clearInterval(timer);
      return peak();
    },
  };
}

// ---------------------------------------------------------------- HTTP clients

interface Answer {
  status?: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
  error?: string;
}

function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolveAnswer) => {
    let done = false;
    const finish = (a: Omit<Answer, 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolveAnswer({ ...a, ms: performance.now() - started });
    };
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => finish({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), error: e.message }));
    });
    const timer = setTimeout(() => {
      finish({ headers: {}, body: Buffer.alloc(0), error: `timeout>${options.timeoutMs}ms` });
      req.destroy();
    }, options.timeoutMs ?? 30_000);
    req.on('error', (e: NodeJS.ErrnoException) => finish({ headers: {}, body: Buffer.alloc(0), error: e.code ?? e.message }));
    req.end(options.body);
  });
}

const statusOf = (a: Answer) => (a.status !== undefined ? String(a.status) : (a.error ?? '?'));
function errorCode(a: Answer): string {
  try {
    const j = JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;
    if (typeof j['error_code'] === 'string') return j['error_code'];
    const e = j['error'];
    if (typeof e === 'string') return `error:${e.slice(0, 80)}`;
    if (e && typeof e === 'object') return `keystone ${(e as Record<string, unknown>)['code']}`;
    return 'json';
  } catch {
    return a.body.length ? `not JSON: ${JSON.stringify(a.body.subarray(0, 60).toString('latin1'))}` : 'empty';
  }
}
const describe = (a: Answer) => `${statusOf(a)} ${errorCode(a)}`;

/** The journal as a reading client gets it. */
async function journal(mock: Mock, query = '', timeoutMs = 60_000): Promise<{ answer: Answer; entries?: Array<Record<string, unknown>>; problem?: string }> {
  const answer = await call(`${mock.url}/_apig-kit/journal${query}`, { timeoutMs });
  try {
    const j = JSON.parse(answer.body.toString('utf8')) as { entries?: Array<Record<string, unknown>>; error?: string };
    if (!Array.isArray(j.entries)) return { answer, problem: `no entries: ${answer.body.subarray(0, 100).toString()}` };
    return { answer, entries: j.entries };
  } catch (e) {
    return { answer, problem: `not JSON (${answer.error ?? (e as Error).message})` };
  }
}

interface RawAnswer {
  text: string;
  closed: boolean;
  ms: number;
}

/** Raw bytes over node:net; collects until the server closes or `waitMs` after the last write. */
async function raw(port: number, data: string | Buffer, waitMs = 3000): Promise<RawAnswer> {
  const socket = connect({ port, host: '127.0.0.1' });
  const started = performance.now();
  const received: Buffer[] = [];
  let closed = false;
  socket.on('data', (c: Buffer) => received.push(c));
  socket.on('error', () => undefined);
  const closing = once(socket, 'close').then(() => (closed = true));
  await once(socket, 'connect');
  socket.write(data);
  await Promise.race([closing, sleep(waitMs)]);
  socket.destroy();
  return { text: Buffer.concat(received).toString('latin1'), closed, ms: performance.now() - started };
}

/** Status lines and headers of each response in a raw answer (interim 1xx included). */
function rawResponses(text: string): Array<{ statusLine: string; headers: Record<string, string>; body: string }> {
  const out: Array<{ statusLine: string; headers: Record<string, string>; body: string }> = [];
  let rest = text;
  while (rest.startsWith('HTTP/')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end === -1) {
      out.push({ statusLine: rest.split('\r\n')[0]!, headers: {}, body: '' });
      break;
    }
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const i = l.indexOf(':');
      if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
    }
    rest = rest.slice(end + 4);
    const code = Number(statusLine!.split(' ')[1]);
    if (code >= 100 && code < 200) {
      out.push({ statusLine: statusLine!, headers, body: '' });
      continue;
    }
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      let body = '';
      for (;;) {
        const lineEnd = rest.indexOf('\r\n');
        const size = lineEnd === -1 ? NaN : parseInt(rest.slice(0, lineEnd), 16);
        if (!Number.isFinite(size)) break;
        body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
        rest = rest.slice(lineEnd + 2 + size + 2);
        if (size === 0) break;
      }
      out.push({ statusLine: statusLine!, headers, body });
      continue;
    }
    const length = Number(headers['content-length'] ?? rest.length);
    out.push({ statusLine: statusLine!, headers, body: rest.slice(0, length) });
    rest = rest.slice(length);
  }
  return out;
}

/** A JSON object (an error body), not just any JSON text. */
const isJson = (text: string) => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object';
  } catch {
    return false;
  }
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}
const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : '-');
const tally = (list: string[]) =>
  Object.entries(list.reduce<Record<string, number>>((acc, s) => ((acc[s] = (acc[s] ?? 0) + 1), acc), {}))
    .map(([k, n]) => `${n}x ${k}`)
    .join(', ');

// ---------------------------------------------------------------- server-side sockets (/proc/net/tcp)

/** Remote ports of the TCP connections the mock process holds open on its port (LISTEN excluded). */
function serverConnections(pid: number, port: number): Set<number> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        /* closed meanwhile */
      }
    }
  } catch {
    return new Set();
  }
  const remotes = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const localPort = parseInt(f[1]!.split(':')[1]!, 16);
      if (localPort !== port || f[3] === '0A' || !inodes.has(f[9]!)) continue;
      remotes.add(parseInt(f[2]!.split(':')[1]!, 16));
    }
  }
  return remotes;
}

// ---------------------------------------------------------------- signed and credentialed calls

function signedHeaders(url: string, body: string, ak: string, sk: string): Record<string, string> {
  const headers = { 'Content-Type': 'application/json' };
  const signed = signRequest({ method: 'POST', url, headers, body }, { accessKey: ak, secretKey: sk }, { date: new Date() });
  return { ...headers, ...signed.headers };
}

const sdkDateNow = () => formatSdkDate(Date.now());

function akskCall(mock: Mock, timeoutMs: number): Promise<Answer> {
  const url = `${mock.url}/v1/infers/${mock.ids.iris}`;
  return call(url, { method: 'POST', headers: signedHeaders(url, IRIS_BODY, C.ak, C.sk), body: IRIS_BODY, timeoutMs });
}
function appCodeCall(mock: Mock, timeoutMs: number, serviceId = mock.ids.irisApp): Promise<Answer> {
  return call(`${mock.url}/v1/infers/${serviceId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Apig-AppCode': C.appCode },
    body: IRIS_BODY,
    timeoutMs,
  });
}
function loginCall(mock: Mock, timeoutMs: number): Promise<Answer> {
  return call(`${mock.url}/v3/auth/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: LOGIN_BODY, timeoutMs });
}

// ---------------------------------------------------------------- rows

/** An IAM login whose body is written 50 ms after its headers (as Python's http.client does): it is not "arrived with its headers". */
async function splitLoginCall(mock: Mock, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  const socket = connect({ port: mock.port, host: '127.0.0.1' });
  socket.setNoDelay(true);
  let text = '';
  socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
  socket.on('error', () => undefined);
  const got = new Promise<void>((resolveGot) => {
    const check = () => /^HTTP\/1\.1 \d{3}/.test(text) && resolveGot();
    socket.on('data', check);
    socket.on('close', () => resolveGot());
  });
  await once(socket, 'connect');
  socket.write(
    `POST /v3/auth/tokens HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(LOGIN_BODY)}\r\n\r\n`,
  );
  await sleep(50);
  socket.write(LOGIN_BODY);
  const timedOut = await Promise.race([got.then(() => false), sleep(timeoutMs).then(() => true)]);
  socket.destroy();
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
  return {
    status: status ? Number(status) : undefined,
    headers: {},
    body: Buffer.alloc(0),
    ms: performance.now() - started,
    error: timedOut ? `timeout>${timeoutMs}ms` : status ? undefined : 'closed',
  };
}

/** Row 1: a header named ~16,300 times in SignedHeaders. */
async function row1(): Promise<void> {
  const headerValue = 'x'.repeat(32 * 1024 - 16);
  const build = (n: number) => (mock: Mock) => ({
    'Content-Type': 'application/json',
    'X-Sdk-Date': sdkDateNow(),
    a: headerValue,
    Authorization: authorizationFor(n),
    'X-Apig-Kit-Test-Id': `row1-${n}`,
    Host: `127.0.0.1:${mock.port}`,
  });
  // As many mentions as fit in one 32 KB Authorization header (the mock's per-header limit): ~16,300.
  const authorizationFor = (n: number) =>
    `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=${Array(n).fill('a').join(';')};host;x-sdk-date, Signature=${ZERO_SIG}`;
  const mentions = Math.floor((32 * 1024 - 'authorization'.length - 2 - authorizationFor(0).length) / 2);
  let mock = await startMock();
  try {
    const headers = build(mentions)(mock);
    const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + 4 + v.length, 0);
    note('1', 'header block sent', `${(headerBytes / 1024).toFixed(1)} KB, ${mentions} mentions of a 32 KB header`);
    note('1', 'RSS at start', mb(procBytes(mock.pid, 'VmRSS')));
    const url = `${mock.url}/v1/infers/${mock.ids.echoApp}`;
    const statuses: string[] = [];
    for (let i = 1; i <= 3; i++) {
      if (!mock.alive()) {
        statuses.push('process gone');
        break;
      }
      const peak = watchPeak(mock.pid);
      const a = await call(url, { method: 'POST', headers: build(mentions)(mock), body: '{}', timeoutMs: 90_000 });
      const p = peak.stop();
      statuses.push(describe(a));
      if (i === 1) {
        note('1', '#1 status', describe(a));
        note('1', '#1 time to answer', ms(a.ms));
        note('1', '#1 peak RSS', mb(p));
        note('1', '#1 401 body size', `${a.body.length} B`);
        const j = await journal(mock, '?limit=5');
        note(
          '1',
          'journal GET after #1',
          j.entries ? `${j.answer.status} JSON, ${j.entries.length} entries, ${j.answer.body.length} B` : `${statusOf(j.answer)} ${j.problem}`,
        );
      } else {
        note('1', `#${i} status / time / peak RSS`, `${describe(a)} / ${ms(a.ms)} / ${mb(p)}`);
      }
      await sleep(300);
    }
    note(
      '1',
      'process after 3 sends',
      mock.alive()
        ? `alive, RSS ${mb(procBytes(mock.pid, 'VmRSS'))}`
        : `${mock.exitInfo()}; stderr: ${/Reached heap limit|heap out of memory|FATAL[^\n]*/.exec(mock.stderr())?.[0] ?? mock.stderr().trim().split('\n').slice(-1)[0]}`,
    );
  } finally {
    await mock.stop();
  }
  mock = await startMock();
  try {
    const a = await call(`${mock.url}/v1/infers/${mock.ids.echoApp}`, { method: 'POST', headers: build(1000)(mock), body: '{}', timeoutMs: 60_000 });
    note('1', '1,000 mentions: status, body size', `${describe(a)}, ${(a.body.length / MB).toFixed(2)} MB (${a.body.length} B), ${ms(a.ms)}`);
  } finally {
    await mock.stop();
  }
}

/** Row 2: trickling uploads; latency of other clients meanwhile. */
async function row2(): Promise<void> {
  const variants: Array<{ name: string; cl: number; chunked: number; burst?: number }> = [
    { name: '2a 4 x Content-Length', cl: 4, chunked: 0 },
    { name: '2b 4 x chunked', cl: 0, chunked: 4 },
    { name: '2c 8 (4 CL + 4 chunked)', cl: 4, chunked: 4 },
    { name: '2d 2 x CL, 12,582,000 B sent at once, then 1 B / 2 s', cl: 2, chunked: 0, burst: 12_582_000 },
  ];
  const OBSERVE_MS = 22_000;
  const PROBE_TIMEOUT_MS = 5_000;
  for (const v of variants) {
    const mock = await startMock();
    const sockets: Socket[] = [];
    try {
      const path = `/v1/infers/${mock.ids.iris}`;
      const started = performance.now();
      const answers: Array<{ kind: string; at?: number; line?: string; closedAt?: number }> = [];
      const timers: NodeJS.Timeout[] = [];
      const open = (kind: 'CL' | 'chunked') => {
        const s = connect({ port: mock.port, host: '127.0.0.1' });
        sockets.push(s);
        const record: { kind: string; at?: number; line?: string; closedAt?: number } = { kind };
        answers.push(record);
        let text = '';
        s.on('error', () => undefined);
        s.on('data', (c: Buffer) => {
          text += c.toString('latin1');
          if (record.at === undefined) {
            record.at = performance.now() - started;
          }
          const body = text.slice(text.indexOf('\r\n\r\n') + 4);
          record.line = `${text.split('\r\n')[0]} ${/"error_code":"([^"]+)"/.exec(body)?.[1] ?? ''}`.trim();
        });
        s.on('close', () => (record.closedAt ??= performance.now() - started));
        s.on('connect', () => {
          const framing = kind === 'CL' ? 'Content-Length: 12582912' : 'Transfer-Encoding: chunked';
          s.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`);
          if (v.burst) s.write(Buffer.alloc(v.burst, 0x20));
          const t = setInterval(() => {
            if (s.destroyed || !s.writable) return clearInterval(t);
            s.write(kind === 'CL' ? '[' : '1\r\n[\r\n');
          }, 2000);
          timers.push(t);
        });
      };
      for (let i = 0; i < v.cl; i++) open('CL');
      for (let i = 0; i < v.chunked; i++) open('chunked');
      await sleep(1500);
      const results: Record<string, Answer[]> = { 'AK/SK': [], AppCode: [], 'IAM login': [], 'IAM login, body 50 ms after headers': [] };
      const loop = async (name: string, fn: () => Promise<Answer>) => {
        for (let i = 0; i < 6 && performance.now() - started < OBSERVE_MS - PROBE_TIMEOUT_MS; i++) {
          results[name]!.push(await fn());
          await sleep(500);
        }
      };
      await Promise.all([
        loop('AK/SK', () => akskCall(mock, PROBE_TIMEOUT_MS)),
        loop('AppCode', () => appCodeCall(mock, PROBE_TIMEOUT_MS)),
        loop('IAM login', () => loginCall(mock, PROBE_TIMEOUT_MS)),
        loop('IAM login, body 50 ms after headers', () => splitLoginCall(mock, PROBE_TIMEOUT_MS)),
      ]);
      const left = OBSERVE_MS - (performance.now() - started);
      if (left > 0) await sleep(left);
      for (const [name, list] of Object.entries(results)) {
        const times = list.map((a) => a.ms);
        note(
          v.name,
          `${name} (timeout ${PROBE_TIMEOUT_MS / 1000} s): calls, median / max; statuses`,
          `${list.length}, ${ms(median(times))} / ${ms(Math.max(...times))}; ${tally(list.map(statusOf))}`,
        );
      }
      const uploads = answers.map(
        (r) => `${r.kind} ${r.at !== undefined ? `${(r.at / 1000).toFixed(1)} s ${r.line}` : `no answer by ${(OBSERVE_MS / 1000).toFixed(0)} s`}`,
      );
      note(v.name, 'trickling uploads answered', tally(uploads.map((u) => u.replace(/\d+\.\d s/, (t) => `~${Math.round(parseFloat(t))} s`))));
      note(v.name, 'mock alive', mock.alive() ? 'yes' : mock.exitInfo());
      for (const t of timers) clearInterval(t);
    } finally {
      for (const s of sockets) s.destroy();
      await mock.stop();
    }
  }
}

/** Row 3: 12 clients POST 12 MB of [1e20,...] to the echo app service and never read. */
async function row3(): Promise<void> {
  const mock = await startMock();
  const sockets: Socket[] = [];
  try {
    const n = Math.floor((12 * MB - 1) / 5);
    const body = Buffer.from(`[${Array(n).fill('1e20').join(',')}]`);
    const head = `POST /v1/infers/${mock.ids.echoApp} HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\nContent-Type: application/json\r\nX-Apig-AppCode: ${C.appCode}\r\nContent-Length: ${body.length}\r\n\r\n`;
    note('3', 'RSS at start', mb(procBytes(mock.pid, 'VmRSS')));
    note('3', 'body per client', `${body.length} B`);
    const peak = watchPeak(mock.pid, 100);
    const started = performance.now();
    const ports: number[] = [];
    for (let i = 0; i < 12; i++) {
      const s = connect({ port: mock.port, host: '127.0.0.1' });
      s.on('error', () => undefined);
      sockets.push(s);
      await once(s, 'connect');
      ports.push(s.localPort!);
      // Never read: no 'data' listener; the socket's own buffer fills, then the kernel's.
      s.write(head);
      s.write(body);
    }
    const seen = new Set<number>();
    const goneAt = new Map<number, number>();
    let rssAt20 = NaN;
    while (performance.now() - started < 42_000 && mock.alive()) {
      const open = serverConnections(mock.pid, mock.port);
      const t = performance.now() - started;
      for (const p of ports) {
        if (open.has(p)) seen.add(p);
        else if (seen.has(p) && !goneAt.has(p)) goneAt.set(p, t);
      }
      if (Number.isNaN(rssAt20) && t >= 20_000) rssAt20 = procBytes(mock.pid, 'VmRSS');
      if (goneAt.size === ports.length) break;
      await sleep(250);
    }
    const elapsed = performance.now() - started;
    note('3', 'peak RSS (12 non-reading clients)', mb(peak.stop()));
    note('3', 'RSS at 20 s / at end', `${mb(rssAt20)} / ${mb(procBytes(mock.pid, 'VmRSS'))}`);
    const closed = [...goneAt.values()].map((t) => t / 1000);
    note(
      '3',
      'server-side sockets closed (observed up to 42 s)',
      `${closed.length}/12 within ${(elapsed / 1000).toFixed(0)} s${closed.length ? `, after ${Math.min(...closed).toFixed(1)}-${Math.max(...closed).toFixed(1)} s (median ${median(closed).toFixed(1)} s)` : ''}; still open: ${ports.length - closed.length}`,
    );
    // What the first bytes of each answer were (the socket's own buffer, read only now).
    const lines = sockets.map((s) => {
      const chunk = s.read() as Buffer | null;
      if (!chunk) return 'nothing';
      const text = chunk.toString('latin1');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      return `${text.split('\r\n')[0]}${length ? ` (Content-Length ${Number(length) >= MB ? `${(Number(length) / MB).toFixed(1)} MB` : `${length} B`})` : /transfer-encoding: chunked/i.test(text) ? ' (chunked)' : ''}`;
    });
    note('3', 'answers begun', tally(lines));
    note('3', 'mock alive', mock.alive() ? 'yes' : mock.exitInfo());
  } finally {
    for (const s of sockets) s.destroy();
    await mock.stop();
  }
}

/** Row 4 (and 3b): 1,000 requests with ~124 KB of headers and a 32 KB query, wrong signatures; journal GETs. */
async function row4(): Promise<void> {
  const mock = await startMock();
  try {
    const filler = 'y'.repeat(31_000);
    const pathPart = `/v1/infers/${mock.ids.echoApp}?q=`;
    const target = pathPart + 'z'.repeat(32 * 1024 - pathPart.length);
    const headersFor = () => ({
      'Content-Type': 'application/json',
      'X-Sdk-Date': sdkDateNow(),
      h0: filler,
      h1: filler,
      h2: filler,
      h3: filler,
      Authorization: `SDK-HMAC-SHA256 Access=${C.appKey}, SignedHeaders=content-type;h0;h1;h2;h3;host;x-sdk-date, Signature=${ZERO_SIG}`,
    });
    note('4', 'per request', `${((4 * (filler.length + 4) + 300) / 1024).toFixed(0)} KB of headers, ${(target.length / 1024).toFixed(0)} KB target`);
    note('4', 'RSS at start', mb(procBytes(mock.pid, 'VmRSS')));
    const peak = watchPeak(mock.pid, 200);
    const started = performance.now();
    const statuses: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < 1000 && performance.now() - started < 90_000 && mock.alive()) {
        next++;
        const a = await call(`${mock.url}${target}`, { method: 'POST', headers: headersFor(), body: '{}', timeoutMs: 30_000 });
        statuses.push(describe(a));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    note('4', 'requests sent: count, time, statuses', `${statuses.length} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${tally(statuses)}`);
    await sleep(1000);
    note('4', 'RSS after the 1,000 (peak while sending)', `${mb(procBytes(mock.pid, 'VmRSS'))} (${mb(peak.stop())})`);

    // 3b: a full journal GET by a client that never reads.
    {
      const before = procBytes(mock.pid, 'VmRSS');
      const p = watchPeak(mock.pid, 100);
      const s = connect({ port: mock.port, host: '127.0.0.1' });
      s.on('error', () => undefined);
      await once(s, 'connect');
      const localPort = s.localPort!;
      s.write(`GET /_apig-kit/journal HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\n\r\n`);
      const t0 = performance.now();
      let seen = false;
      let goneAt: number | undefined;
      let rssAt5 = NaN;
      while (performance.now() - t0 < 25_000 && mock.alive()) {
        const open = serverConnections(mock.pid, mock.port).has(localPort);
        if (open) seen = true;
        else if (seen) {
          goneAt = performance.now() - t0;
          break;
        }
        if (Number.isNaN(rssAt5) && performance.now() - t0 >= 5000) rssAt5 = procBytes(mock.pid, 'VmRSS');
        await sleep(250);
      }
      const heldAtEnd = procBytes(mock.pid, 'VmRSS');
      note('3b', 'full journal GET, client never reads: RSS before / at 5 s / peak', `${mb(before)} / ${mb(rssAt5)} / ${mb(p.stop())}`);
      note(
        '3b',
        'that socket closed by the mock',
        goneAt !== undefined ? `after ${(goneAt / 1000).toFixed(1)} s (RSS then ${mb(heldAtEnd)})` : `still open after 25 s (RSS ${mb(heldAtEnd)})`,
      );
      s.destroy();
      await sleep(500);
    }

    // The journal read in full by a reading client.
    const p = watchPeak(mock.pid, 100);
    const j = await journal(mock, '', 90_000);
    note(
      '4',
      'journal GET (reading): status, size, time',
      `${statusOf(j.answer)} ${j.entries ? `${j.entries.length} entries` : j.problem}, ${(j.answer.body.length / MB).toFixed(1)} MB, ${ms(j.answer.ms)}`,
    );
    note('4', 'journal GET peak RSS', mb(p.stop()));
    note('4', 'mock alive', mock.alive() ? 'yes' : mock.exitInfo());
  } finally {
    await mock.stop();
  }
}

/** Row 5: 8 KB of nested JSON to the echo model. */
async function row5(): Promise<void> {
  const mock = await startMock();
  try {
    for (const depth of [4100, 4117, 6000, 16_000]) {
      const body = '['.repeat(depth) + ']'.repeat(depth);
      const id = `row5-${depth}`;
      const a = await call(`${mock.url}/v1/infers/${mock.ids.echoApp}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Apig-AppCode': C.appCode, 'X-Apig-Kit-Test-Id': id },
        body,
        timeoutMs: 20_000,
      });
      const j = await journal(mock, `?testId=${id}`);
      const echoed = a.status === 200 ? `, echo ${/"json":/.test(a.body.toString()) ? 'parsed the JSON' : 'left the JSON out'}` : '';
      note(
        '5',
        `depth ${depth} (${(body.length / 1024).toFixed(1)} KB): status error_code; journal detail`,
        `${describe(a)}${echoed}; ${String(j.entries?.[0]?.['detail'] ?? j.problem ?? '-').slice(0, 90)}`,
      );
    }
  } finally {
    await mock.stop();
  }
}

/** Row 6: bodies costly to parse on a 256 MB heap (each case on a fresh mock): survived? status. */
async function row6(): Promise<void> {
  const nested = (bytes: number) => {
    const half = Math.floor(bytes / 2);
    const b = Buffer.alloc(2 * half);
    b.fill('[', 0, half);
    b.fill(']', half);
    return b;
  };
  const flat = (bytes: number) => {
    const n = Math.floor((bytes - 2) / 3);
    return Buffer.from(`[${Array(n).fill('[]').join(',')}]`);
  };
  const cases: Array<{ id: string; what: string; path: (m: Mock) => string; headers: Record<string, string>; body: () => Buffer }> = [
    { id: '6', what: '12 MB [[[...]]] to /v3/auth/tokens, no credentials', path: () => '/v3/auth/tokens', headers: {}, body: () => nested(12 * MB) },
    { id: '6b', what: '60 KB [[[...]]] to /v3/auth/tokens (under the IAM cap)', path: () => '/v3/auth/tokens', headers: {}, body: () => nested(60 * 1024) },
    {
      id: '6c',
      what: '12 MB [[[...]]] to echo-app with the AppCode',
      path: (m) => `/v1/infers/${m.ids.echoApp}`,
      headers: { 'X-Apig-AppCode': C.appCode },
      body: () => nested(12 * MB - 2),
    },
    {
      id: '6d',
      what: '12 MB [[],[],...] (4.2 M arrays, depth 2) to echo-app with the AppCode',
      path: (m) => `/v1/infers/${m.ids.echoApp}`,
      headers: { 'X-Apig-AppCode': C.appCode },
      body: () => flat(12 * MB - 2),
    },
  ];
  for (const c of cases) {
    const mock = await startMock({ nodeArgs: ['--max-old-space-size=256'] });
    try {
      const body = c.body();
      const peak = watchPeak(mock.pid);
      const a = await call(`${mock.url}${c.path(mock)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...c.headers },
        body,
        timeoutMs: 60_000,
      });
      await sleep(1500);
      const survived = mock.alive()
        ? 'survived'
        : `DIED (${mock.exitInfo()}; ${/Reached heap limit[^\n]*|heap out of memory[^\n]*|FATAL ERROR[^\n]*/.exec(mock.stderr())?.[0] ?? ''})`;
      note(c.id, `256 MB heap: ${c.what}`, `${describe(a)} (${ms(a.ms)}); peak RSS ${mb(peak.stop())}; ${survived}`);
    } finally {
      await mock.stop();
    }
  }
}

/** Row 7: cross-site simple POSTs, DNS rebinding, a wildcard host without a token. */
async function row7(): Promise<void> {
  const mock = await startMock();
  try {
    const evil = { 'Content-Type': 'text/plain', Origin: 'http://evil.example' };
    const clockBefore = JSON.parse((await call(`${mock.url}/_apig-kit/clock`)).body.toString()) as { epochMs: number; frozen: boolean };
    const put = await call(`${mock.url}/_apig-kit/clock`, { method: 'PUT', headers: evil, body: '{"advanceMs":86400000,"frozen":true}' });
    const clockAfter = JSON.parse((await call(`${mock.url}/_apig-kit/clock`)).body.toString()) as { epochMs: number; frozen: boolean };
    const moved = clockAfter.epochMs - clockBefore.epochMs > 3_600_000;
    note(
      '7',
      'PUT /clock text/plain from evil.example',
      `${describe(put)}; clock ${moved ? 'moved +1 day' : 'unchanged'}${clockAfter.frozen ? ', frozen' : ''}`,
    );
    await call(`${mock.url}/v1/infers/${mock.ids.irisApp}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const before = (await journal(mock)).entries?.length ?? -1;
    const reset = await call(`${mock.url}/_apig-kit/reset`, { method: 'POST', headers: evil, body: 'x' });
    const after = (await journal(mock)).entries?.length ?? -1;
    note('7', 'POST /reset text/plain from evil.example', `${describe(reset)}; journal ${before} -> ${after} entries${after < before ? ' (reset done)' : ''}`);
    const world = await call(`${mock.url}/_apig-kit/world`, { headers: { Host: 'evil.example:8787' } });
    note('7', 'GET /world with Host: evil.example:8787', `${describe(world)}; SK in body: ${world.body.includes(C.sk) ? 'yes' : 'no'}`);
    const own = await call(`${mock.url}/_apig-kit/world`);
    note('7', 'GET /world from loopback (control)', `${statusOf(own)}`);
  } finally {
    await mock.stop();
  }
  // --host 0.0.0.0 without a token, on port 0: killed as soon as it prints its URL.
  try {
    const wide = await startMock({ host: '0.0.0.0' });
    note('7', '--host 0.0.0.0, no token', `STARTED (${wide.url}), killed at once`);
    await wide.stop();
  } catch (e) {
    note('7', '--host 0.0.0.0, no token', `refused to start: ${(e as Error).message.replace(/^mock exited/, 'exit').slice(0, 220)}`);
  }
}

/** Row 8: an own world without tokenSigningKey; a token minted with the public demo key. */
async function row8(): Promise<void> {
  const demo = await startMock();
  const world = demo.world;
  await demo.stop();
  const ownWorld = { accounts: world.accounts, users: world.users, apps: world.apps, services: world.services };
  const mock = await startMock({ config: { world: ownWorld } });
  try {
    const user = world.users.find((u) => u.name === C.user)!;
    const account = world.accounts.find((a) => a.name === user.account)!;
    const project = account.projects.find((p) => p.name === C.project)!;
    const now = Date.now();
    const token = issueToken(
      {
        userId: user.id,
        userName: user.name,
        domainId: account.id,
        domainName: account.name,
        scope: { kind: 'project', projectId: project.id, projectName: project.name },
        methods: ['password'],
        issuedAt: now,
        expiresAt: now + 3_600_000,
      },
      C.demoTokenKey,
    );
    const forged = await call(`${mock.url}/v1/infers/${mock.ids.iris}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token },
      body: IRIS_BODY,
    });
    note('8', 'token minted with the public demo key -> iris (IAM)', describe(forged));
    const login = await loginCall(mock, 10_000);
    const real = String(login.headers['x-subject-token'] ?? '');
    const ok = await call(`${mock.url}/v1/infers/${mock.ids.iris}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': real },
      body: IRIS_BODY,
    });
    note('8', 'control: token from a password login -> iris', `${statusOf(login)} login, ${describe(ok)}`);
  } finally {
    await mock.stop();
  }
}

/** Row 9: secrets sent in the wrong place: in the 401 body? in the journal? */
async function row9(): Promise<void> {
  const check = async (mock: Mock, id: string, secret: string, send: () => Promise<Answer>) => {
    const a = await send();
    const j = await journal(mock, `?testId=${id}`);
    const inJournal = j.entries ? JSON.stringify(j.entries).includes(secret) : `journal ${j.problem}`;
    return `${describe(a)}; in body: ${a.body.includes(secret) ? 'YES' : 'no'}; in journal: ${inJournal === true ? 'YES' : inJournal === false ? 'no' : inJournal}`;
  };
  const mock = await startMock();
  try {
    const iris = `${mock.url}/v1/infers/${mock.ids.iris}`;
    const irisApp = `${mock.url}/v1/infers/${mock.ids.irisApp}`;
    const base = (id: string) => ({ 'Content-Type': 'application/json', 'X-Sdk-Date': sdkDateNow(), 'X-Apig-Kit-Test-Id': id });
    note(
      '9',
      'SK as Access=<SK> (iris IAM)',
      await check(mock, 'r9-sk', C.sk, () =>
        call(iris, {
          method: 'POST',
          headers: { ...base('r9-sk'), Authorization: `SDK-HMAC-SHA256 Access=${C.sk}, SignedHeaders=content-type;host;x-sdk-date, Signature=${ZERO_SIG}` },
          body: IRIS_BODY,
        }),
      ),
    );
    note(
      '9',
      'AppSecret as apikey (iris app)',
      await check(mock, 'r9-secret', C.appSecret, () =>
        call(irisApp, { method: 'POST', headers: { ...base('r9-secret'), apikey: C.appSecret }, body: IRIS_BODY }),
      ),
    );
    note(
      '9',
      'AppCode as apikey (iris app)',
      await check(mock, 'r9-code', C.appCode, () => call(irisApp, { method: 'POST', headers: { ...base('r9-code'), apikey: C.appCode }, body: IRIS_BODY })),
    );
    const token = String((await loginCall(mock, 10_000)).headers['x-subject-token'] ?? '');
    note(
      '9',
      'token after "SDK-HMAC-SHA256 " (iris IAM)',
      token
        ? await check(mock, 'r9-token', token, () =>
            call(iris, { method: 'POST', headers: { ...base('r9-token'), Authorization: `SDK-HMAC-SHA256 ${token}` }, body: IRIS_BODY }),
          )
        : 'no token from login',
    );
  } finally {
    await mock.stop();
  }
  const explain = await startMock({ args: ['--explain'] });
  try {
    const iris = `${explain.url}/v1/infers/${explain.ids.iris}`;
    note(
      '9',
      '--explain: V11 Credential=<SK> (malformed scope)',
      await check(explain, 'r9-v11', C.sk, () =>
        call(iris, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Sdk-Date': sdkDateNow(),
            'X-Apig-Kit-Test-Id': 'r9-v11',
            Authorization: `V11-HMAC-SHA256 Credential=${C.sk}, SignedHeaders=content-type;host;x-sdk-date, Signature=${ZERO_SIG}`,
          },
          body: IRIS_BODY,
        }),
      ),
    );
  } finally {
    await explain.stop();
  }
}

/** Row 10: requests Node would answer itself. */
async function row10(): Promise<void> {
  const mock = await startMock();
  try {
    const path = `/v1/infers/${mock.ids.iris}`;
    const host = `Host: 127.0.0.1:${mock.port}\r\n`;
    const cases: Array<{ id: string; what: string; data: string; waitMs: number }> = [
      {
        id: 'r10-nohost',
        what: 'HTTP/1.1 without Host',
        data: `POST ${path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nX-Apig-Kit-Test-Id: r10-nohost\r\nConnection: close\r\n\r\n{}`,
        waitMs: 3000,
      },
      {
        id: 'r10-expect',
        what: 'Expect: foo',
        data: `POST ${path} HTTP/1.1\r\n${host}Expect: foo\r\nContent-Type: application/json\r\nContent-Length: 2\r\nX-Apig-Kit-Test-Id: r10-expect\r\nConnection: close\r\n\r\n{}`,
        waitMs: 3000,
      },
      {
        id: 'r10-continue',
        what: 'Expect: 100-continue, Content-Length 13 MB (no body sent)',
        data: `POST ${path} HTTP/1.1\r\n${host}Expect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${13 * MB}\r\nX-Apig-Kit-Test-Id: r10-continue\r\n\r\n`,
        waitMs: 3000,
      },
    ];
    for (const c of cases) {
      const r = await raw(mock.port, c.data, c.waitMs);
      const responses = rawResponses(r.text);
      const final = responses.find((x) => !/^HTTP\/1\.[01] 1\d\d/.test(x.statusLine));
      const interim = responses.filter((x) => /^HTTP\/1\.[01] 1\d\d/.test(x.statusLine)).map((x) => x.statusLine);
      const j = await journal(mock, `?testId=${c.id}`);
      const parts = [
        final ? final.statusLine : responses.length ? `only ${responses.map((x) => x.statusLine).join(', ')}` : `no answer in ${c.waitMs / 1000} s`,
        final ? `JSON: ${isJson(final.body) ? 'yes' : 'no'}` : '',
        final ? `X-Request-Id: ${final.headers['x-request-id'] ? 'yes' : 'no'}` : '',
        `journaled: ${j.entries ? (j.entries.length ? 'yes' : 'no') : j.problem}`,
        c.id === 'r10-continue' ? `100 Continue first: ${interim.some((l) => / 100 /.test(l)) ? 'YES' : 'no'}` : '',
      ].filter(Boolean);
      note('10', c.what, parts.join('; '));
    }
  } finally {
    await mock.stop();
  }
}

/** Row 11: fault statuses that are not errors. */
async function row11(): Promise<void> {
  const mock = await startMock();
  try {
    const id = mock.ids.irisApp;
    for (const status of [101, 204, 304]) {
      const put = await call(`${mock.url}/_apig-kit/faults/${id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      let effect = '';
      if (put.status === 200) {
        const a = await appCodeCall(mock, 3000, id);
        effect = `; then a call gets: ${a.status !== undefined ? `${a.status}` : a.error}`;
      }
      note('11', `PUT /faults/{id} {"status":${status}}`, `${put.status === 200 ? 'ACCEPTED' : 'refused'} (${describe(put)})${effect}`);
      await call(`${mock.url}/_apig-kit/faults/${id}`, { method: 'DELETE' });
    }
  } finally {
    await mock.stop();
  }
}

// ---------------------------------------------------------------- main

const ROWS: Array<[string, () => Promise<void>]> = [
  ['1', row1],
  ['2', row2],
  ['3', row3],
  ['4', row4],
  ['5', row5],
  ['6', row6],
  ['7', row7],
  ['8', row8],
  ['9', row9],
  ['10', row10],
  ['11', row11],
];

const deadline = setTimeout(() => {
  console.error(`run deadline (${RUN_DEADLINE_MS / 60000} min) reached: stopping`);
  finish();
  process.exit(2);
}, RUN_DEADLINE_MS);

function finish(): void {
  printTable(
    ['row', 'label', 'measure', 'value'],
    figures.map((f) => [f.row, f.label, f.measure, f.value]),
  );
  if (OUT) writeFileSync(OUT, JSON.stringify(figures, null, 1));
}

const runStarted = performance.now();
for (const [name, fn] of ROWS) {
  if (ONLY && !ONLY.includes(name)) continue;
  const t = performance.now();
  try {
    await fn();
  } catch (e) {
    note(name, 'ERROR', (e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(e));
  }
  console.error(`[${LABEL}] row ${name} took ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
note('-', 'whole run', `${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
clearTimeout(deadline);
finish();
killAll();
process.exit(0);
