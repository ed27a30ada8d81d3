/**
 * The folding of capability ids, apart from the rest of the identity rules (ids.ts) because the
 * browser needs it too: the coverage builder reads ids from its URL in any spelling.
 */

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
