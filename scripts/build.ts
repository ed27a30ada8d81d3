/**
 * npm run build: the data step, then the pages and the downloads, published only when all went well.
 *   1. take the locks of the generated folder and the output folder (src/lib/io/output-lock.ts):
 *      a second build, or npm run data, into either is refused while this one runs;
 *   2. read, validate and normalize the data (as npm run data does) into a model of this build's
 *      own, in generated/build.<pid>.tmp/, which the pages are rendered from (MAPSCOPE_GENERATED
 *      is that folder for Astro), so no other run's model can reach this build's pages;
 *   3. prepare the downloads in memory and write their sizes (downloads.json) beside that model;
 *   4. run astro build into a staging folder beside the output folder, while the download files
 *      are written meanwhile (disk time overlaps rendering time);
 *   5. move the downloads into the staging folder, measure it against the deploy budgets
 *      (scripts/site-check/budgets.ts: a warning, or with --strict an error that keeps the
 *      previous site), then swap it in for the output folder, and move the model and the manifest
 *      into the generated folder.
 * A build that fails or is interrupted (Ctrl-C, SIGTERM) leaves the previous site and model
 * untouched: the signal is passed on to Astro (and whatever it started), the staging folders are
 * removed. A write the system refuses is said in one line (the path and the cause).
 * npm run build runs this script with scripts/stop-with-parent.mjs, so that a build whose npm is
 * killed outright stops the same way; Astro runs with it too, in case this process is.
 * Arguments are those of npm run data (--data PATH ...); they and the variables a build reads
 * (MAPSCOPE_OUT, MAPSCOPE_BASE, ...) are declared in src/lib/config/settings.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelLine, readData } from './build-model.ts';
import { prepareDownloads, stixReportLine, writeDownloadFiles, type PreparedDownloads } from './build-downloads.ts';
import { budgetProblems, budgetsFrom, describeMeasure, measureSite } from './site-check/budgets.ts';
import { parseCommand, runCommand, STOP_WITH_PARENT, withParentPid } from './cli.ts';
import { manifestPath, modelPath, writeModel } from '../src/lib/model/model-store.ts';
import { lockOutputs, processRunning, type OutputLock } from '../src/lib/io/output-lock.ts';
import { shownPath, writeFailure, writing } from '../src/lib/io/write-errors.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Children to stop when the build is interrupted (each leads a process group of its own). */
/** How long Astro waits for the downloads manifest before it gives up (a very large corpus takes a minute). */
const MANIFEST_WAIT_SECONDS = 600;
const children = new Set<ChildProcess>();
/** Folders to remove when the build stops before the swap. */
const scratch = new Set<string>();
/** The output folders' locks this build holds, given back when it ends. */
const locks: OutputLock[] = [];

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
async function astroBuild(outDir: string, generated: string, extraEnv: Record<string, string> = {}): Promise<number> {
  const work = path.join(ROOT, 'node_modules', '.cache', 'mapscope-build', String(process.pid));
  await writing(work, () => mkdir(work, { recursive: true }));
  scratch.add(work);
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [...STOP_WITH_PARENT, path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--root', ROOT], {
        cwd: work,
        stdio: 'inherit',
        detached: true,
        // A production build whatever NODE_ENV the caller has (test runners set "test").
        env: withParentPid({
          ...process.env,
          ...extraEnv,
          NODE_ENV: 'production',
          MAPSCOPE_OUT: outDir,
          MAPSCOPE_GENERATED: generated,
          ASTRO_TELEMETRY_DISABLED: '1',
        }),
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

/**
 * Publish the build: the finished site in place of the output folder (the old one goes only once
 * the new one is in place), then the model and the downloads manifest it was built from in place
 * of those in the generated folder (each a rename, which is atomic).
 */
function publish(staging: string, outDir: string, stage: string, generated: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}`;
  swapping = (async () => {
    let moved = false;
    try {
      await rename(outDir, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailure(error, outDir) ?? error;
    }
    try {
      await rename(staging, outDir);
    } catch (error) {
      if (moved) await rename(old, outDir).catch(() => {});
      throw writeFailure(error, outDir, [staging]) ?? error;
    }
    try {
      // The manifest first: the model is what says which build the generated folder holds.
      for (const [from, to] of [
        [manifestPath(stage), manifestPath(generated)],
        [modelPath(stage), modelPath(generated)],
      ] as const) {
        await writing(to, () => rename(from, to), [from]);
      }
    } catch (error) {
      // Put the previous site back rather than leave a site and a model of two builds.
      await rename(outDir, staging).catch(() => {});
      if (moved) await rename(old, outDir).catch(() => {});
      throw error;
    }
    scratch.delete(staging);
    if (moved) {
      scratch.add(old);
      await rm(old, { recursive: true, force: true });
      scratch.delete(old);
    }
  })();
  return swapping;
}

/**
 * What builds killed outright (SIGKILL, a power cut) left: their private model folders and
 * staging sites are removed, and a previous site left aside mid-swap is put back when the output
 * folder is missing (removed when it is not). Only those of processes that are gone: with the
 * locks held, no other build can be writing them.
 */
async function removeLeftovers(generated: string, outDir: string): Promise<void> {
  const dead = (name: string, pattern: RegExp) => {
    const pid = Number(pattern.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processRunning(pid);
  };
  const inGenerated = await readdir(generated).catch(() => [] as string[]);
  const besideOut = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
  const base = path.basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const staging = new RegExp(`^${base}\\.staging-(\\d+)$`);
  const aside = new RegExp(`^${base}\\.old-(\\d+)$`);
  const stale = [
    ...inGenerated.filter((name) => dead(name, /^build\.(\d+)\.tmp$/)).map((name) => path.join(generated, name)),
    ...besideOut.filter((name) => dead(name, staging)).map((name) => path.join(path.dirname(outDir), name)),
  ];
  await Promise.all(stale.map((dir) => rm(dir, { recursive: true, force: true })));
  for (const old of besideOut.filter((name) => dead(name, aside))) {
    const from = path.join(path.dirname(outDir), old);
    if (besideOut.includes(path.basename(outDir))) {
      await rm(from, { recursive: true, force: true });
      continue;
    }
    await writing(outDir, () => rename(from, outDir));
    besideOut.push(path.basename(outDir));
    console.log(`${shownPath(outDir)} was missing after a build stopped mid-swap: the site it replaced (${old}) is back in place.`);
  }
}

async function main(): Promise<number> {
  const parsed = parseCommand('build', process.argv.slice(2));
  if ('status' in parsed) return parsed.status;
  const { values } = parsed;
  const generated = path.resolve(values.generated);
  const outDir = path.resolve(ROOT, values.out);
  locks.push(...(await lockOutputs([generated, outDir], 'npm run build')));
  await removeLeftovers(generated, outDir);

  const read = await readData(values);
  if (!read) return 1;
  // This build's own model, downloads manifest and download files, published with the site.
  const stage = path.join(generated, `build.${process.pid}.tmp`);
  const downloadsDir = path.join(stage, 'downloads');
  const staging = `${outDir}.staging-${process.pid}`;
  scratch.add(stage);
  scratch.add(staging);
  await writeModel(stage, read.model);
  console.log(`${modelLine(read.model, read.files, read.started, modelPath(generated))} (with the site)`);
  // Made here so that an output folder that cannot be written is said in one line, not by Astro.
  await writing(staging, () => mkdir(staging, { recursive: true }));
  const started = performance.now();
  // Astro starts now: it bundles the pages (some seconds) while the downloads are made here, and
  // waits for their manifest before it renders a page (MAPSCOPE_MANIFEST_WAIT).
  const building = astroBuild(staging, stage, { MAPSCOPE_MANIFEST_WAIT: String(MANIFEST_WAIT_SECONDS) });
  let downloads: PreparedDownloads;
  try {
    downloads = await prepareDownloads(read.model);
    const stixLine = stixReportLine(downloads.stixGaps);
    if (stixLine) console.warn(`Warning: ${stixLine}`);
    // Renamed into place whole: Astro reads it as soon as it is there.
    const manifest = manifestPath(stage);
    await writing(manifest, () => writeFile(`${manifest}.part`, JSON.stringify(downloads.manifest)));
    await writing(manifest, () => rename(`${manifest}.part`, manifest));
  } catch (error) {
    stopChildren('SIGTERM');
    await building.catch(() => {});
    throw error;
  }
  // If writing the downloads fails, stop Astro too rather than leave it writing.
  const writingDownloads = writeDownloadFiles(downloads.files, downloadsDir).catch((error: Error) => {
    stopChildren('SIGTERM');
    throw error;
  });
  const [built, written] = await Promise.allSettled([building, writingDownloads]);
  const unchanged = `${shownPath(outDir)} and ${shownPath(modelPath(generated))} stay as they were.`;
  if (written.status === 'rejected') {
    const failed = writeFailure(written.reason);
    console.error(failed ? `Error: ${failed.message}. ${unchanged}` : `Writing the downloads failed: ${(written.reason as Error).message}`);
    return 1;
  }
  const status = built.status === 'fulfilled' ? built.value : 1;
  if (status !== 0) {
    console.error(`The pages could not be built; ${unchanged}`);
    return status;
  }
  const target = path.join(staging, 'downloads');
  await rm(target, { recursive: true, force: true });
  try {
    await rename(downloadsDir, target);
  } catch {
    await writing(target, () => cp(downloadsDir, target, { recursive: true }));
  }
  const measure = await measureSite(staging);
  const problems = budgetProblems(measure, budgetsFrom());
  for (const problem of problems) console[values.strict ? 'error' : 'warn'](`${values.strict ? 'Error' : 'Warning'}: over a deploy budget: ${problem}`);
  if (problems.length && values.strict) {
    console.error(`(--strict: the site is not written; ${path.relative(process.cwd(), outDir) || outDir} stays as it was.)`);
    return 1;
  }
  await publish(staging, outDir, stage, generated);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Site: ${describeMeasure(measure)} (downloads: ${downloads.files.length} files, ${(downloads.bytes / 1e6).toFixed(1)} MB); pages and downloads built in ${seconds} s`,
  );
  console.log(
    `Downloads by format: ${Object.entries(downloads.byFormat)
      .map(([id, t]) => `${id} ${t.files} files ${(t.bytes / 1e6).toFixed(1)} MB${downloads.onClick[id] ? ` (+${downloads.onClick[id]} made on click)` : ''}`)
      .join(', ')}`,
  );
  return 0;
}

/** Remove what an unfinished build wrote (never the output folder itself), and give the locks back. */
async function cleanUp(): Promise<void> {
  await Promise.all([...scratch].map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(locks.splice(0).map((lock) => lock.release()));
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\nBuild interrupted (${signal}): stopping, the previous site and model stay as they were.`);
    stopChildren(signal);
    // Wait for the children to go before removing what they were writing.
    const waitForChildren = new Promise<void>((resolve) => {
      const check = () => (children.size === 0 ? resolve() : setTimeout(check, 50));
      check();
    });
    // A stopped build must be gone within seconds (docker stop kills everything after 10 s).
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        stopChildren('SIGKILL');
        resolve();
      }, 3_000),
    );
    void Promise.race([waitForChildren, deadline])
      .then(() => swapping?.catch(() => {}))
      .then(cleanUp)
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  process.exitCode = await runCommand(main, 'The previous site and model stay as they were.');
} finally {
  if (!stopping) await cleanUp();
}
