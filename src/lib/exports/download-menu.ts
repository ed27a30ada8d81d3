/**
 * A technique, capability or group page's download menu (src/components/PageDownloads.astro):
 * one line per format a page makes (the registry's order, with what it is for), one choice of
 * scope (all the page's sets, or one), and the sets' own pages, grouped by framework, for their
 * whole files. The browser makes the chosen file from the sets' files (src/client/downloads/).
 */
import { DOWNLOAD_FORMATS, type DownloadFormat } from './formats/index.ts';
import { fileNames } from './page-downloads.ts';
import { orInsert } from '../core/multimap.ts';
import type { DownloadFile } from './site-downloads.ts';

/** A page's files of one set, or (setId null) across its sets, as the manifest lists them. */
export interface DownloadMenuRow {
  setId: string | null;
  files: readonly DownloadFile[];
  /** "NIST SP 800-53 rev5 @ 8.2" */
  label: string;
  /** The set's framework ("NIST SP 800-53") and the set within it ("rev5 @ 8.2"); none for the all-sets row. */
  framework?: string;
  version?: string;
}

export interface DownloadMenuSet {
  setId: string;
  label: string;
  /** How many of the page's mappings the set holds. */
  rows: number;
  /** What a file naming its subject (a layer) names, where it differs from the menu's. */
  subject?: string;
}

export interface DownloadMenu {
  /** The formats a page makes, each saying whether one file holds all the page's sets. */
  formats: DownloadFormat[];
  /** The page name of its all-sets files ("T1046"), and the stem of its per-set files ("capability-ac-4"). */
  name: string;
  stem: string;
  /** What a file naming its subject names ("AC-4"). */
  subject?: string;
  /** The mappings of all the page's sets. */
  total: number;
  sets: DownloadMenuSet[];
  /** The sets by framework, in the manifest's order, for the links to their whole files (from which the browser fills the select). */
  frameworks: { name: string; sets: (DownloadMenuSet & { version: string })[] }[];
}

/** The menu of a page's own downloads; null for a page without any (a set page lists whole files instead). */
export function downloadMenu(rows: readonly DownloadMenuRow[], formats: readonly DownloadFormat[] = DOWNLOAD_FORMATS): DownloadMenu | null {
  const perSet = rows.filter((r): r is DownloadMenuRow & { setId: string } => r.setId !== null && r.files.some((f) => f.scoped));
  if (!perSet.length) return null;
  const listed = formats.filter((f) => f.listed && f.scopes.page && rows.some((r) => r.files.some((file) => file.format === f.id && file.scoped)));
  const subjectOf = (row: DownloadMenuRow) => row.files.find((f) => f.scoped?.subject !== undefined)?.scoped?.subject;
  const subject = perSet.map(subjectOf).find((s) => s !== undefined);
  const all = rows.find((r) => r.setId === null)?.files.find((f) => f.scoped);
  const first = perSet[0]!;
  const firstFile = first.files.find((f) => f.scoped)!;
  const firstFormat = formats.find((f) => f.id === firstFile.format)!;
  const stem = firstFile.path.slice(first.setId.length + 1, firstFile.path.length - firstFormat.suffix.length);
  const sets = perSet.map((row) => {
    const own = subjectOf(row);
    return {
      setId: row.setId,
      label: row.label,
      rows: row.files.find((f) => f.scoped)!.scoped!.rows,
      ...(own !== undefined && own !== subject ? { subject: own } : {}),
    };
  });
  const byFramework = new Map<string, DownloadMenu['frameworks'][number]['sets']>();
  perSet.forEach((row, i) => orInsert(byFramework, row.framework ?? row.label, () => []).push({ ...sets[i]!, version: row.version ?? row.label }));
  return {
    formats: listed,
    name: all ? fileNames.pageOfAllSets(all.path) : stem,
    stem,
    ...(subject !== undefined ? { subject } : {}),
    total: all?.scoped?.rows ?? sets.reduce((n, s) => n + s.rows, 0),
    sets,
    frameworks: [...byFramework].map(([name, sets]) => ({ name, sets })),
  };
}
