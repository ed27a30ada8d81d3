/**
 * Reading ATT&CK as MITRE publishes it: a STIX bundle of one domain and version (STIX 2.0 from
 * github.com/mitre/cti, or STIX 2.1 from github.com/mitre-attack/attack-stix-data). Out come the
 * facts Mapscope keeps (techniques and sub-techniques with their names, tactics, platforms,
 * parents, revocations, deprecations and STIX ids; tactics; the matrix's tactic order) and, apart,
 * the descriptions with the references they cite, which stay out of the committed catalog. A
 * complete bundle's groups, software, mitigations and detections are read by complete-stix.ts.
 */
import type { DataProblem } from '../ingest/problems.ts';
import { describeValue } from '../ingest/problems.ts';
import { parseJsonText } from '../io/json-syntax.ts';
import { isSubtechniqueId, normalizeAttackVersion, parentTechniqueId } from '../core/ids.ts';
import { DOMAIN_IDS, TECHNIQUE_ID, type Domain } from '../core/vocabulary.ts';
import { readCompleteObjects, type CompleteBundle } from './complete-stix.ts';
import { attackId, describedBy, refs, text, type BundleDescription, type StixObject } from './stix-objects.ts';

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
const BUNDLE_NAME = /(enterprise|mobile|ics)-attack-(\d+(?:\.\d+)?)\.json$/i;

/**
 * Read one bundle. `file` is the name used in messages; the domain and version come from the
 * bundle's collection object (STIX 2.1) or matrix, else from a file name such as
 * enterprise-attack-16.1.json. Problems name the file and the object's STIX id.
 */
export function readAttackBundle(file: string, text_: string): { bundle?: AttackBundle; problems: DataProblem[] } {
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
  const objects = (top['objects'] as unknown[]).filter((o): o is StixObject => !!o && typeof o === 'object' && !Array.isArray(o));
  const problems: DataProblem[] = [];
  const at = (o: StixObject) => ({ file, pointer: `/objects/${(top['objects'] as unknown[]).indexOf(o)}` });

  // Domain and version: the collection (STIX 2.1), the matrix, the file name.
  const collection = objects.find((o) => o.type === 'x-mitre-collection');
  const matrices = objects.filter((o) => o.type === 'x-mitre-matrix');
  const fromName = BUNDLE_NAME.exec(file.split(/[\\/]/).pop() ?? '');
  const matrixDomain = matrices.map((m) => refs(m).find((r) => typeof r.external_id === 'string' && /-attack$/.test(r.external_id))?.external_id).find(Boolean);
  const domain = (typeof matrixDomain === 'string' ? matrixDomain.replace(/-attack$/, '') : fromName?.[1]?.toLowerCase()) as Domain | undefined;
  const version = normalizeAttackVersion(text(collection?.['x_mitre_version']) ?? fromName?.[2] ?? null);
  if (!domain || !(DOMAIN_IDS as readonly string[]).includes(domain)) {
    return problem('an ATT&CK domain: a matrix of enterprise-attack, mobile-attack or ics-attack, or a file named like enterprise-attack-16.1.json', describeValue(matrixDomain ?? undefined));
  }
  if (!version) {
    return problem('an ATT&CK version: an x-mitre-collection with x_mitre_version, or a file named like enterprise-attack-16.1.json', 'neither');
  }

  // Tactics, and the matrix's order of them.
  const tactics: BundleTactic[] = [];
  const tacticByStixId = new Map<string, BundleTactic>();
  const tacticByShortName = new Map<string, BundleTactic>();
  for (const o of objects.filter((x) => x.type === 'x-mitre-tactic')) {
    const id = attackId(o);
    const shortName = text(o['x_mitre_shortname']);
    if (!id || !TACTIC_ID.test(id) || !shortName) {
      problems.push({ location: at(o), field: id ? 'x_mitre_shortname' : 'external_references', expected: 'a tactic with an ATT&CK id (TA0007) and a short name', found: `${describeValue(o.id)} without ${id ? 'a short name' : 'an ATT&CK id'}` });
      continue;
    }
    const tactic = { id, name: text(o['name']) ?? id, shortName, deprecated: o['x_mitre_deprecated'] === true || o['revoked'] === true };
    tactics.push(tactic);
    tacticByStixId.set(String(o.id), tactic);
    if (!tactic.deprecated || !tacticByShortName.has(shortName)) tacticByShortName.set(shortName, tactic);
  }
  const current = matrices.find((m) => m['x_mitre_deprecated'] !== true && m['revoked'] !== true) ?? matrices[0];
  const matrix = ((current?.['tactic_refs'] as unknown[] | undefined) ?? [])
    .map((ref) => tacticByStixId.get(String(ref))?.id)
    .filter((id): id is string => !!id);
  if (!current) problems.push({ location: { file }, expected: 'an x-mitre-matrix object (the order of the tactics)', found: 'none' });

  // Relationships: sub-technique -> parent, revoked -> replacement.
  const patterns = objects.filter((o) => o.type === 'attack-pattern');
  const idOf = new Map<string, string>();
  for (const o of patterns) {
    const id = attackId(o);
    if (id) idOf.set(String(o.id), id);
  }
  const parentOf = new Map<string, string>();
  const revokedBy = new Map<string, string>();
  for (const o of objects.filter((x) => x.type === 'relationship')) {
    const source = idOf.get(String(o['source_ref']));
    const target = idOf.get(String(o['target_ref']));
    if (!source || !target) continue;
    if (o['relationship_type'] === 'subtechnique-of') parentOf.set(source, target);
    if (o['relationship_type'] === 'revoked-by') revokedBy.set(source, target);
  }

  const techniques: BundleTechnique[] = [];
  const descriptions = new Map<string, BundleDescription>();
  for (const o of patterns) {
    const id = attackId(o);
    if (!id || !TECHNIQUE_ID.test(id)) {
      problems.push({ location: at(o), field: 'external_references', expected: 'an attack-pattern with an ATT&CK id like T1046 or T1059.001', found: `${describeValue(o.id)} with ${id ? describeValue(id) : 'none'}` });
      continue;
    }
    const revoked = o['revoked'] === true;
    const tacticIds: string[] = [];
    for (const phase of (Array.isArray(o['kill_chain_phases']) ? o['kill_chain_phases'] : []) as { phase_name?: unknown }[]) {
      const tactic = tacticByShortName.get(String(phase.phase_name));
      if (!tactic) {
        problems.push({ location: at(o), field: 'kill_chain_phases', expected: `a tactic the bundle holds (${[...tacticByShortName.keys()].join('|')})`, found: `${describeValue(phase.phase_name)} on ${id} (${String(o.id)})` });
        continue;
      }
      if (!tacticIds.includes(tactic.id)) tacticIds.push(tactic.id);
    }
    techniques.push({
      id,
      stixId: String(o.id),
      name: text(o['name']) ?? id,
      tactics: tacticIds,
      platforms: Array.isArray(o['x_mitre_platforms']) ? (o['x_mitre_platforms'] as unknown[]).filter((p): p is string => typeof p === 'string') : [],
      parent: isSubtechniqueId(id) ? (parentOf.get(id) ?? parentTechniqueId(id)) : null,
      revokedBy: revoked ? (revokedBy.get(id) ?? null) : null,
      revoked,
      deprecated: o['x_mitre_deprecated'] === true,
    });
    const description = describedBy(o['description'], o);
    if (description) descriptions.set(id, description);
  }
  const complete = readCompleteObjects(file, top['objects'] as unknown[], version);
  problems.push(...complete.problems);
  if (problems.length) return { problems };
  techniques.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { bundle: { domain, version, tactics, matrix, techniques, descriptions, ...(complete.complete ? { complete: complete.complete } : {}) }, problems };
}
