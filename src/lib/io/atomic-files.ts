/**
 * Writing files so that a failed or interrupted run never leaves one half-written: each file is
 * written beside its target first, then all are renamed (a rename within a folder is atomic).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

/** Write every file, or on a failure none of them (temporary files are removed). */
export async function writeFilesAtomically(files: readonly { path: string; content: string }[]): Promise<void> {
  const temps = files.map((file) => ({ ...file, temp: `${file.path}.${process.pid}.tmp` }));
  try {
    for (const file of temps) await writeFile(file.temp, file.content);
    for (const file of temps) await rename(file.temp, file.path);
  } catch (error) {
    await Promise.all(temps.map((file) => rm(file.temp, { force: true })));
    throw error;
  }
}
