/**
 * The download files: each set's, written by the build (CSV, JSON, Navigator layer, non-mappable
 * entries, gaps, and the rows file pages make their own files from), and the manifest pages read
 * (sizes of the written files; for each technique, capability and group page, its files made in
 * the browser with how many mappings each holds).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { planDownloads, type DownloadManifest } from '../src/lib/exports/site-downloads.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../src/lib/exports/formats/index.ts';
import type { FileContent } from '../src/lib/exports/formats/download-format.ts';
import { indexModel } from '../src/lib/model/model-index.ts';
import type { Model } from '../src/lib/model/schema.ts';
import { createUrls } from '../src/lib/core/urls.ts';
import { readSetting, type Env } from '../src/lib/config/settings.ts';
import { writing } from '../src/lib/io/write-errors.ts';

/** The site's public origin for links in Navigator layers: $MAPSCOPE_SITE, else astro preview's. */
export function siteOrigin(env: Env = process.env): string {
  return readSetting('site', env).replace(/\/+$/, '');
}

export interface PreparedDownloads {
  manifest: DownloadManifest;
  files: { path: string; content: FileContent }[];
  bytes: number;
}

/** Every download's content and the manifest of sizes, in memory; `formats`: the registry's, unless a test gives others. */
export async function prepareDownloads(model: Model, env: Env = process.env, formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS): Promise<PreparedDownloads> {
  const urls = createUrls(readSetting('base', env));
  const origin = siteOrigin(env);
  const pageUrl = (target: { technique?: string; set?: string }) =>
    `${origin}${target.technique ? urls.technique(target.technique) : urls.set(target.set!)}`;
  const manifest: DownloadManifest = {};
  const files: PreparedDownloads['files'] = [];
  let bytes = 0;
  const paths = new Set<string>();
  for (const file of planDownloads(indexModel(model), { pageUrl }, formats)) {
    // Names are built from slugs that may, in theory, end like another file's suffix.
    if (paths.has(file.path)) throw new Error(`Two downloads would share the name ${file.path}; rename one of the ids behind it.`);
    paths.add(file.path);
    const groups = (manifest[file.scope] ??= []);
    let group = groups.find((g) => g.setId === file.setId);
    if (!group) groups.push((group = { setId: file.setId, files: [] }));
    if (!file.prebuilt) {
      group.files.push({ format: file.format, path: file.path, scoped: { rows: file.scoped!.rows, ...(file.scoped!.subject ? { subject: file.scoped!.subject } : {}) } });
      continue;
    }
    const content = await file.content();
    const size = Buffer.byteLength(content);
    group.files.push({ format: file.format, path: file.path, bytes: size });
    files.push({ path: file.path, content });
    bytes += size;
  }
  return { manifest, files, bytes };
}

/** Write the files under `dir` (created afresh), a few at a time; a failure is a WriteError naming the file. */
export async function writeDownloadFiles(files: PreparedDownloads['files'], dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const made = new Set<string>();
  const pending: Promise<void>[] = [];
  for (const file of files) {
    const target = path.join(dir, file.path);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await writing(folder, () => mkdir(folder, { recursive: true }));
      made.add(folder);
    }
    pending.push(writing(target, () => writeFile(target, file.content)));
    if (pending.length >= 32) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}
