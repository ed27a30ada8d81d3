/**
 * Lookups and the counting rules over a catalog's complete part (groups, campaigns, software,
 * mitigations, detections of one ATT&CK version). Browser-safe: no node: imports.
 *
 * Counting rules (the same on every page, in the coverage builder and in downloads):
 * - a group's techniques are the targets of its own `uses` plus those of the campaigns
 *   attributed to it (as ATT&CK Navigator does);
 * - a group's software is the software it uses plus the software of those campaigns; the
 *   techniques of that software are apart, and added only on request ("with its software");
 * - a campaign's techniques are its own `uses` (with its software on request);
 * - software's techniques are its own `uses`;
 * - sub-techniques count as themselves: using T1003.001 is not using T1003, and the reverse;
 * - a technique's users are the groups, campaigns and software with a `uses` of it, as ATT&CK's
 *   procedure examples list them (a group reached only through its campaign is not one of them:
 *   the campaign is).
 * Revoked and deprecated objects are not in the catalog; a revoked id resolves to the object
 * that replaces it (resolveId).
 */
import type {
  CompleteAnalytic,
  CompleteCampaign,
  CompleteCatalog,
  CompleteDataComponent,
  CompleteDetectionStrategy,
  CompleteGroup,
  CompleteMitigation,
  CompleteSoftware,
} from './complete-schema.ts';
import { compareNatural } from '../core/ids.ts';
import { required } from '../core/lookups.ts';
import { orInsert } from '../core/multimap.ts';

/** A complete part with lookups by id and the reverse relationships. */
export interface AdversaryIndex {
  version: string;
  groups: ReadonlyMap<string, CompleteGroup>;
  campaigns: ReadonlyMap<string, CompleteCampaign>;
  software: ReadonlyMap<string, CompleteSoftware>;
  mitigations: ReadonlyMap<string, CompleteMitigation>;
  detectionStrategies: ReadonlyMap<string, CompleteDetectionStrategy>;
  analytics: ReadonlyMap<string, CompleteAnalytic>;
  dataComponents: ReadonlyMap<string, CompleteDataComponent>;
  /** The campaigns attributed to each group. */
  campaignsOfGroup: ReadonlyMap<string, readonly string[]>;
  /** The direct users (`uses`) of each technique. */
  usersOfTechnique: ReadonlyMap<string, TechniqueUsers>;
  /** The groups and campaigns that use each software. */
  usersOfSoftware: ReadonlyMap<string, { groups: readonly string[]; campaigns: readonly string[] }>;
  /** The mitigations of each technique. */
  mitigationsOfTechnique: ReadonlyMap<string, readonly string[]>;
  /** The detection strategies of each technique. */
  detectionsOfTechnique: ReadonlyMap<string, readonly string[]>;
  revokedBy: CompleteCatalog['revokedBy'];
}

export interface TechniqueUsers {
  groups: readonly string[];
  campaigns: readonly string[];
  software: readonly string[];
}

/** The kinds of adversary a threat profile may hold. */
export type AdversaryKind = 'group' | 'campaign' | 'software';

const sortedSet = (values: Iterable<string>) => [...new Set(values)].sort(compareNatural);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexAdversaries(complete: CompleteCatalog): AdversaryIndex {
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((o) => [o.id, o]));
  const campaignsOfGroup = new Map<string, string[]>();
  const users = new Map<string, { groups: string[]; campaigns: string[]; software: string[] }>();
  const user = (t: string) => orInsert(users, t, () => ({ groups: [], campaigns: [], software: [] }));
  const softwareUsers = new Map<string, { groups: string[]; campaigns: string[] }>();
  const softwareUser = (s: string) => orInsert(softwareUsers, s, () => ({ groups: [], campaigns: [] }));
  const mitigations = new Map<string, string[]>();
  const detections = new Map<string, string[]>();
  for (const g of complete.groups) {
    for (const t of g.techniques) user(t).groups.push(g.id);
    for (const s of g.software) softwareUser(s).groups.push(g.id);
  }
  for (const c of complete.campaigns) {
    for (const g of c.groups) push(campaignsOfGroup, g, c.id);
    for (const t of c.techniques) user(t).campaigns.push(c.id);
    for (const s of c.software) softwareUser(s).campaigns.push(c.id);
  }
  for (const s of complete.software) for (const t of s.techniques) user(t).software.push(s.id);
  for (const m of complete.mitigations) for (const t of m.techniques) push(mitigations, t, m.id);
  for (const d of complete.detectionStrategies) for (const t of d.techniques) push(detections, t, d.id);
  return {
    version: complete.version,
    groups: byId(complete.groups),
    campaigns: byId(complete.campaigns),
    software: byId(complete.software),
    mitigations: byId(complete.mitigations),
    detectionStrategies: byId(complete.detectionStrategies),
    analytics: byId(complete.analytics),
    dataComponents: byId(complete.dataComponents),
    campaignsOfGroup,
    usersOfTechnique: users,
    usersOfSoftware: softwareUsers,
    mitigationsOfTechnique: mitigations,
    detectionsOfTechnique: detections,
    revokedBy: complete.revokedBy,
  };
}

const LIST_OF_KIND = { group: 'groups', campaign: 'campaigns', software: 'software' } as const;

/** The kind of adversary an id names, by its prefix (G, C, S), or null. */
export function adversaryKind(id: string): AdversaryKind | null {
  return /^G\d{4}$/.test(id) ? 'group' : /^C\d{4}$/.test(id) ? 'campaign' : /^S\d{4}$/.test(id) ? 'software' : null;
}

/**
 * The id of the object an id names now: itself if it is in the catalog, its replacement if it
 * was revoked (G0118 -> G0016), else null (unknown, or deprecated without a replacement).
 */
export function resolveId(index: AdversaryIndex, kind: AdversaryKind | 'mitigation', id: string): string | null {
  const list = kind === 'mitigation' ? 'mitigations' : LIST_OF_KIND[kind];
  if (index[list].has(id)) return id;
  const to = index.revokedBy[list][id];
  return to && index[list].has(to) ? to : null;
}

/** Options of the counts: "with its software" adds the techniques of the adversary's software. */
export interface CountOptions {
  withSoftware?: boolean;
}

/** Where each of a group's techniques comes from: its own uses, its campaigns, its software. */
export interface TechniqueSources {
  /** The group (or campaign) uses it itself. */
  own: boolean;
  /** Attributed campaigns that use it. */
  campaigns: string[];
  /** Its software that uses it (counted only "with its software"). */
  software: string[];
}

/** A group's software: its own uses of software, and its attributed campaigns'. */
export function groupSoftware(index: AdversaryIndex, groupId: string): string[] {
  const group = index.groups.get(groupId);
  if (!group) return [];
  const campaigns = (index.campaignsOfGroup.get(groupId) ?? []).map((c) => required(index.campaigns, c, 'campaign'));
  return sortedSet([...group.software, ...campaigns.flatMap((c) => c.software)]);
}

/**
 * Each technique a group, campaign or software reaches, with where it comes from: for a
 * group its own uses, its campaigns' and its software's; for a campaign its own and its
 * software's; for software its own. Empty for an id not in the catalog.
 */
export function techniqueSources(index: AdversaryIndex, id: string): Map<string, TechniqueSources> {
  const out = new Map<string, TechniqueSources>();
  const at = (t: string) => orInsert(out, t, () => ({ own: false, campaigns: [], software: [] }));
  const addSoftware = (ids: readonly string[]) => {
    for (const s of ids) for (const t of index.software.get(s)?.techniques ?? []) at(t).software.push(s);
  };
  const kind = adversaryKind(id);
  if (kind === 'group') {
    const group = index.groups.get(id);
    if (!group) return out;
    for (const t of group.techniques) at(t).own = true;
    for (const c of index.campaignsOfGroup.get(id) ?? []) for (const t of required(index.campaigns, c, 'campaign').techniques) at(t).campaigns.push(c);
    addSoftware(groupSoftware(index, id));
  } else if (kind === 'campaign') {
    const campaign = index.campaigns.get(id);
    if (!campaign) return out;
    for (const t of campaign.techniques) at(t).own = true;
    addSoftware(campaign.software);
  } else if (kind === 'software') {
    for (const t of index.software.get(id)?.techniques ?? []) at(t).own = true;
  }
  return out;
}

/**
 * The techniques of a group, campaign or software by the counting rules, sorted by id; with
 * `withSoftware`, those of its software too. Empty for an id not in the catalog (resolve
 * revoked ids with resolveId first).
 */
export function adversaryTechniques(index: AdversaryIndex, id: string, options: CountOptions = {}): string[] {
  const sources = techniqueSources(index, id);
  return [...sources]
    .filter(([, s]) => s.own || s.campaigns.length > 0 || (options.withSoftware && s.software.length > 0))
    .map(([t]) => t)
    .sort(compareNatural);
}

/** A group's techniques: its own uses and its campaigns' (and with `withSoftware`, its software's). */
export const groupTechniques = (index: AdversaryIndex, groupId: string, options: CountOptions = {}): string[] =>
  index.groups.has(groupId) ? adversaryTechniques(index, groupId, options) : [];

/** A campaign's techniques: its own uses (and with `withSoftware`, its software's). */
export const campaignTechniques = (index: AdversaryIndex, campaignId: string, options: CountOptions = {}): string[] =>
  index.campaigns.has(campaignId) ? adversaryTechniques(index, campaignId, options) : [];

/** Software's techniques: its own uses. */
export const softwareTechniques = (index: AdversaryIndex, softwareId: string): string[] => [...(index.software.get(softwareId)?.techniques ?? [])];

const NO_USERS: TechniqueUsers = { groups: [], campaigns: [], software: [] };

/** The groups, campaigns and software that use a technique (`uses` of it, sub-techniques as themselves). */
export function techniqueUsers(index: AdversaryIndex, techniqueId: string): TechniqueUsers {
  const users = index.usersOfTechnique.get(techniqueId) ?? NO_USERS;
  return { groups: sortedSet(users.groups), campaigns: sortedSet(users.campaigns), software: sortedSet(users.software) };
}

/** How many groups, campaigns and software use a technique (T1003.001 in enterprise 18.1: 75). */
export function techniqueUserCount(index: AdversaryIndex, techniqueId: string): number {
  const users = index.usersOfTechnique.get(techniqueId) ?? NO_USERS;
  return users.groups.length + users.campaigns.length + users.software.length;
}

/** The ATT&CK mitigations of a technique, sorted by id. */
export const techniqueMitigations = (index: AdversaryIndex, techniqueId: string): string[] => sortedSet(index.mitigationsOfTechnique.get(techniqueId) ?? []);

/** A detection strategy of a technique, with its analytics' platforms and data components. */
export interface TechniqueDetection {
  strategy: CompleteDetectionStrategy;
  analytics: { analytic: CompleteAnalytic; dataComponents: CompleteDataComponent[] }[];
}

/** The detection strategies of a technique, each with its analytics and the data components they read. */
export function techniqueDetections(index: AdversaryIndex, techniqueId: string): TechniqueDetection[] {
  return sortedSet(index.detectionsOfTechnique.get(techniqueId) ?? []).map((id) => {
    const strategy = required(index.detectionStrategies, id, 'detection strategy');
    return {
      strategy,
      analytics: strategy.analytics.flatMap((a) => {
        const analytic = index.analytics.get(a);
        if (!analytic) return [];
        const components = sortedSet(analytic.logSources.map((s) => s.dataComponent)).flatMap((dc) => index.dataComponents.get(dc) ?? []);
        return [{ analytic, dataComponents: components }];
      }),
    };
  });
}
