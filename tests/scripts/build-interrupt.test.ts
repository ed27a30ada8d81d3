import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteInto } from '../../scripts/site-check/build-site.ts';
import { listFiles } from '../../scripts/site-check/files.ts';
import { ROOT } from '../support/paths.ts';

// `npm run build` interrupted as a user (Ctrl-C: SIGINT to the terminal's process group) or a CI
// runner or container stop (SIGTERM to the npm process) does it, over a previously built site.

/** Every file of a folder with its SHA-256: equal snapshots mean byte-identical folders. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(dir)) out[path.relative(dir, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  return out;
}

/** Processes whose environment carries the tag (the build and everything it started). */
async function processesTagged(tag: string): Promise<{ pid: number; command: string }[]> {
  const found: { pid: number; command: string }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'latin1');
      if (environ.includes(`MAPSCOPE_TEST_TAG=${tag}`)) found.push({ pid: Number(entry), command: (await readFile(`/proc/${entry}/cmdline`, 'latin1')).replace(/\0/g, ' ') });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

const until = async (check: () => Promise<boolean>, timeout: number) => {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
};

let work: string;
let dist: string;
let before: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mapscope-interrupt-'));
  dist = (await buildSiteInto(work)).dist;
  before = await snapshot(dist);
}, 180_000);

describe.each([
  ['Ctrl-C (SIGINT to the process group)', 'SIGINT', true, 130],
  ['a stop (SIGTERM to npm)', 'SIGTERM', false, 143],
] as const)('npm run build interrupted by %s', (_name, signal, group, exitCode) => {
  it('leaves the previous site byte-identical, and no process behind', async () => {
    const tag = randomUUID();
    const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
    const child = spawn('npm', ['run', 'build', '--', '--data', path.join(ROOT, 'data')], {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
      env: { ...inherited, MAPSCOPE_GENERATED: path.join(work, 'generated'), MAPSCOPE_OUT: dist, MAPSCOPE_DATA: '', MAPSCOPE_ATTACK: '', MAPSCOPE_TEST_TAG: tag },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? (sig ? 128 : null))));
    // While Astro is writing pages: the moment a half-written site would be left behind.
    const writing = async () => {
      for (const entry of await readdir(work)) {
        if (!entry.startsWith('dist.staging-')) continue;
        const files = await readdir(path.join(work, entry), { recursive: true }).catch(() => [] as string[]);
        if (files.some((f) => String(f).endsWith('index.html'))) return true;
      }
      return false;
    };
    expect(await until(writing, 90_000)).toBe(true);
    process.kill(group ? -child.pid! : child.pid!, signal);
    const code = await exited;
    expect(code === exitCode || code === 128).toBe(true);
    expect(await until(async () => (await processesTagged(tag)).length === 0, 15_000), JSON.stringify(await processesTagged(tag))).toBe(true);
    expect(await snapshot(dist)).toEqual(before);
    expect((await readdir(work)).filter((f) => f !== 'dist' && f !== 'generated')).toEqual([]);
  }, 120_000);
});
