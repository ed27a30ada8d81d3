import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { page, tableOf, text } from '../support/html.ts';

const { dist } = inject('defaultSite');
let doc: HTMLElement;
beforeAll(() => {
  doc = page(dist, '/techniques/T1046/');
});

const NIST_ROWS: [string, string][] = [
  ['AC-4', 'Information Flow Enforcement'],
  ['CA-7', 'Continuous Monitoring'],
  ['CM-2', 'Baseline Configuration'],
  ['CM-6', 'Configuration Settings'],
  ['CM-7', 'Least Functionality'],
  ['CM-8', 'System Component Inventory'],
  ['RA-5', 'Vulnerability Monitoring and Scanning'],
  ['SC-7', 'Boundary Protection'],
  ['SC-46', 'Cross Domain Policy Enforcement'],
  ['SI-3', 'Malicious Code Protection'],
  ['SI-4', 'System Monitoring'],
];

describe('the T1046 technique page', () => {
  it('names the technique with its current and earlier names, tactic and description', () => {
    expect(text(doc.querySelector('h1'))).toBe('T1046 Network Service Discovery');
    const facts = Object.fromEntries(doc.querySelectorAll('dl.facts dt').map((dt) => [text(dt), dt.nextElementSibling!]));
    // Its name in each run of ATT&CK versions, from the catalog.
    expect(facts['Names']!.querySelectorAll('li').map(text)).toEqual([
      'Network Service Scanning ATT&CK 8.2–10.1',
      'Network Service Discovery ATT&CK 12.1–18.1',
    ]);
    expect(text(facts['Tactic'])).toBe('Discovery TA0007');
    expect(facts['Tactic']!.querySelector('a')!.getAttribute('href')).toBe('/tactics/TA0007/');
    expect(facts['Platforms']!.querySelectorAll('li').map(text)).toEqual(['Containers', 'IaaS', 'Linux', 'Network Devices', 'Windows', 'macOS']);
    expect(text(facts['Mappings'])).toBe('17 from 2 frameworks in 2 sets');
    const description = doc.querySelectorAll('.description p').map(text);
    expect(description[0]).toMatch(/^Adversaries may attempt to get a listing of services running on remote hosts/);
    expect(description[1]).toMatch(/^Within cloud environments/);
    expect(doc.querySelector('title')!.text).toBe('T1046 Network Service Discovery · Mapscope');
  });

  it('links to MITRE ATT&CK as an external link', () => {
    const link = doc.querySelectorAll('a').find((a) => text(a) === 'View in MITRE ATT&CK®')!;
    expect(link.getAttribute('href')).toBe('https://attack.mitre.org/techniques/T1046/');
    // And pinned to the ATT&CK version its mappings use.
    const pinned = doc.querySelectorAll('a').find((a) => text(a) === 'as of ATT&CK v8')!;
    expect(pinned.getAttribute('href')).toBe('https://attack.mitre.org/versions/v8/techniques/T1046/');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('has a NIST table with the 11 controls in natural order and the control columns', () => {
    const table = tableOf(doc.querySelector('#table-nist_800_53')!);
    expect(table.headers).toEqual(['Capability ID', 'Capability Description', 'Mapping Type', 'Sets (version @ ATT&CK)', 'Link to row']);
    expect(table.rows.map((r) => [text(r.cells['Capability ID']), text(r.cells['Capability Description'])])).toEqual(NIST_ROWS);
    for (const row of table.rows) {
      expect(text(row.cells['Mapping Type'])).toBe('Protects');
      expect(text(row.cells['Sets (version @ ATT&CK)'])).toBe('rev5 @ 8.2');
      expect(row.cells['Capability ID']!.querySelector('a')!.getAttribute('href')).toMatch(/^\/frameworks\/nist_800_53\/capabilities\/[a-z0-9-]+\/$/);
    }
    expect(text(doc.querySelector('#table-nist_800_53 caption'))).toBe('NIST SP 800-53 capabilities mapped to T1046');
  });

  it('has an Azure table with categories, values, comments and reference links', () => {
    const table = tableOf(doc.querySelector('#table-azure')!);
    expect(table.headers).toEqual([
      'Capability ID',
      'Capability Description',
      'Mapping Type',
      'Category',
      'Value',
      'Sets (version @ ATT&CK)',
      'Notes',
      'Link to row',
    ]);
    const rows = table.rows.map((r) => ({
      id: text(r.cells['Capability ID']),
      category: text(r.cells['Category']),
      value: text(r.cells['Value']),
      refs: r.cells['Notes']!.querySelectorAll('ul.refs a').map((a) => a.getAttribute('href')),
      comment: text(r.cells['Notes']!.querySelector('.comments')),
    }));
    expect(rows.map((r) => [r.id, r.category, r.value])).toEqual([
      ['azure_firewall', 'Protect', 'Partial'],
      ['azure_network_traffic_analytics', 'Detect', 'Significant'],
      ['azure_sentinel', 'Detect', 'Partial'],
      ['azure_web_application_firewall', 'Protect', 'Partial'],
      ['azure_web_application_firewall', 'Detect', 'Partial'],
      ['network_security_groups', 'Protect', 'Partial'],
    ]);
    const sentinel = rows.find((r) => r.id === 'azure_sentinel')!;
    expect(sentinel.comment).toContain('30 or more ports used within a 10 minute window');
    expect(sentinel.refs).toEqual(['https://docs.microsoft.com/en-us/azure/sentinel/overview', 'https://docs.microsoft.com/en-us/azure/sentinel/hunting']);
    expect(rows.find((r) => r.id === 'network_security_groups')!.refs).toEqual([
      'https://docs.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview',
      'https://docs.microsoft.com/en-us/azure/virtual-network/network-security-group-how-it-works',
      'https://docs.microsoft.com/en-us/azure/security-center/security-center-adaptive-network-hardening',
    ]);
    expect(rows.find((r) => r.id === 'azure_network_traffic_analytics')!.comment).toBe('This control can detect network service scanning/discovery activity.');
    for (const link of doc.querySelectorAll('#table-azure ul.refs a')) expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('gives every row a stable id and a link to it', () => {
    const rows = doc.querySelectorAll('tbody tr[id]').filter((tr) => tr.querySelector('td.link > a'));
    expect(rows).toHaveLength(17);
    for (const row of rows) {
      const id = row.getAttribute('id')!;
      expect(id).toMatch(/^[a-z0-9._-]+-t1046-[0-9a-f]{6}$/);
      expect(row.querySelector('td.link > a')!.getAttribute('href')).toBe(`#${id}`);
    }
    expect(new Set(rows.map((r) => r.getAttribute('id'))).size).toBe(17);
  });

  it('offers one anchor per set to narrow the page', () => {
    const filters = doc.querySelectorAll('.set-filter li[id]');
    expect(filters.map((li) => li.getAttribute('id'))).toEqual(['set-azure-06.29.2021_attack-8.2-enterprise', 'set-nist_800_53-rev5_attack-8.2-enterprise']);
    for (const li of filters) expect(li.querySelector('a')!.getAttribute('href')).toBe(`#${li.getAttribute('id')}`);
    // The set and its count read apart ("@ 8.2 (6)", not "@ 8.2(6)").
    for (const li of filters) expect(li.textContent).toMatch(/\S \(\d+\)$/);
    expect(doc.querySelector('link[href="/set-filter.css"]')).not.toBeNull();
  });

  it('uses semantic tables: captions and scoped headers', () => {
    for (const table of doc.querySelectorAll('table')) {
      expect(table.querySelector('caption')).not.toBeNull();
      for (const th of table.querySelectorAll('th')) expect(['col', 'row']).toContain(th.getAttribute('scope'));
    }
  });
});
