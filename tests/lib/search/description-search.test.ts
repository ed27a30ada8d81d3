import { beforeAll, describe, expect, it } from 'vitest';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { buildSearchDocuments } from '../../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, type Searcher } from '../../../src/lib/search/searcher.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { fixture } from '../../support/paths.ts';

// The invented Acme fixtures: KEV's CVE-2031-10001 is named "... Authentication Bypass
// Vulnerability"; only its description says it "lets anyone open the back gate".
async function searcherFor(descriptions: string[]): Promise<Searcher> {
  const result = await runPipeline([fixture('descriptions', 'site')], { descriptions });
  const { entities } = buildSearchDocuments(indexModel(result.model!), createUrls('/'));
  return createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))));
}

let withTexts: Searcher;
let without: Searcher;
beforeAll(async () => {
  withTexts = await searcherFor([fixture('descriptions', 'oscal', 'acme_rev5-shape_catalog.json'), fixture('descriptions', 'mappings')]);
  without = await searcherFor([]);
});

describe('search over the texts given with --descriptions', () => {
  it('finds a capability by words only its description says', () => {
    expect(withTexts.search('back gate').map((h) => h.id)).toContain('CVE-2031-10001');
    expect(without.search('back gate').map((h) => h.id)).not.toContain('CVE-2031-10001');
  });

  it('ranks a name match above a text match', () => {
    const hits = withTexts.search('crank accounts');
    expect(hits[0]?.id).toBe('AC-02');
  });
});
