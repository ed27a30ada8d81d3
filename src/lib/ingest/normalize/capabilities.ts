/**
 * Capabilities and capability groups: spellings of one id merged under one folded key (one page
 * each), with what every set calls them. A capability's id, title and group in a set are what
 * most of the set's rows give; rows that write them otherwise keep their own (see objects.ts).
 */
import { capabilityKey, compareNatural, normalizeWhitespace } from '../../core/ids.ts';
import { slugFor } from '../../model/slugs.ts';
import type { Capability, CapabilityGroup, SourceLocation } from '../../model/schema.ts';
import type { Report, RowRef } from '../report.ts';
import type { SetDraft } from './sets.ts';
import { required } from '../../core/lookups.ts';
import { reportDescriptionVaries } from '../rules/description-varies.ts';

interface CapabilityDraft {
  frameworkId: string;
  key: string;
  spellings: Set<string>;
  /** Per set: how often rows give each spelling, description and group (descriptions with their rows). */
  tallies: Map<string, { spellings: Map<string, number>; descriptions: Map<string, RowRef[]>; groups: Map<string, { count: number; label: string }> }>;
  /** Per set, once settled: spelling, description and group as most of the set's rows give them. */
  sets: Capability['sets'];
}

interface GroupDraft {
  frameworkId: string;
  key: string;
  /** Spelling and label per set. */
  sets: Map<string, CapabilityGroup['sets'][string]>;
}

/** What a row says about its capability, as written. */
export interface CapabilityFields {
  spelling: string;
  description: string | null;
  groupId: string | null;
}

/**
 * The value most often given. A tie goes to the one whose sort key (by default the value) sorts
 * first, so the choice does not depend on the order of rows.
 */
function mostGiven<T>(counts: ReadonlyMap<string, T>, count: (tally: T) => number, sortKey: (value: string, tally: T) => string = (v) => v): string | null {
  let best: string | null = null;
  let bestKey = '';
  let most = 0;
  for (const [value, tally] of counts) {
    const n = count(tally);
    const key = sortKey(value, tally);
    if (n > most || (n === most && key < bestKey)) [best, bestKey, most] = [value, key, n];
  }
  return best;
}

const increment = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);

export class CapabilityRegistry {
  private readonly capabilities = new Map<string, CapabilityDraft>();
  private readonly groups = new Map<string, GroupDraft>();
  /** Ids recur in every row and set: their folded keys and slugs are worked out once. */
  private readonly keys = new Map<string, string>();
  private readonly slugs = new Map<string, string>();

  constructor(private readonly report: Report) {}

  /** The folded key of a capability id as written (ids.ts capabilityKey), remembered. */
  keyOf(raw: string): string {
    let key = this.keys.get(raw);
    if (key === undefined) this.keys.set(raw, (key = capabilityKey(raw)));
    return key;
  }

  private slugOf(key: string): string {
    let slug = this.slugs.get(key);
    if (slug === undefined) this.slugs.set(key, (slug = slugFor(key)));
    return slug;
  }

  /** Note a capability as a row of `set` writes it; returns its id and the row's own fields. */
  note(
    set: SetDraft,
    key: string,
    rawId: string,
    rawDescription: string | null,
    groupKey: string | null,
    location: SourceLocation,
  ): { id: string; row: CapabilityFields } {
    const id = `${set.frameworkId}:${this.slugOf(key)}`;
    let capability = this.capabilities.get(id);
    if (!capability) {
      capability = { frameworkId: set.frameworkId, key, spellings: new Set(), tallies: new Map(), sets: {} };
      this.capabilities.set(id, capability);
    } else if (capability.key !== key) {
      this.report.slugCollision(location, 'capability_id', capability.key, key, id);
    }
    capability.spellings.add(rawId);
    const row: CapabilityFields = {
      spelling: normalizeWhitespace(rawId),
      description: rawDescription === null ? null : normalizeWhitespace(rawDescription),
      groupId: groupKey === null ? null : this.noteGroup(set, groupKey, location),
    };
    let tally = capability.tallies.get(set.id);
    if (!tally) capability.tallies.set(set.id, (tally = { spellings: new Map(), descriptions: new Map(), groups: new Map() }));
    increment(tally.spellings, row.spelling);
    if (row.groupId !== null && groupKey !== null) {
      // Ties between groups go by the group as exports write it (its label, else its id), which reads back the same.
      const declared = required(set.groups, groupKey, 'capability group');
      const group = tally.groups.get(row.groupId) ?? { count: 0, label: declared.label ?? declared.key };
      group.count++;
      tally.groups.set(row.groupId, group);
    }
    return { id, row };
  }

  /** The row a capability description came from, once the row exists. */
  describedBy(capabilityId: string, setId: string, description: string | null, row: RowRef): void {
    if (description === null) return;
    const descriptions = required(required(this.capabilities, capabilityId, 'capability').tallies, setId, 'set tally').descriptions;
    const rows = descriptions.get(description);
    if (rows) rows.push(row);
    else descriptions.set(description, [row]);
  }

  /**
   * Once every row is in: what a set calls a capability is what most of its rows give (its id
   * as spelled, its description, its group), so one stray row does not title a control. Rows
   * that describe it otherwise are reported; they keep their own (objects.ts).
   */
  settle(): void {
    for (const [id, draft] of this.capabilities) {
      for (const [setId, tally] of draft.tallies) {
        const description = mostGiven(tally.descriptions, (rows) => rows.length);
        // Of spellings given equally often, the shorter ("SC-7" over "SC-07").
        const spelling = mostGiven(
          tally.spellings,
          (n) => n,
          (v) => `${String(v.length).padStart(6, '0')}${v}`,
        )!;
        const groupId = mostGiven(
          tally.groups,
          (g) => g.count,
          (_, g) => g.label,
        );
        draft.sets[setId] = { spelling, description, groupId };
        for (const [other, rows] of tally.descriptions) {
          if (other === description) continue;
          for (const row of rows) reportDescriptionVaries(this.report, setId, id, spelling, other, description, row);
        }
      }
    }
  }

  private noteGroup(set: SetDraft, groupKey: string, location: SourceLocation): string {
    const id = `${set.frameworkId}:${this.slugOf(groupKey)}`;
    let group = this.groups.get(id);
    if (!group) {
      group = { frameworkId: set.frameworkId, key: groupKey, sets: new Map() };
      this.groups.set(id, group);
    } else if (group.key !== groupKey) {
      this.report.slugCollision(location, 'capability_group', group.key, groupKey, id);
    }
    if (!group.sets.has(set.id)) {
      const declared = required(set.groups, groupKey, 'capability group');
      group.sets.set(set.id, {
        spelling: declared.key,
        label: declared.label,
        ...(declared.labelAsWritten !== undefined ? { labelAsWritten: declared.labelAsWritten } : {}),
      });
    }
    return id;
  }

  /** Finished groups and capabilities, in framework then natural id order; `setOrder` ranks sets newest first. */
  assemble(setOrder: ReadonlyMap<string, number>): { groups: CapabilityGroup[]; capabilities: Capability[] } {
    const byNewest = (a: string, b: string) => required(setOrder, a, 'set') - required(setOrder, b, 'set');
    const groups = [...this.groups.entries()]
      .map(([id, draft]): CapabilityGroup => {
        const setIds = [...draft.sets.keys()].sort(byNewest);
        const newest = required(draft.sets, setIds[0]!, 'set');
        const labelled = setIds.map((s) => required(draft.sets, s, 'set')).find((e) => e.label !== null);
        return {
          id,
          frameworkId: draft.frameworkId,
          slug: id.slice(draft.frameworkId.length + 1),
          displayId: newest.spelling,
          label: labelled?.label ?? newest.spelling,
          sets: Object.fromEntries(setIds.map((s) => [s, required(draft.sets, s, 'set')])),
        };
      })
      .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || compareNatural(a.displayId, b.displayId));

    const capabilities = [...this.capabilities.entries()]
      .map(([id, draft]): Capability => {
        const setIds = Object.keys(draft.sets).sort(byNewest);
        const entries = setIds.map((s) => draft.sets[s]!);
        const newest = entries[0]!;
        // Shown as the spelling most sets use ("SC-7" over a newer file's "SC-07"), then the shorter, then the newest.
        const setsBySpelling = new Map<string, number>();
        for (const e of entries) setsBySpelling.set(e.spelling, (setsBySpelling.get(e.spelling) ?? 0) + 1);
        const displayId = [...setsBySpelling.entries()].sort(
          ([a, na], [b, nb]) => nb - na || a.length - b.length || (a === newest.spelling ? -1 : b === newest.spelling ? 1 : 0),
        )[0]![0];
        return {
          id,
          frameworkId: draft.frameworkId,
          key: draft.key,
          slug: id.slice(draft.frameworkId.length + 1),
          displayId,
          spellings: [...draft.spellings].sort(),
          description: entries.find((e) => e.description !== null)?.description ?? null,
          groupId: entries.find((e) => e.groupId !== null)?.groupId ?? null,
          sets: Object.fromEntries(setIds.map((s) => [s, draft.sets[s]!])),
        };
      })
      .sort((a, b) => a.frameworkId.localeCompare(b.frameworkId) || compareNatural(a.displayId, b.displayId));
    return { groups, capabilities };
  }
}
