/**
 * The download files: each set's, written by the build (CSV, JSON, Navigator layer, non-mappable
 * entries, gaps, and the rows file pages make their own files from), and the manifest pages read
 * (sizes of the written files; for each technique, capability and group page, its files made in
 * the browser with how many mappings each holds).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { planDownloads, type DownloadManifest, type Prebuild } from '../src/lib/exports/site-downloads.ts';
import { loadSet, pageUrlsOf } from '../src/lib/exports/export-rows.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../src/lib/exports/formats/index.ts';
import type { FileContent } from '../src/lib/exports/formats/download-format.ts';
import { indexModel } from '../src/lib/model/model-index.ts';
import type { Model } from '../src/lib/model/schema.ts';
import { createUrls } from '../src/lib/core/urls.ts';
import { readSetting, type Env } from '../src/lib/config/settings.ts';
import { writing } from '../src/lib/io/write-errors.ts';
import { stixFormat, unresolvedTechniques } from '../src/lib/exports/formats/stix-bundle.ts';
import type { ExportSet } from '../src/lib/exports/export-formats.ts';
import { readFileSync } from 'node:fs';

/** The site's public origin for links in Navigator layers: $MAPSCOPE_SITE, else astro preview's. */
export function siteOrigin(env: Env = process.env): string {
  return readSetting('site', env).replace(/\/+$/, '');
}

/** What made the files, for a workbook's About sheet: the package's version, and the day of the build (SOURCE_DATE_EPOCH's, if set). */
export function madeBy(env: Env = process.env): NonNullable<ExportSet['made']> {
  const epoch = readSetting('sourceDateEpoch', env);
  const day = (epoch === undefined ? new Date() : new Date(epoch * 1000)).toISOString().slice(0, 10);
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return { mapscopeVersion: version, buildDate: day };
}

/** Mappings a set's STIX bundle leaves out: the catalog has no STIX id for their technique in the set's ATT&CK version. */
export interface StixGap {
  setId: string;
  attackVersion: string;
  unresolved: { techniqueId: string; mappings: number }[];
}

export interface PreparedDownloads {
  manifest: DownloadManifest;
  files: { path: string; content: FileContent }[];
  bytes: number;
  /** Bytes and files per format id, of the prebuilt files. */
  byFormat: Record<string, { files: number; bytes: number }>;
  /** Per derived format id: how many superseded sets' and comparisons' files the browser makes on click instead (MAPSCOPE_PREBUILD). */
  onClick: Record<string, number>;
  /** The sets whose bundles leave mappings out (none when the catalog knows every technique). */
  stixGaps: StixGap[];
}

/** The build's report line on STIX bundles, or null when no mapping was left out. */
export function stixReportLine(gaps: readonly StixGap[]): string | null {
  if (!gaps.length) return null;
  const mappings = gaps.reduce((n, g) => n + g.unresolved.reduce((m, u) => m + u.mappings, 0), 0);
  const ids = [...new Set(gaps.flatMap((g) => g.unresolved.map((u) => u.techniqueId)))];
  const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, and ${ids.length - 10} more` : '');
  return `STIX: ${mappings.toLocaleString('en')} mapping${mappings === 1 ? '' : 's'} of ${gaps.length} set${gaps.length === 1 ? '' : 's'} not in the bundles: the ATT&CK catalog has no STIX id for ${shown} in the set's ATT&CK version (npm run attack imports it)`;
}

/** Every download's content and the manifest of sizes, in memory; `formats`: the registry's, unless a test gives others. */
export async function prepareDownloads(
  model: Model,
  env: Env = process.env,
  formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS,
): Promise<PreparedDownloads> {
  const urls = createUrls(readSetting('base', env));
  const origin = siteOrigin(env);
  const pageUrl = (target: { technique?: string; set?: string }) => `${origin}${target.technique ? urls.technique(target.technique) : urls.set(target.set!)}`;
  const manifest: DownloadManifest = {};
  const files: PreparedDownloads['files'] = [];
  const byFormat: PreparedDownloads['byFormat'] = {};
  const onClick: PreparedDownloads['onClick'] = {};
  const prebuild = readSetting('prebuild', env) as Prebuild;
  let bytes = 0;
  const paths = new Set<string>();
  const ctx = indexModel(model);
  for (const file of planDownloads(ctx, { pageUrl, made: madeBy(env) }, formats, { prebuild })) {
    // Names are built from slugs that may, in theory, end like another file's suffix.
    if (paths.has(file.path)) throw new Error(`Two downloads would share the name ${file.path}; rename one of the ids behind it.`);
    paths.add(file.path);
    const groups = (manifest[file.scope] ??= []);
    let group = groups.find((g) => g.setId === file.setId);
    if (!group) groups.push((group = { setId: file.setId, files: [] }));
    if (file.onClick) {
      group.files.push({ format: file.format, path: file.path, onClick: file.onClick });
      onClick[file.format] = (onClick[file.format] ?? 0) + 1;
      continue;
    }
    if (!file.prebuilt) {
      group.files.push({
        format: file.format,
        path: file.path,
        scoped: { rows: file.scoped!.rows, ...(file.scoped!.subject ? { subject: file.scoped!.subject } : {}) },
      });
      continue;
    }
    const content = await file.content();
    const size = Buffer.byteLength(content);
    group.files.push({ format: file.format, path: file.path, bytes: size });
    files.push({ path: file.path, content });
    bytes += size;
    const tally = (byFormat[file.format] ??= { files: 0, bytes: 0 });
    tally.files++;
    tally.bytes += size;
  }
  const stixGaps: StixGap[] = [];
  if (formats.some((f) => f.id === stixFormat.id)) {
    for (const set of model.sets) {
      const { set: exported, rows } = loadSet(ctx, set, pageUrlsOf(pageUrl));
      const unresolved = unresolvedTechniques(exported, rows);
      if (unresolved.length) stixGaps.push({ setId: set.id, attackVersion: set.attackVersion, unresolved });
    }
  }
  return { manifest, files, bytes, byFormat, onClick, stixGaps };
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
