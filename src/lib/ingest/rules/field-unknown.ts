/** Fields and columns Mapscope does not read: reported, never silently dropped. */
import type { ReadRepair } from '../read-inputs.ts';
import type { DataRule } from './data-rule.ts';

export const fieldUnknown = {
  id: 'field-unknown',
  kinds: { 'field-unknown': { title: 'Fields Mapscope does not read', expected: 'a field of the Mappings Explorer format' } },
} satisfies DataRule;

/** A field of a record (`what`: "metadata field") the reader does not know; `found`: its value, described for a person. */
export function unknownField(field: string, found: string, what: string): ReadRepair {
  return { kind: 'field-unknown', field, found, action: `not read: Mapscope does not use this ${what}` };
}

/** A CSV column the reader does not know. */
export function unknownColumn(column: string): ReadRepair {
  return { kind: 'field-unknown', field: column, found: `the column ${JSON.stringify(column)}`, action: 'not read: Mapscope does not use this column' };
}
