import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const TSX_LOADER = import.meta.resolve('tsx');

/**
 * Starts a TypeScript server script in its own Node process (through the tsx loader, as
 * `npm start` runs the gateway) and waits for the `{"url":…}` line it prints when listening.
 */
export async function startChildServer(scriptPath: string, startTimeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, scriptPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const timer = setTimeout(() => child.kill('SIGKILL'), startTimeoutMs);
  try {
    const [first] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${scriptPath} exited (code ${code}) before it was listening`);
      }),
    ])) as [string];
    const { url } = JSON.parse(first) as { url: string };
    return {
      url,
      pid: child.pid!,
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
