/**
 * What ATT&CK says about a technique beyond its facts, for its page: who uses it (groups,
 * campaigns and software with a `uses` of it, sub-techniques as themselves), the mitigations of
 * it, and the detection strategies with their analytics' platforms and data components.
 */
import { techniqueDetections, techniqueMitigations, techniqueUsers } from '../attack/adversaries.ts';
import { siteAdversaries } from './adversary-facts.ts';
import type { AdversaryRef } from './adversary-page.ts';
import type { Domain } from '../core/vocabulary.ts';
import type { ModelIndex } from '../model/model-index.ts';

export interface TechniqueThreats {
  domain: Domain;
  version: string;
  users: { groups: AdversaryRef[]; campaigns: AdversaryRef[]; software: AdversaryRef[] };
  userCount: number;
  mitigations: { id: string; name: string }[];
  detections: { id: string; name: string; analytics: { id: string; platforms: string[]; dataComponents: string[] }[] }[];
}

/** Per domain whose adversaries the site has and that say anything of the technique. */
export function techniqueThreats(index: ModelIndex, techniqueId: string): TechniqueThreats[] {
  return siteAdversaries(index).flatMap(({ domain, index: a }) => {
    const users = techniqueUsers(a, techniqueId);
    const refs = <K extends 'group' | 'campaign' | 'software'>(kind: K, ids: readonly string[], list: 'groups' | 'campaigns' | 'software') =>
      ids.map((id) => ({ kind, id, name: a[list].get(id)?.name ?? id }));
    const view: TechniqueThreats = {
      domain,
      version: a.version,
      users: {
        groups: refs('group', users.groups, 'groups'),
        campaigns: refs('campaign', users.campaigns, 'campaigns'),
        software: refs('software', users.software, 'software'),
      },
      userCount: users.groups.length + users.campaigns.length + users.software.length,
      mitigations: techniqueMitigations(a, techniqueId).map((id) => ({ id, name: a.mitigations.get(id)?.name ?? id })),
      detections: techniqueDetections(a, techniqueId).map(({ strategy, analytics }) => ({
        id: strategy.id,
        name: strategy.name,
        analytics: analytics.map(({ analytic, dataComponents }) => ({
          id: analytic.id,
          platforms: analytic.platforms,
          dataComponents: dataComponents.map((c) => c.name),
        })),
      })),
    };
    return view.userCount || view.mitigations.length || view.detections.length ? [view] : [];
  });
}
