import { describe, expect, it } from 'vitest';
import { DATA_RULES, WARNING_KIND_IDS, WARNING_KINDS } from '../../../src/lib/ingest/rules/index.ts';
import { rejoinedUrl } from '../../../src/lib/ingest/rules/reference-rejoined.ts';
import { unwrappedUrl } from '../../../src/lib/ingest/rules/reference-unwrapped.ts';

// The data rules' registry: each warning kind is one rule's, listed (on /data-quality/, in the
// build summary) in the rules' order.

describe('the data rules', () => {
  it("own every warning kind, one rule each, listed in the rules' order", () => {
    expect(WARNING_KIND_IDS).toEqual([
      'reference-trimmed',
      'reference-split',
      'reference-rejoined',
      'reference-dropped',
      'reference-unwrapped',
      'reference-not-a-link',
      'score-missing',
      'related-score-unknown',
      'description-varies',
      'attack-version-inferred',
      'technique-unknown',
      'technique-revoked',
      'technique-deprecated',
      'stix-id-missing',
      'attack-version-unknown',
      'field-unknown',
      'set-field-differs',
      'set-metadata-differs',
      'framework-version-respelled',
      // The texts given with --descriptions (issue 21): their files' irregularities.
      'description-file-unreadable',
      'description-file-unrecognized',
      'description-framework-unknown',
      'description-list-empty',
      'description-entry-malformed',
      'description-id-blank',
      'description-not-available',
      'description-text-empty',
      'description-id-duplicate',
      'description-id-variant',
      'description-html-repaired',
      'description-id-respelled',
      'description-id-ccm-domain',
      'description-id-separators',
      'description-unmatched',
      'control-catalog-unreadable',
      'control-text-mended',
      'control-characters',
    ]);
    expect(DATA_RULES.flatMap((rule) => Object.keys(rule.kinds))).toEqual(WARNING_KIND_IDS);
    const techniques = DATA_RULES.find((rule) => rule.id === 'technique-status')!;
    expect(Object.keys(techniques.kinds)).toEqual(['technique-unknown', 'technique-revoked', 'technique-deprecated']);
    expect(WARNING_KINDS['reference-not-a-link']).toEqual({ title: 'References kept as plain text', expected: 'an http(s) URL' });
    expect(new Set(DATA_RULES.map((rule) => rule.id)).size).toBe(DATA_RULES.length);
    // A rule may give no warning: duplicates are listed as such, not warned about.
    expect(DATA_RULES.find((rule) => rule.id === 'duplicate-objects')!.kinds).toEqual({});
  });

  it('check kept rows and sets through the hooks the normalizer applies', () => {
    const hooks = (hook: 'checkEntry' | 'checkMapping' | 'checkSet') => DATA_RULES.filter((rule) => rule[hook]).map((rule) => rule.id);
    expect(hooks('checkEntry')).toEqual(['technique-status']);
    expect(hooks('checkMapping')).toEqual(['score-missing', 'related-score-unknown', 'stix-id-missing']);
    expect(hooks('checkSet')).toEqual(['attack-version-unknown']);
  });

  it('rejoin a URL split at a comma only onto a URL with a fragment, and unwrap only an https URL', () => {
    expect(rejoinedUrl('https://a.example/p#:~:text=one', 'two')).toBe('https://a.example/p#:~:text=one,two');
    expect(rejoinedUrl('https://a.example/p', 'two')).toBeNull();
    expect(rejoinedUrl('https://a.example/p#x', 'https://b.example/')).toBeNull();
    expect(unwrappedUrl('chrome-extension://abc/https://a.example/x.pdf')).toBe('https://a.example/x.pdf');
    expect(unwrappedUrl('chrome-extension://abc/http://a.example/x.pdf')).toBeNull();
  });
});
