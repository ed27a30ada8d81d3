/**
 * Lookups that must succeed: a key the code itself put in the map (a set of the model, a technique
 * of the index). A miss is a bug, not bad data, and fails loudly with what was looked up, instead of
 * a `TypeError` some lines later.
 */

/** The value of `key` in `map`; throws naming the kind and the key when there is none. */
export function required<K, V>(map: ReadonlyMap<K, V>, key: K, kind: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Lookup failed: no ${kind} "${String(key)}"`);
  return value;
}
