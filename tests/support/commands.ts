/** Running our npm commands as a user, a CI runner or a service manager does, and finding what they left running. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { ROOT } from './paths.ts';

export interface NpmRun {
  child: ChildProcess;
  /** Carried in the environment of every process the command starts (see processesTagged). */
  tag: string;
  /** How npm ended: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `npm run <script> -- <args>` in a process group of its own (as a terminal, a CI runner or a
 * container gives it), with `env` over ours minus the variables Vitest adds for Vite.
 */
export function runNpm(script: string, args: string[], env: NodeJS.ProcessEnv, output: 'ignore' | 'pipe' = 'ignore'): NpmRun {
  const tag = randomUUID();
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
  const child = spawn('npm', ['run', script, '--', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', output, output],
    env: { ...inherited, ...env, MAPSCOPE_TEST_TAG: tag },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, tag, exited };
}

/** Processes whose environment carries the tag (a command and everything it started). */
export async function processesTagged(tag: string): Promise<{ pid: number; command: string }[]> {
  const found: { pid: number; command: string }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'latin1');
      if (environ.includes(`MAPSCOPE_TEST_TAG=${tag}`))
        found.push({ pid: Number(entry), command: (await readFile(`/proc/${entry}/cmdline`, 'latin1')).replace(/\0/g, ' ') });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** Check until it holds or `timeout` ms have passed; whether it held. */
export async function until(check: () => Promise<boolean>, timeout: number): Promise<boolean> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
