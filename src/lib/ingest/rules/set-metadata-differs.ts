/**
 * Files of one set (the same framework, framework version, ATT&CK version and domain) whose
 * metadata disagree: a creation date, an organization, a mapping type's name or description, a
 * group's label. The set keeps the value of the first file read that gives one (files are read
 * in path order), and each other value is reported on the file that wrote it, naming both files.
 */
import type { SourceLocation } from '../../model/schema.ts';
import type { Report } from '../report.ts';
import type { DataRule } from './data-rule.ts';

export const setMetadataDiffers = {
  id: 'set-metadata-differs',
  kinds: { 'set-metadata-differs': { title: 'Files of one set whose metadata disagree', expected: 'the same metadata in every file of a set' } },
} satisfies DataRule;

/** A value given by one file, and the file. */
export interface GivenValue {
  value: unknown;
  file: string;
}

/** `field` of set `setId` written `found` (at `location`) where an earlier file gave `kept`. */
export function reportMetadataDiffers(report: Report, setId: string, field: string, found: GivenValue, kept: GivenValue, location: SourceLocation): void {
  report.warn(
    'set-metadata-differs',
    setId,
    null,
    field,
    `${JSON.stringify(found.value)} in ${found.file}`,
    `not used: the set keeps ${JSON.stringify(kept.value)} from ${kept.file}, the first of its files read that gives one (files are read in path order)`,
    { location, techniqueId: null, rowId: null },
  );
}
