/**
 * The model's adversaries: per domain of the sets, the catalog's complete part (groups,
 * campaigns, software, mitigations, detections) and, when a complete bundle of the same ATT&CK
 * version was given at build time, MITRE's prose about them (descriptions, procedure examples,
 * how a mitigation applies), turned from maps into the model's records.
 */
import type { AdversaryProse } from '../../attack/bundles.ts';
import type { BundleDescription } from '../../attack/stix-objects.ts';
import type { ModelAdversaries, ModelAdversaryProse } from '../../model/schema.ts';
import type { Domain } from '../../core/vocabulary.ts';
import type { AttackData } from './techniques.ts';

const texts = (map: ReadonlyMap<string, BundleDescription>) => Object.fromEntries([...map].map(([id, d]) => [id, { markdown: d.markdown, citations: d.citations }]));
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

/** The adversaries of the given domains whose catalog has a complete part. */
export function modelAdversaries(attack: AttackData, domains: readonly Domain[]): ModelAdversaries[] {
  return domains.flatMap((domain) => {
    const facts = attack.catalogs.get(domain)?.complete;
    if (!facts) return [];
    const prose = attack.prose?.get(domain);
    return [{ domain, facts, prose: prose && prose.version === facts.version ? modelProse(prose) : null }];
  });
}
