import { describe, expect, it } from 'vitest';
import { cveLinks, normalizeCveId, parseKevTitle } from '../../../src/lib/descriptions/kev.ts';

describe('CVE links', () => {
  it('link the CVE record, NVD and the CISA KEV catalog, from the id alone', () => {
    expect(cveLinks('CVE-2031-4966')).toEqual({
      id: 'CVE-2031-4966',
      cveRecord: 'https://www.cve.org/CVERecord?id=CVE-2031-4966',
      nvd: 'https://nvd.nist.gov/vuln/detail/CVE-2031-4966',
      kev: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=CVE-2031-4966',
    });
  });

  it('take the id in any case, with stray spaces, and keep long sequence numbers', () => {
    expect(cveLinks(' cve-2031-123456 ')?.nvd).toBe('https://nvd.nist.gov/vuln/detail/CVE-2031-123456');
    expect(normalizeCveId('CVE-2031-0001')).toBe('CVE-2031-0001');
  });

  it('are not made for what is not a CVE id', () => {
    for (const id of ['AC-4', 'CVE-31-1', 'CVE-2031-12', 'CVE-2031-1234"><script>', 'javascript:alert(1)', '']) expect(cveLinks(id), id).toBeNull();
  });
});

describe('the vendor and product a KEV title names', () => {
  it('splits "<vendor> <product> <weakness> Vulnerability"', () => {
    expect(parseKevTitle('Examplesoft Widget Server Authentication Bypass Vulnerability')).toEqual({
      vendor: 'Examplesoft',
      product: 'Widget Server',
      weakness: 'Authentication Bypass',
    });
    expect(parseKevTitle('Harbourware Gate Manager and Gate Portal Improper Input Validation Vulnerability')).toEqual({
      vendor: 'Harbourware',
      product: 'Gate Manager and Gate Portal',
      weakness: 'Improper Input Validation',
    });
    expect(parseKevTitle('Examplesoft Widget OS Command Injection Vulnerability')?.weakness).toBe('OS Command Injection');
    expect(parseKevTitle('Examplesoft Widget Remote Code Execution Vulnerability')).toEqual({
      vendor: 'Examplesoft',
      product: 'Widget',
      weakness: 'Remote Code Execution',
    });
  });

  it('knows vendors of several words', () => {
    expect(parseKevTitle('Palo Alto Networks Lantern-OS Path Traversal Vulnerability')).toEqual({
      vendor: 'Palo Alto Networks',
      product: 'Lantern-OS',
      weakness: 'Path Traversal',
    });
  });

  it('names a one-word subject as both vendor and product', () => {
    expect(parseKevTitle('Lanternly Use-After-Free Vulnerability')).toEqual({ vendor: 'Lanternly', product: 'Lanternly', weakness: 'Use-After-Free' });
  });

  it('reads the titles that are not quite in shape: stray spaces, a misspelling, no "Vulnerability", "Multiple"', () => {
    expect(parseKevTitle('  Examplesoft  Widget SQL Injection Vulnerablity ')).toEqual({ vendor: 'Examplesoft', product: 'Widget', weakness: 'SQL Injection' });
    expect(parseKevTitle('Examplesoft Widget Improper Access Control')).toEqual({
      vendor: 'Examplesoft',
      product: 'Widget',
      weakness: 'Improper Access Control',
    });
    expect(parseKevTitle('Multiple Examplesoft Products Code Injection Vulnerability')).toEqual({
      vendor: 'Examplesoft',
      product: 'Multiple Products',
      weakness: 'Code Injection',
    });
    expect(parseKevTitle('Examplesoft Server Side Request Forgery in Widget Console API')).toEqual({
      vendor: 'Examplesoft',
      product: 'Widget Console API',
      weakness: 'Server Side Request Forgery',
    });
  });

  it('gives nothing for a title whose weakness it cannot find', () => {
    expect(parseKevTitle('Examplesoft Widget Web Management Page Vulnerability')).toBeNull();
    expect(parseKevTitle('')).toBeNull();
  });
});
