/** What a build wrote: files, pages and bytes, in all and per top-level folder. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from '../site-check/files.ts';

export async function measureFolder(dir: string): Promise<{ files: number; pages: number; bytes: number; byTop: Record<string, number> }> {
  let pages = 0;
  let bytes = 0;
  const byTop: Record<string, number> = {};
  const files = await listFiles(dir);
  for (const file of files) {
    const { size } = await stat(file);
    bytes += size;
    if (file.endsWith('.html')) pages++;
    const top = path.relative(dir, file).split(path.sep)[0]!;
    byTop[top] = (byTop[top] ?? 0) + size;
  }
  return { files: files.length, pages, bytes, byTop };
}
