import { describe, expect, inject, it } from 'vitest';
import { runLighthouse } from '../../scripts/site-check/lighthouse.ts';

describe('Lighthouse on the T1046 page', () => {
  it('scores 100 for performance, accessibility, best practices and SEO', async () => {
    // Served on 127.0.0.1 by the test server; Lighthouse treats localhost as a secure origin.
    const url = `${inject('siteUrl').replace('127.0.0.1', 'localhost')}techniques/T1046/`;
    const { scores, losses } = await runLighthouse(url);
    expect({ scores, losses: losses.filter((l) => !l.startsWith('performance/')) }).toEqual({
      scores: { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 },
      losses: [],
    });
  }, 120_000);
});
