/** The downloads each page offers, read from the manifest that scripts/build-downloads.ts writes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DownloadManifest } from '../lib/downloads.ts';
import { generatedDir } from '../lib/model-store.ts';

function readManifest(): DownloadManifest {
  const file = path.join(generatedDir(), 'downloads.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DownloadManifest;
  } catch {
    throw new Error(`No downloads manifest at ${file}: run "npm run build" (it writes the downloads before the pages).`);
  }
}

const manifest = readManifest();

/** The downloads of a page, per set (newest first, as the manifest lists sets). */
export function downloadsFor(scope: string): DownloadManifest[string] {
  return manifest[scope] ?? [];
}
