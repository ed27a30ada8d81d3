/**
 * Identity rules: how raw ids from mapping files become the stable keys of the model, how
 * technique ids nest, and the natural order of ids. Everything here is a pure function of its
 * input, so the same data always yields the same URLs and deep links. Browser-safe: the coverage
 * builder folds capability ids from its URL, tables sort in the browser in the server's order.
 * Slugs and ids that carry a hash (node:crypto) are in src/lib/model/slugs.ts.
 */
import { toIsoDate, toUsDate } from './dates.ts';
import { MAPPING_TYPE_ALIASES, TECHNIQUE_ID } from './vocabulary.ts';

/** Collapse runs of whitespace (including no-break spaces) to one space and trim the ends. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

/**
 * The key under which spellings of one capability (or group) id meet: "AC-4", "AC-04", " ac-4 "
 * -> "ac-4"; "AWS RDS", "aws_rds" and "aws-rds" -> "aws-rds"; "SC-7 (5)" and "SC-7(5)" ->
 * "sc-7(5)". Case is folded; whitespace, "_" and "-" are one separator, dropped next to other
 * punctuation; zero padding of short numbers is removed (up to three digits, so "CVE-2021-0001"
 * keeps its "0001").
 */
export function capabilityKey(rawId: string): string {
  return normalizeWhitespace(rawId)
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .replace(/-*([^\p{L}\p{N}-])-*/gu, '$1')
    .replace(/^-+|-+$/g, '')
    .replace(/\d+/g, (run) => (run.length <= 3 ? String(Number(run)) : run));
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

/** True for a sub-technique's id ("T1059.001"), false for a technique's ("T1059"). */
export function isSubtechniqueId(techniqueId: string): boolean {
  return techniqueId.includes('.');
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

/**
 * Natural comparison of ids: "AC-2" < "AC-10" < "AC-10(1)", "T1059" < "T1059.001" < "T1110"; case-insensitive.
 * The one order of ids on the server and in the browser; a fixed locale keeps it the same in every browser.
 */
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
