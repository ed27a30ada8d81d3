/**
 * What the data step tells the user: errors (the build stops) and warnings (the build goes on;
 * each is kept with where it was found, the value found and what was done). One constructor per
 * kind, so every message of a kind reads the same and a new rule has one place to add its own.
 */
import { describeValue, type DataProblem } from './problems.ts';
import type { ReadRepair } from './read-inputs.ts';
import type { DataWarning, SourceLocation } from '../model/schema.ts';
import { DOMAIN_IDS, DOMAINS, MAX_FRAMEWORK_ID_LENGTH, WARNING_KINDS, type WarningKind } from '../core/vocabulary.ts';
import type { TechniqueStatus } from './normalize/techniques.ts';

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
    this.error(location, 'mapping_framework', `a framework id of letters, digits, "_" and "-" (like nist_800_53), at most ${MAX_FRAMEWORK_ID_LENGTH} long`, describeValue(raw));
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
  warn(
    kind: WarningKind,
    setId: string,
    capabilityId: string | null,
    field: string,
    found: string,
    action: string,
    row: RowRef,
  ): void {
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

  /** A row of a scored mapping type without its score category or value. */
  scoreMissing(setId: string, capabilityId: string, missing: readonly ('score_category' | 'score_value')[], row: RowRef): void {
    this.warn('score-missing', setId, capabilityId, missing.join(', '), `no ${missing.join(' and no ')}`, 'kept and shown as "not scored"; left out of layer scores', row);
  }

  /** A row that describes its capability otherwise than most rows of its set. */
  descriptionVaries(setId: string, capabilityId: string, spelling: string, description: string, shown: string | null, row: RowRef): void {
    this.warn(
      'description-varies',
      setId,
      capabilityId,
      'capability_description',
      JSON.stringify(description),
      `the row keeps its own; ${spelling} is titled ${shown === null ? 'by its id' : JSON.stringify(shown)}, as most rows of the set describe it`,
      row,
    );
  }

  /** A row naming a technique its set's ATT&CK version does not have, or has revoked or deprecated. */
  techniqueStatus(setId: string, capabilityId: string | null, techniqueId: string, status: TechniqueStatus, attack: string, row: RowRef): void {
    const found = JSON.stringify(techniqueId);
    if (status.kind === 'unknown') {
      const elsewhere = status.elsewhere ? ` (it is a technique of ATT&CK ${DOMAINS[status.elsewhere].label})` : '';
      this.warn('technique-unknown', setId, capabilityId, 'attack_object_id', found, `kept; ${attack} has no technique ${techniqueId}${elsewhere}`, row);
    } else if (status.kind === 'revoked') {
      this.warn('technique-revoked', setId, capabilityId, 'attack_object_id', found, `kept; revoked in ${attack}${status.by ? `, replaced by ${status.by}` : ''}`, row);
    } else if (status.kind === 'deprecated') {
      this.warn('technique-deprecated', setId, capabilityId, 'attack_object_id', found, `kept; deprecated in ${attack}`, row);
    }
  }

  /** A set whose ATT&CK version the catalog does not have. */
  attackVersionUnknown(setId: string, attack: string, known: readonly string[], location: SourceLocation): void {
    this.warn(
      'attack-version-unknown',
      setId,
      null,
      'attack_version',
      attack,
      `its techniques are not checked and it has no matrix or gaps; the catalog has ${known.length ? known.join(', ') : 'no version of this domain'} (add the version with npm run attack)`,
      { location, techniqueId: null, rowId: null },
    );
  }

  /** A framework version written otherwise than where the set was first met ("V2" and "v2"). */
  frameworkVersionRespelled(setId: string, raw: string, shown: string, location: SourceLocation): void {
    this.warn('framework-version-respelled', setId, null, 'mapping_framework_version', JSON.stringify(raw), `read as ${JSON.stringify(shown)}, as first written`, {
      location,
      techniqueId: null,
      rowId: null,
    });
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
