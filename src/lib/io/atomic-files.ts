/**
 * Writing files so that a failed or interrupted run never leaves one half-written: each file is
 * written beside its target first, under a name of this run's own, then all are renamed (a rename
 * within a folder is atomic). A failure is a WriteError naming the file (src/lib/io/write-errors.ts).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { writing } from './write-errors.ts';

/** Write every file, or on a failure none of them (temporary files are removed). */
export async function writeFilesAtomically(files: readonly { path: string; content: string }[]): Promise<void> {
  const temps = files.map((file) => ({ ...file, temp: `${file.path}.${process.pid}.tmp` }));
  try {
    for (const file of temps) await writing(file.path, () => writeFile(file.temp, file.content), [file.temp]);
    for (const file of temps) await writing(file.path, () => rename(file.temp, file.path), [file.temp]);
  } catch (error) {
    await Promise.all(temps.map((file) => rm(file.temp, { force: true })));
    throw error;
  }
}
