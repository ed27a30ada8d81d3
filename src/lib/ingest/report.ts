/**
 * What the data step tells the user: errors (the build stops) and warnings (the build goes on;
 * each is kept with where it was found, the value found and what was done). One constructor per
 * kind of error here; each warning's message is its data rule's (rules/), so every message of a
 * kind reads the same and a new rule brings its own.
 */
import { describeValue, type DataProblem } from './problems.ts';
import type { ReadRepair } from './read-inputs.ts';
import type { DataWarning, SourceLocation } from '../model/schema.ts';
import { DOMAIN_IDS, MAX_FRAMEWORK_ID_LENGTH } from '../core/vocabulary.ts';
import { WARNING_KINDS, type WarningKind } from './rules/index.ts';

/** The row an input object became, for links from a warning to it. */
export interface RowRef {
  location: SourceLocation;
  techniqueId: string | null;
  /** Row id of the mapping, or id of the non-mappable entry; null for objects that became neither. */
  rowId: string | null;
}

export class Report {
  readonly problems: DataProblem[] = [];
  private readonly warningsByKey = new Map<string, DataWarning>();

  // --- errors ---------------------------------------------------------------------------------

  /** A problem in general terms; the constructors below cover the common kinds. */
  error(location: SourceLocation, field: string | undefined, expected: string, found: string): void {
    this.problems.push({ location, ...(field ? { field } : {}), expected, found });
  }

  missingValue(location: SourceLocation, field: string, found = 'nothing'): void {
    this.error(location, field, 'a value', found);
  }

  notATechniqueId(location: SourceLocation, raw: string): void {
    this.error(location, 'attack_object_id', 'an ATT&CK technique id like T1046 or T1059.001', describeValue(raw));
  }

  notAnAttackVersion(location: SourceLocation, raw: string | null | undefined): void {
    this.error(location, 'attack_version', 'an ATT&CK version like 16.1', describeValue(raw ?? undefined));
  }

  notAFrameworkId(location: SourceLocation, raw: string): void {
    this.error(
      location,
      'mapping_framework',
      `a framework id of letters, digits, "_" and "-" (like nist_800_53), at most ${MAX_FRAMEWORK_ID_LENGTH} long`,
      describeValue(raw),
    );
  }

  notADomain(location: SourceLocation, raw: string): void {
    this.error(location, 'technology_domain', DOMAIN_IDS.join('|'), describeValue(raw));
  }

  undeclaredMappingType(location: SourceLocation, raw: string, declared: readonly string[]): void {
    this.error(location, 'mapping_type', declared.join('|'), describeValue(raw));
  }

  /** Distinct keys must never share a page; slug hashes make this practically impossible. */
  slugCollision(location: SourceLocation, field: string, first: string, second: string, id: string): void {
    this.error(location, field, `an id whose page address differs from that of "${first}"`, `${describeValue(second)}, which also maps to ${id}`);
  }

  // --- warnings -------------------------------------------------------------------------------

  /**
   * Keep a warning. Warnings that say the same thing (set, kind, capability, field, value and
   * action) about several objects become one, listing each object.
   */
  warn(kind: WarningKind, setId: string, capabilityId: string | null, field: string, found: string, action: string, row: RowRef): void {
    const key = JSON.stringify([setId, kind, capabilityId, field, found, action]);
    let warning = this.warningsByKey.get(key);
    if (!warning) {
      warning = { kind, setId, field, expected: WARNING_KINDS[kind].expected, found, action, capabilityId, occurrences: [] };
      this.warningsByKey.set(key, warning);
    }
    warning.occurrences.push({ location: row.location, techniqueId: row.techniqueId, rowId: row.rowId });
  }

  /** A field the reader mended (references). */
  repaired(setId: string, capabilityId: string | null, repair: ReadRepair, row: RowRef): void {
    this.warn(repair.kind, setId, capabilityId, repair.field, repair.found, repair.action, row);
  }

  /** Every warning, in the order first met. */
  get warnings(): DataWarning[] {
    return [...this.warningsByKey.values()];
  }

  /** Warnings as errors (--strict): one per object a warning concerns. */
  warningsAsProblems(): DataProblem[] {
    return [...this.warningsByKey.values()].flatMap((warning) =>
      warning.occurrences.map(({ location }) => ({
        location,
        field: warning.field,
        expected: warning.expected,
        found: `${warning.found} (without --strict: ${warning.action})`,
      })),
    );
  }
}
