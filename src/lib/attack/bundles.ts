/** Finding and reading ATT&CK STIX bundles given as files or folders (npm run attack, and --attack at build time). */
import { listInputFiles, type InputFile } from '../ingest/read-inputs.ts';
import { InputBudget, maxInputSize, readInputText, type InputLimit } from '../io/input-file.ts';
import { renameProblems, type DataProblem, type ImportWarning } from '../ingest/problems.ts';
import { compareAttackVersions } from '../core/versions.ts';
import type { Domain } from '../core/vocabulary.ts';
import type { CompleteProse } from './complete-stix.ts';
import { readAttackBundle, type AttackBundle, type BundleDescription } from './stix.ts';

/** The *.json files of the paths (folders read recursively). */
export async function listBundleFiles(paths: readonly string[]): Promise<{ files: InputFile[]; problems: DataProblem[] }> {
  const listed = await listInputFiles(paths);
  const files = listed.files.filter((f) => f.path.toLowerCase().endsWith('.json'));
  if (files.length === 0 && listed.problems.length === 0) {
    listed.problems.push({ location: { file: paths.join(', ') }, expected: 'at least one ATT&CK STIX bundle (*.json)', found: 'none' });
  }
  return { files, problems: listed.problems };
}

/** A bundle read, and the name of its file in messages. */
export type NamedBundle = AttackBundle & { file: string };

/** Read every bundle of the paths; problems (and warnings) of all files are collected. */
export async function readAttackBundles(
  paths: readonly string[],
  limit: InputLimit = maxInputSize(),
): Promise<{ bundles: NamedBundle[]; problems: DataProblem[]; warnings: ImportWarning[] }> {
  if ('problem' in limit) return { bundles: [], problems: [limit.problem], warnings: [] };
  const budget = new InputBudget(limit.bytes);
  const listed = await listBundleFiles(paths);
  const problems = [...listed.problems];
  const warnings: ImportWarning[] = [];
  const bundles: NamedBundle[] = [];
  for (const file of listed.files) {
    const text = await readInputText(file, { budget });
    if ('problem' in text) {
      problems.push(text.problem);
      continue;
    }
    const read = readAttackBundle(file.name, text.text);
    problems.push(...renameProblems(read.problems, file.name, file.shown));
    for (const warning of read.warnings ?? [])
      warnings.push(warning.location.file === file.name ? { ...warning, location: { ...warning.location, file: file.shown } } : warning);
    if (read.bundle) bundles.push({ ...read.bundle, file: file.shown });
  }
  return { bundles, problems, warnings };
}

/** A technique's description, and the bundle it comes from. */
export interface TechniqueDescription extends BundleDescription {
  version: string;
}

/**
 * Each technique's description from the newest bundle that has it, preferring one where it is
 * not revoked (a revoked technique's newest text says only that).
 */
export function descriptionsOf(bundles: readonly AttackBundle[]): Map<string, TechniqueDescription> {
  const newestFirst = [...bundles].sort((a, b) => compareAttackVersions(b.version, a.version));
  const chosen = new Map<string, TechniqueDescription & { revoked: boolean }>();
  for (const bundle of newestFirst) {
    const revoked = new Set(bundle.techniques.filter((t) => t.revoked).map((t) => t.id));
    for (const [id, description] of bundle.descriptions) {
      const previous = chosen.get(id);
      if (!previous || (previous.revoked && !revoked.has(id))) chosen.set(id, { ...description, version: bundle.version, revoked: revoked.has(id) });
    }
  }
  return new Map([...chosen].map(([id, { revoked: _revoked, ...d }]) => [id, d]));
}

/** MITRE's prose about groups, software, mitigations and detections, from one complete bundle. */
export interface AdversaryProse extends CompleteProse {
  /** The version of the bundle it comes from (the newest complete one given for the domain). */
  version: string;
}

/**
 * Per domain, the prose of the newest complete bundle given: descriptions of groups, campaigns,
 * software, mitigations, analytics and data components, the procedure text of each `uses`, the
 * text of each `mitigates`, analytics' log-source channels and tunable fields. Read at build time
 * from the bundles of --attack, like technique descriptions (descriptionsOf); never committed.
 */
export function adversaryProseOf(bundles: readonly AttackBundle[]): Map<Domain, AdversaryProse> {
  const out = new Map<Domain, AdversaryProse>();
  for (const bundle of bundles) {
    if (!bundle.complete) continue;
    const previous = out.get(bundle.domain);
    if (!previous || compareAttackVersions(bundle.version, previous.version) > 0) out.set(bundle.domain, { ...bundle.complete.prose, version: bundle.version });
  }
  return out;
}

/** adversaryProseOf for bundles given as files or folders (problems of every file collected). */
export async function readAdversaryProse(paths: readonly string[]): Promise<{ prose: Map<Domain, AdversaryProse>; problems: DataProblem[] }> {
  const { bundles, problems } = await readAttackBundles(paths);
  return { prose: adversaryProseOf(bundles), problems };
}
