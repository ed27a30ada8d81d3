/**
 * npm run build: the data step, then the pages and the downloads.
 *   1. read, validate and normalize the data into generated/model.json (npm run data);
 *   2. prepare the downloads in memory and write their sizes to generated/downloads.json;
 *   3. run astro build into a staging folder beside the output folder, while the download files
 *      are written meanwhile (disk time overlaps rendering time);
 *   4. move the downloads into the staging folder, measure it against the deploy budgets
 *      (scripts/site-check/budgets.ts: a warning, or with --strict an error that keeps the
 *      previous site), then swap it in for the output folder.
 * A build that fails or is interrupted (Ctrl-C, SIGTERM) leaves the previous site untouched:
 * the signal is passed on to Astro (and whatever it started), the staging folder is removed.
 * npm run build runs this script with scripts/stop-with-parent.mjs, so that a build whose npm is
 * killed outright stops the same way; Astro runs with it too, in case this process is.
 * Arguments are those of npm run data (--data PATH ...); they and the variables a build reads
 * (MAPSCOPE_OUT, MAPSCOPE_BASE, ...) are declared in src/lib/config/settings.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataStep } from './build-model.ts';
import { prepareDownloads, stixReportLine, writeDownloadFiles } from './build-downloads.ts';
import { budgetProblems, budgetsFrom, describeMeasure, measureSite } from './site-check/budgets.ts';
import { STOP_WITH_PARENT, withParentPid } from './cli.ts';
import { readSetting } from '../src/lib/config/settings.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Children to stop when the build is interrupted (each leads a process group of its own). */
const children = new Set<ChildProcess>();
/** Folders to remove when the build stops before the swap. */
const scratch = new Set<string>();

/** Stop every child's whole process group. */
function stopChildren(signal: NodeJS.Signals): void {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Run astro build from a working folder of its own inside the project. Astro writes its
 * intermediate files to <working folder>/.astro/ when the output folder lies elsewhere, and two
 * builds at once (the tests build several sites) must not share that folder. Astro runs in a
 * process group of its own, so that an interruption reaches everything it started.
 */
async function astroBuild(outDir: string, generated: string): Promise<number> {
  const work = path.join(ROOT, 'node_modules', '.cache', 'mapscope-build', String(process.pid));
  await mkdir(work, { recursive: true });
  scratch.add(work);
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [...STOP_WITH_PARENT, path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--root', ROOT], {
        cwd: work,
        stdio: 'inherit',
        detached: true,
        // A production build whatever NODE_ENV the caller has (test runners set "test").
        env: withParentPid({ ...process.env, NODE_ENV: 'production', MAPSCOPE_OUT: outDir, MAPSCOPE_GENERATED: generated, ASTRO_TELEMETRY_DISABLED: '1' }),
      });
      children.add(child);
      child.on('error', (error) => {
        console.error(`astro build could not start: ${error.message}`);
        children.delete(child);
        resolve(1);
      });
      child.on('close', (code) => {
        children.delete(child);
        resolve(code ?? 1);
      });
    });
  } finally {
    await rm(work, { recursive: true, force: true });
    scratch.delete(work);
  }
}

/** The swap in progress: an interruption lets it finish (a half-done swap would lose both sites). */
let swapping: Promise<void> | null = null;

/** Put the finished site in place of the output folder: the old one goes only once the new one is complete. */
function swapIn(staging: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}`;
  swapping = (async () => {
    let moved = false;
    try {
      await rename(outDir, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(staging, outDir);
    scratch.delete(staging);
    if (moved) {
      scratch.add(old);
      await rm(old, { recursive: true, force: true });
      scratch.delete(old);
    }
  })();
  return swapping;
}

async function main(): Promise<number> {
  const data = await dataStep(process.argv.slice(2), 'build');
  if (data.status !== 0 || !data.model || !data.dir) return data.status;

  const generated = data.dir;
  const outDir = path.resolve(ROOT, readSetting('out'));
  const staging = `${outDir}.staging-${process.pid}`;
  const downloadsDir = path.join(generated, `downloads.${process.pid}.tmp`);
  scratch.add(staging);
  scratch.add(downloadsDir);
  const started = performance.now();
  const downloads = await prepareDownloads(data.model);
  const stixLine = stixReportLine(downloads.stixGaps);
  if (stixLine) console.warn(`Warning: ${stixLine}`);
  await writeFile(path.join(generated, 'downloads.json'), JSON.stringify(downloads.manifest));
  // If writing the downloads fails, stop Astro too rather than leave it writing.
  const writing = writeDownloadFiles(downloads.files, downloadsDir).catch((error: Error) => {
    stopChildren('SIGTERM');
    throw error;
  });
  const [built, written] = await Promise.allSettled([astroBuild(staging, generated), writing]);
  if (written.status === 'rejected') {
    console.error(`Writing the downloads failed: ${(written.reason as Error).message}`);
    return 1;
  }
  const status = built.status === 'fulfilled' ? built.value : 1;
  if (status !== 0) return status;
  const target = path.join(staging, 'downloads');
  await rm(target, { recursive: true, force: true });
  try {
    await rename(downloadsDir, target);
  } catch {
    await cp(downloadsDir, target, { recursive: true });
  }
  const measure = await measureSite(staging);
  const problems = budgetProblems(measure, budgetsFrom());
  for (const problem of problems) console[data.strict ? 'error' : 'warn'](`${data.strict ? 'Error' : 'Warning'}: over a deploy budget: ${problem}`);
  if (problems.length && data.strict) {
    console.error(`(--strict: the site is not written; ${path.relative(process.cwd(), outDir) || outDir} stays as it was.)`);
    return 1;
  }
  await swapIn(staging, outDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Site: ${describeMeasure(measure)} (downloads: ${downloads.files.length} files, ${(downloads.bytes / 1e6).toFixed(1)} MB); pages and downloads built in ${seconds} s`);
  console.log(`Downloads by format: ${Object.entries(downloads.byFormat).map(([id, t]) => `${id} ${t.files} files ${(t.bytes / 1e6).toFixed(1)} MB`).join(', ')}`);
  return 0;
}

/** Remove what an unfinished build wrote (never the output folder itself). */
async function cleanUp(): Promise<void> {
  await Promise.all([...scratch].map((dir) => rm(dir, { recursive: true, force: true })));
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\nBuild interrupted (${signal}): stopping, the previous site stays as it was.`);
    stopChildren(signal);
    // Wait for the children to go before removing what they were writing.
    const waitForChildren = new Promise<void>((resolve) => {
      const check = () => (children.size === 0 ? resolve() : setTimeout(check, 50));
      check();
    });
    // A stopped build must be gone within seconds (docker stop kills everything after 10 s).
    const deadline = new Promise<void>((resolve) => setTimeout(() => {
      stopChildren('SIGKILL');
      resolve();
    }, 3_000));
    void Promise.race([waitForChildren, deadline])
      .then(() => swapping?.catch(() => {}))
      .then(cleanUp)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  process.exitCode = await main();
} finally {
  if (!stopping) await cleanUp();
}
