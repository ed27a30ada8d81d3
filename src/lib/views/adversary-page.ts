/**
 * The pages of ATT&CK adversaries (/groups/, /campaigns/, /software/ and one page per object):
 * names and aliases, related campaigns, groups and software, the techniques by the counting
 * rules (src/lib/attack/adversaries.ts) with how each of the site's frameworks covers them, the
 * techniques of its software apart, and the matrix of its techniques shaded by that coverage.
 * An object in several domains (a group in Enterprise and Mobile) has one page with a part per domain.
 */
import { adversaryKind, groupSoftware, techniqueSources, type AdversaryIndex } from '../attack/adversaries.ts';
import { matrixView, type MatrixView } from './attack-views.ts';
import { coveredTechnique, domainFrameworks, proseText, siteAdversaries, type CoveredTechnique, type DomainAdversaries } from './adversary-facts.ts';
import type { RenderedDescription } from './markdown.ts';
import { compareNatural } from '../core/ids.ts';
import type { AdversaryKind } from '../core/urls.ts';
import type { Domain } from '../core/vocabulary.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Framework } from '../model/schema.ts';

/** An adversary named on a page: enough for a link. */
export interface AdversaryRef {
  kind: AdversaryKind;
  id: string;
  name: string;
}

/** A technique of the adversary: its row, and where it comes from. */
export interface AdversaryTechniqueRow extends CoveredTechnique {
  /** Reached through these attributed campaigns (none when only the adversary's own uses name it). */
  campaigns: string[];
  /** For techniques shown apart: the software that uses it. */
  software: string[];
  /** The procedure text (its own, else its first campaign's), when bundles were given. */
  procedure: RenderedDescription | null;
}

export interface AdversaryPart {
  domain: Domain;
  version: string;
  description: RenderedDescription | null;
  /** Related objects: a group's campaigns and software, a campaign's groups and software, software's groups and campaigns. */
  related: { label: string; items: AdversaryRef[] }[];
  frameworks: Framework[];
  /** Its techniques by the counting rules. */
  techniques: AdversaryTechniqueRow[];
  /** Techniques only its software uses (counted only "with its software"). */
  softwareOnly: AdversaryTechniqueRow[];
  /** Its techniques covered by at least one framework. */
  covered: number;
  matrix: MatrixView | null;
}

export interface AdversaryView {
  kind: AdversaryKind;
  id: string;
  name: string;
  aliases: string[];
  /** Software: malware or tool. */
  softwareType: 'malware' | 'tool' | null;
  platforms: string[];
  /** Campaigns: first and last seen. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** ATT&CK's descriptions of it, each once, with the parts that give it (a group in two domains has one text). */
  descriptions: { text: RenderedDescription; from: Pick<AdversaryPart, 'domain' | 'version'>[] }[];
  parts: AdversaryPart[];
}

export interface AdversarySummary extends AdversaryRef {
  aliases: string[];
  domains: Domain[];
  /** Techniques by the counting rules (over its domains), and those with its software. */
  techniqueCount: number;
  softwareType: 'malware' | 'tool' | null;
}

const LISTS = { group: 'groups', campaign: 'campaigns', software: 'software' } as const;

function objectOf(index: AdversaryIndex, kind: AdversaryKind, id: string) {
  return index[LISTS[kind]].get(id) as
    | { id: string; name: string; aliases: string[]; platforms?: string[]; type?: 'malware' | 'tool'; firstSeen?: string | null; lastSeen?: string | null }
    | undefined;
}

const ref = (index: AdversaryIndex, kind: AdversaryKind, id: string): AdversaryRef => ({ kind, id, name: objectOf(index, kind, id)?.name ?? id });

/** The ids of one kind across the site's domains, in id order. */
export function adversaryIds(index: ModelIndex, kind: AdversaryKind): string[] {
  const ids = new Set<string>();
  for (const d of siteAdversaries(index)) for (const id of d.index[LISTS[kind]].keys()) ids.add(id);
  return [...ids].sort(compareNatural);
}

/** The list page of one kind: every object with its aliases, domains and technique count. */
export function adversarySummaries(index: ModelIndex, kind: AdversaryKind): AdversarySummary[] {
  const domains = siteAdversaries(index);
  return adversaryIds(index, kind).map((id) => {
    const inDomains = domains.filter((d) => objectOf(d.index, kind, id));
    const first = objectOf(inDomains[0]!.index, kind, id)!;
    const techniques = new Set(inDomains.flatMap((d) => [...techniqueSources(d.index, id)].filter(([, s]) => s.own || s.campaigns.length > 0).map(([t]) => t)));
    return {
      kind,
      id,
      name: first.name,
      aliases: first.aliases,
      domains: inDomains.map((d) => d.domain),
      techniqueCount: techniques.size,
      softwareType: first.type ?? null,
    };
  });
}

function relatedOf(d: DomainAdversaries, kind: AdversaryKind, id: string): AdversaryPart['related'] {
  const { index } = d;
  const refs = (k: AdversaryKind, ids: readonly string[]) => [...new Set(ids)].sort(compareNatural).map((x) => ref(index, k, x));
  if (kind === 'group') {
    return [
      { label: 'Campaigns', items: refs('campaign', index.campaignsOfGroup.get(id) ?? []) },
      { label: 'Software', items: refs('software', groupSoftware(index, id)) },
    ];
  }
  if (kind === 'campaign') {
    const campaign = index.campaigns.get(id)!;
    return [
      { label: 'Attributed to', items: refs('group', campaign.groups) },
      { label: 'Software', items: refs('software', campaign.software) },
    ];
  }
  const users = index.usersOfSoftware.get(id) ?? { groups: [], campaigns: [] };
  return [
    { label: 'Used by groups', items: refs('group', users.groups) },
    { label: 'Used in campaigns', items: refs('campaign', users.campaigns) },
  ];
}

function partOf(model: ModelIndex, d: DomainAdversaries, kind: AdversaryKind, id: string): AdversaryPart {
  const version = d.index.version;
  const frameworks = domainFrameworks(model, d.domain);
  const sources = techniqueSources(d.index, id);
  const procedures = d.prose?.procedures;
  const row = (t: string, campaigns: string[], software: string[]): AdversaryTechniqueRow => {
    const text = procedures?.[id]?.[t] ?? campaigns.map((c) => procedures?.[c]?.[t]).find(Boolean);
    return { ...coveredTechnique(model, d, frameworks, t), campaigns, software, procedure: proseText(text) };
  };
  const ids = [...sources.keys()].sort(compareNatural);
  const counted = ids.filter((t) => sources.get(t)!.own || sources.get(t)!.campaigns.length > 0);
  const techniques = counted.map((t) => {
    const s = sources.get(t)!;
    return row(t, s.own ? [] : [...new Set(s.campaigns)].sort(compareNatural), []);
  });
  const softwareOnly = ids.filter((t) => !counted.includes(t)).map((t) => row(t, [], [...new Set(sources.get(t)!.software)].sort(compareNatural)));
  const subject = new Set(counted);
  const domainSets = new Set(model.model.sets.filter((s) => s.domain === d.domain).map((s) => s.id));
  const mappings = counted.flatMap((t) => (model.mappingsByTechnique.get(t) ?? []).filter((m) => domainSets.has(m.setId)));
  const list = LISTS[kind];
  return {
    domain: d.domain,
    version,
    description: proseText(d.prose?.descriptions[list][id]),
    related: relatedOf(d, kind, id),
    frameworks,
    techniques,
    softwareOnly: kind === 'software' ? [] : softwareOnly,
    covered: techniques.filter((t) => t.coverage.some(Boolean)).length,
    matrix: counted.length ? matrixView(model, d.domain, version, mappings, { only: subject, byCount: true }) : null,
  };
}

/** An adversary's page (the id's kind by its prefix: G, C or S). */
export function adversaryView(index: ModelIndex, id: string): AdversaryView {
  const kind = adversaryKind(id);
  if (!kind) throw new Error(`not an ATT&CK group, campaign or software id: ${id}`);
  const domains = siteAdversaries(index).filter((d) => objectOf(d.index, kind, id));
  if (!domains.length) throw new Error(`unknown ${kind}: ${id}`);
  const objects = domains.map((d) => objectOf(d.index, kind, id)!);
  const first = objects[0]!;
  const parts = domains.map((d) => partOf(index, d, kind, id));
  return {
    kind,
    id,
    name: first.name,
    aliases: [...new Set(objects.flatMap((o) => o.aliases))],
    softwareType: first.type ?? null,
    platforms: [...new Set(objects.flatMap((o) => o.platforms ?? []))].sort(),
    firstSeen: first.firstSeen ?? null,
    lastSeen: first.lastSeen ?? null,
    descriptions: descriptionsOf(parts),
    parts,
  };
}

function descriptionsOf(parts: readonly AdversaryPart[]): AdversaryView['descriptions'] {
  const byHtml = new Map<string, AdversaryView['descriptions'][number]>();
  for (const { description, domain, version } of parts) {
    if (!description) continue;
    const entry = byHtml.get(description.html) ?? { text: description, from: [] };
    entry.from.push({ domain, version });
    byHtml.set(description.html, entry);
  }
  return [...byHtml.values()];
}
