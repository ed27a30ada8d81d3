/**
 * What the adversary, mitigation and technique pages share: the model's ATT&CK adversaries per
 * domain, indexed once per model index (src/lib/attack/adversaries.ts keeps the counting rules),
 * and how the site's frameworks cover a technique (capabilities per framework, best score).
 */
import { indexAdversaries, type AdversaryIndex } from '../attack/adversaries.ts';
import { tacticName, techniqueStateAt } from './attack-views.ts';
import { renderAttackMarkdown, type RenderedDescription } from './markdown.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Framework, ModelAdversaries, ModelAdversaryProse } from '../model/schema.ts';
import { SCORE_VALUES, type Domain, type ScoreValue } from '../core/vocabulary.ts';
import { required } from '../core/lookups.ts';
import { frameworkShortName } from '../core/labels.ts';

/** One domain's adversaries: the index of its complete part and the prose given at build time. */
export interface DomainAdversaries {
  domain: Domain;
  index: AdversaryIndex;
  prose: ModelAdversaryProse | null;
  otherTechniques: ModelAdversaries['otherTechniques'];
}

const cache = new WeakMap<ModelIndex, DomainAdversaries[]>();

/** The model's adversaries, per domain in the model's order (empty for a model without them). */
export function siteAdversaries(index: ModelIndex): DomainAdversaries[] {
  let found = cache.get(index);
  if (!found) {
    found = (index.model.adversaries ?? []).map((a) => ({
      domain: a.domain,
      index: indexAdversaries(a.facts),
      prose: a.prose,
      otherTechniques: a.otherTechniques,
    }));
    cache.set(index, found);
  }
  return found;
}

/** How one framework covers a technique: its distinct capabilities mapped, and their best score (scored sets). */
export interface FrameworkCoverage {
  capabilityIds: string[];
  best: ScoreValue | null;
}

/** The frameworks with sets of a domain, in the model's order: the columns of a coverage table. */
export const domainFrameworks = (index: ModelIndex, domain: Domain): Framework[] =>
  index.model.frameworks.filter((f) => f.setIds.some((s) => required(index.sets, s, 'set').domain === domain));

/** Per framework id, how the sets of a domain cover a technique (any set of the framework, mapped by its own id). */
export function techniqueCoverage(index: ModelIndex, domain: Domain, techniqueId: string): Map<string, FrameworkCoverage> {
  const out = new Map<string, { capabilities: Set<string>; best: ScoreValue | null }>();
  for (const m of index.mappingsByTechnique.get(techniqueId) ?? []) {
    const set = required(index.sets, m.setId, 'set');
    if (set.domain !== domain) continue;
    let entry = out.get(set.frameworkId);
    if (!entry) out.set(set.frameworkId, (entry = { capabilities: new Set(), best: null }));
    entry.capabilities.add(m.capabilityId);
    if (m.scoreValue && (!entry.best || SCORE_VALUES[m.scoreValue].rank > SCORE_VALUES[entry.best].rank)) entry.best = m.scoreValue;
  }
  return new Map([...out].map(([id, e]) => [id, { capabilityIds: [...e.capabilities].sort(), best: e.best }]));
}

/** A technique as an adversary or mitigation page lists it: name and tactics in the domain's version, and its coverage per framework. */
export interface CoveredTechnique {
  id: string;
  name: string;
  /** Whether the site has its page. */
  page: boolean;
  tactics: string[];
  /** Aligned with the page's frameworks: null where the framework maps nothing to it. */
  coverage: (FrameworkCoverage | null)[];
}

/** A technique's row: its facts in the version and how the frameworks cover it. */
export function coveredTechnique(index: ModelIndex, adversaries: DomainAdversaries, frameworks: readonly Framework[], id: string): CoveredTechnique {
  const { domain } = adversaries;
  const version = adversaries.index.version;
  const technique = index.techniques.get(id);
  const state = technique ? techniqueStateAt(technique, domain, version) : undefined;
  const other = adversaries.otherTechniques[id];
  const coverage = techniqueCoverage(index, domain, id);
  return {
    id,
    name: state?.name ?? other?.name ?? technique?.name ?? id,
    page: !!technique,
    tactics: state
      ? state.tactics.map((t) => {
          const tactic = index.tactics.get(t);
          return tactic ? tacticName(tactic, version) : t;
        })
      : (other?.tactics ?? []),
    coverage: frameworks.map((f) => coverage.get(f.id) ?? null),
  };
}

/** MITRE's text about an object, rendered without its citation markers (the rows stay light; the ATT&CK page lists the sources). */
export function proseText(text: { markdown: string } | undefined): RenderedDescription | null {
  if (!text) return null;
  return renderAttackMarkdown(text.markdown.replace(/\s*\(Citation:[^)]*\)/g, ''));
}

/** One framework's line in a technique's coverage cell: "Azure 2 Significant". */
export interface CoverageLine {
  /** The framework's short name. */
  framework: string;
  capabilities: number;
  /** The best score's label, for scored frameworks. */
  best: string | null;
}

/** A technique's coverage in one cell: how many frameworks and capabilities, then a line per covering framework. */
export interface CoverageSummary {
  frameworks: number;
  capabilities: number;
  lines: CoverageLine[];
}

/** The coverage of a row (aligned with its frameworks) summed up for its one cell; null when nothing covers it. */
export function coverageSummary(frameworks: readonly Framework[], coverage: readonly (FrameworkCoverage | null)[]): CoverageSummary | null {
  const lines = frameworks.flatMap((f, i): CoverageLine[] => {
    const c = coverage[i];
    if (!c) return [];
    return [{ framework: frameworkShortName(f), capabilities: c.capabilityIds.length, best: f.scored && c.best ? SCORE_VALUES[c.best].label : null }];
  });
  if (!lines.length) return null;
  return { frameworks: lines.length, capabilities: lines.reduce((n, l) => n + l.capabilities, 0), lines };
}
