/**
 * What search finds, built from the model at build time: one document per technique,
 * capability, capability group, framework and set (the entity index, needed for the first
 * query), and one per mapping comment (loaded after it).
 */
import { tacticIndex } from '../attack-views.ts';
import { setListLabel, setTitle } from '../labels.ts';
import type { ModelIndex } from '../model-index.ts';
import type { MappingSet } from '../schema.ts';
import { pushTo } from '../multimap.ts';
import type { SiteUrls } from '../urls.ts';
import { DOMAINS } from '../vocabulary.ts';
import type { EntityKind } from './kinds.ts';
import { idKey, noteTitle } from './text.ts';

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
      });
    }
  }
  for (const c of model.capabilities) {
    const framework = index.frameworks.get(c.frameworkId)!;
    const group = c.groupId ? index.groups.get(c.groupId) : undefined;
    const sets = Object.keys(c.sets).map((id) => index.sets.get(id)!);
    entities.push({
      kind: 'capability',
      id: c.displayId,
      name: c.description ?? c.displayId,
      // Other spellings, and the titles older sets give (rev4's "Session Lock" for AC-11).
      aliases: [
        ...c.spellings.filter((s) => s !== c.displayId),
        ...new Set(Object.values(c.sets).map((e) => e.description).filter((d): d is string => d !== null && d !== c.description)),
      ],
      context: [framework.name, group && group.label !== c.description ? group.label : ''].filter(Boolean).join(' · '),
      framework: c.frameworkId,
      versions: setListLabel(sets).join('; '),
      keys: [...new Set(c.spellings.map(idKey))],
      url: urls.capability(c),
    });
  }
  for (const g of model.groups) {
    const framework = index.frameworks.get(g.frameworkId)!;
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
      versions: setListLabel(f.setIds.map((id) => index.sets.get(id)!)).join('; '),
      keys: [idKey(f.id)],
      url: urls.framework(f.id),
    });
  }
  for (const s of model.sets) {
    const framework = index.frameworks.get(s.frameworkId)!;
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
    });
  }

  // One note per distinct mapping row with a comment, linking to its row on the technique page.
  const setOrder = new Map(model.sets.map((s, i) => [s.id, i]));
  const setsOfRow = new Map<string, MappingSet[]>();
  for (const m of model.mappings) {
    if (!m.comments) continue;
    pushTo(setsOfRow, m.rowId, index.sets.get(m.setId)!);
  }
  const comments: CommentDoc[] = [];
  const seen = new Set<string>();
  for (const m of model.mappings) {
    if (!m.comments || seen.has(m.rowId)) continue;
    seen.add(m.rowId);
    const capability = index.capabilities.get(m.capabilityId)!;
    const technique = index.techniques.get(m.techniqueId)!;
    const framework = index.frameworks.get(capability.frameworkId)!;
    const sets = [...new Set(setsOfRow.get(m.rowId)!)].sort((a, b) => setOrder.get(a.id)! - setOrder.get(b.id)!);
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
      url: `${urls.technique(technique.id)}#${m.rowId}`,
    });
  }
  return { entities, comments };
}
