/**
 * Which sets a technique's or capability's page offers in its set filter (only when its rows
 * come from two or more sets), and links to such a page narrowed to one set. Computed once per
 * page and model index: set pages and matrices link to many pages.
 */
import { setAnchor, withAnchor, type SiteUrls } from '../core/urls.ts';
import type { ModelIndex } from '../model/model-index.ts';
import type { Mapping } from '../model/schema.ts';
import { orInsert } from '../core/multimap.ts';

const NONE: ReadonlySet<string> = new Set();
const caches = new WeakMap<ModelIndex, Map<string, ReadonlySet<string>>>();

function filterSets(index: ModelIndex, key: string, mappings: () => readonly Mapping[]): ReadonlySet<string> {
  let cache = caches.get(index);
  if (!cache) caches.set(index, (cache = new Map()));
  return orInsert(cache, key, () => {
    const ids = new Set(mappings().map((m) => m.setId));
    return ids.size > 1 ? ids : NONE;
  });
}

/** Sets the capability page's filter offers: link to `#set-<id>` only for these. */
export function capabilityFilterSets(index: ModelIndex, id: string): ReadonlySet<string> {
  return filterSets(index, `c:${id}`, () => index.mappingsByCapability.get(id) ?? []);
}

/** Sets the technique page's filter offers. */
export function techniqueFilterSets(index: ModelIndex, id: string): ReadonlySet<string> {
  return filterSets(index, `t:${id}`, () => index.mappingsByTechnique.get(id) ?? []);
}

/** A technique's page, narrowed to a set where the page offers that set in its filter. */
export function techniqueInSet(index: ModelIndex, urls: Pick<SiteUrls, 'technique'>, id: string, setId: string): string {
  const href = urls.technique(id);
  return techniqueFilterSets(index, id).has(setId) ? withAnchor(href, setAnchor(setId)) : href;
}
