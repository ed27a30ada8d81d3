import { describe, expect, it } from 'vitest';
import { plural, possessive, shortUrl, wrapPoints } from '../../../src/lib/core/id-breaks.ts';

describe('text helpers', () => {
  it('offers wrap points in long ids only', () => {
    expect(wrapPoints('AC-4')).toEqual(['AC-4']);
    expect(wrapPoints('azure_network_traffic_analytics')).toEqual(['azure_', 'network_', 'traffic_', 'analytics']);
    expect(wrapPoints('action.hacking.variety.Scan network').join('')).toBe('action.hacking.variety.Scan network');
  });
  it('shortens long URLs to host and last segment, keeps short ones', () => {
    expect(shortUrl('https://docs.microsoft.com/en-us/azure/firewall/overview')).toBe('docs.microsoft.com/en-us/azure/firewall/overview');
    expect(shortUrl('https://docs.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview')).toBe(
      'docs.microsoft.com/…/network-security-groups-overview',
    );
  });
  it('pluralizes', () => {
    expect(plural(1, 'set')).toBe('1 set');
    expect(plural(2, 'set')).toBe('2 sets');
  });
  it('writes possessives with a curly apostrophe, a plural name taking it alone', () => {
    expect(possessive('Quiet Otters')).toBe('Quiet Otters’');
    expect(possessive('FIN7')).toBe('FIN7’s');
    expect(possessive('APT-TLS')).toBe('APT-TLS’s');
  });
});
