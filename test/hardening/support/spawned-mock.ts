/**
 * `apig-kit mock` in its own process on 127.0.0.1 (port 0), so tests can read its output and its
 * memory (/proc/<pid>/status) apart from the test runner's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BIN = join(import.meta.dirname, '../../../bin/apig-kit.js');

export interface SpawnedMock {
  url: string;
  pid: number;
  /** Everything printed after the start-up line (which lists the demo credentials on purpose). */
  output(): string;
  stop(): Promise<void>;
}

export async function spawnMock(options: { args?: string[]; config?: object; nodeArgs?: string[] } = {}): Promise<SpawnedMock> {
  const args = [...(options.nodeArgs ?? []), BIN, 'mock', '--port', '0', '--host', '127.0.0.1', '--json', ...(options.args ?? [])];
  let configFile: string | undefined;
  if (options.config) {
    configFile = join(tmpdir(), `apig-kit-hardening-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(configFile, JSON.stringify(options.config));
    args.push('--config', configFile);
  }
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => Promise.reject(new Error(`mock exited: ${output}`)))])) as [string];
  lines.on('line', (line) => (output += `${line}\n`));
  const { url } = JSON.parse(first) as { url: string };
  return {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (configFile) rmSync(configFile, { force: true });
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A line of /proc/<pid>/status in bytes, e.g. VmRSS (now) or VmHWM (peak). Linux only. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for ${pid}`);
  return Number(match[1]) * 1024;
}
