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

/**
 * Runs the user's client command through `sh -c` with the scenario's variables. APIG_* variables of
 * the parent process are removed first, so a developer's own credentials never leak into a case.
 */
export function runClient(command: string, env: Record<string, string>, options: { timeoutMs: number; cwd?: string }): Promise<ClientRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('APIG_')));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
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
      resolve({ exitCode, signal, timedOut, durationMs: Math.round(performance.now() - started), stdout: stdout.text(), stderr: stderr.text() + extra });
    };
    child.once('error', (error) => finish(null, null, `\ncould not start the client: ${error.message}`));
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
