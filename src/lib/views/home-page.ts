/**
 * What the home page and every page's footer sum up: per framework its sets and counts (also for
 * the frameworks, coverage and search pages), where each framework's data comes from (the
 * frameworks page, which the footer links), and the footer's totals. Computed once per index.
 */
import type { ModelIndex } from '../model/model-index.ts';
import type { Framework, MappingSet } from '../model/schema.ts';
import { required } from '../core/lookups.ts';
import { warningTotal } from '../model/warnings.ts';

export interface FrameworkSummary {
  framework: Framework;
  sets: MappingSet[];
  mappingCount: number;
  capabilityCount: number;
}

/** Where a framework's mapping data comes from: its sets' organizations, authors and contacts, else its files. */
export interface FrameworkSource {
  framework: Framework;
  who: string[];
}

/** The footer of every page: how many sets and frameworks, and the build's warnings. */
export interface FooterView {
  setCount: number;
  frameworkCount: number;
  warningCount: number;
}

const summaries = new WeakMap<ModelIndex, FrameworkSummary[]>();
const footers = new WeakMap<ModelIndex, FooterView>();

/** Per framework (by name): its sets with their counts, for the home and frameworks pages. */
export function frameworkSummaries(index: ModelIndex): FrameworkSummary[] {
  let found = summaries.get(index);
  if (!found) {
    const { model, sets } = index;
    found = [...model.frameworks]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((framework) => ({
        framework,
        sets: framework.setIds.map((s) => required(sets, s, 'set')),
        mappingCount: framework.setIds.reduce((n, s) => n + required(sets, s, 'set').counts.mappings, 0),
        capabilityCount: model.capabilities.filter((c) => c.frameworkId === framework.id).length,
      }));
    summaries.set(index, found);
  }
  return found;
}

/** Each framework's sources, for the frameworks page (every page's footer links there). */
export function frameworkSources(index: ModelIndex): FrameworkSource[] {
  return frameworkSummaries(index).map(({ framework, sets }) => {
    const people = [...new Set(sets.flatMap((s) => [s.organization, s.author, s.contact]).filter((v): v is string => !!v))];
    const files = [...new Set(sets.flatMap((s) => s.sources.map((f) => f.split('/').pop()!)))];
    return { framework, who: people.length ? people : files };
  });
}

/** Every page's footer. */
export function footerView(index: ModelIndex): FooterView {
  let found = footers.get(index);
  if (!found) {
    const { model } = index;
    found = {
      setCount: model.sets.length,
      frameworkCount: model.frameworks.length,
      warningCount: warningTotal(model.warnings),
    };
    footers.set(index, found);
  }
  return found;
}
