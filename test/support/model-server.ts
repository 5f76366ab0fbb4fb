/**
 * A real HTTP model server in another process (test/fixtures/model-server.mjs), for the proxy
 * tests: its address, what it received, its health answer, and a way to kill it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../fixtures/model-server.mjs', import.meta.url));

export interface ModelServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** How many calls (other than /health) reached it, their targets, and how many streamed answers lost their reader mid-way. */
  received(): Promise<{ count: number; paths: string[]; abandoned: number }>;
  /** What its GET /health answers from now on. */
  setHealth(status: number): Promise<void>;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

function reply<T>(child: ChildProcess, key: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      child.off('message', listener);
      resolve(message as T);
    };
    child.on('message', listener);
  });
}

/** With `tls` (PEM files) it speaks HTTPS. */
export async function startModelServer(port = 0, tls?: { certFile: string; keyFile: string }): Promise<ModelServer> {
  const args = [String(port), ...(tls ? [tls.certFile, tls.keyFile] : [])];
  const child = fork(SCRIPT, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { port: listening } = await reply<{ port: number }>(child, 'port');
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${listening}`,
    port: listening,
    child,
    async received() {
      const answer = reply<{ count: number; paths: string[]; abandoned: number }>(child, 'count');
      child.send({ count: true });
      return answer;
    },
    async setHealth(status: number) {
      const answer = reply(child, 'health');
      child.send({ health: status });
      await answer;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGKILL');
      await gone;
    },
  };
}
