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

/**
 * Names a plain object already answers to (Object.prototype's, and `prototype`): as a key of an
 * object map they are dropped (`__proto__`) or found where nothing was put (`constructor`,
 * `toString`). Input never uses them as ids; the reader refuses them (isReservedKey).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Whether an id, as written or in any of the folded forms given, is a reserved name. */
export function isReservedKey(id: string, ...folded: string[]): boolean {
  return RESERVED_KEYS.has(id.trim()) || folded.some((f) => RESERVED_KEYS.has(f));
}
