/**
 * What a data rule is, for the registry (./index.ts): the warnings it gives (each kind's title,
 * as /data-quality/ and the build summary head its list, and what was expected), and where the
 * normalizer applies it, if it checks a kept row or a set (the hooks below). Rules that mend a
 * value while it is read (references, unknown fields) or placed in its set export their mending
 * for the reader and the set registry to call.
 */
import type { RowRef, Report } from '../report.ts';
import type { MappingDraft } from '../normalize/objects.ts';
import type { SetDraft } from '../normalize/sets.ts';
import type { TechniqueRegistry } from '../normalize/techniques.ts';

/**
 * A kind of warning: what a reader of published data can live with. The build goes on, keeps
 * each with where it was found and what was done, and lists them on /data-quality/; `--strict`
 * turns them into errors.
 */
export interface WarningKindInfo {
  /** What heads the kind's list: "References kept as plain text". */
  title: string;
  /** What the data should have given, as strict mode reports it: "an http(s) URL". */
  expected: string;
}

/** A row kept (a mapping or a non-mappable entry) that names a technique. */
export interface EntryCheck {
  report: Report;
  set: SetDraft;
  techniques: TechniqueRegistry;
  /** The set's ATT&CK, for messages: "ATT&CK Enterprise 16.1". */
  attack: string;
  capabilityId: string | null;
  techniqueId: string;
  row: RowRef;
}

/** A mapping kept. */
export interface MappingCheck {
  report: Report;
  set: SetDraft;
  mapping: MappingDraft;
  /** Whether its mapping type is scored (technique_scores). */
  scored: boolean;
  techniques: TechniqueRegistry;
  /** The set's ATT&CK, for messages: "ATT&CK Enterprise 16.1". */
  attack: string;
  row: RowRef;
}

/** A set, once every object is placed. */
export interface SetCheck {
  report: Report;
  set: SetDraft;
  /** The set's ATT&CK, for messages. */
  attack: string;
  /** The ATT&CK versions the catalog has of the set's domain; none without a catalog of it. */
  catalogVersions: readonly string[];
}

export interface DataRule {
  /** "score-missing", "technique-status" */
  id: string;
  /** The warnings it gives, by kind id, in the order they are listed. */
  kinds: Readonly<Record<string, WarningKindInfo>>;
  /** Applied to each row kept that names a technique, in the registry's order. */
  checkEntry?: (check: EntryCheck) => void;
  /** Applied to each mapping kept, after the entry checks. */
  checkMapping?: (check: MappingCheck) => void;
  /** Applied to each set once every object is placed. */
  checkSet?: (check: SetCheck) => void;
}
