import { beforeAll, describe, expect, it } from 'vitest';
import { comparisonPageView, scoreLabel } from '../../../src/lib/views/comparison-page.ts';
import { siteComparisons, type StaticComparison } from '../../../src/lib/compare/site-comparisons.ts';
import { paginateComparison } from '../../../src/lib/compare/pagination.ts';
import type { CompareRow } from '../../../src/lib/compare/diff-sets.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import { indexModel, type ModelIndex } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { fixture } from '../../support/paths.ts';

const V1 = 'acme_shield-v1_attack-16.1-enterprise';
const V2 = 'acme_shield-v2_attack-17.1-enterprise';
const urls = createUrls('/');

let index: ModelIndex;
let compared: StaticComparison;
beforeAll(async () => {
  const result = await runPipeline([fixture('compare')]);
  index = indexModel(result.model!);
  compared = siteComparisons(index).get(V1, V2)!;
});

/** The same comparison split into pages of at most a few rows. */
const splitSmall = (c: StaticComparison): StaticComparison => {
  const pages = paginateComparison(c.comparison(), 1500);
  return { ...c, pages: () => pages };
};

describe('a comparison page on one page', () => {
  it('is titled by the framework and the two versions, and sums up what changed', () => {
    const view = comparisonPageView(index, urls, compared, 1);
    expect(view.title).toBe('acme_shield v1 @ 16.1 → v2 @ 17.1');
    expect(view.documentTitle).toBe('Compare acme_shield v1 @ 16.1 → v2 @ 17.1');
    expect(view.crumb).toBe('v1 @ 16.1 → v2 @ 17.1');
    expect(view.description).toMatch(/^What changed from .+ to .+: \+5 \/ -5 \/ ~1\.$/);
    expect(view.counts).toEqual({ added: 5, removed: 5, changed: 1 });
    expect(view.pages).toEqual([]);
    expect(view.overview).toBeNull();
    expect(view.next).toBeNull();
    expect(view.csv).toBeNull();
  });

  it('lists added and removed rows with links where the site has the page, and counts them', () => {
    const view = comparisonPageView(index, urls, compared, 1);
    const [added, removed] = view.sides;
    expect([added!.id, removed!.id]).toEqual(['added', 'removed']);
    expect(added!.rows).toHaveLength(5);
    expect(added!.countLabel).toBe('5');
    const linked = removed!.rows.find((r) => r.capabilityHref !== undefined)!;
    expect(linked.capabilityHref).toBe(urls.capability(index.capabilities.get(linked.row.capabilityId)!));
    expect(linked.techniqueHref).toBe(urls.technique(linked.row.techniqueId));
    expect(removed!.rows.find((r) => r.row.capabilityLabel === 'OLD-9')!.type).toBeTruthy();
  });

  it('gives one row per changed field, old and new', () => {
    const view = comparisonPageView(index, urls, compared, 1);
    expect(view.changed.countLabel).toBe('1');
    expect(view.changed.fields.map((f) => [f.row.capabilityLabel, f.field, f.label])).toEqual([
      ['AC-01', 'score_value', 'Score'],
      ['AC-01', 'comments', 'Notes'],
    ]);
  });

  it('flags revoked and renamed techniques, and suggests renamed capabilities', () => {
    const view = comparisonPageView(index, urls, compared, 1);
    const revoked = view.flags.find((f) => f.techniqueId === 'T1574.002')!;
    expect(revoked.revokedBy).toEqual({
      id: 'T1574.001',
      href: urls.technique('T1574.001'),
      sameDefence: '; DL-2: the same defence under a new id (the newer set maps T1574.001 to it)',
    });
    expect(view.flags.find((f) => f.techniqueId === 'T1574.001')).toMatchObject({
      kind: 'renamed',
      revokedBy: null,
      note: 'Renamed',
      oldName: 'DLL Search Order Hijacking',
      newName: 'DLL',
    });
    expect(view.flagCount).toBe(view.flags.length);
    expect(view.renames.map((r) => [r.from.label, r.to.label])).toEqual([['azure_sentinel', 'microsoft_sentinel']]);
    expect(view.renames[0]!.techniques).toMatch(/^\d+ of \d+ and \d+$/);
    expect(view.attackVersions).toEqual({ a: 'ATT&CK Enterprise 16.1', b: 'ATT&CK Enterprise 17.1' });
  });

  it('links its CSV download with its size', () => {
    const view = comparisonPageView(index, urls, compared, 1, { path: 'compare_a__b.csv', bytes: 1234 });
    expect(view.csv).toEqual({ href: '/downloads/compare_a__b.csv', bytes: 1234 });
  });
});

describe('a comparison spread over pages', () => {
  it('lists the pages, linking all but this one, and links the next', () => {
    const split = splitSmall(compared);
    const count = split.pages().length;
    expect(count).toBeGreaterThan(2);
    const first = comparisonPageView(index, urls, split, 1);
    expect(first.pages.map((p) => p.href)).toEqual([null, ...Array.from({ length: count - 1 }, (_, i) => urls.compare(V1, V2, i + 2))]);
    expect(first.next).toMatchObject({ href: urls.compare(V1, V2, 2) });
    const last = comparisonPageView(index, urls, split, count);
    expect(last.next).toBeNull();
    expect(last.documentTitle).toBe(`Compare acme_shield v1 @ 16.1 → v2 @ 17.1 (page ${count})`);
    expect(last.crumb).toBe(`v1 @ 16.1 → v2 @ 17.1 (page ${count})`);
    // Technique flags and renames are on page 1 only.
    expect(last.flags).toEqual([]);
    expect(last.renames).toEqual([]);
    expect(last.overview).toBeNull();
  });

  it("counts each page's rows against the totals", () => {
    const split = splitSmall(compared);
    const views = split.pages().map((p) => comparisonPageView(index, urls, split, p.number));
    expect(views.reduce((n, v) => n + v.sides[0]!.rows.length, 0)).toBe(5);
    const withAdded = views.find((v) => v.sides[0]!.rows.length > 0)!;
    expect(withAdded.sides[0]!.countLabel).toBe(`${withAdded.sides[0]!.rows.length} of 5 on this page`);
  });

  it("sums up, on page 1, each capability's differences with the page that lists them", () => {
    const split = splitSmall(compared);
    const view = comparisonPageView(index, urls, split, 1);
    const capabilities = view.overview!.capabilities!;
    expect(view.overview!.capabilityCount).toBe(capabilities.length);
    const total = capabilities.reduce((n, c) => n + c.added + c.removed + c.changed, 0);
    expect(total).toBe(5 + 5 + 1);
    expect(capabilities.some((c) => c.page === null)).toBe(true);
    const elsewhere = capabilities.find((c) => c.page !== null)!;
    expect(elsewhere.page!.label).toMatch(/^page \d+$/);
    expect(elsewhere.page!.href).toBe(urls.compare(V1, V2, Number(elsewhere.page!.label.slice(5))));
  });
});

describe('score labels', () => {
  const row = (scoreCategory: string | null, scoreValue: string | null) => ({ scoreCategory, scoreValue }) as CompareRow;
  it('say the category and the value, or the value alone, and nothing without either', () => {
    expect(scoreLabel(row('protect', 'significant'))).toBe('protect: significant');
    expect(scoreLabel(row('protect', null))).toMatch(/^protect.*not scored$/);
    expect(scoreLabel(row(null, 'minimal'))).toBe('minimal');
    expect(scoreLabel(row(null, null))).toBe('');
  });
});
