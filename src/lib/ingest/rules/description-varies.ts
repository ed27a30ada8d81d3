/**
 * A capability described otherwise by some rows of a set: the set's description of it is what
 * most rows give (normalize/capabilities.ts settles it once every row is in); the other rows keep
 * their own, each reported.
 */
import type { Report, RowRef } from '../report.ts';
import type { DataRule } from './data-rule.ts';

export const descriptionVaries = {
  id: 'description-varies',
  kinds: { 'description-varies': { title: 'Capabilities described in several ways in one set', expected: 'one description per capability in a set' } },
} satisfies DataRule;

/** A row that describes its capability (`spelling` in the set) otherwise than most rows of its set, which give `shown`. */
export function reportDescriptionVaries(
  report: Report,
  setId: string,
  capabilityId: string,
  spelling: string,
  description: string,
  shown: string | null,
  row: RowRef,
): void {
  report.warn(
    'description-varies',
    setId,
    capabilityId,
    'capability_description',
    JSON.stringify(description),
    `the row keeps its own; ${spelling} is titled ${shown === null ? 'by its id' : JSON.stringify(shown)}, as most rows of the set describe it`,
    row,
  );
}
