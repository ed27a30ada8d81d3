/**
 * The ATT&CK catalog: per domain, the facts of every ATT&CK version imported (techniques and
 * sub-techniques with names, tactics, platforms, parents, revocations, deprecations; tactics; the
 * matrix's tactic order), with facts that hold over several versions written once. Built from
 * MITRE's bundles by npm run attack, committed under data/attack/, read by every build.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { problemsFromZod, type DataProblem } from '../errors.ts';
import { compareNatural } from '../ids.ts';
import { attackCatalogSchema, type AttackCatalog, type TacticState, type TechniqueState } from '../schema.ts';
import { compareAttackVersions } from '../versions.ts';
import { DOMAIN_IDS, type Domain } from '../vocabulary.ts';
import type { AttackBundle } from './stix.ts';

export const CATALOG_FORMAT = 'mapscope-attack-catalog/1';

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
  const kept = states
    .map((s) => ({ ...s, versions: s.versions.filter((v) => v !== version) }))
    .filter((s) => s.versions.length > 0);
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
  const techniques = dropVersion(catalog.techniques, v);
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
    if (record) record.states = putState(record.states, v, facts);
    else {
      const created = { id: t.id, states: [{ ...facts, versions: [v] }] };
      techniques.push(created);
      byId.set(t.id, created);
    }
  }
  return {
    format: CATALOG_FORMAT,
    domain: catalog.domain,
    versions: [...catalog.versions.filter((x) => x.version !== v), { version: v, matrix: bundle.matrix }].sort((a, b) => byVersion(a.version, b.version)),
    tactics: tactics.sort((a, b) => compareNatural(a.id, b.id)),
    techniques: techniques.sort((a, b) => compareNatural(a.id, b.id)),
  };
}

/** The catalog as a file: one line per tactic and per technique, so that a new version reads as a small diff. */
export function catalogToJson(input: AttackCatalog): string {
  // Through the schema, so that every record's keys come in one order.
  const catalog = attackCatalogSchema.parse(input);
  const lines = (records: unknown[]) => records.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return [
    '{',
    `  "format": ${JSON.stringify(catalog.format)},`,
    `  "domain": ${JSON.stringify(catalog.domain)},`,
    `  "versions": [\n${lines(catalog.versions)}\n  ],`,
    `  "tactics": [\n${lines(catalog.tactics)}\n  ],`,
    `  "techniques": [\n${lines(catalog.techniques)}\n  ]`,
    '}',
    '',
  ].join('\n');
}

/** Validate a catalog file's text. */
export function parseCatalog(file: string, text: string): { catalog?: AttackCatalog; problems: DataProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [{ location: { file }, expected: 'an ATT&CK catalog (JSON)', found: `a syntax error: ${(error as Error).message}` }] };
  }
  const parsed = attackCatalogSchema.safeParse(data);
  if (!parsed.success) return { problems: problemsFromZod(parsed.error.issues, { file }, data) };
  return { catalog: parsed.data, problems: [] };
}

/** Read every domain's catalog in a folder (domains without a file are absent). */
export async function readCatalogs(dir: string, name = dir): Promise<{ catalogs: AttackCatalog[]; problems: DataProblem[] }> {
  const catalogs: AttackCatalog[] = [];
  const problems: DataProblem[] = [];
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  for (const domain of DOMAIN_IDS) {
    if (!present.has(`${domain}.json`)) continue;
    const file = catalogFile(dir, domain);
    const result = parseCatalog(path.join(name, `${domain}.json`), await readFile(file, 'utf8'));
    problems.push(...result.problems);
    if (result.catalog) {
      if (result.catalog.domain !== domain) {
        problems.push({ location: { file: path.join(name, `${domain}.json`) }, field: 'domain', expected: domain, found: JSON.stringify(result.catalog.domain) });
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
}

export function indexCatalog(catalog: AttackCatalog): CatalogIndex {
  const versions = catalog.versions.map((v) => v.version);
  return {
    catalog,
    versions,
    newest: versions[versions.length - 1] ?? '',
    techniques: new Map(catalog.techniques.map((t) => [t.id, t.states])),
    tactics: new Map(catalog.tactics.map((t) => [t.id, t.states])),
  };
}
