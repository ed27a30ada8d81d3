/** Running our scripts as their npm commands do (node + tsx), several at once, and checking what a build published. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../../scripts/site-check/files.ts';
import { ROOT } from './paths.ts';

export interface ScriptRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `node --import tsx scripts/<script> <args>` from the project folder, with `env` over ours (minus what Vitest adds for Vite). */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): ScriptRun {
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
    cwd: ROOT,
    env: { ...inherited, MAPSCOPE_DATA: '', MAPSCOPE_ATTACK: '', ASTRO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

/** Every file of a folder with its SHA-256: equal snapshots mean byte-identical folders. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(dir))
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  return out;
}

/**
 * What a published build holds, each from one source: the sets and frameworks of the model in
 * the generated folder, of the site's pages, and of its download files (one _rows.json per set;
 * any other file is a set's or a comparison's), and the sets the downloads manifest lists.
 */
export async function published(generated: string, dist: string) {
  const model = JSON.parse(await readFile(path.join(generated, 'model.json'), 'utf8')) as { sets: { id: string }[]; frameworks: { id: string }[] };
  const manifest = JSON.parse(await readFile(path.join(generated, 'downloads.json'), 'utf8')) as Record<string, { setId: string | null }[]>;
  const downloads = await readdir(path.join(dist, 'downloads'));
  const setIds = model.sets.map((s) => s.id).sort();
  return {
    model: { sets: setIds, frameworks: model.frameworks.map((f) => f.id).sort() },
    pages: {
      sets: (await readdir(path.join(dist, 'sets'))).sort(),
      frameworks: (await readdir(path.join(dist, 'frameworks'))).filter((f) => f !== 'index.html').sort(),
    },
    downloads: {
      sets: downloads
        .filter((f) => f.endsWith('_rows.json'))
        .map((f) => f.slice(0, -'_rows.json'.length))
        .sort(),
      strays: downloads.filter((f) => !f.startsWith('compare_') && !setIds.some((id) => f.startsWith(id))),
    },
    manifest: [
      ...new Set(
        Object.values(manifest)
          .flatMap((groups) => groups.map((g) => g.setId))
          .filter((id) => id !== null),
      ),
    ].sort(),
  };
}

/** Whether `published` found one build everywhere. */
export function oneBuild(p: Awaited<ReturnType<typeof published>>): boolean {
  const same = (a: string[], b: string[]) => a.join('\n') === b.join('\n');
  return (
    same(p.model.sets, p.pages.sets) &&
    same(p.model.frameworks, p.pages.frameworks) &&
    same(p.model.sets, p.downloads.sets) &&
    same(p.model.sets, p.manifest) &&
    p.downloads.strays.length === 0
  );
}
