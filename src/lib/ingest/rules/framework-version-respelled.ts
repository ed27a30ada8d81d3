/** A framework version written several ways ("V2" and "v2", "Rev 5" and "rev-5"): one version, one set, read as first written. */
import type { SourceLocation } from '../../model/schema.ts';
import type { ReadRepair } from '../read-inputs.ts';
import type { Report } from '../report.ts';
import type { DataRule } from './data-rule.ts';

export const frameworkVersionRespelled = {
  id: 'framework-version-respelled',
  kinds: { 'framework-version-respelled': { title: 'Framework versions written several ways', expected: 'one spelling of the framework version' } },
} satisfies DataRule;

/** A set met again with its framework version written otherwise (`raw`) than where it was first met (`shown`). */
export function reportVersionRespelled(report: Report, setId: string, raw: string, shown: string, location: SourceLocation): void {
  report.warn(
    'framework-version-respelled',
    setId,
    null,
    'mapping_framework_version',
    JSON.stringify(raw),
    `read as ${JSON.stringify(shown)}, as first written`,
    {
      location,
      techniqueId: null,
      rowId: null,
    },
  );
}

/** An object of a unified file writing its set's framework version otherwise (`written`) than its file. */
export function respelledInFile(set: { frameworkVersion: string }, written: string): ReadRepair {
  return {
    kind: 'framework-version-respelled',
    field: 'mapping_framework_version',
    found: JSON.stringify(written),
    action: `read as ${JSON.stringify(set.frameworkVersion)}, as its file writes it`,
  };
}
