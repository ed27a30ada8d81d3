/**
 * Objects identical in every field to one their set already kept (the same row twice in a file,
 * or in two files of one set): not kept again, but listed as duplicates of the first (the set
 * page's count, the build summary), and what the reader mended in them is reported on the row
 * the first became. No warning of its own.
 */
import type { KeptObject, SetDraft } from '../normalize/sets.ts';
import type { DataRule } from './data-rule.ts';

export const duplicateObjects = {
  id: 'duplicate-objects',
  kinds: {},
} satisfies DataRule;

/**
 * An object of `set` (`source`: where it is), by the whole of its content (`fields`): `exact`,
 * its content's key (which also seeds ids that must differ), and `previous`, the object the set
 * already kept with that content, if any, the object then being listed as its duplicate.
 */
export function sameAsKept(set: SetDraft, fields: readonly unknown[], source: string): { exact: string; previous: KeptObject | undefined } {
  const exact = JSON.stringify(fields);
  const previous = set.kept.get(exact);
  if (previous) set.duplicates.push({ setId: set.id, source, duplicateOf: previous.source });
  return { exact, previous };
}
