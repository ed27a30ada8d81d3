/**
 * Description entries matched to the capabilities and groups of the mapping files: by the key
 * pages fold ids to (capabilityKey: "AC-04", "AC-4 " and "ac-4" are one), then by the named
 * rules for the ids some files write otherwise than the mappings (CSA CCM's IVS for I&S, Google
 * Cloud ids with other separators), each match by a rule a warning. Texts several sources give
 * alike are one text naming them all; texts that differ are all kept, each with its sources.
 */
import type { DescriptionEntry } from './description-files.ts';
import { descriptionWarning, quoteFound, type DescriptionWarning, type DescriptionWarningKind } from './description-warnings.ts';
import { required } from '../core/lookups.ts';

/** A capability or group of the model, as matching needs it (a model Capability fits). */
export interface MatchTarget {
  id: string;
  frameworkId: string;
  /** capabilityKey of its id. */
  key: string;
  /** The ids as the mapping files write them. */
  spellings: readonly string[];
}

/** A rule for ids a framework's description files write otherwise than its mapping files. */
export interface IdAliasRule {
  kind: DescriptionWarningKind;
  framework: string;
  /** Brings a key to the form both spellings share; an entry and a target meet when theirs agree. */
  fold: (key: string) => string;
  /** The rule in words, for the warning. */
  says: string;
}

export const ID_ALIAS_RULES: readonly IdAliasRule[] = [
  {
    // The description files write the Infrastructure and Virtualization Security domain IVS
    // (IVS-01, and the group IVS); the CCM 4.1 mapping files write it I&S (I&S-01).
    kind: 'description-id-ccm-domain',
    framework: 'csa_ccm',
    fold: (key) => key.replace(/^ivs(?=-|$)/, 'i&s'),
    says: 'IVS read as I&S',
  },
  {
    // The 2022 Google Cloud mappings run words together (advancedprotectionprogram, cloudvpn)
    // where the description files separate them (advanced_protection_program, cloud_vpn).
    kind: 'description-id-separators',
    framework: 'gcp',
    fold: (key) => key.replace(/-/g, ''),
    says: 'compared without separators',
  },
];

/** Where a text comes from, to name it on the page. */
export interface DescriptionSource {
  framework: string;
  version: string | null;
  attackVersion: string | null;
  file: string;
  pointer: string;
  line?: number;
  rawId: string;
}

/** One text of a capability, with every source that gives it. */
export interface MatchedDescription {
  format: 'html' | 'text';
  html: string;
  text: string;
  /** Newest version first. */
  sources: DescriptionSource[];
}

export interface DescriptionMatches {
  /** By capability id (MatchTarget.id): its texts, the one of the newest source first. */
  capabilities: Map<string, MatchedDescription[]>;
  /** By group id. */
  groups: Map<string, MatchedDescription[]>;
  /** Entries no capability or group of their framework takes. */
  unmatched: DescriptionEntry[];
  warnings: DescriptionWarning[];
}

/** A sortable form of a framework version: dates (06/28/2022), revisions (rev5), numbers (v2.1, 4.1). */
function versionRank(version: string | null): number[] {
  if (version === null) return [];
  const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(version);
  if (date) return [Number(date[3]), Number(date[1]), Number(date[2])];
  return (version.match(/\d+/g) ?? []).map(Number);
}

function compareNewestFirst(a: string | null, b: string | null): number {
  const ra = versionRank(a);
  const rb = versionRank(b);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const d = (rb[i] ?? -1) - (ra[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function indexBy(targets: readonly MatchTarget[], fold: (key: string) => string): Map<string, MatchTarget[]> {
  const index = new Map<string, MatchTarget[]>();
  for (const target of targets) {
    const key = `${target.frameworkId}\u0000${fold(target.key)}`;
    index.set(key, [...(index.get(key) ?? []), target]);
  }
  return index;
}

function sourceOf(entry: DescriptionEntry): DescriptionSource {
  return {
    framework: entry.framework,
    version: entry.version,
    attackVersion: entry.attackVersion,
    file: entry.source.file,
    pointer: entry.source.pointer,
    ...(entry.source.line ? { line: entry.source.line } : {}),
    rawId: entry.rawId,
  };
}

/** Match entries to capabilities and groups; `warnUnmatched` lists entries that match nothing. */
export function matchDescriptions(
  entries: readonly DescriptionEntry[],
  targets: { capabilities: readonly MatchTarget[]; groups?: readonly MatchTarget[] },
  options: { rules?: readonly IdAliasRule[]; warnUnmatched?: boolean } = {},
): DescriptionMatches {
  const rules = options.rules ?? ID_ALIAS_RULES;
  const warnings: DescriptionWarning[] = [];
  const unmatched: DescriptionEntry[] = [];
  const result = { capabilities: new Map<string, MatchedDescription[]>(), groups: new Map<string, MatchedDescription[]>() };
  const kinds = {
    capabilities: { targets: targets.capabilities, direct: indexBy(targets.capabilities, (k) => k) },
    groups: { targets: targets.groups ?? [], direct: indexBy(targets.groups ?? [], (k) => k) },
  };
  const ruleIndexes = new Map<IdAliasRule, { capabilities: Map<string, MatchTarget[]>; groups: Map<string, MatchTarget[]> }>();
  for (const rule of rules) {
    ruleIndexes.set(rule, {
      capabilities: indexBy(
        kinds.capabilities.targets.filter((t) => t.frameworkId === rule.framework),
        rule.fold,
      ),
      groups: indexBy(
        kinds.groups.targets.filter((t) => t.frameworkId === rule.framework),
        rule.fold,
      ),
    });
  }
  const found = { capabilities: new Map<string, DescriptionEntry[]>(), groups: new Map<string, DescriptionEntry[]>() };

  for (const entry of entries) {
    const which = entry.kind === 'group' ? 'groups' : 'capabilities';
    const direct = kinds[which].direct.get(`${entry.framework}\u0000${entry.key}`) ?? [];
    const taken = new Set<MatchTarget>(direct);
    for (const target of direct) {
      if (entry.idField === 'id' && !target.spellings.includes(entry.rawId)) {
        warnings.push(
          descriptionWarning(
            'description-id-respelled',
            { ...entry.source, pointer: entry.source.pointer.replace(/\/description$/, '/id') },
            {
              framework: entry.framework,
              field: 'id',
              found: quoteFound(entry.rawId),
              action: `matched ${target.spellings.map((s) => quoteFound(s)).join(', ')}, as the mappings write it`,
            },
          ),
        );
      }
    }
    for (const rule of rules) {
      if (rule.framework !== entry.framework) continue;
      const aliased = required(ruleIndexes, rule, 'ruleIndexes')[which].get(`${entry.framework}\u0000${rule.fold(entry.key)}`) ?? [];
      for (const target of aliased) {
        if (taken.has(target)) continue;
        taken.add(target);
        warnings.push(
          descriptionWarning(
            rule.kind,
            { ...entry.source, pointer: entry.source.pointer.replace(/\/description$/, `/${entry.idField}`) },
            {
              framework: entry.framework,
              field: entry.idField,
              found: quoteFound(entry.rawId),
              action: `matched ${quoteFound(target.spellings[0] ?? target.key)} of the mappings (${rule.says})`,
            },
          ),
        );
      }
    }
    if (taken.size === 0) {
      unmatched.push(entry);
      if (options.warnUnmatched) {
        warnings.push(
          descriptionWarning(
            'description-unmatched',
            { ...entry.source, pointer: entry.source.pointer.replace(/\/description$/, `/${entry.idField}`) },
            {
              framework: entry.framework,
              field: entry.idField,
              found: quoteFound(entry.rawId),
              action: `not shown: no ${entry.kind} of ${entry.framework} in the mapping files has this id`,
            },
          ),
        );
      }
      continue;
    }
    for (const target of taken) found[which].set(target.id, [...(found[which].get(target.id) ?? []), entry]);
  }

  for (const which of ['capabilities', 'groups'] as const) {
    for (const [id, list] of found[which]) {
      const ordered = [...list].sort((a, b) => compareNewestFirst(a.version, b.version));
      const texts: MatchedDescription[] = [];
      for (const entry of ordered) {
        const same = texts.find((t) => t.text === entry.text);
        if (same) same.sources.push(sourceOf(entry));
        else texts.push({ format: entry.format, html: entry.html, text: entry.text, sources: [sourceOf(entry)] });
      }
      result[which].set(id, texts);
    }
  }
  return { ...result, unmatched, warnings };
}
