/**
 * The derived files (YAML, STIX, Excel: formats marked `derived`) of a superseded set and of a
 * static comparison, as the browser makes them on click from the prebuilt JSON and rows files,
 * with the writers the build uses: the file the build writes for them when told to prebuild
 * every set (MAPSCOPE_PREBUILD=all). Browser-safe and pure.
 */
import { compareResult } from '../compare/compare-result.ts';
import { compareSets, type TechniqueFlag } from '../compare/diff-sets.ts';
import { unifiedCompareRows } from '../compare/from-unified.ts';
import type { DownloadFormat, Written } from './formats/download-format.ts';
import type { LoadedSet } from './page-downloads.ts';

/** A whole set's file in a format, from the set's files. */
export function wholeSetFile(format: DownloadFormat, loaded: LoadedSet): Written {
  const writer = format.scopes.set;
  if (!writer) throw new Error(`a set page offers no ${format.label} file`);
  // The derived formats read the set's rows only; its gaps are the CSV's.
  const whole = { ...loaded, gaps: null };
  if (writer.offers && !writer.offers(whole)) throw new Error(`set ${loaded.set.id} has no ${format.label} file`);
  return writer.write(whole);
}

/**
 * A static comparison's file in a format of a result, from the two sets' files (A older, B
 * newer). The technique flags come from the ATT&CK catalog, which only the build reads: the page
 * gives them.
 */
export function comparisonFile(format: DownloadFormat, a: LoadedSet, b: LoadedSet, techniqueFlags: readonly TechniqueFlag[]): Written {
  const writer = format.scopes.result;
  if (!writer) throw new Error(`a comparison offers no ${format.label} file`);
  const comparison = { ...compareSets(unifiedCompareRows(a), unifiedCompareRows(b)), techniqueFlags: [...techniqueFlags] };
  const result = compareResult(comparison, a.set, b.set);
  if (writer.offers && !writer.offers(result)) throw new Error(`the comparison has no ${format.label} file`);
  return writer.write(result);
}
