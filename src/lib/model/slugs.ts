/**
 * Slugs and ids that carry a hash: the URL- and file-safe slugs of keys, the short stable digests
 * of row and file ids, and the set ids built from version slugs. Node-only (node:crypto); the
 * browser-safe identity rules are in src/lib/core/ids.ts.
 */
import { hash } from 'node:crypto';
import { normalizeWhitespace } from '../core/ids.ts';

const EXACT_SLUG = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * A URL- and file-system-safe slug for a key. Keys that are already safe are used as they are;
 * any other key gets a readable ASCII rendering plus a short hash of the key, so distinct keys
 * never share a slug and no slug can contain "/", "..", "%" or a leading dot.
 */
export function slugFor(key: string): string {
  if (EXACT_SLUG.test(key)) return key;
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

/** The slug of a version inside a set id: "06/29/2021" -> "06.29.2021" (as the public files name it), "Rev 5" -> "rev-5". */
export function versionSlug(version: string): string {
  const slug = normalizeWhitespace(version)
    .toLowerCase()
    .replace(/\//g, '.')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  return slug || `v-${stableHash([version], 8)}`;
}

/** The id of a mapping set, e.g. "nist_800_53-rev5_attack-8.2-enterprise". */
export function setIdFor(
  frameworkId: string,
  frameworkVersion: string,
  attackVersion: string,
  domain: string,
): string {
  return `${frameworkId}-${versionSlug(frameworkVersion)}_attack-${attackVersion}-${domain}`;
}
