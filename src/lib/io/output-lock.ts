/**
 * One run at a time per output folder. A run that publishes into a folder (a build into dist/ and
 * generated/, npm run data into generated/, npm run attack into data/attack/, npm run baselines
 * into data/baselines/) first takes its lock: a file beside the folder, <folder>.lock, made whole
 * or not at all, that names the run (command, pid, host, start). A second run that wants the same
 * folder while the first is alive is refused with an OutputLockedError that says who holds it; a
 * lock whose process is gone (killed outright, a crash) is taken over.
 *
 * Refusing rather than waiting: the run that waited would then overwrite what the first had just
 * published, which is rarely what the person who started both meant, and a run waiting behind a
 * stuck one would look like a hang. A refusal says at once what is going on, exits non-zero for a
 * script or CI job to see, and the run can be started again when the first is done.
 */
import { hostname } from 'node:os';
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { shownPath, writing } from './write-errors.ts';

/** Who holds a lock, as its file says. */
export interface LockHolder {
  command: string;
  pid: number;
  host: string;
  /** When the run started (ISO 8601). */
  started: string;
  /** Tells this run's lock from a later one of the same pid. */
  token: string;
}

/** An output folder held by another live run. */
export class OutputLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    const since = holder.started.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
    super(
      `${shownPath(folder)} is being written by another run (${holder.command}, ${where}, since ${since}); this run stopped without writing anything. ` +
        `Start it again once that run is done (or, if no such run exists, remove ${shownPath(file)}).`,
    );
    this.name = 'OutputLockedError';
  }
}

/** A lock held by this run. */
export interface OutputLock {
  folder: string;
  file: string;
  /** Give the lock up (only if it is still this run's). */
  release(): Promise<void>;
  /** The same, for exit handlers. */
  releaseSync(): void;
}

/** The lock file of an output folder. */
export const lockFileOf = (folder: string) => `${path.resolve(folder)}.lock`;

/** Whether a process of this host is running (a process of another user counts). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder has gone: a process of this host that no longer runs (or is this one: the pid came round again). */
function gone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  return holder.pid === process.pid || !processRunning(holder.pid);
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.command === 'string' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { started: '', ...value } as LockHolder;
    }
  } catch {
    // Not a lock of ours, or half of one.
  }
  return null;
}

/** The lock file's holder; 'none' when there is no file, 'unreadable' when it is not a lock. */
async function readHolder(file: string): Promise<LockHolder | 'none' | 'unreadable'> {
  try {
    return parseHolder(await readFile(file, 'utf8')) ?? 'unreadable';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}

/**
 * Make `file` with `content`, whole, unless it exists: the content goes to a file of this run's
 * own, which is then linked to the lock's name (a link never replaces a file). Where the file
 * system has no hard links, the file is created exclusively and written.
 */
async function create(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  await writeFile(temp, content, { flag: 'wx' });
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  } finally {
    await unlink(temp).catch(() => {});
  }
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A file that is not a lock and this old is left over (a run stopped between creating and writing it). */
const UNREADABLE_STALE_MS = 5_000;

/**
 * Take the lock of an output folder for `command` ("npm run build"), or throw an
 * OutputLockedError when a live run holds it. A lock whose process is gone is taken over; two
 * runs that find it so at once take turns through a second lock (<folder>.lock.takeover), so only
 * one of them removes it. The folder's parent is made if missing. Failures to write the lock are
 * WriteErrors naming it.
 */
export async function lockOutput(folder: string, command: string): Promise<OutputLock> {
  const file = lockFileOf(folder);
  const guard = `${file}.takeover`;
  const me: LockHolder = { command, pid: process.pid, host: hostname(), started: new Date().toISOString(), token: randomUUID() };
  const content = `${JSON.stringify(me)}\n`;
  await writing(path.dirname(file), () => mkdir(path.dirname(file), { recursive: true }));
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await writing(file, () => create(file, content))) return held(folder, file, me.token);
    const holder = await readHolder(file);
    if (holder === 'none') continue;
    if (holder === 'unreadable') {
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age < UNREADABLE_STALE_MS) {
        await pause(50);
        continue;
      }
    } else if (!gone(holder)) {
      throw new OutputLockedError(folder, file, holder);
    }
    // Left by a run that is gone: take it over, one run at a time.
    const guardContent = `${JSON.stringify({ ...me, command: `${command} (taking over a lock)` })}\n`;
    if (await writing(guard, () => create(guard, guardContent))) {
      try {
        const again = await readFile(file, 'utf8').catch(() => null);
        const still = again === null ? null : parseHolder(again);
        // Only the lock found stale: not one another run has taken meanwhile.
        const unchanged = holder === 'unreadable' ? still === null : still?.token === holder.token;
        if (again !== null && unchanged) await rm(file, { force: true });
      } finally {
        await rm(guard, { force: true });
      }
    } else {
      const other = await readHolder(guard);
      if (other !== 'none' && other !== 'unreadable' && gone(other)) await rm(guard, { force: true });
      await pause(20);
    }
  }
  throw new Error(`Could not take the lock ${shownPath(file)}: it kept changing hands; try again.`);
}

function held(folder: string, file: string, token: string): OutputLock {
  let released = false;
  const ours = (text: string | null) => text !== null && parseHolder(text)?.token === token;
  return {
    folder,
    file,
    async release() {
      if (released) return;
      released = true;
      if (ours(await readFile(file, 'utf8').catch(() => null))) await rm(file, { force: true });
    },
    releaseSync() {
      if (released) return;
      released = true;
      let text: string | null = null;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return;
      }
      if (ours(text)) {
        try {
          unlinkSync(file);
        } catch {
          // Gone already.
        }
      }
    },
  };
}

/**
 * Take the locks of several output folders, in the order given; none when one is refused (those
 * taken are given back).
 */
export async function lockOutputs(folders: readonly string[], command: string): Promise<OutputLock[]> {
  const locks: OutputLock[] = [];
  try {
    for (const folder of new Set(folders.map((f) => path.resolve(f)))) locks.push(await lockOutput(folder, command));
    return locks;
  } catch (error) {
    await Promise.all(locks.map((lock) => lock.release()));
    throw error;
  }
}
