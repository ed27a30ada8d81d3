/**
 * npm run build: the data step, then the pages and the downloads.
 *   1. read, validate and normalize the data into generated/model.json (npm run data);
 *   2. prepare every download in memory and write their sizes to generated/downloads.json;
 *   3. run astro build, which reads both, while the ~50,000 download files of a full corpus
 *      are written meanwhile (disk time overlaps rendering time);
 *   4. move the finished downloads folder into the built site.
 * Arguments are those of npm run data (--data PATH ...).
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataStep } from './build-model.ts';
import { prepareDownloads, writeDownloadFiles } from './build-downloads.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Run astro build from a working folder of its own inside the project. Astro writes its
 * intermediate files to <working folder>/.astro/ when the output folder lies elsewhere, and two
 * builds at once (the tests build several sites) must not share that folder.
 */
async function astroBuild(outDir: string, generated: string, signal: AbortSignal): Promise<number> {
  const work = path.join(ROOT, 'node_modules', '.cache', 'mapscope-build', String(process.pid));
  await mkdir(work, { recursive: true });
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--root', ROOT], {
        cwd: work,
        stdio: 'inherit',
        // A production build whatever NODE_ENV the caller has (test runners set "test").
        env: { ...process.env, NODE_ENV: 'production', MAPSCOPE_OUT: outDir, MAPSCOPE_GENERATED: generated, ASTRO_TELEMETRY_DISABLED: '1' },
        signal,
      });
      child.on('error', (error) => {
        if (error.name !== 'AbortError') console.error(`astro build could not start: ${error.message}`);
        resolve(1);
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const data = await dataStep(process.argv.slice(2));
  if (data.status !== 0 || !data.model || !data.dir) return data.status;

  const generated = data.dir;
  const outDir = path.resolve(ROOT, process.env['MAPSCOPE_OUT'] || 'dist');
  const started = performance.now();
  const downloads = prepareDownloads(data.model);
  await writeFile(path.join(generated, 'downloads.json'), JSON.stringify(downloads.manifest));
  const staging = path.join(generated, `downloads.${process.pid}.tmp`);
  const abort = new AbortController();
  try {
    // If writing the downloads fails, stop Astro too rather than leave it writing.
    const writing = writeDownloadFiles(downloads.files, staging).catch((error: Error) => {
      abort.abort();
      throw error;
    });
    const [built, written] = await Promise.allSettled([astroBuild(outDir, generated, abort.signal), writing]);
    if (written.status === 'rejected') {
      console.error(`Writing the downloads failed: ${(written.reason as Error).message}`);
      return 1;
    }
    const status = built.status === 'fulfilled' ? built.value : 1;
    if (status !== 0) return status;
    const target = path.join(outDir, 'downloads');
    await rm(target, { recursive: true, force: true });
    try {
      await rename(staging, target);
    } catch {
      await cp(staging, target, { recursive: true });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Downloads: ${downloads.files.length} files, ${(downloads.bytes / 1e6).toFixed(1)} MB; pages and downloads built in ${seconds} s`);
  return 0;
}

process.exitCode = await main();
