/**
 * npm start and npm run dev: build the site (npm run build), then serve it with Astro:
 *   serve.ts preview [astro options]   the built dist/ (npm start -- --port 8080)
 *   serve.ts dev [astro options]       the dev server
 * One Node process rather than `npm run build && astro preview` in a shell: npm passes a stop
 * (SIGINT, SIGTERM) to its command only, and a shell that dies of it leaves its children running.
 * Here both steps are children that get the stop and are waited for, and that stop by themselves
 * if this process is killed outright. Astro never sends telemetry from our commands.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STOP_WITH_PARENT, withParentPid } from './cli.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODES = ['preview', 'dev'];

/** The step running now, which a stop is passed on to. */
let current: ChildProcess | null = null;
/** The signal that stopped us, if one did. */
let stoppedBy: NodeJS.Signals | null = null;

const signalStatus = (signal: NodeJS.Signals) => 128 + constants.signals[signal];

/** Run a Node script as a child with our terminal; its exit status. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...STOP_WITH_PARENT, ...args], { cwd: ROOT, stdio: 'inherit', env: withParentPid(env) });
    current = child;
    child.on('error', (error) => {
      console.error(`${args.at(-1)} could not start: ${error.message}`);
      current = null;
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? signalStatus(signal) : 1));
    });
  });
}

async function main(): Promise<number> {
  const [mode, ...astroArgs] = process.argv.slice(2);
  if (!mode || !MODES.includes(mode)) {
    console.error(`Usage: serve.ts ${MODES.join('|')} [astro options] (found: ${mode ?? 'nothing'})`);
    return 2;
  }
  const built = await runNode(['--import', 'tsx', 'scripts/build.ts'], process.env);
  if (built !== 0 || stoppedBy) return built;
  return runNode([path.join(ROOT, 'node_modules/astro/astro.js'), mode, ...astroArgs], { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stoppedBy ??= signal;
    // Ctrl-C reaches the step as well (same process group); a second signal is harmless to it.
    if (current) current.kill(signal);
    else process.exit(signalStatus(signal));
  });
}

const status = await main();
process.exitCode = stoppedBy ? signalStatus(stoppedBy) : status;
