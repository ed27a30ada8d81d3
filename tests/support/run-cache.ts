/**
 * What several test files need and is costly to make (a built site), made once
 * per test run. It lives in the run's folder (MAPSCOPE_TEST_RUN, named by vitest.config.ts, so that
 * every worker of every project finds it): the first test file to ask makes it, whichever worker it
 * runs in, and the others wait for it. The global setup tests/support/run-setup.ts removes the folder
 * once every test file has run.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The folder of this test run's shared things. */
export function runFolder(): string {
  const folder = process.env['MAPSCOPE_TEST_RUN'];
  if (!folder) throw new Error('MAPSCOPE_TEST_RUN is not set: what tests share is for `npm test` (vitest.config.ts names the folder).');
  return folder;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Wait for what another test file is making (its bookkeeping in `home`): its result, or its failure. */
async function madeBySomeoneElse<T>(home: string): Promise<T> {
  const done = path.join(home, 'made.json');
  const failed = path.join(home, 'failed.txt');
  const maker = path.join(home, 'maker.pid');
  for (;;) {
    if (existsSync(done)) return JSON.parse(await readFile(done, 'utf8')) as T;
    if (existsSync(failed)) throw new Error(`Making ${home} failed (in another test file):\n${await readFile(failed, 'utf8')}`);
    const pid = existsSync(maker) ? Number(await readFile(maker, 'utf8')) : 0;
    if (pid && !isRunning(pid) && !existsSync(done)) throw new Error(`Making ${home} stopped unfinished: its process ${pid} is gone.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `make(folder)`'s result (JSON), made once per run under `name` (one per thing and its options):
 * `make` writes what it makes inside `folder`, an empty folder of its own. Read what it made, never change it.
 */
export async function madeOnce<T>(name: string, make: (folder: string) => Promise<T>): Promise<T> {
  // `home` holds who makes it and how that went, beside the folder it is made in.
  const home = path.join(runFolder(), name);
  await mkdir(runFolder(), { recursive: true });
  try {
    await mkdir(home);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return madeBySomeoneElse<T>(home);
  }
  await writeFile(path.join(home, 'maker.pid'), String(process.pid));
  try {
    const folder = path.join(home, 'made');
    await mkdir(folder);
    const made = await make(folder);
    await writeFile(path.join(home, 'made.json.tmp'), JSON.stringify(made));
    await rename(path.join(home, 'made.json.tmp'), path.join(home, 'made.json'));
    return made;
  } catch (error) {
    await writeFile(path.join(home, 'failed.txt'), String((error as Error).stack ?? error));
    throw error;
  }
}

/** Remove the run's folder and all it holds. */
export async function removeRunFolder(): Promise<void> {
  await rm(runFolder(), { recursive: true, force: true });
}
