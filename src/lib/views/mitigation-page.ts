/**
 * The pages of ATT&CK mitigations (/mitigations/ and one per mitigation): the techniques ATT&CK
 * says it mitigates, each with how the site's frameworks cover it, and per framework the
 * capabilities mapped to those techniques (the crosswalk from a mitigation to controls).
 */
import { coveredTechnique, domainFrameworks, proseText, siteAdversaries, techniqueCoverage, type CoveredTechnique } from './adversary-facts.ts';
import type { RenderedDescription } from './markdown.ts';
import { compareNatural } from '../core/ids.ts';
import type { Domain } from '../core/vocabulary.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Capability, Framework } from '../model/schema.ts';
import { required } from '../core/lookups.ts';

export interface MitigationTechniqueRow extends CoveredTechnique {
  /** How the mitigation applies to it (MITRE's text), when bundles were given. */
  how: RenderedDescription | null;
}

/** One framework's capabilities mapped to the mitigation's techniques, each with the techniques it maps. */
export interface MitigationCrosswalk {
  framework: Framework;
  capabilities: { capability: Capability; techniques: string[] }[];
}

export interface MitigationPart {
  domain: Domain;
  version: string;
  description: RenderedDescription | null;
  frameworks: Framework[];
  techniques: MitigationTechniqueRow[];
  covered: number;
  crosswalk: MitigationCrosswalk[];
}

export interface MitigationView {
  id: string;
  name: string;
  parts: MitigationPart[];
}

export interface MitigationSummary {
  id: string;
  name: string;
  domains: Domain[];
  techniqueCount: number;
}

/** Every mitigation of the site's domains, in id order. */
export function mitigationSummaries(index: ModelIndex): MitigationSummary[] {
  const byId = new Map<string, MitigationSummary>();
  for (const d of siteAdversaries(index)) {
    for (const m of d.index.mitigations.values()) {
      const entry = byId.get(m.id) ?? { id: m.id, name: m.name, domains: [], techniqueCount: 0 };
      entry.domains.push(d.domain);
      entry.techniqueCount += m.techniques.length;
      byId.set(m.id, entry);
    }
  }
  return [...byId.values()].sort((a, b) => compareNatural(a.id, b.id));
}

/** A mitigation's page. */
export function mitigationView(index: ModelIndex, id: string): MitigationView {
  const domains = siteAdversaries(index).filter((d) => d.index.mitigations.has(id));
  if (!domains.length) throw new Error(`unknown mitigation: ${id}`);
  const parts = domains.map((d): MitigationPart => {
    const mitigation = d.index.mitigations.get(id)!;
    const frameworks = domainFrameworks(index, d.domain);
    const ids = [...new Set(mitigation.techniques)].sort(compareNatural);
    const techniques = ids.map((t) => ({ ...coveredTechnique(index, d, frameworks, t), how: proseText(d.prose?.mitigates[id]?.[t]) }));
    const crosswalk = frameworks.flatMap((framework) => {
      const byCapability = new Map<string, string[]>();
      for (const t of ids) {
        for (const c of techniqueCoverage(index, d.domain, t).get(framework.id)?.capabilityIds ?? []) {
          const list = byCapability.get(c) ?? [];
          list.push(t);
          byCapability.set(c, list);
        }
      }
      const capabilities = [...byCapability]
        .map(([c, list]) => ({ capability: required(index.capabilities, c, 'capability'), techniques: list }))
        .sort((a, b) => b.techniques.length - a.techniques.length || compareNatural(a.capability.displayId, b.capability.displayId));
      return capabilities.length ? [{ framework, capabilities }] : [];
    });
    return {
      domain: d.domain,
      version: d.index.version,
      description: proseText(d.prose?.descriptions.mitigations[id]),
      frameworks,
      techniques,
      covered: techniques.filter((t) => t.coverage.some(Boolean)).length,
      crosswalk,
    };
  });
  return { id, name: domains[0]!.index.mitigations.get(id)!.name, parts };
}
