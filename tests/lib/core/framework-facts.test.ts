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

  it('have nothing for a framework they do not know', () => {
    expect(frameworkFacts('acme')).toBeNull();
    expect(frameworkFacts('nist_800_53')?.groups).toHaveLength(20);
  });
});
