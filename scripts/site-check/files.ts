/** The files of a built site: listed recursively, and measured as a browser downloads them. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Every file under `dir`, at any depth, as full paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

/** The gzip-compressed size of a file in bytes (what a server sending it compressed transfers). */
export async function gzipSize(file: string): Promise<number> {
  return gzipSync(await readFile(file)).length;
}
