/**
 * From parsed input files to the model: mapping sets keyed by framework, framework version,
 * ATT&CK version and domain (sets.ts); capabilities and groups merged across spellings and
 * versions (capabilities.ts); techniques with every name seen (techniques.ts); every input
 * object accounted for as a mapping, a non-mappable entry or a duplicate (objects.ts); the
 * data rules applied through their registry (../rules/); errors and warnings in one report
 * (report.ts).
 */
import { compareNatural, normalizeAttackVersion, normalizeFrameworkId, normalizeFrameworkVersion } from '../../core/ids.ts';
import { describeValue, type DataProblem } from '../problems.ts';
import type { ObjectRecord, ParsedInput } from '../read-inputs.ts';
import { lacksScore } from '../../core/scores.ts';
import { warningTotalsBySet } from '../../model/warnings.ts';
import {
  modelSchema,
  type BaselineFile,
  type Capability,
  type DataWarning,
  type Mapping,
  type MappingSet,
  type Model,
  type NonMappable,
  type Technique,
} from '../../model/schema.ts';
import { modelBaselines } from './model-baselines.ts';
import { CapabilityRegistry } from './capabilities.ts';
import { addObject, type MappingDraft, type NonMappableDraft, type ObjectContext } from './objects.ts';
import { Report } from '../report.ts';
import { SetRegistry, type SetDraft } from './sets.ts';
import { TechniqueRegistry, type AttackData } from './techniques.ts';
import { modelAdversaries } from './model-adversaries.ts';
import { attackVersionLabel, techniqueNameAt } from '../../core/labels.ts';
import { DOMAIN_IDS } from '../../core/vocabulary.ts';
import { required } from '../../core/lookups.ts';
import { onlyVersionInFile } from '../rules/attack-version-inferred.ts';
import { DATA_RULES } from '../rules/index.ts';

/** One line of the build summary: every object of a set accounted for. */
export interface SetSummary {
  setId: string;
  objects: number;
  mappings: number;
  nonMappable: number;
  duplicates: number;
  /** Mappings of a scored type kept without a score. */
  notScored: number;
  warnings: number;
}

export interface BuildModelResult {
  /** The model, or null when there were problems. */
  model: Model | null;
  problems: DataProblem[];
  /** What was mended or chosen on the way (the build goes on); in the model too. */
  warnings: DataWarning[];
  summary: SetSummary[];
}

export interface BuildOptions {
  /** Treat every warning as an error. */
  strict?: boolean;
  /** ATT&CK: the catalog and descriptions (none by default). */
  attack?: AttackData;
  /** Control baselines, matched to the capabilities (none by default). */
  baselines?: readonly BaselineFile[];
}

const NO_ATTACK: AttackData = { catalogs: new Map(), descriptions: new Map() };

/** Build the model from parsed inputs. `inputNames` are recorded in the model as its sources. */
export function buildModel(inputs: readonly ParsedInput[], inputNames: readonly string[], options: BuildOptions = {}): BuildModelResult {
  const report = new Report();
  const ctx: ObjectContext = {
    report,
    sets: new SetRegistry(report),
    capabilities: new CapabilityRegistry(report),
    techniques: new TechniqueRegistry(report, options.attack ?? NO_ATTACK),
  };
  const pending: { set: SetDraft; record: ObjectRecord }[] = [];
  // Metadata first, so that CSV rows of a set meet the types and groups its JSON file declares.
  for (const input of inputs) {
    if (input.kind !== 'mapping-file') continue;
    const m = input.metadata;
    const set = ctx.sets.setFor(m.mapping_framework, m.mapping_framework_version, m.attack_version, m.technology_domain, input.metadataLocation);
    if (!set) continue;
    set.sources.add(input.file);
    ctx.sets.mergeMetadata(set, m, input.file, input.metadataLocation);
    for (const repair of input.metadataRepairs) report.repaired(set.id, null, repair, { location: input.metadataLocation, techniqueId: null, rowId: null });
    for (const record of input.objects) {
      const repairs = ctx.sets.objectSetRepairs(set, record.value);
      pending.push({ set, record: repairs.length ? { ...record, repairs: [...record.repairs, ...repairs] } : record });
    }
  }
  for (const input of inputs) {
    if (input.kind === 'mapping-table') pending.push(...placeTableRows(ctx, input.file, input.objects));
    if (input.kind === 'technique-table') ctx.techniques.addTable(input.techniques);
  }
  for (const { set, record } of pending) addObject(ctx, set, record);
  ctx.capabilities.settle();
  // Every active technique of the sets' ATT&CK versions has a page (a matrix cell links to it).
  const attack = options.attack ?? NO_ATTACK;
  for (const set of ctx.sets.drafts.values()) {
    const catalog = attack.catalogs.get(set.domain);
    if (catalog?.versions.includes(set.attackVersion)) ctx.techniques.addActive(set.domain, set.attackVersion);
    const check = { report, set, attack: attackVersionLabel(set.domain, set.attackVersion), catalogVersions: catalog?.versions ?? [] };
    for (const rule of DATA_RULES) rule.checkSet?.(check);
  }
  const warnings = report.warnings;
  const problems = [...report.problems, ...(options.strict ? report.warningsAsProblems() : [])];
  if (problems.length) return { model: null, problems, warnings, summary: [] };

  const model = assemble(ctx, inputNames, warnings, options.baselines ?? [], attack);
  const checked = modelSchema.safeParse(model);
  if (!checked.success) {
    // The model is built from validated input; a failure here is a bug in this module.
    throw new Error(`internal error: the model does not match its schema: ${checked.error.message}`);
  }
  return { model, problems: [], warnings, summary: summarize(model) };
}

/**
 * Rows of a CSV table, each placed in the set its cells name. Rows whose ATT&CK version is
 * missing or "[UNKNOWN_VERSION]" go to the one set of their framework release in the same file,
 * if there is exactly one (a warning); else they are an error.
 */
function placeTableRows(ctx: ObjectContext, file: string, objects: readonly ObjectRecord[]): { set: SetDraft; record: ObjectRecord }[] {
  const placed: { set: SetDraft; record: ObjectRecord }[] = [];
  const unknownVersion: ObjectRecord[] = [];
  const setsInFile = new Map<string, SetDraft>();
  for (const record of objects) {
    const v = record.value;
    const missing = (['mapping_framework', 'mapping_framework_version', 'technology_domain'] as const).filter((field) => v[field] === null);
    if (missing.length) {
      for (const field of missing) ctx.report.missingValue(record.location, field, 'an empty cell');
      continue;
    }
    if (normalizeAttackVersion(v.attack_version) === null) {
      unknownVersion.push(record);
      continue;
    }
    const set = ctx.sets.setFor(v.mapping_framework!, v.mapping_framework_version!, v.attack_version!, v.technology_domain!, record.location);
    if (!set) continue;
    set.sources.add(file);
    setsInFile.set(set.id, set);
    ctx.sets.fillFromRow(set, v, file, record.location);
    placed.push({ set, record });
  }
  for (const record of unknownVersion) {
    const v = record.value;
    const framework = normalizeFrameworkId(v.mapping_framework!);
    const version = normalizeFrameworkVersion(v.mapping_framework_version!);
    const candidates = [...setsInFile.values()].filter((s) => s.frameworkId === framework && s.frameworkVersion === version);
    if (candidates.length === 1) {
      const set = candidates[0]!;
      const repair = onlyVersionInFile(set, describeValue(v.attack_version ?? undefined));
      placed.push({ set, record: { ...record, repairs: [...record.repairs, repair] } });
    } else {
      ctx.report.notAnAttackVersion(record.location, v.attack_version);
    }
  }
  return placed;
}

function assemble(ctx: ObjectContext, inputNames: readonly string[], warnings: DataWarning[], baselines: readonly BaselineFile[], attack: AttackData): Model {
  const { sets, frameworks } = ctx.sets.assemble();
  const setOrder = new Map(sets.map((s, i) => [s.id, i]));
  const { groups, capabilities } = ctx.capabilities.assemble(setOrder);
  const techniques = ctx.techniques.assemble();
  const capabilityOrder = new Map(capabilities.map((c, i) => [c.id, i]));
  const capabilityById = new Map(capabilities.map((c) => [c.id, c]));
  const techniqueById = new Map(techniques.map((t) => [t.id, t]));
  const setById = new Map(sets.map((s) => [s.id, s]));
  const drafts = [...ctx.sets.drafts.values()];

  const mappings = drafts
    .flatMap((d) => [...d.mappings.values()])
    .map((m) =>
      finishMapping(
        m as MappingDraft,
        required(capabilityById, m.capabilityId, 'capability'),
        techniqueById.get(m.techniqueId),
        required(setById, m.setId, 'set'),
      ),
    )
    .sort(
      (a, b) =>
        required(setOrder, a.setId, 'set') - required(setOrder, b.setId, 'set') ||
        required(capabilityOrder, a.capabilityId, 'capability') - required(capabilityOrder, b.capabilityId, 'capability') ||
        compareNatural(a.techniqueId, b.techniqueId) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const nonMappables = drafts
    .flatMap((d) => [...d.nonMappables.values()])
    .map((n) => finishNonMappable(n, n.capabilityId ? required(capabilityById, n.capabilityId, 'capability') : null))
    .sort((a, b) => required(setOrder, a.setId, 'set') - required(setOrder, b.setId, 'set') || compareNatural(a.source, b.source));
  const duplicates = drafts.flatMap((d) => d.duplicates).sort((a, b) => required(setOrder, a.setId, 'set') - required(setOrder, b.setId, 'set'));
  const domains = DOMAIN_IDS.filter((d) => sets.some((s) => s.domain === d));

  return {
    schemaVersion: 5,
    inputs: [...inputNames],
    frameworks,
    sets,
    groups,
    capabilities,
    techniques,
    mappings,
    nonMappables,
    duplicates,
    warnings: [...warnings].sort((a, b) => required(setOrder, a.setId, 'set') - required(setOrder, b.setId, 'set')),
    tactics: ctx.techniques.tactics(domains),
    attackVersions: ctx.techniques.attackVersions(domains),
    baselines: modelBaselines(baselines, capabilities),
    adversaries: modelAdversaries(attack, domains, new Set(techniques.map((t) => t.id))),
  };
}

/** A mapping as the model keeps it: the row's own capability fields and ATT&CK name only where they differ. */
function finishMapping(draft: MappingDraft, capability: Capability, technique: Technique | undefined, set: MappingSet): Mapping {
  const { capabilitySpelling, capabilityDescription, capabilityGroupId, attackObjectName, ...mapping } = draft;
  const entry = capability.sets[draft.setId]!;
  return {
    ...mapping,
    ...(capabilitySpelling !== entry.spelling ? { capabilitySpelling } : {}),
    ...(capabilityDescription !== entry.description ? { capabilityDescription } : {}),
    ...(capabilityGroupId !== entry.groupId ? { capabilityGroupId } : {}),
    ...(attackObjectName !== techniqueNameAt(technique, set.attackVersion) ? { attackObjectName } : {}),
  };
}

/** A non-mappable entry as the model keeps it: its own capability fields where they differ from its set's. */
function finishNonMappable(draft: NonMappableDraft, capability: Capability | null): NonMappable {
  const { capabilitySpelling, capabilityDescription, capabilityGroupId, ...entry } = draft;
  const inSet = capability?.sets[draft.setId];
  return {
    ...entry,
    ...(inSet && capabilitySpelling !== null && capabilitySpelling !== inSet.spelling ? { capabilitySpelling } : {}),
    ...(inSet && capabilityDescription !== inSet.description ? { capabilityDescription } : {}),
    ...(inSet && capabilityGroupId !== inSet.groupId ? { capabilityGroupId } : {}),
  };
}

function summarize(model: Model): SetSummary[] {
  const notScored = new Map<string, number>();
  for (const m of model.mappings) if (lacksScore(m)) notScored.set(m.setId, (notScored.get(m.setId) ?? 0) + 1);
  const warnings = warningTotalsBySet(model.warnings);
  return model.sets.map((s) => ({
    setId: s.id,
    ...s.counts,
    notScored: notScored.get(s.id) ?? 0,
    warnings: warnings.get(s.id) ?? 0,
  }));
}
