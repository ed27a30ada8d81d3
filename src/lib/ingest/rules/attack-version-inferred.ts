/**
 * Rows without an ATT&CK version (empty, or "[UNKNOWN_VERSION]"): an object of a unified file
 * is read as its file's version; a CSV row as the one version its framework release has in the
 * same file, when there is exactly one (else it is an error).
 */
import type { ReadRepair } from '../read-inputs.ts';
import type { DataRule } from './data-rule.ts';

export const attackVersionInferred = {
  id: 'attack-version-inferred',
  kinds: { 'attack-version-inferred': { title: 'Rows without an ATT&CK version', expected: 'an ATT&CK version like 16.1' } },
} satisfies DataRule;

/** An object of a unified file whose ATT&CK version is none (`written`): read as its file's. */
export function versionOfFile(set: { attackVersion: string }, written: string): ReadRepair {
  return {
    kind: 'attack-version-inferred',
    field: 'attack_version',
    found: JSON.stringify(written),
    action: `read as ${set.attackVersion}, the ATT&CK version of its file`,
  };
}

/** A CSV row without an ATT&CK version (`found`, as described for a person): read as the only one of its framework release in the file. */
export function onlyVersionInFile(set: { attackVersion: string; frameworkId: string; frameworkVersion: string }, found: string): ReadRepair {
  return {
    kind: 'attack-version-inferred',
    field: 'attack_version',
    found,
    action: `read as ${set.attackVersion}, the only ATT&CK version of ${set.frameworkId} ${set.frameworkVersion} in the file`,
  };
}
