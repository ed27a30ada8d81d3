import { describe, expect, it } from 'vitest';
import { parseQuery, phraseForms } from '../../../src/lib/search/query.ts';
import { SYNONYM_GROUPS } from '../../../src/lib/search/synonyms.ts';

const vocabulary = new Set(['brute', 'force', 'cloud', 'trail', 'cloudtrail', 'multi', 'factor', 'authentication', 'network', 'service']);
const known = (word: string) => vocabulary.has(word);
const alternativesOf = (query: string) => parseQuery(query, known).concepts.map((c) => c.alternatives.map((a) => a.join(' ')));

describe('query understanding', () => {
  it('reads an abbreviation as every form of its synonym group, and a spelled-out form as the abbreviation', () => {
    expect(alternativesOf('mfa')).toEqual([['mfa', '2fa', 'multi factor authentication', 'multifactor authentication', 'two factor authentication']]);
    expect(alternativesOf('Multi-Factor Authentication')[0]).toContain('mfa');
    expect(alternativesOf('c2')).toEqual([['c2', 'command and control']]);
    // The longest form wins: "privilege escalation" is one concept, not two words.
    expect(alternativesOf('privilege escalation bypass')).toEqual([['privilege escalation', 'privesc'], ['bypass']]);
  });

  it('joins two words a document writes as one, and splits one it writes as two', () => {
    expect(alternativesOf('cloud trail')).toEqual([['cloud trail', 'cloudtrail']]);
    expect(alternativesOf('bruteforce')).toEqual([['bruteforce', 'brute force']]);
    // Only when the documents know the words.
    expect(alternativesOf('network service')).toEqual([['network'], ['service']]);
    expect(alternativesOf('zebraforce')).toEqual([['zebraforce']]);
  });

  it('makes little words optional, unless the query is only those', () => {
    expect(parseQuery('exfiltration over the web', known).concepts.map((c) => c.optional)).toEqual([false, false, true, false]);
    expect(parseQuery('the', known).concepts.map((c) => c.optional)).toEqual([false]);
  });

  it("gives the query as whole phrases, stemmed, with each concept's alternatives", () => {
    expect(phraseForms(parseQuery('patching logs', known))).toEqual([['patch', 'log']]);
    expect(phraseForms(parseQuery('bruteforce', known))).toEqual([['bruteforc'], ['brute', 'forc']]);
  });

  it('keeps each synonym form in one group only', () => {
    const forms = SYNONYM_GROUPS.flat();
    expect(new Set(forms).size).toBe(forms.length);
    for (const form of forms) expect(form).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
  });
});
