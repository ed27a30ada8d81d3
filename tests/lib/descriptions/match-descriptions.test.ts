import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilityKey } from '../../../src/lib/core/ids.ts';
import { readDescriptionFiles } from '../../../src/lib/descriptions/read-description-files.ts';
import { matchDescriptions, type MatchTarget } from '../../../src/lib/descriptions/match-descriptions.ts';
import { parseDescriptionFile } from '../../../src/lib/descriptions/description-files.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/descriptions');
const { entries } = await readDescriptionFiles([path.join(FIXTURES, 'mappings')], FIXTURES);

/** A capability as the model has it: its id, key and the spellings of the mapping files. */
function target(frameworkId: string, ...spellings: string[]): MatchTarget {
  return { id: `${frameworkId}:${capabilityKey(spellings[0]!)}`, frameworkId, key: capabilityKey(spellings[0]!), spellings };
}

const capabilities = [
  target('nist_800_53', 'AC-04', 'AC-4'),
  target('nist_800_53', 'SC-7'),
  target('csa_ccm', 'A&A-01'),
  target('csa_ccm', 'I&S-01'),
  target('gcp', 'cloudvpn'),
  target('gcp', 'cloud_vpn'),
  target('aws', 'aws_lighthouse'),
  target('m365', 'EOP-FOG-E3'),
  target('kev', 'CVE-2031-10001'),
  target('intel-vpro', 'intel-beacon'),
];
const groups = [target('csa_ccm', 'A&A'), target('csa_ccm', 'I&S')];
const matched = matchDescriptions(entries, { capabilities, groups }, { warnUnmatched: true });
const textsOf = (id: string) => matched.capabilities.get(id) ?? [];

describe('descriptions meet capabilities by the folding pages use', () => {
  it('"AC-4", "AC-04" and "AC-4 " describe the capability the mappings spell AC-04 and AC-4', () => {
    const texts = textsOf('nist_800_53:ac-4');
    expect(texts.map((t) => [t.text.slice(0, 20), t.sources.map((s) => [s.version, s.rawId])])).toEqual([
      ['Flow rules decide wh', [['rev5', 'AC-4']]],
      ['The keeper approves ', [['rev4', 'AC-4']]],
    ]);
    expect(textsOf('nist_800_53:sc-7').map((t) => t.sources[0]!.rawId)).toEqual(['SC-07', 'SC-7']);
  });

  it('an id spelled otherwise than every spelling of its capability is a warning, and still matches', () => {
    const only = matchDescriptions(entries, { capabilities: [target('nist_800_53', 'SC-7')] });
    expect(only.capabilities.get('nist_800_53:sc-7')).toHaveLength(2);
    expect(only.warnings.filter((w) => w.kind === 'description-id-respelled').map((w) => [w.found, w.pointer, w.action])).toEqual([
      ['"SC-07"', '/2/id', 'matched "SC-7", as the mappings write it'],
    ]);
  });

  it("CSA CCM's IVS-xx describes the mappings' I&S-xx, and the IVS group the I&S group, each with a warning", () => {
    expect(textsOf('csa_ccm:i&s-1').map((t) => t.text)).toEqual(['Keep the signal towers and their relays in good repair.']);
    expect(matched.groups.get('csa_ccm:i&s')!.map((t) => t.sources[0]!.rawId)).toEqual(['IVS']);
    expect(matched.warnings.filter((w) => w.kind === 'description-id-ccm-domain').map((w) => [w.found, w.action])).toEqual([
      ['"IVS-01"', 'matched "I&S-01" of the mappings (IVS read as I&S)'],
      ['"IVS"', 'matched "I&S" of the mappings (IVS read as I&S)'],
    ]);
  });

  it('Google Cloud ids spelled with other separators (cloud_vpn, CloudVPN, cloudvpn) meet, with a warning', () => {
    // The 2022 mappings write cloudvpn; the description file of 06.28.2022 writes the 2025 id cloud_vpn.
    expect(textsOf('gcp:cloudvpn').map((t) => t.sources.map((s) => `${s.file.split('/').pop()} ${s.rawId}`))).toEqual([
      ['gcp-06.28.2022_descriptions.json cloud_vpn'],
      ['CloudVPN.yaml CloudVPN'],
    ]);
    expect(textsOf('gcp:cloud-vpn').map((t) => t.sources.map((s) => s.rawId))).toEqual([['cloud_vpn'], ['CloudVPN']]);
    expect(matched.warnings.filter((w) => w.kind === 'description-id-separators').map((w) => [w.found, w.action])).toEqual([
      ['"CloudVPN"', 'matched "cloud_vpn" of the mappings (compared without separators)'],
      ['"cloud_vpn"', 'matched "cloudvpn" of the mappings (compared without separators)'],
    ]);
  });

  it("the separator rule is Google Cloud's only: other frameworks do not run words together", () => {
    const nist = parseDescriptionFile('nist-rev5_descriptions.json', JSON.stringify([{ id: 'AC4', description: 'Invented.' }]));
    const result = matchDescriptions(nist.entries, { capabilities: [target('nist_800_53', 'AC-4')] });
    expect(result.capabilities.size).toBe(0);
    expect(result.unmatched.map((e) => e.rawId)).toEqual(['AC4']);
  });

  it('YAML files match by name (AWS) or id (Microsoft 365), and name their line', () => {
    expect(textsOf('aws:aws-lighthouse')[0]!.sources[0]).toMatchObject({
      file: 'mappings/SecurityStack/AWS/AWSLighthouse.yaml',
      line: 10,
      attackVersion: '9.0',
    });
    expect(textsOf('m365:eop-fog-e3')[0]!.text).toMatch(/^Mail is checked for fog/);
  });

  it('two texts for one capability are both kept, each named; a KEV id listed twice shows both texts', () => {
    const kev = textsOf('kev:cve-2031-10001');
    expect(kev).toHaveLength(2);
    expect(kev.map((t) => t.sources.map((s) => `${s.file}${s.pointer}`))).toEqual([
      ['mappings/kev-07.28.2025_descriptions.json/0/description'],
      ['mappings/kev-07.28.2025_descriptions.json/2/description'],
    ]);
  });

  it('texts that read alike are one text naming every source', () => {
    const twin = parseDescriptionFile(
      'gcp-03.06.2025_descriptions.json',
      JSON.stringify([{ id: 'cloud_vpn', description: 'Cloud tunnels carry traffic between the harbour and the cloud.' }]),
    );
    const result = matchDescriptions([...entries, ...twin.entries], { capabilities: [target('gcp', 'cloud_vpn')] });
    const texts = result.capabilities.get('gcp:cloud-vpn')!;
    expect(texts.map((t) => t.sources.map((s) => s.version))).toEqual([['03/06/2025', '06/28/2022'], [null]]);
  });

  it('descriptions no capability takes are listed apart, and warned about on request', () => {
    expect(matched.unmatched.map((e) => `${e.framework}:${e.rawId}`)).toEqual(['gcp:web_shield', 'kev:CVE-2031-10002', 'kev:CVE-2031-10003']);
    expect(matched.warnings.filter((w) => w.kind === 'description-unmatched').map((w) => w.found)).toEqual([
      '"web_shield"',
      '"CVE-2031-10002"',
      '"CVE-2031-10003"',
    ]);
    expect(matchDescriptions(entries, { capabilities, groups }).warnings.some((w) => w.kind === 'description-unmatched')).toBe(false);
  });

  it('a description matches only its own framework', () => {
    const result = matchDescriptions(entries, { capabilities: [target('azure', 'AC-4')] });
    expect(result.capabilities.size).toBe(0);
  });
});
