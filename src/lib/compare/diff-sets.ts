/**
 * What changed between two mapping sets of one framework (A older, B newer): mappings added,
 * removed and changed, techniques whose ATT&CK facts differ between the two sets' versions, and
 * capabilities that look renamed. Pure: the build compares sets from the model
 * (src/lib/compare/from-model.ts), the browser from the sets' download files
 * (src/lib/compare/from-unified.ts), both through `compareSets`.
 */
import { compareNatural } from '../core/ids.ts';

/** One mapping of a set, as both the model and a set's download files can give it. */
export interface CompareRow {
  /** The folded capability id ("nist_800_53:ac-4"): AC-4 and AC-04 are one capability. */
  capabilityId: string;
  /** The capability id as the set spells it ("AC-4"). */
  capabilityLabel: string;
  capabilityDescription: string | null;
  techniqueId: string;
  /** The ATT&CK name the set gives. */
  techniqueName: string | null;
  /** The set's mapping type id ("mitigates"). */
  mappingType: string;
  /** Its family once renames are undone ("protects"): part of a mapping's identity. */
  typeFamily: string;
  scoreCategory: string | null;
  scoreValue: string | null;
  comments: string | null;
  references: readonly string[];
}

/** The fields whose change makes a mapping "changed" rather than removed and added. */
export const CHANGE_FIELDS = ['scoreValue', 'comments', 'references'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** The column names the CSV uses for the fields. */
export const CHANGE_FIELD_NAMES: Record<ChangeField, string> = { scoreValue: 'score_value', comments: 'comments', references: 'references' };

export interface FieldChange {
  field: ChangeField;
  /** The value as text ("" when absent; references as a JSON array). */
  old: string;
  new: string;
}

export interface ChangedMapping {
  old: CompareRow;
  new: CompareRow;
  /** Only the fields that differ. */
  fields: FieldChange[];
}

/** What ATT&CK says of a technique in one version (see attack-views.ts techniqueStateAt). */
export interface TechniqueFacts {
  name: string;
  revoked?: boolean;
  revokedBy?: string;
  deprecated?: boolean;
}

export interface TechniqueFlag {
  techniqueId: string;
  kind: 'renamed' | 'revoked' | 'deprecated';
  /** The name in A's and in B's ATT&CK version (null when a version lacks the technique). */
  oldName: string | null;
  newName: string | null;
  /** For a revoked technique: its replacement, when ATT&CK names one. */
  revokedBy: string | null;
  /**
   * For a revoked technique: capabilities that A maps to it and B maps to its replacement
   * ("the same defence under a new id"), by their B spelling.
   */
  sameDefence: string[];
}

export interface CapabilitySide {
  capabilityId: string;
  label: string;
  description: string | null;
  techniques: number;
}

/** A capability only in A and one only in B that look like one renamed: a suggestion, never merged. */
export interface RenameSuggestion {
  from: CapabilitySide;
  to: CapabilitySide;
  /** Techniques both map to. */
  sharedTechniques: number;
  /** The descriptions are equal once case, spaces and punctuation are folded. */
  sameDescription: boolean;
}

export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface Comparison {
  added: CompareRow[];
  removed: CompareRow[];
  changed: ChangedMapping[];
  /** Empty when the comparison was made without ATT&CK facts (in the browser). */
  techniqueFlags: TechniqueFlag[];
  renames: RenameSuggestion[];
  counts: DiffCounts;
}

export interface CompareOptions {
  /** ATT&CK's facts of a technique in A's ("a") or B's ("b") version; without it, no technique flags. */
  techniqueFacts?: (techniqueId: string, side: 'a' | 'b') => TechniqueFacts | undefined;
}

/** "+12 / -3 / ~4" */
export function countsLabel(counts: DiffCounts): string {
  return `+${counts.added} / -${counts.removed} / ~${counts.changed}`;
}

/** A mapping's identity across sets: capability, technique, type family and score category. */
export function identityOf(row: CompareRow): string {
  return [row.capabilityId, row.techniqueId, row.typeFamily, row.scoreCategory ?? ''].join('\u0000');
}

/** A field's value as text, for comparing and showing. */
export function fieldText(row: CompareRow, field: ChangeField): string {
  if (field === 'references') return row.references.length ? JSON.stringify(row.references) : '';
  return row[field] ?? '';
}

const byRowOrder = (a: CompareRow, b: CompareRow) =>
  compareNatural(a.capabilityLabel, b.capabilityLabel) ||
  compareNatural(a.techniqueId, b.techniqueId) ||
  a.typeFamily.localeCompare(b.typeFamily) ||
  (a.scoreCategory ?? '').localeCompare(b.scoreCategory ?? '');

function groupByIdentity(rows: readonly CompareRow[]): Map<string, CompareRow[]> {
  const groups = new Map<string, CompareRow[]>();
  for (const row of rows) {
    const key = identityOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

const changesBetween = (old: CompareRow, next: CompareRow): FieldChange[] =>
  CHANGE_FIELDS.filter((f) => fieldText(old, f) !== fieldText(next, f)).map((field) => ({ field, old: fieldText(old, field), new: fieldText(next, field) }));

/** Compare set A (older) with set B (newer). */
export function compareSets(a: readonly CompareRow[], b: readonly CompareRow[], options: CompareOptions = {}): Comparison {
  const added: CompareRow[] = [];
  const removed: CompareRow[] = [];
  const changed: ChangedMapping[] = [];
  const inA = groupByIdentity(a);
  const inB = groupByIdentity(b);
  for (const [key, olds] of inA) {
    const news = [...(inB.get(key) ?? [])];
    const left: CompareRow[] = [];
    // A set may hold several rows of one identity (differing notes): unchanged ones pair first.
    for (const old of olds) {
      const same = news.findIndex((n) => changesBetween(old, n).length === 0);
      if (same === -1) left.push(old);
      else news.splice(same, 1);
    }
    for (const old of left) {
      const next = news.shift();
      if (next) changed.push({ old, new: next, fields: changesBetween(old, next) });
      else removed.push(old);
    }
    added.push(...news);
  }
  for (const [key, news] of inB) if (!inA.has(key)) added.push(...news);
  added.sort(byRowOrder);
  removed.sort(byRowOrder);
  changed.sort((x, y) => byRowOrder(x.new, y.new));
  return {
    added,
    removed,
    changed,
    techniqueFlags: options.techniqueFacts ? techniqueFlags(a, b, options.techniqueFacts) : [],
    renames: suggestRenames(a, b),
    counts: { added: added.length, removed: removed.length, changed: changed.length },
  };
}

/** Techniques the two sets name whose name, revocation or deprecation differs between their ATT&CK versions. */
function techniqueFlags(a: readonly CompareRow[], b: readonly CompareRow[], facts: NonNullable<CompareOptions['techniqueFacts']>): TechniqueFlag[] {
  const ids = [...new Set([...a, ...b].map((r) => r.techniqueId))].sort(compareNatural);
  const capabilitiesOf = (rows: readonly CompareRow[], techniqueId: string) =>
    new Map(rows.filter((r) => r.techniqueId === techniqueId).map((r) => [r.capabilityId, r.capabilityLabel]));
  const flags: TechniqueFlag[] = [];
  for (const techniqueId of ids) {
    const old = facts(techniqueId, 'a');
    const next = facts(techniqueId, 'b');
    if (!next) continue;
    const base = { techniqueId, oldName: old?.name ?? null, newName: next.name, revokedBy: null, sameDefence: [] };
    if (next.revoked && !old?.revoked) {
      const revokedBy = next.revokedBy ?? null;
      const mappedInA = capabilitiesOf(a, techniqueId);
      const replacementInB = revokedBy ? capabilitiesOf(b, revokedBy) : new Map<string, string>();
      const sameDefence = [...replacementInB]
        .filter(([id]) => mappedInA.has(id))
        .map(([, label]) => label)
        .sort(compareNatural);
      flags.push({ ...base, kind: 'revoked', revokedBy, sameDefence });
    } else if (next.deprecated && !old?.deprecated) {
      flags.push({ ...base, kind: 'deprecated' });
    } else if (old && old.name !== next.name) {
      flags.push({ ...base, kind: 'renamed' });
    }
  }
  return flags;
}

// Capability renames ---------------------------------------------------------------------------

/** Below this share of techniques in common (of the larger side), two capabilities are not "largely the same". */
const SHARED_TECHNIQUES_MIN = 0.6;

const foldText = (text: string | null) =>
  (text ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** Words of an id and description that can tell capabilities apart ("sentinel", not "ac" or "4"). */
const wordsOf = (side: { label: string; description: string | null }) =>
  new Set(`${foldText(side.label)} ${foldText(side.description)}`.split(' ').filter((w) => w.length >= 3 && !/^\d+$/.test(w)));

interface CapabilityProfile extends CapabilitySide {
  techniqueIds: Set<string>;
  words: Set<string>;
}

function profiles(rows: readonly CompareRow[], only: (id: string) => boolean): CapabilityProfile[] {
  const byId = new Map<string, CapabilityProfile>();
  for (const row of rows) {
    if (!only(row.capabilityId)) continue;
    let profile = byId.get(row.capabilityId);
    if (!profile) {
      profile = {
        capabilityId: row.capabilityId,
        label: row.capabilityLabel,
        description: row.capabilityDescription,
        techniques: 0,
        techniqueIds: new Set(),
        words: new Set(),
      };
      byId.set(row.capabilityId, profile);
    }
    profile.techniqueIds.add(row.techniqueId);
  }
  for (const profile of byId.values()) {
    profile.techniques = profile.techniqueIds.size;
    profile.words = wordsOf(profile);
  }
  return [...byId.values()];
}

const side = ({ capabilityId, label, description, techniques }: CapabilityProfile): CapabilitySide => ({ capabilityId, label, description, techniques });

/**
 * Capabilities only in A paired with capabilities only in B that map largely the same
 * techniques (at least 60% of the larger side's) and have the same description or share a
 * word of their ids or descriptions (azure_sentinel "Azure Sentinel" -> microsoft_sentinel
 * "Microsoft Sentinel"). Each capability is suggested at most once, best match first.
 */
export function suggestRenames(a: readonly CompareRow[], b: readonly CompareRow[]): RenameSuggestion[] {
  const idsA = new Set(a.map((r) => r.capabilityId));
  const idsB = new Set(b.map((r) => r.capabilityId));
  const gone = profiles(a, (id) => !idsB.has(id));
  const fresh = profiles(b, (id) => !idsA.has(id));
  // Index the new capabilities by technique so each old one meets only candidates that share one.
  const byTechnique = new Map<string, CapabilityProfile[]>();
  for (const p of fresh) for (const t of p.techniqueIds) byTechnique.set(t, [...(byTechnique.get(t) ?? []), p]);
  const candidates: { from: CapabilityProfile; to: CapabilityProfile; shared: number; share: number; sameDescription: boolean }[] = [];
  for (const from of gone) {
    const sharedWith = new Map<CapabilityProfile, number>();
    for (const t of from.techniqueIds) for (const to of byTechnique.get(t) ?? []) sharedWith.set(to, (sharedWith.get(to) ?? 0) + 1);
    for (const [to, shared] of sharedWith) {
      const share = shared / Math.max(from.techniques, to.techniques);
      if (share < SHARED_TECHNIQUES_MIN) continue;
      const sameDescription = foldText(from.description) !== '' && foldText(from.description) === foldText(to.description);
      const sharesWord = [...from.words].some((w) => to.words.has(w));
      if (sameDescription || sharesWord) candidates.push({ from, to, shared, share, sameDescription });
    }
  }
  candidates.sort(
    (x, y) =>
      Number(y.sameDescription) - Number(x.sameDescription) ||
      y.share - x.share ||
      compareNatural(x.from.label, y.from.label) ||
      compareNatural(x.to.label, y.to.label),
  );
  const taken = new Set<string>();
  const suggestions: RenameSuggestion[] = [];
  for (const c of candidates) {
    if (taken.has(c.from.capabilityId) || taken.has(c.to.capabilityId)) continue;
    taken.add(c.from.capabilityId);
    taken.add(c.to.capabilityId);
    suggestions.push({ from: side(c.from), to: side(c.to), sharedTechniques: c.shared, sameDescription: c.sameDescription });
  }
  return suggestions.sort((x, y) => compareNatural(x.from.label, y.from.label));
}
