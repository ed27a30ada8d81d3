/**
 * Identity rules: how raw ids from mapping files become the stable keys, slugs and row ids of the
 * model. Everything here is a pure function of its input, so the same data always yields the
 * same URLs and deep links.
 */
import { hash } from 'node:crypto';
import { toIsoDate, toUsDate } from './dates.ts';
import { MAPPING_TYPE_ALIASES, TECHNIQUE_ID } from './vocabulary.ts';

import { capabilityKey, normalizeWhitespace } from './capability-key.ts';

export { capabilityKey, normalizeWhitespace };

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


/** Normalize a raw ATT&CK id ("t1046 " -> "T1046"); null when it is not a technique id. */
export function normalizeTechniqueId(rawId: string): string | null {
  const id = normalizeWhitespace(rawId).toUpperCase();
  return TECHNIQUE_ID.test(id) ? id : null;
}

/** The parent of a sub-technique ("T1059.001" -> "T1059"), or null for a technique. */
export function parentTechniqueId(techniqueId: string): string | null {
  const dot = techniqueId.indexOf('.');
  return dot === -1 ? null : techniqueId.slice(0, dot);
}


/** Normalize an ATT&CK version: "v9" -> "9.0", " 8.2 " -> "8.2"; null when unknown. */
export function normalizeAttackVersion(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const text = normalizeWhitespace(raw).replace(/^v(?=\d)/i, '');
  if (!/^\d+(?:\.\d+)*$/.test(text)) return null;
  return text.includes('.') ? text : `${text}.0`;
}

/**
 * Normalize a framework version: whitespace trimmed, and dates written one way ("7/28/2025" and
 * "2025-07-28" -> "07/28/2025") so that one release has one spelling.
 */
export function normalizeFrameworkVersion(raw: string): string {
  const text = normalizeWhitespace(raw);
  const iso = toIsoDate(text);
  return iso ? toUsDate(iso) : text;
}

/** Normalize a framework id: "NIST_800_53 " -> "nist_800_53". */
export function normalizeFrameworkId(raw: string): string {
  return normalizeWhitespace(raw).toLowerCase();
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

/** Natural comparison of ids: "AC-2" < "AC-10" < "AC-10(1)"; case-insensitive. */
export const compareNatural: (a: string, b: string) => number = new Intl.Collator('en', {
  numeric: true,
  sensitivity: 'base',
}).compare;

/** Normalize a mapping type name or key for comparison: "Technique Scores" -> "technique_scores". */
export function mappingTypeKey(raw: string): string {
  return normalizeWhitespace(raw)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const families = new Map<string, string>();

/** The family a mapping type belongs to once renames are undone ("mitigates" -> "protects"). */
export function mappingTypeFamily(typeId: string): string {
  // Called for every row; a data set names only a handful of types.
  let family = families.get(typeId);
  if (family === undefined) {
    const key = mappingTypeKey(typeId);
    families.set(typeId, (family = MAPPING_TYPE_ALIASES[key] ?? key));
  }
  return family;
}
