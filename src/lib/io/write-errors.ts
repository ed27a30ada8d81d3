/**
 * A write that failed (a folder that cannot be made, a file that cannot be written or renamed), told
 * in one line a user can act on: the path, and the cause in words, with its code
 * ("generated/model.json: no space left on the device (ENOSPC)"), never a stack trace.
 */
import path from 'node:path';

/** The causes a write meets, in words. */
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is there, where a file is needed',
  ENOTEMPTY: 'a folder with files in it is in the way',
  EEXIST: 'a file is there, where a folder is needed',
  ENAMETOOLONG: 'the name is too long for the file system',
  ENOENT: 'a folder on the way does not exist',
  EMFILE: 'too many files are open',
  EBUSY: 'the file or folder is in use',
  EXDEV: 'it lies on another file system',
  EIO: 'an input/output error of the device',
  ELOOP: 'too many symbolic links on the way',
};

/** A failed write of `path` (a file or a folder). */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`cannot write ${shownPath(path)}: ${detail}`);
    this.name = 'WriteError';
  }
}

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** An error of the file system (one with a code such as ENOSPC), as Node throws them. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/** The cause of a system error in words, with its code. */
function causeOf(error: NodeJS.ErrnoException & { code: string }): string {
  const words = CAUSES[error.code];
  return words ? `${words} (${error.code})` : `${error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/, '')} (${error.code})`;
}

/**
 * The failure as a WriteError: one already, or a system error, named by the path it carries (the
 * folder or file the system refused, which may be a parent of `target`; a rename's destination)
 * or else by `target`. A path in `standIns` (the target's temporary file) is named as `target`.
 * Anything else (a bug, not the disk) is null.
 */
export function writeFailure(error: unknown, target?: string, standIns: readonly string[] = []): WriteError | null {
  if (error instanceof WriteError) return error;
  if (!isSystemError(error)) return null;
  const named = (error as { dest?: string }).dest ?? error.path;
  const file = named === undefined || (target !== undefined && standIns.includes(named)) ? target : named;
  if (file === undefined) return null;
  return new WriteError(file, error.code, causeOf(error));
}

/** Do `work`, which writes `target`; a system error comes out as a WriteError naming what was refused. */
export async function writing<T>(target: string, work: () => Promise<T>, standIns: readonly string[] = []): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw writeFailure(error, target, standIns) ?? error;
  }
}
