import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexModel } from '../../../src/lib/model/model-index.ts';
import { runPipeline } from '../../../src/lib/ingest/pipeline.ts';
import { buildSearchDocuments } from '../../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, packComments, type SearchHit, type Searcher } from '../../../src/lib/search/searcher.ts';
import { createUrls } from '../../../src/lib/core/urls.ts';
import type { Model } from '../../../src/lib/model/schema.ts';
import { corpusModel } from '../../support/corpus.ts';
import { ROOT } from '../../support/paths.ts';

/** A searcher over a model, its index files going through JSON as in the browser. */
function searcherOf(model: Model): Searcher {
  const { entities, comments } = buildSearchDocuments(indexModel(model), createUrls('/'));
  return createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))), JSON.parse(JSON.stringify(packComments(comments, '/techniques/'))));
}

const label = (hit: SearchHit | undefined) => (hit ? `${hit.kind}:${hit.id}` : 'nothing');
const top = (hits: SearchHit[], n: number) => hits.slice(0, n).map(label);

let small: Searcher;
let full: Searcher;
beforeAll(async () => {
  small = searcherOf((await runPipeline([path.join(ROOT, 'data')])).model!);
  full = searcherOf(await corpusModel());
});

describe.each([
  ['the default data', () => small],
  ['the full-size corpus', () => full],
])('search quality on %s', (_name, searcher) => {
  it.each(['AC-4', 'ac-04', 'AC4', 'AC-4 ', 'ac 4'])('the id %j puts control AC-4 first', (query) => {
    const [first] = searcher().search(query);
    expect(label(first)).toBe('capability:AC-4');
    expect(first!.url).toBe('/frameworks/nist_800_53/capabilities/ac-4/');
  });

  it('"T1046" puts the technique first', () => {
    expect(label(searcher().search('T1046')[0])).toBe('technique:T1046');
    expect(label(searcher().search('t1046')[0])).toBe('technique:T1046');
  });

  it('"boundry protection" (a typo) finds SC-7 Boundary Protection first', () => {
    expect(label(searcher().search('boundry protection')[0])).toBe('capability:SC-7');
  });

  it('"sentinel" finds the Sentinel capability first', () => {
    const [first] = searcher().search('sentinel');
    expect(first!.kind).toBe('capability');
    expect(first!.name).toMatch(/Sentinel/);
    expect(first!.nameRanges).toEqual([[first!.name.indexOf('Sentinel'), first!.name.indexOf('Sentinel') + 8]]);
  });

  it.each(['cozy bear', 'Midnight Blizzard', 'APT29', 'G0016'])(
    'the ATT&CK group APT29 comes first for %j (name, alias or id), linking to its page',
    (query) => {
      const [first] = searcher().search(query);
      expect(label(first)).toBe('adversary:G0016');
      expect(first!.name).toBe('APT29');
      expect(first!.url).toBe('/groups/G0016/');
    },
  );

  it('"mimikatz" and "cobalt strike" find that ATT&CK software first; a campaign and a mitigation by name', () => {
    expect(
      searcher()
        .search('mimikatz')
        .slice(0, 1)
        .map((h) => [label(h), h.url]),
    ).toEqual([['software:S0002', '/software/S0002/']]);
    expect(
      searcher()
        .search('cobalt strike')
        .slice(0, 1)
        .map((h) => [label(h), h.url]),
    ).toEqual([['software:S0154', '/software/S0154/']]);
    expect(label(searcher().search('solarwinds compromise')[0])).toBe('campaign:C0024');
    expect(
      searcher()
        .search('M1030')
        .slice(0, 1)
        .map((h) => [label(h), h.url]),
    ).toEqual([['mitigation:M1030', '/mitigations/M1030/']]);
  });

  it('the kind filter keeps ATT&CK groups apart from software', () => {
    expect(label(searcher().search('cozy bear', { kinds: ['adversary'] })[0])).toBe('adversary:G0016');
    expect(
      searcher()
        .search('cozy bear', { kinds: ['software'] })
        .map(label),
    ).not.toContain('adversary:G0016');
  });

  it('a phrase from a mapping note finds the note, linking to the mapping row', () => {
    const hits = searcher().search('30 or more ports used within a 10 minute window');
    const [first] = hits;
    expect(first!.kind).toBe('comment');
    expect(first!.name).toMatch(/sentinel.* → T1046/i);
    expect(first!.url).toMatch(/^\/techniques\/T1046\/#[a-z0-9_.-]+-t1046-[0-9a-f]{6}$/);
    expect(first!.snippet!.text).toContain('30 or more ports used within a 10 minute window');
    const marked = first!.snippet!.ranges.map(([s, e]) => first!.snippet!.text.slice(s, e).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['ports', 'minute', 'window']));
  });

  it.each(['zzzzqqq', 'xylophone quartet', 'q', '   ', ''])('%j finds nothing', (query) => {
    expect(searcher().search(query)).toEqual([]);
  });
});

describe('search on the full-size corpus', () => {
  it('"T1059" puts the technique first and its sub-techniques next', () => {
    const hits = full.search('T1059');
    expect(top(hits, 5)).toEqual(['technique:T1059', 'technique:T1059.001', 'technique:T1059.002', 'technique:T1059.003', 'technique:T1059.004']);
  });

  it('"t1059.001" goes straight to that sub-technique', () => {
    expect(label(full.search('t1059.001')[0])).toBe('technique:T1059.001');
    expect(label(small.search('t1046.001')[0])).toBe('technique:T1046');
  });

  it('"acess enforcment" (two typos) finds AC-3 Access Enforcement first, its enhancements, then AC-4', () => {
    const capabilities = full.search('acess enforcment', { kinds: ['capability'] });
    expect(label(capabilities[0])).toBe('capability:AC-3');
    const ac4 = top(capabilities, 10).indexOf('capability:AC-4');
    expect(ac4).toBeGreaterThan(0);
    // Only AC-3 and its enhancements ("Access Enforcement | ...") rank above it.
    for (const hit of capabilities.slice(0, ac4)) expect(hit.name).toMatch(/^Access Enforcement/);
  });

  it('"GuardDuty finding types" finds the GuardDuty note on T1046', () => {
    const [first] = full.search('GuardDuty finding types');
    expect(first!.kind).toBe('comment');
    expect(first!.id).toBe('amazon_guardduty');
    expect(first!.url).toMatch(/^\/techniques\/T1046\/#amazon-guardduty-t1046-/);
  });

  it('"powershell" and "valid accounts" find those techniques first', () => {
    expect(label(full.search('powershell')[0])).toBe('technique:T1059.001');
    expect(full.search('valid accounts')[0]!.name).toBe('Valid Accounts');
  });

  it("an exact ATT&CK name puts that technique first, and a tactic's name the tactic, then its techniques", () => {
    expect(label(small.search('Phishing')[0])).toBe('technique:T1566');
    expect(label(small.search('network service scanning')[0])).toBe('technique:T1046');
    const hits = small.search('lateral movement', { limit: 50 });
    expect(label(hits[0])).toBe('tactic:TA0008');
    expect(hits[0]!.url).toBe('/tactics/TA0008/');
    // Techniques of the tactic are found by its name, though theirs do not say it.
    expect(hits.map(label)).toContain('technique:T1021');
    expect(small.search('discovery', { kinds: ['technique'] }).map(label)).toContain('technique:T1046');
  });

  it('filters by framework and by kind', () => {
    const aws = full.search('sentinel', { framework: 'aws' });
    expect(aws.every((h) => h.framework === 'aws')).toBe(true);
    const notes = full.search('T1046', { kinds: ['comment'] });
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((h) => h.kind === 'comment' && h.url.startsWith('/techniques/T1046/#'))).toBe(true);
  });

  it('answers from the entity index alone before the notes arrive, and with notes after', async () => {
    const { model } = await runPipeline([path.join(ROOT, 'data')]);
    const { entities, comments } = buildSearchDocuments(indexModel(model!), createUrls('/'));
    const searcher = createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))));
    expect(searcher.hasComments).toBe(false);
    expect(label(searcher.search('sentinel')[0])).toBe('capability:azure_sentinel');
    expect(searcher.search('30 or more ports').filter((h) => h.kind === 'comment')).toEqual([]);
    searcher.addComments(JSON.parse(JSON.stringify(packComments(comments, '/techniques/'))));
    expect(searcher.search('30 or more ports').filter((h) => h.kind === 'comment')).toHaveLength(1);
  });
});
