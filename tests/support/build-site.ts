/**
 * Build a site the way `npm run build` does (data step, then astro build), into temporary
 * folders, so tests never touch the user's generated/ or dist/.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './paths.ts';

const run = promisify(execFile);

export interface BuiltSite {
  /** The built site (what dist/ would be). */
  dist: string;
  /** The generated folder holding model.json. */
  generated: string;
  /** The base path the site was built for, e.g. "/" or "/mapscope/". */
  base: string;
}

export async function buildSite(options: { data?: string[]; base?: string; label?: string } = {}): Promise<BuiltSite> {
  const work = await mkdtemp(path.join(tmpdir(), `mapscope-${options.label ?? 'site'}-`));
  const generated = path.join(work, 'generated');
  const dist = path.join(work, 'dist');
  const base = options.base ?? '/';
  // Vitest exports Vite's variables (BASE_URL, MODE, ...) to process.env; a build must not inherit them.
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...inherited } = process.env;
  const env = {
    ...inherited,
    MAPSCOPE_GENERATED: generated,
    MAPSCOPE_OUT: dist,
    MAPSCOPE_BASE: base,
    MAPSCOPE_DATA: '',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const dataArgs = (options.data ?? [path.join(ROOT, 'data')]).flatMap((p) => ['--data', p]);
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', ...dataArgs], { cwd: ROOT, env, maxBuffer: 64 << 20 });
  return { dist, generated, base };
}
