import { spawn } from 'node:child_process';

export interface ClientRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
}

const OUTPUT_LIMIT = 64 * 1024;
/** How long output may keep coming after the client's shell has exited. */
const LEFTOVER_GRACE_MS = 200;

/** Keeps the first `limit` bytes of a stream, and says how much it dropped. */
class BoundedOutput {
  #chunks: Buffer[] = [];
  #kept = 0;
  #dropped = 0;

  add(chunk: Buffer): void {
    const room = OUTPUT_LIMIT - this.#kept;
    if (room > 0) this.#chunks.push(chunk.subarray(0, room));
    this.#kept += Math.min(room, chunk.length);
    this.#dropped += Math.max(0, chunk.length - room);
  }

  text(): string {
    const text = Buffer.concat(this.#chunks).toString('utf8');
    return this.#dropped > 0 ? `${text}\n… ${this.#dropped} more bytes not kept` : text;
  }
}

/** Process groups of clients still running: ended with the kit, however it ends. */
const running = new Set<number>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => running.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.forEach(killGroup);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Runs the user's client command through `sh -c` with the scenario's variables. APIG_* variables of
 * the parent process are removed first, so a developer's own credentials never leak into a case.
 */
export function runClient(command: string, env: Record<string, string>, options: { timeoutMs: number; cwd?: string }): Promise<ClientRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('APIG_')));
  const started = performance.now();
  return new Promise((resolve) => {
    installCleanup();
    // Its own process group, so that whatever the client starts (a JVM, newman) can be ended with it.
    const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    const stdout = new BoundedOutput();
    const stderr = new BoundedOutput();
    child.stdout.on('data', (chunk: Buffer) => stdout.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs);
    const finish = (exitCode: number | null, signal: string | null, extra = '') => {
      clearTimeout(timer);
      // Anything the client left running in the background goes too.
      killGroup(child.pid);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ exitCode, signal, timedOut, durationMs: Math.round(performance.now() - started), stdout: stdout.text(), stderr: stderr.text() + extra });
    };
    child.once('error', (error) => finish(null, null, `\ncould not start the client: ${error.message}`));
    // A background process of the client would hold the output pipes open, and 'close' would wait for it.
    child.once('exit', () => setTimeout(() => killGroup(child.pid), LEFTOVER_GRACE_MS).unref());
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** The client may have started children of its own (a JVM, newman): end the whole group. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
