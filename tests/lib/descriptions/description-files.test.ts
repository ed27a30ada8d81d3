import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyDescriptionFile, parseDescriptionFile } from '../../../src/lib/descriptions/description-files.ts';
import { readDescriptionFiles } from '../../../src/lib/descriptions/read-description-files.ts';
import type { DescriptionWarning } from '../../../src/lib/descriptions/description-warnings.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/descriptions');
const inputs = await readDescriptionFiles([path.join(FIXTURES, 'mappings')], FIXTURES);

function warningsOf(kind: DescriptionWarning['kind']): DescriptionWarning[] {
  return inputs.warnings.filter((w) => w.kind === kind);
}

function entriesOf(file: string) {
  const found = inputs.files.find((f) => f.file === file);
  if (!found) throw new Error(`no file ${file} among ${inputs.files.map((f) => f.file).join(', ')}`);
  return found.entries;
}

describe('which framework a description file describes', () => {
  it('reads framework, version and kind from the file name', () => {
    expect(identifyDescriptionFile('m/NIST_800-53/nist-rev5_descriptions.json')).toEqual({ framework: 'nist_800_53', version: 'rev5', kind: 'capability' });
    expect(identifyDescriptionFile('nist-rev4_descriptions.json')).toEqual({ framework: 'nist_800_53', version: 'rev4', kind: 'capability' });
    expect(identifyDescriptionFile('x/gcp-06.28.2022_descriptions.json')).toEqual({ framework: 'gcp', version: '06/28/2022', kind: 'capability' });
    expect(identifyDescriptionFile('gcp-03.06.2025_descriptions.json').version).toBe('03/06/2025');
    expect(identifyDescriptionFile('intel-vpro-08.20.2024_descriptions.json')).toEqual({ framework: 'intel-vpro', version: '08/20/2024', kind: 'capability' });
    expect(identifyDescriptionFile('cri_profile-v2.1_descriptions.json')).toEqual({ framework: 'cri_profile', version: 'v2.1', kind: 'capability' });
    expect(identifyDescriptionFile('csa_ccm-4.1_group_descriptions.json')).toEqual({ framework: 'csa_ccm', version: '4.1', kind: 'group' });
  });

  it('falls back on the folders: M365/, SecurityStack/AWS/', () => {
    expect(identifyDescriptionFile('mappings/SecurityStack/M365/Foghorn.yaml')).toEqual({ framework: 'm365', version: null, kind: 'capability' });
    expect(identifyDescriptionFile('mappings/SecurityStack/AWS/X.yaml').framework).toBe('aws');
    expect(identifyDescriptionFile('elsewhere/notes.yaml').framework).toBeNull();
  });

  it('reads every shape in the fixture tree, each entry with its framework, version and place', () => {
    const nist5 = entriesOf('mappings/NIST_800-53/nist-rev5_descriptions.json');
    expect(nist5.map((e) => [e.framework, e.version, e.rawId, e.key])).toEqual([
      ['nist_800_53', 'rev5', 'AC-4', 'ac-4'],
      ['nist_800_53', 'rev5', 'SC-07', 'sc-7'],
    ]);
    expect(nist5[0]!.source).toEqual({ file: 'mappings/NIST_800-53/nist-rev5_descriptions.json', pointer: '/0/description' });

    const [aws] = entriesOf('mappings/SecurityStack/AWS/AWSLighthouse.yaml');
    expect(aws).toMatchObject({
      framework: 'aws',
      version: null,
      attackVersion: '9.0',
      rawId: 'AWS Lighthouse',
      idField: 'name',
      key: 'aws-lighthouse',
      format: 'text',
    });
    expect(aws!.text).toBe('AWS Lighthouse watches the shore and reports ships that come too close.');
    expect(aws!.source).toEqual({ file: 'mappings/SecurityStack/AWS/AWSLighthouse.yaml', pointer: '/description', line: 10 });

    const [m365] = entriesOf('mappings/SecurityStack/M365/Foghorn.yaml');
    expect(m365).toMatchObject({ framework: 'm365', rawId: 'EOP-FOG-E3', idField: 'id', name: 'Foghorn', key: 'eop-fog-e3' });
    expect(m365!.text).toBe('Mail is checked for fog before delivery. Foggy mail waits in the harbour until it clears.');

    const groups = entriesOf('mappings/csa_ccm/csa_ccm-4.1_group_descriptions.json');
    expect(groups.map((e) => [e.kind, e.rawId])).toEqual([
      ['group', 'A&A'],
      ['group', 'IVS'],
    ]);
  });
});

describe('irregular description files: each a warning, never a crash', () => {
  it('HTML in the NIST rev5 and Intel files renders as the safe subset; stripped styles are a warning', () => {
    const [ac4, sc7] = entriesOf('mappings/NIST_800-53/nist-rev5_descriptions.json');
    expect(ac4!.format).toBe('html');
    expect(ac4!.html).toBe(
      '<p>Flow rules decide which parcels may travel between the <q>harbour</q> and the <em>inland</em> depots; see <a href="https://controls.example.org/ac-3" rel="noreferrer">AC-03</a>.</p><p>Rules are <strong>reviewed</strong> by the keeper.</p>',
    );
    expect(ac4!.text).toBe(
      'Flow rules decide which parcels may travel between the harbour and the inland depots; see AC-03. Rules are reviewed by the keeper.',
    );
    expect(sc7!.html).toBe('<p>Boundary lanterns are lit at dusk.</p><p>Ask the lantern keeper.</p>');
    const repaired = warningsOf('description-html-repaired');
    expect(repaired).toHaveLength(1);
    expect(repaired[0]).toMatchObject({ file: 'mappings/NIST_800-53/nist-rev5_descriptions.json', pointer: '/2/description', field: 'description' });
    expect(repaired[0]!.found).toContain('style ×2');
    expect(repaired[0]!.found).toContain('span');
    expect(repaired[0]!.found).toContain('mailto:keeper@example.org');
    const [intel] = entriesOf('mappings/SecurityStack/INTEL_VPRO/intel-vpro-08.20.2024_descriptions.json');
    expect(intel!.html).toBe('<p>The beacon engine signs every boot of the <em>tower</em> firmware.</p>');
  });

  it('an id written AC-4 and AC-04 (or "AC-4 ") in one file is one id: the repeat is dropped, with a warning', () => {
    const variants = warningsOf('description-id-variant');
    expect(variants.map((w) => [w.file.split('/').pop(), w.pointer, w.found, w.action])).toEqual([
      ['nist-rev4_descriptions.json', '/2/id', '"AC-4 " after "AC-4"', 'dropped: the same text as at /0/description'],
      ['nist-rev5_descriptions.json', '/1/id', '"AC-04" after "AC-4"', 'dropped: the same text as at /0/description'],
    ]);
    expect(entriesOf('mappings/NIST_800-53/nist-rev4_descriptions.json').map((e) => e.rawId)).toEqual(['AC-4', 'SC-7']);
  });

  it('a KEV id listed twice with different text keeps both texts; listed twice alike, once', () => {
    const kev = entriesOf('mappings/kev-07.28.2025_descriptions.json');
    expect(kev.filter((e) => e.rawId === 'CVE-2031-10001').map((e) => e.source.pointer)).toEqual(['/0/description', '/2/description']);
    expect(kev.filter((e) => e.rawId === 'CVE-2031-10003')).toHaveLength(1);
    expect(warningsOf('description-id-duplicate').map((w) => [w.pointer, w.action.split(':')[0]])).toEqual([
      ['/2/id', 'kept both'],
      ['/4/id', 'dropped'],
    ]);
  });

  it('a plain KEV text with a <PLACEHOLDER> stays text, its paragraphs kept', () => {
    const entry = entriesOf('mappings/kev-07.28.2025_descriptions.json').find((e) => e.rawId === 'CVE-2031-10002')!;
    expect(entry.format).toBe('text');
    expect(entry.html).toBe(
      '<p>Set a unique &lt;YOUR_OWN_GATE_CODE&gt; in gate.conf:</p><p>GATE_CODE = &lt;YOUR_OWN_GATE_CODE&gt;</p><p>All gates must use their own code. Restart the gate afterwards.<br>Check the log.</p>',
    );
  });

  it('"Not Available" entries are skipped with a warning', () => {
    expect(warningsOf('description-not-available').map((w) => [w.file.split('/').pop(), w.pointer, w.found])).toEqual([
      ['csa_ccm-4.1_descriptions.json', '/1/id', '"Not Available"'],
    ]);
    expect(entriesOf('mappings/csa_ccm/csa_ccm-4.1_descriptions.json').map((e) => e.rawId)).toEqual(['A&A-01', 'IVS-01']);
  });

  it('blank and null ids are skipped with a warning naming the entry', () => {
    expect(warningsOf('description-id-blank').map((w) => [w.file.split('/').pop(), w.pointer, w.found])).toEqual([
      ['nist-rev5_descriptions.json', '/4/id', 'null'],
      ['csa_ccm-4.1_descriptions.json', '/2/id', '""'],
    ]);
  });

  it('an id with an empty description gets no text, with a warning', () => {
    expect(warningsOf('description-text-empty').map((w) => [w.pointer, w.found, w.action])).toEqual([
      ['/3/description', '""', 'skipped: SA-12 gets no text from this file'],
    ]);
  });

  it('an empty list is a warning on its file, and the file adds nothing', () => {
    expect(warningsOf('description-list-empty')).toEqual([
      expect.objectContaining({ file: 'mappings/KEV/kev-07.28.2025_descriptions.json', pointer: '', framework: 'kev', found: '[]' }),
    ]);
    expect(entriesOf('mappings/KEV/kev-07.28.2025_descriptions.json')).toEqual([]);
  });
});

describe('broken description files', () => {
  const broken = (name: string) => parseDescriptionFile(`broken/${name}`, '');
  it('say where they break and are skipped', async () => {
    const read = await readDescriptionFiles(
      ['nist-rev5_descriptions.json', 'Broken.yaml', 'cri_profile-v2.1_descriptions.json', 'notes.json', 'notes.yaml', 'kev-01.01.2031_descriptions.json'].map(
        (f) => path.join(FIXTURES, 'broken', f),
      ),
      FIXTURES,
    );
    expect(read.entries).toEqual([]);
    expect(read.warnings.map((w) => [w.file, w.kind, w.pointer, w.line ?? null, w.field])).toEqual([
      ['broken/nist-rev5_descriptions.json', 'description-file-unreadable', '', 3, '(file)'],
      ['broken/Broken.yaml', 'description-file-unreadable', '', 4, '(file)'],
      ['broken/cri_profile-v2.1_descriptions.json', 'description-file-unrecognized', '', null, '(file)'],
      ['broken/notes.json', 'description-framework-unknown', '', null, '(file)'],
      ['broken/notes.yaml', 'description-framework-unknown', '', null, 'platform'],
      ['broken/kev-01.01.2031_descriptions.json', 'description-entry-malformed', '/0/id', null, 'id'],
      ['broken/kev-01.01.2031_descriptions.json', 'description-entry-malformed', '/1', null, '(entry)'],
      ['broken/kev-01.01.2031_descriptions.json', 'description-entry-malformed', '/2/description', null, 'description'],
    ]);
    expect(read.warnings.every((w) => w.action.startsWith('skipped'))).toBe(true);
    expect(broken('empty.json').warnings.map((w) => w.kind)).toEqual(['description-file-unreadable']);
  });

  it('a list of CVE ids in a file named for nothing is taken as KEV', () => {
    const file = parseDescriptionFile('x/list.json', JSON.stringify([{ id: 'CVE-2031-0001', description: 'Invented.' }]));
    expect(file.framework).toBe('kev');
    expect(file.entries.map((e) => e.key)).toEqual(['cve-2031-0001']);
  });
});
