/**
 * A set's mappings as compare rows, read from its download files (the unified JSON file and
 * its rows file, decoded by decodeSetFiles): what the browser compares when a pair of sets has
 * no static page. The rows file names each mapping's capability page, which is its folded
 * capability id, so no id rule has to run here.
 */
import { normalizeWhitespace } from '../core/ids.ts';
import type { CompareRow } from './diff-sets.ts';
import type { LoadedSet } from '../exports/page-downloads.ts';
import { MAPPING_TYPE_ALIASES } from '../core/vocabulary.ts';

const CAPABILITY_SCOPE = 'capability:';

// The files write each text as its source does (stray spaces kept); the model, which the static
// comparisons use, holds comments trimmed and names in single spaces: so do these rows.
const textOf = (value: unknown): string | null => (value == null || String(value).trim() === '' ? null : String(value).trim());
const nameOf = (value: unknown): string | null => (value == null || normalizeWhitespace(String(value)) === '' ? null : normalizeWhitespace(String(value)));

/** The compare rows of a set loaded from its download files (non-mappable entries left out). */
export function unifiedCompareRows(loaded: LoadedSet): CompareRow[] {
  return loaded.rows.flatMap(({ object, scopes, mapping }, i): CompareRow[] => {
    if (!mapping) return [];
    const capabilityScope = scopes.find((s) => s.startsWith(CAPABILITY_SCOPE));
    const mappingType = String(object['mapping_type'] ?? '');
    if (!capabilityScope) throw new Error(`${loaded.set.id}_rows.json#/rows/${i}: capability page: expected one, found none`);
    return [
      {
        capabilityId: capabilityScope.slice(CAPABILITY_SCOPE.length),
        capabilityLabel: normalizeWhitespace(String(object['capability_id'] ?? '')),
        capabilityDescription: nameOf(object['capability_description']),
        techniqueId: normalizeWhitespace(String(object['attack_object_id'] ?? '')).toUpperCase(),
        techniqueName: nameOf(object['attack_object_name']),
        mappingType,
        // Type ids in the files are the model's (already normalized keys): only renames remain to undo.
        typeFamily: MAPPING_TYPE_ALIASES[mappingType] ?? mappingType,
        scoreCategory: textOf(object['score_category']),
        scoreValue: textOf(object['score_value']),
        comments: textOf(object['comments']),
        references: Array.isArray(object['references']) ? object['references'].map(String) : [],
      },
    ];
  });
}
