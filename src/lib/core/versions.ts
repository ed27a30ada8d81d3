/**
 * Ordering of ATT&CK versions, framework versions and mapping sets: newest first wherever a
 * list of versions is shown.
 */
import { toIsoDate } from './dates.ts';
import { compareNatural } from './ids.ts';
import { DOMAIN_IDS } from './vocabulary.ts';

/** Compare ATT&CK versions numerically: "8.2" < "10.1" < "16.1". */
export function compareAttackVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Compare framework versions: dates by date, others naturally ("rev4" < "rev5", "v2" < "v2.1"). */
export function compareFrameworkVersions(a: string, b: string): number {
  const da = toIsoDate(a);
  const db = toIsoDate(b);
  if (da && db) return da < db ? -1 : da > db ? 1 : 0;
  if (da || db) return da ? 1 : -1;
  return compareNatural(a, b);
}

interface SetVersionFields {
  frameworkId: string;
  frameworkVersion: string;
  attackVersion: string;
  domain: string;
}

/** Sets of a framework, newest first: by ATT&CK version, then framework version, then domain. */
export function compareSetsNewestFirst(a: SetVersionFields, b: SetVersionFields): number {
  return (
    a.frameworkId.localeCompare(b.frameworkId) ||
    compareAttackVersions(b.attackVersion, a.attackVersion) ||
    compareFrameworkVersions(b.frameworkVersion, a.frameworkVersion) ||
    DOMAIN_IDS.indexOf(a.domain as never) - DOMAIN_IDS.indexOf(b.domain as never)
  );
}

/** A set's line: its framework, framework version and domain ("nist_800_53 rev5 enterprise"). */
const lineOf = (s: SetVersionFields) => `${s.frameworkId}\u0000${s.frameworkVersion}\u0000${s.domain}`;

/**
 * The current set of each line (framework, framework version, domain): the one of the newest
 * ATT&CK version, by line. The line's other sets are superseded by it (rev5 @ 14.1 by rev5 @ 16.1).
 */
export function currentSets<S extends SetVersionFields>(sets: readonly S[]): Map<string, S> {
  const current = new Map<string, S>();
  for (const set of sets) {
    const line = lineOf(set);
    const known = current.get(line);
    if (!known || compareAttackVersions(set.attackVersion, known.attackVersion) > 0) current.set(line, set);
  }
  return current;
}

/** The current set of `set`'s line among `sets`: itself when no set of its line has a newer ATT&CK version. */
export function currentSetOf<S extends SetVersionFields>(set: S, sets: readonly S[]): S {
  return currentSets(sets).get(lineOf(set)) ?? set;
}
