/**
 * The coverage builder on a served full-size site, in Chromium: how much data it loads, and how
 * long a change of selection takes to show with 100 capabilities chosen from every framework
 * (recomputed, re-rendered and laid out; and up to the next painted frame), next to the same
 * change with 2 chosen; and the same change with a threat profile of 10 adversaries (coverage,
 * threat weights, the fix-next ranking and the matrix's four states recomputed).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { CoverageData } from '../../src/lib/coverage/coverage.ts';
import { chromiumPath } from '../site-check/chromium.ts';
import { summarize, type Timing } from './stats.ts';

export interface CoverageBench {
  dataBytes: number;
  dataGzip: number;
  capabilities: number;
  /** Click "remove" to the page recomputed, re-rendered and laid out, many chosen / two chosen. */
  change: Timing;
  reference: Timing;
  /** The same, up to the next frame painted (includes waiting for the display's next frame). */
  frame: Timing;
  /** The builder's own measure of compute and render (data-render-ms), many chosen. */
  script: Timing;
  /** The change with 10 adversaries chosen too: laid out, and the builder's own measure. */
  adversaries: string[];
  threat: Timing;
  threatScript: Timing;
}

/** The 10 groups with the most techniques (Enterprise), a heavy and deterministic threat profile. */
function heavyAdversaries(data: CoverageData, count = 10): string[] {
  const enterprise = data.domains.find((d) => d.domain === 'enterprise')?.threats;
  if (!enterprise) return [];
  return enterprise.adversaries
    .filter(([id]) => id.startsWith('G'))
    .sort((a, b) => b[3].length - a[3].length || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([id]) => id);
}

/** Every k-th capability that maps to something, `count` of them, as "framework:id" references. */
function spreadSelection(data: CoverageData, count: number): string[] {
  const mapped = data.capabilities.filter((c) => c[6].some(([, , pairs]) => pairs.length > 0));
  const step = Math.max(1, Math.floor(mapped.length / count));
  return mapped
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map(([f, id]) => `${data.frameworks[f]!.id}:${id}`);
}

export async function benchCoverage(siteUrl: string, dist: string, runs = 9): Promise<CoverageBench> {
  const raw = await readFile(path.join(dist, 'coverage/data.json'));
  const data = JSON.parse(raw.toString('utf8')) as CoverageData;
  const many = spreadSelection(data, 100);
  const few = many.slice(0, 2);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const measure = async (chosen: string[], threats: string[] = []) => {
      const query = [...chosen.map((c) => `c=${encodeURIComponent(c).replace(/%3A/g, ':')}`), ...threats.map((t) => `t=${t}`)].join('&');
      await page.goto(`${siteUrl}coverage/?${query}`);
      await page.waitForSelector('coverage-builder[data-render-ms]');
      // Removing the last chosen capability: recompute, re-render, lay out, next frame.
      return page.evaluate(async () => {
        // Let the first render be laid out and painted: the change is what is measured.
        for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const buttons = document.querySelectorAll<HTMLButtonElement>('.coverage-remove');
        const builder = document.querySelector<HTMLElement>('coverage-builder')!;
        const start = performance.now();
        buttons[buttons.length - 1]!.click();
        // Style and layout forced now: the page is re-rendered; then the next frame is painted.
        void document.body.offsetHeight;
        const laidOut = performance.now() - start;
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { change: laidOut, frame: performance.now() - start, script: Number(builder.dataset['renderMs']) };
      });
    };
    const adversaries = heavyAdversaries(data);
    await measure(many);
    const change: number[] = [];
    const frame: number[] = [];
    const script: number[] = [];
    const reference: number[] = [];
    const threat: number[] = [];
    const threatScript: number[] = [];
    for (let i = 0; i < runs; i++) {
      const result = await measure(many);
      change.push(result.change);
      frame.push(result.frame);
      script.push(result.script);
      reference.push((await measure(few)).change);
      if (adversaries.length) {
        const withThreats = await measure(many, adversaries);
        threat.push(withThreats.change);
        threatScript.push(withThreats.script);
      }
    }
    return {
      dataBytes: raw.length,
      dataGzip: gzipSync(raw).length,
      capabilities: many.length,
      change: summarize(change),
      frame: summarize(frame),
      reference: summarize(reference),
      script: summarize(script),
      adversaries,
      threat: summarize(threat.length ? threat : [0]),
      threatScript: summarize(threatScript.length ? threatScript : [0]),
    };
  } finally {
    await browser.close();
  }
}
