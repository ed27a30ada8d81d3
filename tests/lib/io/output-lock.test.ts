import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFileOf, lockOutput, lockOutputs, OutputLockedError } from '../../../src/lib/io/output-lock.ts';
import { ROOT } from '../../support/paths.ts';

const temp = () => mkdtemp(path.join(tmpdir(), 'mapscope-lock-'));

/** The lock file a run of another process would leave. */
const lockOf = (pid: number, command = 'npm run build', host = hostname()) =>
  `${JSON.stringify({ command, pid, host, started: '2025-01-02T03:04:05.000Z', token: `t-${pid}` })}\n`;

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('output locks', () => {
  it('are taken and given back: a lock file beside the folder names the run while it holds it', async () => {
    const dir = await temp();
    const folder = path.join(dir, 'generated');
    const lock = await lockOutput(folder, 'npm run data');
    expect(lock.file).toBe(`${folder}.lock`);
    const holder = JSON.parse(await readFile(lock.file, 'utf8'));
    expect(holder).toMatchObject({ command: 'npm run data', pid: process.pid, host: hostname() });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuse a run while a live run holds the folder, saying who and what to do', async () => {
    const dir = await temp();
    const folder = path.join(dir, 'dist');
    // pid 1 is always running.
    await writeFile(lockFileOf(folder), lockOf(1));
    const refused = await lockOutput(folder, 'npm run build').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OutputLockedError);
    expect((refused as Error).message).toBe(
      `${folder} is being written by another run (npm run build, pid 1, since 2025-01-02 03:04:05 UTC); this run stopped without writing anything. ` +
        `Start it again once that run is done (or, if no such run exists, remove ${folder}.lock).`,
    );
    expect(await readFile(lockFileOf(folder), 'utf8')).toBe(lockOf(1));
  });

  it('refuse a lock of another host, which cannot be checked from here', async () => {
    const dir = await temp();
    const folder = path.join(dir, 'dist');
    await writeFile(lockFileOf(folder), lockOf(await deadPid(), 'npm run build', 'other-host'));
    await expect(lockOutput(folder, 'npm run build')).rejects.toThrow(/\(npm run build, pid \d+ on other-host, since/);
  });

  it('take over a lock whose run has gone (killed outright, crashed), and a leftover that is not a lock', async () => {
    const dir = await temp();
    const stale = path.join(dir, 'generated');
    await writeFile(lockFileOf(stale), lockOf(await deadPid()));
    const lock = await lockOutput(stale, 'npm run data');
    expect(JSON.parse(await readFile(lock.file, 'utf8')).pid).toBe(process.pid);
    await lock.release();

    const leftover = path.join(dir, 'dist');
    await writeFile(lockFileOf(leftover), '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFileOf(leftover), old, old);
    await (await lockOutput(leftover, 'npm run build')).release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('give back only what is theirs, and none of several when one is refused', async () => {
    const dir = await temp();
    const [a, b] = [path.join(dir, 'generated'), path.join(dir, 'dist')];
    await writeFile(lockFileOf(b), lockOf(1));
    await expect(lockOutputs([a, b], 'npm run build')).rejects.toBeInstanceOf(OutputLockedError);
    expect((await readdir(dir)).sort()).toEqual(['dist.lock']);

    const lock = await lockOutput(a, 'npm run data');
    // Someone removed the lock by hand and another run took it: releasing must not take it from them.
    await writeFile(lock.file, lockOf(1));
    await lock.release();
    expect(await readFile(lock.file, 'utf8')).toBe(lockOf(1));
  });

  it('go to exactly one of several runs that find a stale lock at once', async () => {
    const dir = await temp();
    const folder = path.join(dir, 'generated');
    await writeFile(lockFileOf(folder), lockOf(await deadPid()));
    // Four processes try at once; each holds what it got until all have tried (then they are stopped).
    const script = `import { lockOutput } from ${JSON.stringify(path.join(ROOT, 'src/lib/io/output-lock.ts'))};
      try { await lockOutput(process.argv[1], 'npm run data'); console.log('took'); } catch (error) { console.log(error.name); }
      setInterval(() => {}, 1000);`;
    const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, folder], { cwd: ROOT }));
    const runs = children.map(
      (child) =>
        new Promise<string>((resolve) => {
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk;
            if (out.endsWith('\n')) resolve(out.trim());
          });
        }),
    );
    const results = (await Promise.all(runs).finally(() => children.forEach((child) => child.kill()))).sort();
    expect(results).toEqual(['OutputLockedError', 'OutputLockedError', 'OutputLockedError', 'took']);
  }, 30_000);
});
