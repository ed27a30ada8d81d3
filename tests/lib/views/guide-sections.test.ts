import { describe, expect, it } from 'vitest';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { GUIDE_SECTIONS, guideSectionFor, mappingTypeMeaning } from '../../../src/lib/views/guide.ts';

const urls = createUrls('/sub/');

describe('which guide section explains a mapping type', () => {
  it('sends each family of types to its section, and a type the guide does not know to the general one', () => {
    expect(guideSectionFor('protects')).toBe(GUIDE_SECTIONS.controls);
    expect(guideSectionFor('mitigates')).toBe(GUIDE_SECTIONS.controls);
    expect(guideSectionFor('technique_scores')).toBe(GUIDE_SECTIONS.scores);
    for (const t of ['exploitation_technique', 'primary_impact', 'secondary_impact', 'uncategorized']) expect(guideSectionFor(t)).toBe(GUIDE_SECTIONS.cves);
    expect(guideSectionFor('related_to')).toBe(GUIDE_SECTIONS.veris);
    expect(guideSectionFor('non_mappable')).toBe(GUIDE_SECTIONS.nonMappable);
    expect(guideSectionFor('win11-vbs-mi')).toBe(GUIDE_SECTIONS.otherTypes);
  });

  it('gives a type a one-sentence meaning and a link under the site base path', () => {
    const meaning = mappingTypeMeaning(urls, 'technique_scores');
    expect(meaning.href).toBe('/sub/guide/#technique-scores');
    expect(meaning.claim).toMatch(/minimal, partial or significant/);
    expect(mappingTypeMeaning(urls, 'acme_custom').claim).toMatch(/defines for itself/);
  });
});
