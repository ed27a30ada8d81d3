/**
 * Which pairs of sets get a static comparison page: within a framework and an ATT&CK domain,
 * each set with its successor. The successor is the next set by ATT&CK version of the same
 * framework version when there is one (rev5 @ 14.1 -> rev5 @ 16.1), else the first set of a
 * later ATT&CK version of a newer framework version (rev4 @ 14.1, the last rev4, -> rev5 @ 16.1),
 * else a newer framework version of the same ATT&CK version (CRI Profile v2 -> v2.1, both @ 16.1).
 */
import { compareAttackVersions, compareFrameworkVersions } from '../core/versions.ts';

interface PairableSet {
  id: string;
  frameworkId: string;
  frameworkVersion: string;
  attackVersion: string;
  domain: string;
}

export interface SetPair<S extends PairableSet = PairableSet> {
  a: S;
  b: S;
}

/** Oldest first: by ATT&CK version, then framework version. */
const oldestFirst = (x: PairableSet, y: PairableSet) =>
  compareAttackVersions(x.attackVersion, y.attackVersion) || compareFrameworkVersions(x.frameworkVersion, y.frameworkVersion);

/** The successor of `set` among the sets of its framework and domain, if any. */
export function successorOf<S extends PairableSet>(set: S, sets: readonly S[]): S | undefined {
  const peers = sets.filter((s) => s.frameworkId === set.frameworkId && s.domain === set.domain && s.id !== set.id).sort(oldestFirst);
  const laterAttack = (s: S) => compareAttackVersions(s.attackVersion, set.attackVersion) > 0;
  const newerFramework = (s: S) => compareFrameworkVersions(s.frameworkVersion, set.frameworkVersion) > 0;
  return (
    peers.find((s) => laterAttack(s) && compareFrameworkVersions(s.frameworkVersion, set.frameworkVersion) === 0) ??
    peers.find((s) => laterAttack(s) && newerFramework(s)) ??
    peers.find((s) => compareAttackVersions(s.attackVersion, set.attackVersion) === 0 && newerFramework(s))
  );
}

/** Every set paired with its successor, in the order of `sets`. */
export function consecutivePairs<S extends PairableSet>(sets: readonly S[]): SetPair<S>[] {
  return sets.flatMap((a) => {
    const b = successorOf(a, sets);
    return b ? [{ a, b }] : [];
  });
}
