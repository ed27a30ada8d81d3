/**
 * The explorer's page views bound to one indexed model, for the pages (site-model.ts makes the
 * site's one). Each view lives in the module of its page kind, as a plain function of the model
 * index: technique-page.ts, capability-page.ts, group-page.ts, set-page.ts, framework-page.ts,
 * data-quality-page.ts, home-page.ts, adversary-page.ts, mitigation-page.ts; their rows in mapping-rows.ts, set filters in page-filters.ts.
 */
import { capabilityView } from './capability-page.ts';
import { dataQualityView } from './data-quality-page.ts';
import { frameworkView } from './framework-page.ts';
import { groupView } from './group-page.ts';
import { adversarySummaries, adversaryView } from './adversary-page.ts';
import { mitigationSummaries, mitigationView } from './mitigation-page.ts';
import { footerView, frameworkSources, frameworkSummaries } from './home-page.ts';
import { capabilityFilterSets, techniqueFilterSets, techniqueInSet } from './page-filters.ts';
import { setView } from './set-page.ts';
import { techniqueSummaries, techniqueView } from './technique-page.ts';
import type { AdversaryKind, SiteUrls } from '../core/urls.ts';
import type { ModelIndex } from '../model/model-index.ts';

/** The views of an indexed model. */
export function createExplorer(index: ModelIndex) {
  return {
    index,
    technique: (id: string) => techniqueView(index, id),
    capability: (id: string) => capabilityView(index, id),
    group: (id: string) => groupView(index, id),
    adversary: (id: string) => adversaryView(index, id),
    adversaries: (kind: AdversaryKind) => adversarySummaries(index, kind),
    mitigation: (id: string) => mitigationView(index, id),
    mitigations: () => mitigationSummaries(index),
    set: (id: string) => setView(index, id),
    framework: (id: string) => frameworkView(index, id),
    dataQuality: () => dataQualityView(index),
    capabilityFilterSets: (id: string) => capabilityFilterSets(index, id),
    techniqueFilterSets: (id: string) => techniqueFilterSets(index, id),
    techniqueInSet: (urls: Pick<SiteUrls, 'technique'>, id: string, setId: string) => techniqueInSet(index, urls, id, setId),
    techniqueSummaries: () => techniqueSummaries(index),
    footer: () => footerView(index),
    sources: () => frameworkSources(index),
    frameworkSummaries: () => frameworkSummaries(index),
  };
}

export type Explorer = ReturnType<typeof createExplorer>;
