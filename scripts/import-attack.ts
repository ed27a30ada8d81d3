/**
 * npm run attack -- PATH... [--out DIR]
 * Imports ATT&CK STIX bundles (files or folders, as downloaded from MITRE: enterprise-attack-16.1.json
 * and the like, STIX 2.0 or 2.1) into the ATT&CK catalog, data/attack/<domain>.json: the facts of
 * each version (techniques, tactics, the matrix, technique STIX ids) and, from the newest complete
 * bundle of a domain, its groups, campaigns, software, mitigations and detections with their
 * relationships as id lists; never descriptions, procedure texts or other prose. A version already
 * in the catalog is replaced, unless the bundle has fewer techniques or tactics than the catalog
 * has of it (--force replaces it all the same). On any problem nothing is written. The new files are written beside
 * the old under names of this run's own and renamed into place only once all are written; the
 * catalog folder's lock (src/lib/io/output-lock.ts) keeps a second import from reading the catalog
 * while this one changes it, so neither loses the other's versions (the second is refused).
 */
import { mkdir } from 'node:fs/promises';
import { lockOutput } from '../src/lib/io/output-lock.ts';
import { writing } from '../src/lib/io/write-errors.ts';
import path from 'node:path';
import { addBundle, catalogFile, catalogToJson, emptyCatalog, readCatalogs, shrinkProblem } from '../src/lib/attack/catalog.ts';
import { readAttackBundles } from '../src/lib/attack/bundles.ts';
import { writeFilesAtomically } from '../src/lib/io/atomic-files.ts';
import { shownPath } from '../src/lib/io/input-file.ts';
import type { AttackBundle } from '../src/lib/attack/stix.ts';
import { formatImportWarning, formatProblems } from '../src/lib/ingest/problems.ts';
import { plural } from '../src/lib/core/id-breaks.ts';
import { compareAttackVersions } from '../src/lib/core/versions.ts';
import { isMain, parseCommand, runCommand } from './cli.ts';

/** Run the import with command-line arguments; the exit status. */
export async function importAttack(argv: string[]): Promise<number> {
  const parsed = parseCommand('attack', argv);
  if ('status' in parsed) return parsed.status;
  const out = path.resolve(parsed.values.catalogOut);
  const lock = await lockOutput(out, 'npm run attack');
  try {
    return await importInto(out, parsed.positionals, parsed.values.force);
  } finally {
    await lock.release();
  }
}

/** Import the bundles at `paths` into the catalog folder `out`, whose lock this run holds. */
async function importInto(out: string, paths: string[], force: boolean): Promise<number> {
  const { bundles, problems, warnings } = await readAttackBundles(paths);
  for (const warning of warnings) console.error(formatImportWarning(warning));
  const existing = await readCatalogs(out, shownPath(out));
  problems.push(...existing.problems);
  // One bundle per version: of two, which one is meant cannot be told.
  const byVersion = new Map<string, string>();
  for (const bundle of bundles) {
    const key = `${bundle.domain} ${bundle.version}`;
    const first = byVersion.get(key);
    if (first) problems.push({ location: { file: bundle.file }, expected: `one bundle of ${key} (${first} is one too)`, found: 'a second one' });
    else byVersion.set(key, bundle.file);
  }
  const catalogs = new Map(existing.catalogs.map((c) => [c.domain, c]));
  if (!force) {
    for (const bundle of bundles) {
      const catalog = catalogs.get(bundle.domain);
      const shrink = catalog ? shrinkProblem(catalog, bundle, bundle.file) : null;
      if (shrink) problems.push(shrink);
    }
  }
  if (problems.length) {
    console.error(formatProblems(problems));
    console.error('Nothing was written; the catalog is unchanged.');
    return 1;
  }
  bundles.sort((a, b) => a.domain.localeCompare(b.domain) || compareAttackVersions(a.version, b.version));
  const changed = new Set<string>();
  for (const bundle of bundles) {
    const before = catalogs.get(bundle.domain) ?? emptyCatalog(bundle.domain);
    const replaced = before.versions.some((v) => v.version === bundle.version);
    catalogs.set(bundle.domain, addBundle(before, bundle));
    changed.add(bundle.domain);
    const active = bundle.techniques.filter((t) => !t.revoked && !t.deprecated).length;
    console.log(
      `${bundle.domain} ${bundle.version}: ${bundle.techniques.length} techniques and sub-techniques (${active} active), ${bundle.tactics.length} tactics${replaced ? ' (replaces the version in the catalog)' : ''}`,
    );
    if (bundle.complete) console.log(completeSummary(bundle));
  }
  for (const catalog of catalogs.values()) {
    if (changed.has(catalog.domain) && catalog.complete)
      console.log(`${catalog.domain}: groups, software, mitigations and detections from ATT&CK ${catalog.complete.version}`);
  }
  await writing(out, () => mkdir(out, { recursive: true }));
  let bytes = 0;
  const writes: { path: string; content: string; said: string }[] = [];
  for (const [domain, catalog] of catalogs) {
    const file = catalogFile(out, catalog.domain);
    const json = catalogToJson(catalog);
    bytes += Buffer.byteLength(json);
    if (!changed.has(domain)) continue;
    writes.push({
      path: file,
      content: json,
      said: `-> ${path.relative(process.cwd(), file) || file}: ${catalog.domain}, ATT&CK ${catalog.versions.map((v) => v.version).join(', ')}; ${catalog.techniques.length} techniques`,
    });
  }
  await writeFilesAtomically(writes);
  for (const { said } of writes) console.log(said);
  console.log(`Catalog: ${(bytes / 1e6).toFixed(2)} MB in all`);
  return 0;
}

/** What a complete bundle added, and what it left out. */
function completeSummary(bundle: AttackBundle): string {
  const { facts, counts } = bundle.complete!;
  const n = (count: number, word: string, words?: string) => plural(count, word, words);
  const read = [
    n(facts.groups.length, 'group'),
    n(facts.campaigns.length, 'campaign'),
    `${facts.software.length} software`,
    n(facts.mitigations.length, 'mitigation'),
    n(facts.detectionStrategies.length, 'detection strategy', 'detection strategies'),
    n(facts.analytics.length, 'analytic'),
    n(facts.dataComponents.length, 'data component'),
  ];
  const relationships = Object.entries(counts.relationships)
    .filter(([type]) => type !== 'left out')
    .map(([type, count]) => `${count} ${type}`);
  const names = {
    groups: ['group'],
    campaigns: ['campaign'],
    software: ['software', 'software'],
    mitigations: ['mitigation'],
    detectionStrategies: ['detection strategy', 'detection strategies'],
    analytics: ['analytic'],
    dataComponents: ['data component'],
  } as const;
  const leftOut = (Object.keys(names) as (keyof typeof names)[]).flatMap((kind) => {
    const [one, many] = names[kind] as readonly [string, string?];
    const count = counts.leftOut[kind];
    return count ? [n(count, one, many)] : [];
  });
  const leftRelationships = counts.relationships['left out'] ?? 0;
  if (leftRelationships) leftOut.push(n(leftRelationships, 'relationship'));
  return `  complete: ${read.join(', ')}; relationships: ${relationships.join(', ')}${leftOut.length ? `; left out as revoked or deprecated: ${leftOut.join(', ')}` : ''}`;
}

if (isMain(import.meta.url)) {
  process.exitCode = await runCommand(() => importAttack(process.argv.slice(2)), 'Nothing was written; the catalog is unchanged.');
}
