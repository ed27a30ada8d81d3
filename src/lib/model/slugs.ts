/**
 * Slugs and ids that carry a hash: the URL- and file-safe slugs of keys, the short stable digests
 * of row and file ids, and the set ids built from version slugs. Node-only (node:crypto); the
 * browser-safe identity rules are in src/lib/core/ids.ts.
 * Every slug and set id is bounded in length, so that page addresses and file names stay within
 * file-system limits (255 bytes a name) for any id: the longest file name, a comparison's CSV
 * (compare_<set id>__<set id>.csv), holds two set ids; a page's download holds a set id and a slug.
 */
import { hash } from 'node:crypto';
import { normalizeWhitespace } from '../core/ids.ts';

const EXACT_SLUG = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The longest a slug of a capability or group may be (ASCII, so bytes too). */
export const MAX_SLUG_LENGTH = 100;
/** The longest a version's slug may be. */
export const MAX_VERSION_SLUG_LENGTH = 40;
/** The longest a set id may be. */
export const MAX_SET_ID_LENGTH = 120;

/** A slug no longer than `max`: as it is when short enough, else its start and a hash of the whole (of `key`, by default the slug). */
function bounded(slug: string, max: number, key: string = slug): string {
  if (slug.length <= max) return slug;
  return `${slug.slice(0, max - 9).replace(/[._-]+$/g, '')}-${stableHash([key], 8)}`;
}

/**
 * A URL- and file-system-safe slug for a key. Keys that are already safe and at most
 * MAX_SLUG_LENGTH long are used as they are; any other key gets a readable ASCII rendering plus a
 * short hash of the key, so distinct keys never share a slug and no slug can contain "/", "..",
 * "%" or a leading dot, or be longer than MAX_SLUG_LENGTH.
 */
export function slugFor(key: string): string {
  if (EXACT_SLUG.test(key) && key.length <= MAX_SLUG_LENGTH) return key;
  const readable = key
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-*\.-*/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 60)
    .replace(/[.-]+$/g, '');
  const hash = stableHash([key], 8);
  return readable ? `${readable}-${hash}` : `x-${hash}`;
}

/** A short, stable hex digest of a list of fields (null and "" are kept distinct). */
export function stableHash(fields: readonly (string | null | undefined)[], length = 12): string {
  let joined = '';
  for (const field of fields) joined += field == null ? '\u0001\u0000' : `\u0002${field}\u0000`;
  return hash('sha1', joined, 'hex').slice(0, length);
}

/**
 * The slug of a version inside a set id: "06/29/2021" -> "06.29.2021" (as the public files name
 * it), "Rev 5" -> "rev-5"; one longer than MAX_VERSION_SLUG_LENGTH is cut short and given a hash.
 */
export function versionSlug(version: string): string {
  const slug = normalizeWhitespace(version)
    .toLowerCase()
    .replace(/\//g, '.')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  return slug ? bounded(slug, MAX_VERSION_SLUG_LENGTH, version) : `v-${stableHash([version], 8)}`;
}

/**
 * The id of a mapping set, e.g. "nist_800_53-rev5_attack-8.2-enterprise"; one longer than
 * MAX_SET_ID_LENGTH (a long framework id or ATT&CK version) keeps its end, "_attack-<version>-<domain>"
 * when that is short, and has its start cut short with a hash.
 */
export function setIdFor(frameworkId: string, frameworkVersion: string, attackVersion: string, domain: string): string {
  const head = `${frameworkId}-${versionSlug(frameworkVersion)}`;
  const tail = `_attack-${attackVersion}-${domain}`;
  const id = `${head}${tail}`;
  if (id.length <= MAX_SET_ID_LENGTH) return id;
  if (tail.length <= MAX_SET_ID_LENGTH / 2) return `${bounded(head, MAX_SET_ID_LENGTH - tail.length, id)}${tail}`;
  return bounded(id, MAX_SET_ID_LENGTH);
}
