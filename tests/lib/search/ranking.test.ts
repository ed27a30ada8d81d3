import { describe, expect, it } from 'vitest';
import type { CommentDoc, EntityDoc } from '../../../src/lib/search/documents.ts';
import { buildEntityIndex, createSearcher, packComments, type SearchHit } from '../../../src/lib/search/searcher.ts';

// Hand-made documents (as buildSearchDocuments writes them), through JSON as in the browser.
function doc(kind: EntityDoc['kind'], id: string, name: string, extra: Partial<EntityDoc> = {}): EntityDoc {
  return {
    kind,
    id,
    name,
    aliases: [],
    context: '',
    framework: kind === 'technique' || kind === 'tactic' ? null : 'demo',
    versions: '',
    keys: [id.toLowerCase()],
    url: `/${kind}/${id}/`,
    mappings: 1,
    ...extra,
  };
}
function note(capability: string, technique: string, text: string): CommentDoc {
  return {
    kind: 'comment',
    capability,
    technique,
    techniqueName: null,
    title: `${capability} → ${technique}`,
    rowId: `${capability}-${technique}`,
    framework: 'demo',
    frameworkName: 'Demo',
    versions: '',
    text,
    url: `/techniques/${technique}/#${capability}-${technique}`,
  };
}
function searcher(entities: EntityDoc[], notes: CommentDoc[] = []) {
  return createSearcher(JSON.parse(JSON.stringify(buildEntityIndex(entities))), JSON.parse(JSON.stringify(packComments(notes, '/techniques/'))));
}
const ids = (hits: SearchHit[]) => hits.map((h) => h.id);

describe('ranking', () => {
  it('counts a word once per result, whatever the number of fields that repeat it', () => {
    const s = searcher([
      doc('capability', 'a.social.Phishing', 'Phishing lure', { aliases: ['A.Social.Phishing'], context: 'a.social phishing' }),
      doc('capability', 'b-1', 'Phishing lure'),
    ]);
    const [first, second] = s.search('phishing lure');
    expect(first!.score).toBe(second!.score);
  });

  it('puts a name that is the whole query first, then names starting with it, then names containing it', () => {
    const s = searcher([
      doc('capability', 'c-1', 'Password brute force tooling'),
      doc('capability', 'c-2', 'Brute force protection'),
      doc('capability', 'c-3', 'Brute Force'),
    ]);
    expect(ids(s.search('brute force'))).toEqual(['c-3', 'c-2', 'c-1']);
    // Typed mid-word, too.
    expect(ids(s.search('brute fo'))[0]).toBe('c-3');
  });

  it('ranks a name holding the words before a note holding them', () => {
    const s = searcher([doc('capability', 'nf', 'Network Firewall')], [note('other', 'T1001', 'A network firewall blocks the traffic.')]);
    expect(s.search('network firewall').map((h) => h.kind)).toEqual(['capability', 'comment']);
  });

  it('ranks a parent technique before its sub-techniques for its own name', () => {
    const s = searcher([doc('technique', 'T1999.001', 'Phishing Kits', { mappings: 50 }), doc('technique', 'T1999', 'Phishing', { mappings: 2 })]);
    expect(ids(s.search('phishing'))).toEqual(['T1999', 'T1999.001']);
  });

  it('of equally good results, puts the most mapped first', () => {
    const s = searcher([doc('technique', 'T0859', 'Valid Accounts', { mappings: 3 }), doc('technique', 'T1078', 'Valid Accounts', { mappings: 300 })]);
    expect(ids(s.search('valid accounts'))).toEqual(['T1078', 'T0859']);
    expect(ids(s.search('valid acc'))).toEqual(['T1078', 'T0859']);
  });

  it('finds words by their stem, compounds both ways, and abbreviations', () => {
    const s = searcher([
      doc('capability', 'pm', 'Patch Management'),
      doc('technique', 'T1110', 'Brute Force'),
      doc('capability', 'ct', 'AWS CloudTrail'),
      doc('capability', 'mfa-1', 'Multi-Factor Authentication'),
      doc('capability', 'other', 'Event Logging'),
    ]);
    expect(ids(s.search('patching'))[0]).toBe('pm');
    expect(ids(s.search('logs'))[0]).toBe('other');
    expect(ids(s.search('bruteforce'))[0]).toBe('T1110');
    expect(ids(s.search('cloud trail'))[0]).toBe('ct');
    expect(ids(s.search('mfa'))[0]).toBe('mfa-1');
    expect(ids(s.search('2fa'))[0]).toBe('mfa-1');
  });

  it('pins an exact id typed as an id, but not a plain word that happens to be an id', () => {
    const s = searcher([
      doc('group', 'encryption', 'Hardware - Encryption and Data Protection'),
      doc('capability', 'CEK-03', 'Encryption', { keys: ['cek.3'] }),
    ]);
    expect(ids(s.search('encryption'))).toEqual(['CEK-03', 'encryption']);
    const exact = s.search('cek-03')[0]!;
    expect([exact.id, exact.exact]).toEqual(['CEK-03', true]);
  });

  it('shows an entry listed under several groups once, with its variants; its own id opens the variant', () => {
    const s = searcher([
      doc('capability', 'action.hacking.result.Lateral movement', 'The hacking action moved on', {
        variants: [
          {
            id: 'action.malware.result.Lateral movement',
            context: 'VERIS · action.malware',
            url: '/malware-lm/',
            keys: ['action.malware.result.lateral.movement'],
          },
        ],
      }),
    ]);
    const [hit] = s.search('lateral movement');
    expect(hit!.variants).toEqual([{ id: 'action.malware.result.Lateral movement', context: 'VERIS · action.malware', url: '/malware-lm/' }]);
    const variant = s.search('action.malware.result.Lateral movement')[0]!;
    expect([variant.id, variant.url, variant.exact]).toEqual(['action.malware.result.Lateral movement', '/malware-lm/', true]);
    expect(variant.variants!.map((v) => v.id)).toEqual(['action.hacking.result.Lateral movement']);
  });
});
