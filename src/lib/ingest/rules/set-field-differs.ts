/** Objects of a unified file that name another set than their file's metadata (another ATT&CK version, framework, version or domain): placed in the file's set all the same. */
import type { ReadRepair } from '../read-inputs.ts';
import type { DataRule } from './data-rule.ts';

export const setFieldDiffers = {
  id: 'set-field-differs',
  kinds: { 'set-field-differs': { title: 'Objects that name another set than their file', expected: "the value of the file's metadata" } },
} satisfies DataRule;

/** An object's `field` written as `found` where its file's set (`setId`) has `shown`. */
export function placedInFileSet(setId: string, field: string, found: string, shown: string): ReadRepair {
  return {
    kind: 'set-field-differs',
    field,
    found: JSON.stringify(found),
    action: `placed in its file's set, ${setId} (the file says ${JSON.stringify(shown)})`,
  };
}
