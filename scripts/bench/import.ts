/**
 * npm run attack on the three complete 18.1 bundles (Enterprise, Mobile, ICS), each run in a
 * child process of its own so its peak memory is its own: wall time (node and tsx starting
 * included) and peak RSS, against a child that only reads and JSON.parses the same files.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { STOP_WITH_PARENT, withParentPid } from '../cli.ts';
import { summarize, type Timing } from './stats.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PEAK_RSS = ['--import', new URL('./peak-rss.mjs', import.meta.url).href];
const PARSE_ONLY = "for (const f of process.argv.slice(1)) JSON.parse(require('node:fs').readFileSync(f, 'utf8'));";

export interface ImportBench {
  bundles: string[];
  bytes: number;
  /** npm run attack: wall time (ms) and peak RSS (bytes). */
  time: Timing;
  memory: Timing;
  /** Reading and JSON.parse of the same files in a child. */
  reference: Timing;
  referenceMemory: Timing;
}

/** The complete 18.1 bundles in `folder`: enterprise, mobile, ics. */
export const completeBundles = (folder: string) => ['enterprise', 'mobile', 'ics'].map((d) => path.join(folder, `${d}-attack-18.1.json`));

async function measured(args: string[]): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const { stderr } = await run(process.execPath, [...STOP_WITH_PARENT, ...PEAK_RSS, ...args], {
    cwd: ROOT,
    env: withParentPid({ ...process.env }),
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - started;
  const rss = Number(/peak-rss (\d+)\s*$/.exec(stderr)?.[1]);
  if (!Number.isFinite(rss)) throw new Error(`no peak-rss line from ${args.join(' ')}:\n${stderr}`);
  return { ms, rss };
}

/** Import `bundles` `runs` times, each into a fresh copy of the committed catalog (as a user's import is), with the reference between. */
export async function benchImport(bundles: string[], scratch: string, runs: number): Promise<ImportBench> {
  const bytes = (await Promise.all(bundles.map((b) => stat(b)))).reduce((n, s) => n + s.size, 0);
  const time: number[] = [];
  const memory: number[] = [];
  const reference: number[] = [];
  const referenceMemory: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = await mkdtemp(path.join(scratch, 'import-'));
    await cp(path.join(ROOT, 'data/attack'), out, { recursive: true });
    const imported = await measured(['--import', 'tsx', 'scripts/import-attack.ts', ...bundles, '--out', out]);
    time.push(imported.ms);
    memory.push(imported.rss);
    await rm(out, { recursive: true, force: true });
    const parsed = await measured(['--import', 'tsx', '-e', PARSE_ONLY, ...bundles]);
    reference.push(parsed.ms);
    referenceMemory.push(parsed.rss);
  }
  return {
    bundles: bundles.map((b) => path.basename(b)),
    bytes,
    time: summarize(time),
    memory: summarize(memory),
    reference: summarize(reference),
    referenceMemory: summarize(referenceMemory),
  };
}
