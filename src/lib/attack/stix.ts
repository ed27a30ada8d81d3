/**
 * Reading ATT&CK as MITRE publishes it: a STIX bundle of one domain and version (STIX 2.0 from
 * github.com/mitre/cti, or STIX 2.1 from github.com/mitre-attack/attack-stix-data). Out come the
 * facts Mapscope keeps (techniques and sub-techniques with their names, tactics, platforms,
 * parents, revocations, deprecations and STIX ids; tactics; the matrix's tactic order) and, apart,
 * the descriptions with the references they cite, which stay out of the committed catalog. A
 * complete bundle's groups, software, mitigations and detections are read by complete-stix.ts.
 */
import type { DataProblem, ImportWarning } from '../ingest/problems.ts';
import { describeValue } from '../ingest/problems.ts';
import { parseJsonText } from '../io/json-syntax.ts';
import { isSubtechniqueId, normalizeAttackVersion, parentTechniqueId } from '../core/ids.ts';
import { DOMAIN_IDS, TECHNIQUE_ID, type Domain } from '../core/vocabulary.ts';
import { readCompleteObjects, type CompleteBundle } from './complete-stix.ts';
import { attackId, describedBy, isGone, isTechniqueLink, refs, text, type BundleDescription, type StixObject } from './stix-objects.ts';

export type { BundleDescription } from './stix-objects.ts';

/** One technique or sub-technique in one ATT&CK version. */
export interface BundleTechnique {
  id: string;
  /** Its STIX id (attack-pattern--uuid). */
  stixId: string;
  name: string;
  /** Tactic ids (TA0007), in the order the bundle lists its kill chain phases. */
  tactics: string[];
  platforms: string[];
  /** For a sub-technique, its parent technique's id. */
  parent: string | null;
  /** The id of the technique that replaces a revoked one, or null. */
  revokedBy: string | null;
  revoked: boolean;
  deprecated: boolean;
}

export interface BundleTactic {
  id: string;
  name: string;
  shortName: string;
  deprecated: boolean;
}

/** What one bundle holds that Mapscope uses. */
export interface AttackBundle {
  domain: Domain;
  version: string;
  tactics: BundleTactic[];
  /** Tactic ids in the order of the domain's (current) matrix. */
  matrix: string[];
  techniques: BundleTechnique[];
  descriptions: Map<string, BundleDescription>;
  /** What a complete bundle holds besides techniques (groups, software, mitigations, detections), or nothing. */
  complete?: CompleteBundle;
}

const TACTIC_ID = /^TA\d{4}$/;
/** As the catalog keeps technique STIX ids (complete-schema.ts, stixIdStateSchema). */
const ATTACK_PATTERN_STIX_ID = /^attack-pattern--[0-9a-f-]{36}$/;
const BUNDLE_NAME = /(enterprise|mobile|ics)-attack-(\d+(?:\.\d+)?)\.json$/i;

/**
 * Of the objects of one type that share an ATT&CK id (`id`), the one a bundle means: the one that
 * is neither revoked nor deprecated. None of MITRE's bundles 8.2 to 18.1 has two attack-patterns
 * or tactics with one id, but they do keep revoked and deprecated objects that reuse an active
 * one's id (224 deprecated mitigations of enterprise 18.1 carry technique ids), so a revoked or
 * deprecated twin is left out with a warning; two active ones, or none, cannot be told apart and
 * are an error.
 */
function oneOf<T>(
  what: string,
  id: string,
  list: readonly { item: T; o: StixObject; index: number; gone: boolean }[],
  at: (index: number) => { file: string; pointer: string },
  problems: DataProblem[],
  warnings: ImportWarning[],
): T | null {
  if (list.length === 1) return list[0]!.item;
  const active = list.filter((x) => !x.gone);
  const others = (x: { index: number }) =>
    list
      .filter((y) => y !== x)
      .map((y) => `${describeValue(y.o.id)} (/objects/${y.index})`)
      .join(', ');
  if (active.length !== 1) {
    const last = list[list.length - 1]!;
    problems.push({
      location: at(last.index),
      field: 'external_references',
      expected: `one ${what} per ATT&CK id that is neither revoked nor deprecated (${id} is also ${others(last)})`,
      found: active.length ? `${active.length} active ones` : 'only revoked or deprecated ones',
    });
    return null;
  }
  const kept = active[0]!;
  for (const x of list) {
    if (x === kept) continue;
    warnings.push({
      location: at(x.index),
      field: 'external_references',
      found: `${describeValue(x.o.id)}, a revoked or deprecated ${what} with the id ${id}`,
      action: `left out: ${id} is read from the active one, ${describeValue(kept.o.id)} (/objects/${kept.index})`,
    });
  }
  return kept.item;
}

/**
 * Read one bundle. `file` is the name used in messages; the domain and version come from the
 * bundle's collection object (STIX 2.1) or matrix, else from a file name such as
 * enterprise-attack-16.1.json. Problems name the file and the object (its JSON pointer and STIX
 * id); warnings, what was read past.
 */
export function readAttackBundle(file: string, text_: string): { bundle?: AttackBundle; problems: DataProblem[]; warnings?: ImportWarning[] } {
  const problem = (expected: string, found: string, field?: string): { problems: DataProblem[] } => ({
    problems: [{ location: { file }, ...(field ? { field } : {}), expected, found }],
  });
  const parsed = parseJsonText(file, text_, 'a STIX bundle (JSON)');
  if ('problem' in parsed) return { problems: [parsed.problem] };
  const data = parsed.data;
  const top = data as StixObject | null;
  if (!top || typeof top !== 'object' || top.type !== 'bundle' || !Array.isArray(top['objects'])) {
    const found = top && typeof top === 'object' && !Array.isArray(top) ? `an object of type ${describeValue(top.type)}` : describeValue(data);
    return problem('a STIX bundle (an object with "type": "bundle" and "objects")', found);
  }
  const isObject = (o: unknown): o is StixObject => !!o && typeof o === 'object' && !Array.isArray(o);
  const objects = (top['objects'] as unknown[]).filter(isObject);
  const problems: DataProblem[] = [];
  const warnings: ImportWarning[] = [];
  /** Each object's index in the bundle's objects, for JSON pointers. */
  const indexOf = new Map<StixObject, number>();
  (top['objects'] as unknown[]).forEach((o, i) => isObject(o) && !indexOf.has(o) && indexOf.set(o, i));
  const at = (o: StixObject) => ({ file, pointer: `/objects/${indexOf.get(o) ?? -1}` });
  const atIndex = (index: number) => ({ file, pointer: `/objects/${index}` });

  // Domain and version: the collection (STIX 2.1), the matrix, the file name.
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const matrices = objects.filter((o) => o.type === 'x-mitre-matrix');
  const fromName = BUNDLE_NAME.exec(file.split(/[\\/]/).pop() ?? '');
  const matrixDomain = matrices.map((m) => refs(m).find((r) => typeof r.external_id === 'string' && /-attack$/.test(r.external_id))?.external_id).find(Boolean);
  const domain = (typeof matrixDomain === 'string' ? matrixDomain.replace(/-attack$/, '') : fromName?.[1]?.toLowerCase()) as Domain | undefined;
  const version = normalizeAttackVersion(text(collection?.['x_mitre_version']) ?? fromName?.[2] ?? null);
  if (!domain || !(DOMAIN_IDS as readonly string[]).includes(domain)) {
    return problem(
      'an ATT&CK domain: a matrix of enterprise-attack, mobile-attack or ics-attack, or a file named like enterprise-attack-16.1.json',
      describeValue(matrixDomain ?? undefined),
    );
  }
  if (!version) {
    return problem('an ATT&CK version: an x-mitre-collection with x_mitre_version, or a file named like enterprise-attack-16.1.json', 'neither');
  }

  // Tactics, and the matrix's order of them.
  const tacticsById = new Map<string, { item: BundleTactic; o: StixObject; index: number; gone: boolean }[]>();
  for (const o of objects.filter((x) => x.type === 'x-mitre-tactic')) {
    const id = attackId(o);
    const shortName = text(o['x_mitre_shortname']);
    if (!id || !TACTIC_ID.test(id) || !shortName) {
      problems.push({
        location: at(o),
        field: id ? 'x_mitre_shortname' : 'external_references',
        expected: 'a tactic with an ATT&CK id (TA0007) and a short name',
        found: `${describeValue(o.id)} without ${id ? 'a short name' : 'an ATT&CK id'}`,
      });
      continue;
    }
    const tactic = { id, name: text(o['name'])?.trim() || id, shortName, deprecated: o['x_mitre_deprecated'] === true || o['revoked'] === true };
    const list = tacticsById.get(id) ?? [];
    list.push({ item: tactic, o, index: indexOf.get(o)!, gone: tactic.deprecated });
    tacticsById.set(id, list);
  }
  const tactics: BundleTactic[] = [];
  const tacticByStixId = new Map<string, BundleTactic>();
  const tacticByShortName = new Map<string, BundleTactic>();
  for (const [id, list] of tacticsById) {
    const kept = oneOf('tactic', id, list, atIndex, problems, warnings);
    if (kept) tactics.push(kept);
    // Refused or not, the id stays known, so that techniques naming it are not reported too.
    const tactic = kept ?? list[0]!.item;
    for (const { o } of list) tacticByStixId.set(String(o.id), tactic);
    const { shortName } = tactic;
    if (!tactic.deprecated || !tacticByShortName.has(shortName)) tacticByShortName.set(shortName, tactic);
  }
  const current = matrices.find((m) => m['x_mitre_deprecated'] !== true && m['revoked'] !== true) ?? matrices[0];
  const matrix: string[] = [];
  const tacticRefs = current?.['tactic_refs'];
  (Array.isArray(tacticRefs) ? tacticRefs : []).forEach((ref: unknown, i) => {
    const id = tacticByStixId.get(String(ref))?.id;
    if (id) matrix.push(id);
    else if (![...tacticsById.values()].some((list) => list.some((x) => x.o.id === ref))) {
      problems.push({
        location: at(current!),
        field: `tactic_refs[${i}]`,
        expected: 'the STIX id of an x-mitre-tactic in the bundle',
        found: `${describeValue(ref)}, which no tactic in the bundle has`,
      });
    }
  });
  if (!current) problems.push({ location: { file }, expected: 'an x-mitre-matrix object (the order of the tactics)', found: 'none' });
  else if (matrix.length === 0 && problems.length === 0)
    problems.push({ location: at(current), field: 'tactic_refs', expected: 'a matrix of at least one tactic', found: 'none' });

  // Techniques by ATT&CK id: one object each (oneOf).
  const patterns = objects.filter((o) => o.type === 'attack-pattern');
  if (patterns.length === 0) {
    problems.push({
      location: { file },
      expected: 'ATT&CK techniques: attack-pattern objects (a bundle of tactics alone would leave its version without techniques)',
      found: 'none',
    });
  }
  const patternsById = new Map<string, { item: StixObject; o: StixObject; index: number; gone: boolean }[]>();
  for (const o of patterns) {
    const id = attackId(o);
    if (!id || !TECHNIQUE_ID.test(id)) {
      problems.push({
        location: at(o),
        field: 'external_references',
        expected: 'an attack-pattern with an ATT&CK id like T1046 or T1059.001',
        found: `${describeValue(o.id)} with ${id ? describeValue(id) : 'none'}`,
      });
      continue;
    }
    if (typeof o.id !== 'string' || !ATTACK_PATTERN_STIX_ID.test(o.id)) {
      problems.push({ location: at(o), field: 'id', expected: `a STIX id of the form attack-pattern--<uuid> (on ${id})`, found: describeValue(o.id) });
      continue;
    }
    const list = patternsById.get(id) ?? [];
    list.push({ item: o, o, index: indexOf.get(o)!, gone: isGone(o) });
    patternsById.set(id, list);
  }
  /** The attack-pattern read for each ATT&CK id, and the ATT&CK id of every attack-pattern (kept or left out) by STIX id. */
  const kept = new Map<string, StixObject>();
  const idOf = new Map<string, string>();
  for (const [id, list] of patternsById) {
    for (const { o } of list) idOf.set(String(o.id), id);
    const o = oneOf('attack-pattern', id, list, atIndex, problems, warnings);
    if (o) kept.set(id, o);
  }

  // Relationships between techniques: sub-technique -> parent, revoked -> replacement. Each end
  // must be an attack-pattern of the bundle: a replacement or a parent that is missing would
  // otherwise be dropped, or made up, without a word.
  const byStixId = new Map(objects.flatMap((o) => (typeof o.id === 'string' ? [[o.id, o] as const] : [])));
  const parentOf = new Map<string, string>();
  const revokedBy = new Map<string, string>();
  for (const o of objects.filter((x) => x.type === 'relationship' && isTechniqueLink(x) && !isGone(x))) {
    const type = String(o['relationship_type']);
    let ok = true;
    for (const end of ['source_ref', 'target_ref'] as const) {
      const ref = o[end];
      const object = byStixId.get(String(ref));
      if (object?.type === 'attack-pattern') continue;
      ok = false;
      const role =
        end === 'source_ref'
          ? type === 'revoked-by'
            ? 'the technique revoked'
            : 'the sub-technique'
          : type === 'revoked-by'
            ? 'the technique that replaces it'
            : 'its parent technique';
      problems.push({
        location: at(o),
        field: end,
        expected: `the STIX id of an attack-pattern in the bundle (${role}, in the ${type} relationship ${describeValue(o.id)})`,
        found: object ? `${describeValue(ref)}, an object of type ${describeValue(object.type)}` : `${describeValue(ref)}, which no object in the bundle has`,
      });
    }
    if (!ok) continue;
    const source = String(o['source_ref']);
    const sourceId = idOf.get(source);
    const targetId = idOf.get(String(o['target_ref']));
    if (!sourceId || !targetId || kept.get(sourceId)?.id !== source) continue; // an id already reported, or a left-out duplicate's
    if (type === 'subtechnique-of') {
      const expected = parentTechniqueId(sourceId);
      if (expected && targetId !== expected) {
        problems.push({
          location: at(o),
          field: 'target_ref',
          expected: `the parent of ${sourceId}, ${expected} (in the subtechnique-of relationship ${describeValue(o.id)})`,
          found: `${describeValue(o['target_ref'])}, which is ${targetId}`,
        });
        continue;
      }
      parentOf.set(sourceId, targetId);
    } else revokedBy.set(sourceId, targetId);
  }

  const techniques: BundleTechnique[] = [];
  const descriptions = new Map<string, BundleDescription>();
  for (const [id, o] of kept) {
    const parent = isSubtechniqueId(id) ? (parentOf.get(id) ?? parentTechniqueId(id)) : null;
    if (parent && !kept.has(parent)) {
      problems.push({
        location: at(o),
        field: 'external_references',
        expected: `a sub-technique whose parent technique is in the bundle (${parent} for ${id})`,
        found: `${describeValue(o.id)}, ${id}, without ${parent}`,
      });
      continue;
    }
    const revoked = o['revoked'] === true;
    const tacticIds: string[] = [];
    for (const phase of (Array.isArray(o['kill_chain_phases']) ? o['kill_chain_phases'] : []) as unknown[]) {
      const name = phase && typeof phase === 'object' ? (phase as { phase_name?: unknown }).phase_name : undefined;
      const tactic = tacticByShortName.get(String(name));
      if (!tactic) {
        problems.push({
          location: at(o),
          field: 'kill_chain_phases',
          expected: `a tactic the bundle holds (${[...tacticByShortName.keys()].join('|')})`,
          found: `${describeValue(name)} on ${id} (${String(o.id)})`,
        });
        continue;
      }
      if (!tacticIds.includes(tactic.id)) tacticIds.push(tactic.id);
    }
    techniques.push({
      id,
      stixId: String(o.id),
      name: text(o['name'])?.trim() || id,
      tactics: tacticIds,
      platforms: Array.isArray(o['x_mitre_platforms']) ? (o['x_mitre_platforms'] as unknown[]).filter((p): p is string => typeof p === 'string') : [],
      parent,
      revokedBy: revoked ? (revokedBy.get(id) ?? null) : null,
      revoked,
      deprecated: o['x_mitre_deprecated'] === true,
    });
    const description = describedBy(o['description'], o);
    if (description) descriptions.set(id, description);
  }
  const complete = readCompleteObjects(file, top['objects'] as unknown[], version);
  problems.push(...complete.problems);
  if (problems.length) return { problems, warnings };
  techniques.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    bundle: { domain, version, tactics, matrix, techniques, descriptions, ...(complete.complete ? { complete: complete.complete } : {}) },
    problems,
    warnings,
  };
}
