/**
 * The deploy budgets of a built site: what every common static host takes, with room to spare.
 * Cloudflare Pages (free plan) refuses more than 20,000 files and any file over 25 MiB; GitHub
 * Pages publishes at most 1 GB and gives a deploy 10 minutes. 10,000 files and 200 MB in all (the
 * public corpus in every download format fits) keep uploads and deploys quick on any of them.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './files.ts';
import { readSetting, SETTINGS, type Env } from '../../src/lib/config/settings.ts';

export interface Budgets {
  files: number;
  fileBytes: number;
  totalBytes: number;
}

const MIB = 1024 * 1024;

/** The budgets by default (src/lib/config/settings.ts). */
export const BUDGETS: Budgets = {
  files: SETTINGS.budgetFiles.default,
  fileBytes: SETTINGS.budgetFileMb.default * MIB,
  totalBytes: SETTINGS.budgetMb.default * 1e6,
};

/**
 * The budgets, or a host's own: MAPSCOPE_BUDGET_FILES (files), MAPSCOPE_BUDGET_FILE_MB (MiB a
 * file), MAPSCOPE_BUDGET_MB (MB in all).
 */
export function budgetsFrom(env: Env = process.env): Budgets {
  return {
    files: readSetting('budgetFiles', env),
    fileBytes: readSetting('budgetFileMb', env) * MIB,
    totalBytes: readSetting('budgetMb', env) * 1e6,
  };
}

export interface SiteMeasure {
  files: number;
  bytes: number;
  largest: { path: string; bytes: number };
}

/** Files, bytes and the largest file of a built site. */
export async function measureSite(dir: string): Promise<SiteMeasure> {
  let bytes = 0;
  let largest = { path: '', bytes: 0 };
  const files = await listFiles(dir);
  for (const file of files) {
    const { size } = await stat(file);
    bytes += size;
    if (size > largest.bytes) largest = { path: path.relative(dir, file), bytes: size };
  }
  return { files: files.length, bytes, largest };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Each budget the site exceeds, said with the figure, the limit and by how much. */
export function budgetProblems(m: SiteMeasure, budgets: Budgets = BUDGETS): string[] {
  const problems: string[] = [];
  if (m.files > budgets.files) {
    problems.push(
      `${m.files.toLocaleString('en')} files, over the ${budgets.files.toLocaleString('en')} the files budget allows, by ${(m.files - budgets.files).toLocaleString('en')}`,
    );
  }
  if (m.largest.bytes > budgets.fileBytes) {
    problems.push(
      `${m.largest.path} is ${mib(m.largest.bytes)}, over the ${mib(budgets.fileBytes)} a file may be, by ${mib(m.largest.bytes - budgets.fileBytes)}`,
    );
  }
  if (m.bytes > budgets.totalBytes) problems.push(`${mb(m.bytes)} in all, over the ${mb(budgets.totalBytes)} budget, by ${mb(m.bytes - budgets.totalBytes)}`);
  return problems;
}

/** One line: "2,781 files, 123.4 MB in all, largest 1.4 MB (downloads/x.json)". */
export function describeMeasure(m: SiteMeasure): string {
  return `${m.files.toLocaleString('en')} files, ${mb(m.bytes)} in all, largest ${mb(m.largest.bytes)} (${m.largest.path})`;
}
