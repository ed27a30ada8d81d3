/**
 * The model's adversaries: per domain of the sets, the catalog's complete part (groups,
 * campaigns, software, mitigations, detections), the techniques active in its version and, when a complete bundle of the same ATT&CK
 * version was given at build time, MITRE's prose about them (descriptions, procedure examples,
 * how a mitigation applies), turned from maps into the model's records.
 */
import type { AdversaryProse } from '../../attack/bundles.ts';
import { stateAt } from '../../attack/catalog.ts';
import { compareNatural } from '../../core/ids.ts';
import type { BundleDescription } from '../../attack/stix-objects.ts';
import type { ModelAdversaries, ModelAdversaryProse } from '../../model/schema.ts';
import type { Domain } from '../../core/vocabulary.ts';
import type { AttackData } from './techniques.ts';

const texts = (map: ReadonlyMap<string, BundleDescription>) =>
  Object.fromEntries([...map].map(([id, d]) => [id, { markdown: d.markdown, citations: d.citations }]));
const nested = (map: ReadonlyMap<string, ReadonlyMap<string, BundleDescription>>) => Object.fromEntries([...map].map(([id, inner]) => [id, texts(inner)]));

/** The prose the model keeps: descriptions of groups, campaigns, software and mitigations, procedures and mitigates texts. */
export function modelProse(prose: AdversaryProse): ModelAdversaryProse {
  const d = prose.descriptions;
  return {
    descriptions: { groups: texts(d.groups), campaigns: texts(d.campaigns), software: texts(d.software), mitigations: texts(d.mitigations) },
    procedures: nested(prose.procedures),
    mitigates: nested(prose.mitigates),
  };
}

/** The adversaries of the given domains whose catalog has a complete part; `known` are the model's technique ids. */
export function modelAdversaries(attack: AttackData, domains: readonly Domain[], known: ReadonlySet<string>): ModelAdversaries[] {
  return domains.flatMap((domain) => {
    const catalog = attack.catalogs.get(domain);
    const facts = catalog?.complete;
    if (!catalog || !facts) return [];
    const prose = attack.prose?.get(domain);
    const used = new Set([...facts.groups, ...facts.campaigns, ...facts.software, ...facts.mitigations].flatMap((o) => o.techniques));
    const otherTechniques: ModelAdversaries['otherTechniques'] = {};
    for (const id of [...used].sort(compareNatural)) {
      if (known.has(id)) continue;
      const state = stateAt(catalog.techniques.get(id) ?? [], facts.version);
      if (state)
        otherTechniques[id] = {
          name: state.name,
          tactics: state.tactics.map((t) => (stateAt(catalog.tactics.get(t) ?? [], facts.version) ?? catalog.tactics.get(t)?.at(-1))?.name ?? t),
        };
    }
    const activeTechniques = [...catalog.techniques].flatMap(([id, states]) => {
      const s = stateAt(states, facts.version);
      return s && !s.revoked && !s.deprecated ? [{ id, name: s.name, tactics: s.tactics, ...(s.parent ? { parent: s.parent } : {}) }] : [];
    });
    activeTechniques.sort((a, b) => compareNatural(a.id, b.id));
    return [{ domain, facts, activeTechniques, prose: prose && prose.version === facts.version ? modelProse(prose) : null, otherTechniques }];
  });
}
