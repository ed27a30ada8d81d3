import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../scripts/site-check/files.ts';
import { copyOfSite } from '../support/build-site.ts';
import { processesTagged, runNpm, until } from '../support/commands.ts';
import { ROOT } from '../support/paths.ts';

// `npm run build` stopped over a previously built site, every way it is stopped: Ctrl-C in a
// terminal signals the whole process group; a CI runner, `docker stop`, systemd or `kill PID`
// signal npm alone, which must pass the stop on; a crash or `kill -9` of npm passes nothing on.

/** Every file of a folder with its SHA-256: equal snapshots mean byte-identical folders. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(dir))
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  return out;
}

let work: string;
let dist: string;
let before: Record<string, string>;

beforeAll(async () => {
  // The default site (alone in its folder, with its generated/), to build over.
  ({ dist } = await copyOfSite({ label: 'interrupt' }));
  work = path.dirname(dist);
  // Only the previous site has this file: a build that went on and swapped its site in (the same
  // data gives the same pages) would lose it.
  await writeFile(path.join(dist, 'previous-site.txt'), randomUUID());
  before = await snapshot(dist);
}, 180_000);

describe.each([
  ['Ctrl-C (SIGINT to the process group)', 'SIGINT', 'group'],
  ['SIGTERM to the process group', 'SIGTERM', 'group'],
  ['a stop (SIGTERM to npm: CI runner, docker stop, systemd, kill PID)', 'SIGTERM', 'npm'],
  ['SIGINT to npm (a CI runner cancelling a job)', 'SIGINT', 'npm'],
  ['npm killed outright (SIGKILL to npm)', 'SIGKILL', 'npm'],
] as const)('npm run build stopped by %s', (_name, signal, target) => {
  it('stops within seconds, leaves the previous site byte-identical and nothing behind', async () => {
    const generated = path.join(work, 'generated');
    const build = runNpm('build', ['--data', path.join(ROOT, 'data')], {
      MAPSCOPE_GENERATED: generated,
      MAPSCOPE_OUT: dist,
      MAPSCOPE_DATA: '',
      MAPSCOPE_ATTACK: '',
    });
    // While Astro is writing this build's pages (its staging folder is named by the build's pid):
    // the moment a half-written site would be left behind.
    const writing = async () => {
      for (const { pid } of await processesTagged(build.tag)) {
        const files = await readdir(path.join(work, `dist.staging-${pid}`), { recursive: true }).catch(() => [] as string[]);
        if (files.some((f) => String(f).endsWith('index.html'))) return true;
      }
      return false;
    };
    expect(await until(writing, 90_000)).toBe(true);
    const running = await processesTagged(build.tag);
    expect(running.some((p) => p.command.includes('astro.js build'))).toBe(true);
    const npmPid = build.child.pid!;
    process.kill(target === 'group' ? -npmPid : npmPid, signal);

    const left = () => processesTagged(build.tag);
    expect(await until(async () => (await left()).length === 0, 5_000), JSON.stringify(await left())).toBe(true);
    const { code, signal: endedBy } = await build.exited;
    expect(endedBy === signal || code === 128 + constants.signals[signal], `npm ended with ${code ?? endedBy}`).toBe(true);
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(work)).sort()).toEqual(['dist', 'generated']);
    expect((await readdir(generated)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const astroWork = await readdir(path.join(ROOT, 'node_modules/.cache/mapscope-build')).catch(() => [] as string[]);
    expect(astroWork.filter((dir) => running.some((p) => String(p.pid) === dir))).toEqual([]);
  }, 120_000);
});
