/**
 * Build a whole site the way `npm run build` does (data step, downloads, astro build) into a
 * given folder, so tests and benchmarks never touch the user's generated/ or dist/.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { STOP_WITH_PARENT, withParentPid } from '../cli.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltSite {
  /** The built site (what dist/ would be). */
  dist: string;
  /** The generated folder holding model.json. */
  generated: string;
  /** The base path the site was built for, e.g. "/" or "/mapscope/". */
  base: string;
  /** Wall time of the build in milliseconds. */
  ms: number;
}

export interface SiteOptions {
  /** Mapping files or folders; default data/. */
  data?: string[];
  base?: string;
  /** ATT&CK STIX bundles given at build time (--attack). */
  attack?: string[];
  /** The ATT&CK catalog folder (MAPSCOPE_CATALOG); default data/attack/. */
  catalog?: string;
  /** Capability texts given at build time (--descriptions). */
  descriptions?: string[];
}

/** Build the site for `data` (files or folders; default data/) into `work`/dist and `work`/generated. */
export async function buildSiteInto(work: string, options: SiteOptions = {}): Promise<BuiltSite> {
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
    MAPSCOPE_ATTACK: '',
    MAPSCOPE_DESCRIPTIONS: '',
    ...(options.catalog ? { MAPSCOPE_CATALOG: options.catalog } : {}),
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const dataArgs = [
    ...(options.data ?? [path.join(ROOT, 'data')]).flatMap((p) => ['--data', p]),
    ...(options.attack ?? []).flatMap((p) => ['--attack', p]),
    ...(options.descriptions ?? []).flatMap((p) => ['--descriptions', p]),
  ];
  const started = performance.now();
  // A build whose caller (a test run, npm run bench) is killed stops too.
  await run(process.execPath, [...STOP_WITH_PARENT, '--import', 'tsx', 'scripts/build.ts', ...dataArgs], {
    cwd: ROOT,
    env: withParentPid(env),
    maxBuffer: 256 << 20,
  });
  return { dist, generated, base, ms: performance.now() - started };
}
