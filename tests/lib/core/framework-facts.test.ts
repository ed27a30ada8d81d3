import { describe, expect, it } from 'vitest';
import { FRAMEWORK_FACTS, frameworkFacts } from '../../../src/lib/core/framework-facts.ts';
import { FRAMEWORK_NAMES, FRAMEWORK_SHORT_NAMES } from '../../../src/lib/core/vocabulary.ts';

describe('framework facts', () => {
  it('know every framework of the public corpus, each with https links to its publisher and methodology', () => {
    expect(Object.keys(FRAMEWORK_FACTS).sort()).toEqual(Object.keys(FRAMEWORK_NAMES).sort());
    expect(Object.keys(FRAMEWORK_SHORT_NAMES).sort()).toEqual(Object.keys(FRAMEWORK_NAMES).sort());
    for (const facts of Object.values(FRAMEWORK_FACTS)) {
      expect(facts.publisherUrl).toMatch(/^https:\/\//);
      expect(facts.methodologyUrl).toMatch(/^https:\/\//);
      expect(facts.summary.length).toBeGreaterThan(40);
    }
  });

  it("link the mapping project's real methodology pages (those its site builder writes), and the scope pages it has", () => {
    const page = (id: string) => [frameworkFacts(id)?.methodologyUrl, frameworkFacts(id)?.scopeUrl];
    const at = (p: string) => `https://center-for-threat-informed-defense.github.io/mappings-explorer/about/methodology/${p}`;
    expect(page('nist_800_53')).toEqual([at('nist-methodology/'), at('nist-scope/')]);
    for (const id of ['aws', 'azure', 'gcp', 'm365', 'intel-vpro']) expect(page(id), id).toEqual([at('ssm-methodology/'), undefined]);
    expect(page('kev')).toEqual([at('cve-methodology/'), undefined]);
    expect(page('veris')).toEqual([at('veris-methodology/'), undefined]);
    expect(page('cri_profile')).toEqual([at(''), at('cri-profile-scope/')]);
    expect(page('csa_ccm')).toEqual([at(''), at('csa-ccm-scope/')]);
  });

  it('have nothing for a framework they do not know', () => {
    expect(frameworkFacts('acme')).toBeNull();
    expect(frameworkFacts('nist_800_53')?.groups).toHaveLength(20);
  });
});
