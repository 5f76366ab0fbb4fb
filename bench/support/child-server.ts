import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ChildServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const TSX_LOADER = import.meta.resolve('tsx');

/** Starts a server script in its own Node process and waits for the `{"url":…}` line it prints when listening. */
export async function startChildServer(scriptPath: string, startTimeoutMs = 20_000): Promise<ChildServer> {
  // Plain JavaScript runs as it is; TypeScript through the tsx loader.
  const args = scriptPath.endsWith('.mjs') ? [scriptPath] : ['--import', TSX_LOADER, scriptPath];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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
