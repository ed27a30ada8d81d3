import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../../src/lib/io/atomic-files.ts';
import { shownPath, writeFailure, WriteError, writing } from '../../../src/lib/io/write-errors.ts';

// Tests run as root here, which may write where a mode forbids it: the failures are made with
// paths that fail for root too (a folder under a regular file, /dev/full, /sys).

describe('write failures', () => {
  it('name the path and the cause in one line: no space left (/dev/full)', async () => {
    const failed = await writing('/dev/full', () => writeFile('/dev/full', 'x')).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(WriteError);
    expect((failed as Error).message).toBe('cannot write /dev/full: no space left on the device (ENOSPC)');
  });

  it('name the folder the system refused, which may be a parent of the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-write-'));
    await writeFile(path.join(dir, 'file'), '');
    const target = path.join(dir, 'file', 'generated');
    const failed = await writing(target, () => mkdir(target, { recursive: true })).catch((error: unknown) => error);
    expect((failed as Error).message).toBe(`cannot write ${target}: a part of the path is a file, not a folder (ENOTDIR)`);
  });

  it.runIf(process.platform === 'linux' && existsSync('/sys/kernel'))(
    'say "not permitted" where the system forbids it (under /sys, even for root)',
    async () => {
      const failed = await writing('/sys/mapscope/x', () => mkdir('/sys/mapscope/x', { recursive: true })).catch((error: unknown) => error);
      expect((failed as Error).message).toMatch(/^cannot write \/sys\/mapscope: (the operation is not permitted \(EPERM\)|permission denied \(EACCES\))$/);
    },
  );

  it('name the file, not its temporary stand-in, when writing files atomically fails, and leave nothing behind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mapscope-write-'));
    await writeFile(path.join(dir, 'a.json'), 'previous');
    const failed = await writeFilesAtomically([
      { path: path.join(dir, 'a.json'), content: 'new' },
      { path: path.join(dir, 'missing', 'b.json'), content: 'new' },
    ]).catch((error: unknown) => error);
    expect((failed as Error).message).toBe(`cannot write ${path.join(dir, 'missing', 'b.json')}: a folder on the way does not exist (ENOENT)`);
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('leave other errors alone (a bug is not a disk problem)', () => {
    expect(writeFailure(new TypeError('x is undefined'))).toBeNull();
    expect(writeFailure('text')).toBeNull();
  });

  it('show paths inside the current folder relative to it, others whole', () => {
    expect(shownPath('/work/p/generated/model.json', '/work/p')).toBe('generated/model.json');
    expect(shownPath('/tmp/x', '/work/p')).toBe('/tmp/x');
  });
});
