/** The downloads each page offers, read from the manifest that scripts/build-downloads.ts writes. */
import { existsSync, readFileSync } from 'node:fs';
import { readSetting } from '../config/settings.ts';
import type { DownloadFile, DownloadManifest } from '../exports/site-downloads.ts';
import { frameworkSetLabel, setVersionLabel } from '../core/labels.ts';
import { generatedDir, manifestPath } from '../model/model-store.ts';
import { plural } from '../core/id-breaks.ts';
import { index } from './site-model.ts';
import { required } from '../core/lookups.ts';

/**
 * Wait, blocking, until the file exists or `seconds` pass. npm run build starts Astro while it
 * makes the downloads (Astro bundles the pages for some seconds before it renders one, and the
 * two use both cores); the manifest is renamed into place whole, so it is there entire or not at
 * all. A build that stops kills Astro's process group, and an orphan stops waiting.
 */
function waitForFile(file: string, seconds: number): void {
  const until = Date.now() + seconds * 1000;
  const parent = process.ppid;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(file) && Date.now() < until && process.ppid === parent) Atomics.wait(sleeper, 0, 0, 25);
}

function readManifest(): DownloadManifest {
  const file = manifestPath(generatedDir());
  const wait = readSetting('manifestWait');
  if (wait) waitForFile(file, wait);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DownloadManifest;
  } catch {
    throw new Error(`No downloads manifest at ${file}: run "npm run build" (it writes the downloads before the pages).`);
  }
}

const manifest = readManifest();
/** One row of a page's downloads: the files of one set, or of all its sets (a set page's table, a page's menu). */
export interface DownloadRow {
  /** "NIST SP 800-53 rev5 @ 8.2", or "All 3 sets". */
  label: string;
  /** The row's data-sets attribute (set filter tokens); null for the all-sets row. */
  tokens: string | null;
  /** The set of the row; null for the all-sets row. */
  setId: string | null;
  /** The set's framework ("NIST SP 800-53") and the set within it ("rev5 @ 8.2"); none for the all-sets row. */
  framework?: string;
  version?: string;
  files: DownloadFile[];
}

/** The downloads of a page, per set (newest first, as the manifest lists sets). */
export function downloadsFor(scope: string): DownloadRow[] {
  const groups = manifest[scope] ?? [];
  const setCount = groups.filter((g) => g.setId !== null).length;
  return groups.map(({ setId, files }) => {
    const set = setId === null ? null : required(index.sets, setId, 'set');
    const framework = set && required(index.frameworks, set.frameworkId, 'framework');
    return {
      label: set && framework ? frameworkSetLabel(set, framework) : `All ${plural(setCount, 'set')}`,
      tokens: set ? index.setTokenList([set]) : null,
      setId,
      ...(set && framework ? { framework: framework.name, version: setVersionLabel(set) } : {}),
      files,
    };
  });
}
