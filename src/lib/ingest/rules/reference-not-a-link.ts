/**
 * Only http(s) URLs become links: any other reference entry a file gives is kept, as plain text,
 * and so is a references cell that is neither a list nor URLs separated by spaces. The exports
 * decide their links by the same test (isHttpUrl).
 */
import type { ReadRepair } from '../read-inputs.ts';
import type { DataRule } from './data-rule.ts';
import { isHttpUrl } from '../../core/urls.ts';

export { isHttpUrl };

export const referenceNotALink = {
  id: 'reference-not-a-link',
  kinds: { 'reference-not-a-link': { title: 'References kept as plain text', expected: 'an http(s) URL' } },
} satisfies DataRule;

/** A CSV references cell that opens a list and never closes it: kept whole, as text. */
export function unreadableReferenceCell(cell: string): ReadRepair {
  return {
    kind: 'reference-not-a-link',
    field: 'references',
    found: JSON.stringify(cell),
    action: 'kept as plain text: the cell is neither a list of URLs nor URLs separated by spaces',
  };
}
