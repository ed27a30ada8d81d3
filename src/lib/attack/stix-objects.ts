/**
 * Small readers of STIX objects as ATT&CK writes them, shared by the technique reader (stix.ts)
 * and the reader of groups, software, mitigations and detections (complete-stix.ts).
 */

export type StixObject = Record<string, unknown> & { type?: unknown; id?: unknown };
export type ExternalReference = { source_name?: unknown; external_id?: unknown; description?: unknown; url?: unknown };

/** A text written by MITRE (ATT&CK markdown), and the sources it cites. */
export interface BundleDescription {
  markdown: string;
  /** Cited sources by citation name: what "(Citation: name)" refers to. */
  citations: Record<string, { description: string | null; url: string | null }>;
}

const ATTACK_SOURCES = new Set(['mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack']);

export const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** An object's external references; entries that are not objects are left out. */
export const refs = (o: StixObject): ExternalReference[] =>
  Array.isArray(o['external_references'])
    ? (o['external_references'] as unknown[]).filter((r): r is ExternalReference => !!r && typeof r === 'object' && !Array.isArray(r))
    : [];

/** Strings of an array field; anything else in it is left out. */
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The ATT&CK id of an object: its first external reference from an ATT&CK source. */
export function attackId(o: StixObject): string | null {
  for (const ref of refs(o)) {
    if (typeof ref.source_name === 'string' && ATTACK_SOURCES.has(ref.source_name) && typeof ref.external_id === 'string') {
      return ref.external_id.trim();
    }
  }
  return null;
}

/**
 * A relationship between techniques, which the technique reader (stix.ts) reads and checks: a
 * subtechnique-of, or a revoked-by with an attack-pattern at either end.
 */
export function isTechniqueLink(o: StixObject): boolean {
  const type = o['relationship_type'];
  if (type === 'subtechnique-of') return true;
  return type === 'revoked-by' && [o['source_ref'], o['target_ref']].some((ref) => typeof ref === 'string' && ref.startsWith('attack-pattern--'));
}

/** Left out of everything Mapscope reads: revoked or deprecated. */
export const isGone = (o: StixObject): boolean => o['revoked'] === true || o['x_mitre_deprecated'] === true;

/**
 * A markdown text with the references of `o` it cites. An empty text is none: MITRE writes
 * "description": "" on relationships that have nothing to say.
 */
export function describedBy(markdown: unknown, o: StixObject): BundleDescription | null {
  const md = text(markdown);
  if (!md || !md.trim()) return null;
  const cited = new Set([...md.matchAll(/\(Citation: ([^)]+)\)/g)].map((m) => m[1]!.trim()));
  const citations: BundleDescription['citations'] = {};
  if (cited.size) {
    for (const ref of refs(o)) {
      const name = text(ref.source_name);
      if (name && cited.has(name)) citations[name] = { description: text(ref.description), url: text(ref.url) };
    }
  }
  return { markdown: md, citations };
}

/** The calendar day of a STIX timestamp (2019-09-01T04:00:00.000Z -> 2019-09-01), or null. */
export function stixDay(v: unknown): string | null {
  const t = text(v);
  const day = t ? /^(\d{4}-\d{2}-\d{2})(?:T|$)/.exec(t.trim()) : null;
  return day ? day[1]! : null;
}
