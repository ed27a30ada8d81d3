/** Helpers for the scripts that are also commands. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** True when the module at `moduleUrl` is the script node was started with (paths may hold spaces). */
export function isMain(moduleUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return pathToFileURL(realpathSync(started)).href === moduleUrl;
  } catch {
    return false;
  }
}

/**
 * Node options and environment for a child process that must stop when this one goes, even when
 * this one is killed without a chance to stop it (scripts/stop-with-parent.mjs).
 */
export const STOP_WITH_PARENT = ['--import', new URL('./stop-with-parent.mjs', import.meta.url).href];
export const withParentPid = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, MAPSCOPE_PARENT_PID: String(process.pid) });
