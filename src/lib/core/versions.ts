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

interface LinedSet extends SetVersionFields {
  id: string;
}

/**
 * The set that supersedes `set`, if any: within its framework and domain, the newest set of a
 * newer ATT&CK version on its line. A line is a framework version and the versions that succeed
 * it: two framework versions mapped to one same ATT&CK version are published side by side, each
 * a line of its own (NIST SP 800-53 rev4 and rev5, both at 14.1: rev4 @ 14.1 stays current beside
 * rev5 @ 16.1), while versions never mapped to one ATT&CK version follow each other (VERIS 1.3.7
 * @ 12.1 is superseded by 1.4.0 @ 16.1, KEV of February @ 15.1 by KEV of July @ 16.1).
 */
function supersederOf<S extends LinedSet>(set: S, sets: readonly S[]): S | undefined {
  const peers = sets.filter((s) => s.frameworkId === set.frameworkId && s.domain === set.domain);
  const attackOf = (version: string) => new Set(peers.filter((s) => s.frameworkVersion === version).map((s) => s.attackVersion));
  const mine = attackOf(set.frameworkVersion);
  const sideBySide = (version: string) => version !== set.frameworkVersion && [...attackOf(version)].some((v) => mine.has(v));
  return peers
    .filter((s) => compareAttackVersions(s.attackVersion, set.attackVersion) > 0 && !sideBySide(s.frameworkVersion))
    .sort((a, b) => compareAttackVersions(b.attackVersion, a.attackVersion) || compareFrameworkVersions(b.frameworkVersion, a.frameworkVersion))[0];
}

/**
 * The current set of `set`'s line (supersederOf): itself when no set of its line has a newer
 * ATT&CK version. A superseded set's derived files are made in the browser, not prebuilt.
 */
export function currentSetOf<S extends LinedSet>(set: S, sets: readonly S[]): S {
  let current = set;
  // The newest superseder may have one of its own (attack versions only grow: this ends).
  for (let next = supersederOf(current, sets); next; next = supersederOf(current, sets)) current = next;
  return current;
}

/** The ids of the current sets (currentSetOf). */
export function currentSetIds(sets: readonly LinedSet[]): Set<string> {
  return new Set(sets.filter((s) => currentSetOf(s, sets) === s).map((s) => s.id));
}
