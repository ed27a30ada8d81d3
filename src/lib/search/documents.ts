/**
 * What search finds, built from the model at build time: one document per technique, tactic,
 * capability, capability group, framework and set (the entity index, needed for the first
 * query), and one per mapping comment (loaded after it). Capabilities that are the same entry
 * under several groups (VERIS lists "Lateral movement" under hacking, malware, misuse and
 * social) become one document that lists its variants.
 */
import { tacticIndex } from '../views/attack-views.ts';
import { siteAdversaries } from '../views/adversary-facts.ts';
import { setListLabel, setTitle } from '../core/labels.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { MappingSet } from '../model/schema.ts';
import { pushTo } from '../core/multimap.ts';
import { withAnchor, type SiteUrls } from '../core/urls.ts';
import { DOMAINS } from '../core/vocabulary.ts';
import type { EntityKind } from './kinds.ts';
import { idKey, noteTitle, words } from './search-text.ts';
import { required } from '../core/lookups.ts';
import { statementText } from '../descriptions/control-text.ts';

export interface EntityDoc {
  kind: EntityKind;
  /** The id as shown: "T1046", "AC-4", "AC". Empty for frameworks and sets. */
  id: string;
  name: string;
  /** Other names and spellings: earlier technique names, "AC-04". */
  aliases: string[];
  /** Where it belongs, searchable too: framework name, group label, tactics. */
  context: string;
  /** Framework id, for the framework filter; null for techniques. */
  framework: string | null;
  /** Versions shown with a result: "rev5 @ 8.2", "ATT&CK 16.1, 8.2". */
  versions: string;
  /** Exact-match keys: compact ids of every spelling. */
  keys: string[];
  url: string;
  /** How many mappings it has: of two equally good results, the more mapped is likelier meant. */
  mappings: number;
  /** The same entry under other groups (near-identical capabilities), each with its own page. */
  variants?: EntityVariant[];
  /** Words of the texts given at build time (--descriptions: the control's statement, the description files), a lighter field than the name. */
  text?: string;
}

/** At most this many distinct words of a capability's texts go into the index (it is loaded for the first query). */
export const TEXT_WORDS = 60;

/** The distinct words of a capability's texts, in order, or null when it has none. */
function capabilityTextWords(index: ModelIndex, capabilityId: string): string | null {
  const texts = index.model.descriptions?.capabilities[capabilityId];
  if (!texts) return null;
  const control = texts.controls[0]?.control;
  const parts = [control?.statement ? statementText(control.statement) : '', ...texts.texts.map((t) => t.text)];
  const seen = [...new Set(words(parts.join(' ')).filter((w) => w.length > 2))].slice(0, TEXT_WORDS);
  return seen.length ? seen.join(' ') : null;
}

export interface EntityVariant {
  id: string;
  /** Its group: what tells it apart. */
  context: string;
  url: string;
  /** Its exact-match keys: an exact id opens the variant itself. */
  keys: string[];
}

export interface CommentDoc {
  kind: 'comment';
  /** Capability id and technique id: what the note is about. */
  capability: string;
  technique: string;
  techniqueName: string | null;
  /** "azure_sentinel → T1046 Network Service Discovery" */
  title: string;
  rowId: string;
  framework: string;
  frameworkName: string;
  versions: string;
  text: string;
  /** The mapping row's deep link on the technique page. */
  url: string;
}

/** Build the documents for a model. */
export function buildSearchDocuments(index: ModelIndex, urls: SiteUrls): { entities: EntityDoc[]; comments: CommentDoc[] } {
  const { model } = index;
  const entities: EntityDoc[] = [];
  for (const t of model.techniques) {
    const others = t.names.map((n) => n.name).filter((n) => n !== t.name);
    entities.push({
      kind: 'technique',
      id: t.id,
      name: t.name ?? t.id,
      aliases: others,
      context: [t.tactics.map((x) => x.name).join(' '), t.domains.map((d) => DOMAINS[d].label).join(' ')].filter(Boolean).join(' · '),
      framework: null,
      versions: t.attackVersions.length ? `ATT&CK ${t.attackVersions.slice(0, 4).join(', ')}${t.attackVersions.length > 4 ? ', …' : ''}` : '',
      keys: [idKey(t.id)],
      url: urls.technique(t.id),
      mappings: index.mappingsByTechnique.get(t.id)?.length ?? 0,
    });
  }
  for (const { domain, tactics } of tacticIndex(index)) {
    for (const { tactic, name } of tactics) {
      entities.push({
        kind: 'tactic',
        id: tactic.id,
        name,
        aliases: [],
        context: `ATT&CK ${DOMAINS[domain].label} tactic`,
        framework: null,
        versions: '',
        keys: [idKey(tactic.id)],
        url: urls.tactic(tactic.id),
        mappings: 0,
      });
    }
  }
  const capabilityDocs: { doc: EntityDoc; variantKey: string | null }[] = [];
  for (const c of model.capabilities) {
    const framework = required(index.frameworks, c.frameworkId, 'framework');
    const group = c.groupId ? index.groups.get(c.groupId) : undefined;
    const sets = Object.keys(c.sets).map((id) => required(index.sets, id, 'set'));
    const doc: EntityDoc = {
      kind: 'capability',
      id: c.displayId,
      name: c.description ?? c.displayId,
      // Other spellings, and the titles older sets give (rev4's "Session Lock" for AC-11).
      aliases: [
        ...c.spellings.filter((s) => s !== c.displayId),
        ...new Set(
          Object.values(c.sets)
            .map((e) => e.description)
            .filter((d): d is string => d !== null && d !== c.description),
        ),
      ],
      context: [framework.name, group && group.label !== c.description ? group.label : ''].filter(Boolean).join(' · '),
      framework: c.frameworkId,
      versions: setListLabel(sets).join('; '),
      keys: [...new Set(c.spellings.map(idKey))],
      url: urls.capability(c),
      mappings: index.mappingsByCapability.get(c.id)?.length ?? 0,
    };
    const text = capabilityTextWords(index, c.id);
    if (text) doc.text = text;
    capabilityDocs.push({ doc, variantKey: group ? variantKey(c.frameworkId, doc, group.displayId, group.label) : null });
  }
  entities.push(...groupVariants(capabilityDocs));
  for (const g of model.groups) {
    const framework = required(index.frameworks, g.frameworkId, 'framework');
    entities.push({
      kind: 'group',
      id: g.displayId,
      name: g.label,
      aliases: [],
      context: framework.name,
      framework: g.frameworkId,
      versions: '',
      keys: [idKey(g.displayId)],
      url: urls.group(g),
      mappings: (index.capabilitiesByGroup.get(g.id) ?? []).reduce((n, c) => n + (index.mappingsByCapability.get(c.id)?.length ?? 0), 0),
    });
  }
  for (const f of model.frameworks) {
    entities.push({
      kind: 'framework',
      id: '',
      name: f.name,
      aliases: [f.id],
      context: '',
      framework: f.id,
      versions: setListLabel(f.setIds.map((id) => required(index.sets, id, 'set'))).join('; '),
      keys: [idKey(f.id)],
      url: urls.framework(f.id),
      mappings: f.setIds.reduce((n, id) => n + (index.mappingsBySet.get(id)?.length ?? 0), 0),
    });
  }
  for (const s of model.sets) {
    const framework = required(index.frameworks, s.frameworkId, 'framework');
    entities.push({
      kind: 'set',
      id: '',
      name: setTitle(s, framework),
      aliases: [s.id],
      context: [s.organization, s.author].filter(Boolean).join(' · '),
      framework: s.frameworkId,
      versions: '',
      keys: [],
      url: urls.set(s.id),
      mappings: index.mappingsBySet.get(s.id)?.length ?? 0,
    });
  }

  // ATT&CK groups, campaigns, software and mitigations, by name and alias (an id in several domains once).
  entities.push(...adversaryDocs(index, urls));

  // One note per distinct mapping row with a comment, linking to its row on the technique page.
  const setOrder = new Map(model.sets.map((s, i) => [s.id, i]));
  const setsOfRow = new Map<string, MappingSet[]>();
  for (const m of model.mappings) {
    if (!m.comments) continue;
    pushTo(setsOfRow, m.rowId, required(index.sets, m.setId, 'set'));
  }
  const comments: CommentDoc[] = [];
  const seen = new Set<string>();
  for (const m of model.mappings) {
    if (!m.comments || seen.has(m.rowId)) continue;
    seen.add(m.rowId);
    const capability = required(index.capabilities, m.capabilityId, 'capability');
    const technique = required(index.techniques, m.techniqueId, 'technique');
    const framework = required(index.frameworks, capability.frameworkId, 'framework');
    const sets = [...new Set(required(setsOfRow, m.rowId, 'row'))].sort((a, b) => required(setOrder, a.id, 'set') - required(setOrder, b.id, 'set'));
    comments.push({
      kind: 'comment',
      capability: capability.displayId,
      technique: technique.id,
      techniqueName: technique.name,
      title: noteTitle(capability.displayId, technique.id, technique.name),
      rowId: m.rowId,
      framework: framework.id,
      frameworkName: framework.name,
      versions: setListLabel(sets).join('; '),
      text: m.comments,
      url: withAnchor(urls.technique(technique.id), m.rowId),
    });
  }
  return { entities, comments };
}

/**
 * What makes capabilities of different groups the same entry: their id without the group's id
 * in front ("action.hacking.result.Lateral movement" -> "result.lateral.movement") and their name
 * without the group's own words ("The hacking action used ..." -> "the action used ..."). Null
 * when the id does not start with its group's id (no sign of an entry repeated per group).
 */
function variantKey(framework: string, doc: EntityDoc, groupId: string, groupLabel: string): string | null {
  if (!doc.id.toLowerCase().startsWith(`${groupId.toLowerCase()}.`)) return null;
  const own = new Set([...words(groupId), ...words(groupLabel)]);
  const rest = words(doc.id.slice(groupId.length + 1)).join('.');
  const name = words(doc.name)
    .filter((w) => !own.has(w))
    .join(' ');
  return rest && name ? `${framework}|${rest}|${name}` : null;
}

/** Capabilities sharing a variant key become one document (the most mapped, then the first by id) listing the others. */
function groupVariants(docs: readonly { doc: EntityDoc; variantKey: string | null }[]): EntityDoc[] {
  const byKey = new Map<string, EntityDoc[]>();
  for (const { doc, variantKey: key } of docs) if (key) pushTo(byKey, key, doc);
  const out: EntityDoc[] = [];
  const absorbed = new Set<EntityDoc>();
  for (const { doc, variantKey: key } of docs) {
    if (absorbed.has(doc)) continue;
    const same = key ? required(byKey, key, 'byKey') : [doc];
    if (same.length < 2) {
      out.push(doc);
      continue;
    }
    const [first, ...others] = [...same].sort((a, b) => b.mappings - a.mappings || a.id.localeCompare(b.id, 'en') || (a.id < b.id ? -1 : 1));
    for (const d of same) absorbed.add(d);
    out.push({ ...first!, variants: others.map((o) => ({ id: o.id, context: o.context, url: o.url, keys: o.keys })) });
  }
  return out;
}

const ADVERSARY_LISTS = [
  { list: 'groups', kind: 'adversary', page: 'group' },
  { list: 'campaigns', kind: 'campaign', page: 'campaign' },
  { list: 'software', kind: 'software', page: 'software' },
] as const;

/** One document per ATT&CK group, campaign, software and mitigation of the site's domains; its aliases searchable. */
function adversaryDocs(index: ModelIndex, urls: SiteUrls): EntityDoc[] {
  const docs = new Map<string, EntityDoc>();
  for (const { domain, index: a } of siteAdversaries(index)) {
    const label = `ATT&CK ${DOMAINS[domain].label} ${a.version}`;
    const add = (kind: EntityKind, id: string, name: string, aliases: readonly string[], context: string, url: string, techniques: number) => {
      const seen = docs.get(`${kind}|${id}`);
      if (seen) {
        seen.versions = `${seen.versions}, ${label}`;
        return;
      }
      docs.set(`${kind}|${id}`, {
        kind,
        id,
        name,
        aliases: [...aliases],
        context,
        framework: null,
        versions: label,
        keys: [idKey(id)],
        url,
        mappings: techniques,
      });
    };
    for (const { list, kind, page } of ADVERSARY_LISTS) {
      for (const o of a[list].values())
        add(
          kind,
          o.id,
          o.name,
          o.aliases,
          'type' in o ? `ATT&CK software (${o.type})` : kind === 'campaign' ? 'ATT&CK campaign' : 'ATT&CK group',
          urls.adversary(page, o.id),
          o.techniques.length,
        );
    }
    for (const m of a.mitigations.values()) add('mitigation', m.id, m.name, [], 'ATT&CK mitigation', urls.mitigation(m.id), m.techniques.length);
  }
  return [...docs.values()];
}
