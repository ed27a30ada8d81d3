/**
 * The ATT&CK catalog: per domain, the facts of every ATT&CK version imported (techniques and
 * sub-techniques with names, tactics, platforms, parents, revocations, deprecations and STIX ids;
 * tactics; the matrix's tactic order), with facts that hold over several versions written once;
 * and, from the newest complete bundle imported, its groups, campaigns, software, mitigations and
 * detections (complete-schema.ts). Built from MITRE's bundles by npm run attack, committed under
 * data/attack/, read by every build.
 *
 * Format mapscope-attack-catalog/2 (written); /1 (before technique STIX ids and the complete part)
 * is still read, as a catalog without them.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { problemsFromZod, type DataProblem } from '../ingest/problems.ts';
import { DEFAULT_MAX_INPUT_BYTES, InputBudget, readInputText, shownPath } from '../io/input-file.ts';
import { parseJsonText } from '../io/json-syntax.ts';
import { compareNatural } from '../core/ids.ts';
import { attackCatalogSchema, type AttackCatalog, type TacticState, type TechniqueState } from '../model/schema.ts';
import { compareAttackVersions } from '../core/versions.ts';
import { DOMAIN_IDS, type Domain } from '../core/vocabulary.ts';
import { COMPLETE_LISTS, type CompleteCatalog, type StixIdState } from './complete-schema.ts';
import type { AttackBundle } from './stix.ts';

/** The format written. */
export const CATALOG_FORMAT = 'mapscope-attack-catalog/2';
/** The formats read. */
export const CATALOG_FORMATS: readonly string[] = ['mapscope-attack-catalog/1', CATALOG_FORMAT];
/** Whether a file's "format" names an ATT&CK catalog Mapscope reads. */
export const isCatalogFormat = (format: unknown): boolean => typeof format === 'string' && CATALOG_FORMATS.includes(format);

/** The catalog file of a domain inside a catalog folder. */
export const catalogFile = (dir: string, domain: Domain) => path.join(dir, `${domain}.json`);

const byVersion = (a: string, b: string) => compareAttackVersions(a, b);

/** The facts of a state, without its versions: two versions share a state when these are equal. */
function factsKey<T extends { versions: string[] }>(state: Omit<T, 'versions'>): string {
  return JSON.stringify(Object.entries(state).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Add one version's facts to a list of states (the version's old facts, if any, removed first). */
function putState<T extends { versions: string[] }>(states: T[], version: string, facts: Omit<T, 'versions'>): T[] {
  const key = factsKey<T>(facts);
  const kept = states.map((s) => ({ ...s, versions: s.versions.filter((v) => v !== version) })).filter((s) => s.versions.length > 0);
  const same = kept.find((s) => factsKey<T>(withoutVersions(s)) === key);
  if (same) same.versions = [...same.versions, version].sort(byVersion);
  else kept.push({ ...facts, versions: [version] } as T);
  return kept.sort((a, b) => byVersion(a.versions[0]!, b.versions[0]!));
}

function withoutVersions<T extends { versions: string[] }>(state: T): Omit<T, 'versions'> {
  const { versions: _versions, ...facts } = state;
  return facts;
}

/** Remove a version from every state, dropping states (and records) left with none. */
function dropVersion<R extends { states: { versions: string[] }[] }>(records: R[], version: string): R[] {
  return records
    .map((r) => ({ ...r, states: r.states.map((s) => ({ ...s, versions: s.versions.filter((v) => v !== version) })).filter((s) => s.versions.length > 0) }))
    .filter((r) => r.states.length > 0);
}

/** An empty catalog of a domain. */
export function emptyCatalog(domain: Domain): AttackCatalog {
  return { format: CATALOG_FORMAT, domain, versions: [], tactics: [], techniques: [] };
}

/** The catalog with one bundle's version added (or, if it had that version, replaced). */
export function addBundle(catalog: AttackCatalog, bundle: AttackBundle): AttackCatalog {
  if (catalog.domain !== bundle.domain) throw new Error(`a ${bundle.domain} bundle cannot go into the ${catalog.domain} catalog`);
  const v = bundle.version;
  const tactics = dropVersion(catalog.tactics, v);
  for (const t of bundle.tactics) {
    const facts: Omit<TacticState, 'versions'> = { name: t.name, shortName: t.shortName, ...(t.deprecated ? { deprecated: true as const } : {}) };
    const record = tactics.find((r) => r.id === t.id);
    if (record) record.states = putState(record.states, v, facts);
    else tactics.push({ id: t.id, states: [{ ...facts, versions: [v] }] });
  }
  const techniques = dropVersion(catalog.techniques, v).map(({ stixIds, ...t }) => {
    const kept = (stixIds ?? []).map((s) => ({ ...s, versions: s.versions.filter((x) => x !== v) })).filter((s) => s.versions.length > 0);
    return kept.length ? { ...t, stixIds: kept } : t;
  }) as AttackCatalog['techniques'];
  const byId = new Map(techniques.map((t) => [t.id, t]));
  for (const t of bundle.techniques) {
    const facts: Omit<TechniqueState, 'versions'> = {
      name: t.name,
      tactics: [...t.tactics].sort(),
      platforms: [...t.platforms].sort(),
      ...(t.parent ? { parent: t.parent } : {}),
      ...(t.revoked ? { revoked: true as const } : {}),
      ...(t.revokedBy ? { revokedBy: t.revokedBy } : {}),
      ...(t.deprecated ? { deprecated: true as const } : {}),
    };
    const record = byId.get(t.id);
    if (record) {
      record.states = putState(record.states, v, facts);
      record.stixIds = putState<StixIdState>(record.stixIds ?? [], v, { stixId: t.stixId });
    } else {
      const created = { id: t.id, states: [{ ...facts, versions: [v] }], stixIds: [{ stixId: t.stixId, versions: [v] }] };
      techniques.push(created);
      byId.set(t.id, created);
    }
  }
  // The complete part follows the newest complete bundle; a version replaced by a bundle of
  // techniques only loses it (its facts would no longer match that version's techniques).
  let complete: CompleteCatalog | undefined = catalog.complete;
  if (bundle.complete) {
    if (!complete || byVersion(bundle.version, complete.version) >= 0) complete = bundle.complete.facts;
  } else if (complete?.version === v) complete = undefined;
  return {
    format: CATALOG_FORMAT,
    domain: catalog.domain,
    versions: [...catalog.versions.filter((x) => x.version !== v), { version: v, matrix: bundle.matrix }].sort((a, b) => byVersion(a.version, b.version)),
    tactics: tactics.sort((a, b) => compareNatural(a.id, b.id)),
    techniques: techniques.sort((a, b) => compareNatural(a.id, b.id)),
    ...(complete ? { complete } : {}),
  };
}

/** How many techniques (and sub-techniques) and tactics the catalog has in a version; null when it lacks the version. */
export function versionCounts(catalog: AttackCatalog, version: string): { techniques: number; tactics: number } | null {
  if (!catalog.versions.some((v) => v.version === version)) return null;
  const has = (r: { states: { versions: string[] }[] }) => r.states.some((s) => s.versions.includes(version));
  return { techniques: catalog.techniques.filter(has).length, tactics: catalog.tactics.filter(has).length };
}

/**
 * Why a bundle must not replace its version in the catalog: it has fewer techniques or tactics
 * than the catalog has of that version (a cut, filtered or wrong file, most likely); null when
 * it may. `file`: the bundle's name in messages.
 */
export function shrinkProblem(catalog: AttackCatalog, bundle: AttackBundle, file: string): DataProblem | null {
  const before = versionCounts(catalog, bundle.version);
  if (!before) return null;
  const after = { techniques: bundle.techniques.length, tactics: bundle.tactics.length };
  if (after.techniques >= before.techniques && after.tactics >= before.tactics) return null;
  const counts = (c: { techniques: number; tactics: number }) => `${c.techniques} techniques and sub-techniques and ${c.tactics} tactics`;
  return {
    location: { file },
    expected: `at least the ${counts(before)} the catalog has of ${bundle.domain} ${bundle.version} (--force replaces it all the same)`,
    found: counts(after),
  };
}

/** The catalog as a file: one line per tactic and per technique, so that a new version reads as a small diff. */
export function catalogToJson(input: AttackCatalog): string {
  // Through the schema, so that every record's keys come in one order.
  const catalog = attackCatalogSchema.parse(input);
  const lines = (records: unknown[], indent = '    ') => records.map((r) => `${indent}${JSON.stringify(r)}`).join(',\n');
  const list = (records: unknown[], indent: string) => (records.length ? `[\n${lines(records, indent)}\n${indent.slice(2)}]` : '[]');
  const complete = catalog.complete;
  return [
    '{',
    `  "format": ${JSON.stringify(catalog.format)},`,
    `  "domain": ${JSON.stringify(catalog.domain)},`,
    `  "versions": ${list(catalog.versions, '    ')},`,
    `  "tactics": ${list(catalog.tactics, '    ')},`,
    `  "techniques": ${list(catalog.techniques, '    ')}${complete ? ',' : ''}`,
    ...(complete
      ? [
          '  "complete": {',
          `    "version": ${JSON.stringify(complete.version)},`,
          ...COMPLETE_LISTS.map((key) => `    ${JSON.stringify(key)}: ${list(complete[key], '      ')},`),
          `    "revokedBy": ${JSON.stringify(complete.revokedBy)}`,
          '  }',
        ]
      : []),
    '}',
    '',
  ].join('\n');
}

/** Validate a catalog file's text. */
export function parseCatalog(file: string, text: string): { catalog?: AttackCatalog; problems: DataProblem[] } {
  const read = parseJsonText(file, text, 'an ATT&CK catalog (JSON)');
  if ('problem' in read) return { problems: [read.problem] };
  const data = read.data;
  const parsed = attackCatalogSchema.safeParse(data);
  if (!parsed.success) return { problems: problemsFromZod(parsed.error.issues, { file }, data) };
  const problems = completeProblems(file, parsed.data);
  return problems.length ? { problems } : { catalog: parsed.data, problems: [] };
}

/**
 * The complete part's references, checked against the catalog: each id names an object of its
 * list, each technique one that is active in the complete part's version, each id once per list.
 */
function completeProblems(file: string, catalog: AttackCatalog): DataProblem[] {
  const complete = catalog.complete;
  if (!complete) return [];
  const problems: DataProblem[] = [];
  const v = complete.version;
  if (!catalog.versions.some((x) => x.version === v)) {
    return [
      {
        location: { file },
        field: 'complete.version',
        expected: `a version of the catalog (${catalog.versions.map((x) => x.version).join('|')})`,
        found: JSON.stringify(v),
      },
    ];
  }
  const techniques = new Set(
    catalog.techniques
      .filter((t) => {
        const state = stateAt(t.states, v);
        return state && !state.revoked && !state.deprecated;
      })
      .map((t) => t.id),
  );
  const ids = Object.fromEntries(COMPLETE_LISTS.map((key) => [key, new Set<string>()])) as Record<(typeof COMPLETE_LISTS)[number], Set<string>>;
  for (const key of COMPLETE_LISTS) {
    complete[key].forEach((o, i) => {
      if (ids[key].has(o.id))
        problems.push({ location: { file }, field: `complete.${key}[${i}].id`, expected: `an id used once in complete.${key}`, found: JSON.stringify(o.id) });
      ids[key].add(o.id);
    });
  }
  const check = (field: string, values: readonly string[], known: ReadonlySet<string>, expected: string) =>
    values.forEach((id, i) => {
      if (!known.has(id)) problems.push({ location: { file }, field: `${field}[${i}]`, expected, found: JSON.stringify(id) });
    });
  const aTechnique = `a technique active in ATT&CK ${v} of this catalog`;
  for (const key of ['groups', 'campaigns', 'software', 'mitigations', 'detectionStrategies'] as const) {
    complete[key].forEach((o, i) => check(`complete.${key}[${i}].techniques`, o.techniques, techniques, aTechnique));
  }
  complete.groups.forEach((o, i) => check(`complete.groups[${i}].software`, o.software, ids.software, 'an id of complete.software'));
  complete.campaigns.forEach((o, i) => {
    check(`complete.campaigns[${i}].software`, o.software, ids.software, 'an id of complete.software');
    check(`complete.campaigns[${i}].groups`, o.groups, ids.groups, 'an id of complete.groups');
  });
  complete.detectionStrategies.forEach((o, i) =>
    check(`complete.detectionStrategies[${i}].analytics`, o.analytics, ids.analytics, 'an id of complete.analytics'),
  );
  complete.analytics.forEach((o, i) =>
    check(
      `complete.analytics[${i}].logSources`,
      o.logSources.map((s) => s.dataComponent),
      ids.dataComponents,
      'an id of complete.dataComponents',
    ),
  );
  for (const key of ['groups', 'campaigns', 'software', 'mitigations'] as const) {
    check(`complete.revokedBy.${key}`, Object.values(complete.revokedBy[key]), ids[key], `an id of complete.${key}`);
  }
  return problems;
}

/** Read every domain's catalog in a folder (domains without a file are absent). */
export async function readCatalogs(dir: string, name = dir): Promise<{ catalogs: AttackCatalog[]; problems: DataProblem[] }> {
  const catalogs: AttackCatalog[] = [];
  const problems: DataProblem[] = [];
  const budget = new InputBudget(DEFAULT_MAX_INPUT_BYTES);
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  for (const domain of DOMAIN_IDS) {
    if (!present.has(`${domain}.json`)) continue;
    const file = catalogFile(dir, domain);
    const read = await readInputText({ path: file, shown: shownPath(file) }, { budget });
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const result = parseCatalog(path.join(name, `${domain}.json`), read.text);
    problems.push(...result.problems);
    if (result.catalog) {
      if (result.catalog.domain !== domain) {
        problems.push({
          location: { file: path.join(name, `${domain}.json`) },
          field: 'domain',
          expected: domain,
          found: JSON.stringify(result.catalog.domain),
        });
      } else catalogs.push(result.catalog);
    }
  }
  return { catalogs, problems };
}

/** The state that holds for a version, if the record exists in it. */
export function stateAt<T extends { versions: string[] }>(states: readonly T[], version: string): T | undefined {
  return states.find((s) => s.versions.includes(version));
}

/** A catalog with lookups by id. */
export interface CatalogIndex {
  catalog: AttackCatalog;
  /** Its versions, oldest first. */
  versions: string[];
  newest: string;
  techniques: ReadonlyMap<string, TechniqueState[]>;
  tactics: ReadonlyMap<string, TacticState[]>;
  /** Each technique's STIX ids over versions (none for versions imported before catalog format /2). */
  stixIds: ReadonlyMap<string, StixIdState[]>;
  /** Groups, software, mitigations and detections of the newest complete version, if one was imported (see adversaries.ts). */
  complete: CompleteCatalog | null;
}

export function indexCatalog(catalog: AttackCatalog): CatalogIndex {
  const versions = catalog.versions.map((v) => v.version);
  return {
    catalog,
    versions,
    newest: versions[versions.length - 1] ?? '',
    techniques: new Map(catalog.techniques.map((t) => [t.id, t.states])),
    tactics: new Map(catalog.tactics.map((t) => [t.id, t.states])),
    stixIds: new Map(catalog.techniques.flatMap((t) => (t.stixIds ? [[t.id, t.stixIds] as const] : []))),
    complete: catalog.complete ?? null,
  };
}

/** A technique's STIX id (attack-pattern--uuid) in a version, if the catalog has it. */
export function techniqueStixId(index: CatalogIndex, techniqueId: string, version: string): string | undefined {
  return stateAt(index.stixIds.get(techniqueId) ?? [], version)?.stixId;
}
