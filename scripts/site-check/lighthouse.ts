/**
 * A Lighthouse run (lighthouse 12.2.3, which supports Node 20) of one page, in the Debian
 * chromium: the four category scores and the audits that lost points.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from './chromium.ts';

export interface LighthouseScores {
  scores: Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number>;
  /** "category/audit: score title" for every weighted audit below 1. */
  losses: string[];
}

export async function runLighthouse(url: string, chromePath = chromiumPath()): Promise<LighthouseScores> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const losses: string[] = [];
    for (const category of Object.values(categories)) {
      for (const ref of category.auditRefs) {
        const audit = audits[ref.id];
        if (audit && ref.weight > 0 && audit.score !== null && audit.score < 1) losses.push(`${category.id}/${audit.id}: ${audit.score} ${audit.title}`);
      }
    }
    return {
      scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
      losses,
    };
  } finally {
    chrome.kill();
  }
}
