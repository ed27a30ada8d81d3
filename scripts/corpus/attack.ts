/**
 * The techniques the synthetic corpus maps to: real ATT&CK ids and names, from the committed
 * ATT&CK catalog (data/attack/), so that the corpus's sets cover a matrix as the published
 * ones do, and every row names a technique its set's ATT&CK version has (but for the few
 * irregular rows the generator plants on purpose).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogFile, parseCatalog, stateAt } from '../../src/lib/attack/catalog.ts';
import type { TechniqueState } from '../../src/lib/model/schema.ts';
import type { Domain } from '../../src/lib/core/vocabulary.ts';

export interface CorpusTechnique {
  id: string;
  domain: Domain;
  states: readonly TechniqueState[];
}

export interface CorpusAttack {
  /** Techniques and sub-techniques active (neither revoked nor deprecated) in every one of the versions, in id order. */
  activeIn(domain: Domain, versions: readonly string[]): CorpusTechnique[];
  /** A technique by id, whatever its state. */
  technique(domain: Domain, id: string): CorpusTechnique | undefined;
}

const CATALOG_DIR = path.resolve(import.meta.dirname, '../../data/attack');

/** The technique's name in an ATT&CK version (its newest name when the version lacks it). */
export function nameAt(t: CorpusTechnique, version: string): string {
  return (stateAt(t.states, version) ?? t.states[t.states.length - 1]!).name;
}

/** Read the committed catalog of every domain. */
export function loadCorpusAttack(dir = CATALOG_DIR): CorpusAttack {
  const byDomain = new Map<Domain, CorpusTechnique[]>();
  for (const domain of ['enterprise', 'mobile', 'ics'] as const) {
    const file = catalogFile(dir, domain);
    const { catalog, problems } = parseCatalog(file, readFileSync(file, 'utf8'));
    if (!catalog) throw new Error(`the ATT&CK catalog ${file} does not load: ${problems.map((p) => p.found).join('; ')}`);
    byDomain.set(
      domain,
      catalog.techniques.map((t) => ({ id: t.id, domain, states: t.states })),
    );
  }
  const isActive = (t: CorpusTechnique, version: string) => {
    const state = stateAt(t.states, version);
    return state !== undefined && !state.revoked && !state.deprecated;
  };
  return {
    activeIn: (domain, versions) => byDomain.get(domain)!.filter((t) => versions.every((v) => isActive(t, v))),
    technique: (domain, id) => byDomain.get(domain)!.find((t) => t.id === id),
  };
}
